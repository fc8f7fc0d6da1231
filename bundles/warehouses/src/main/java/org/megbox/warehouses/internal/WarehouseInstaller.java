package org.megbox.warehouses.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, updates and removes warehouse bundles: the one lane that REST ({@code /warehouses}), the
 * {@code deploy/} drop folder ({@link DropFolderWatcher}) and Gogo ({@code megbox:install}) all use, one
 * operation at a time.
 *
 * <p>Every jar is checked before the framework is touched: {@link JarInspector} (a bundle with the
 * {@value JarInspector#HEADER} header and a valid descriptor), then against the box (its symbolic name is
 * not a core bundle's, its alg_type is not provided by another warehouse bundle, every mandatory
 * {@code Import-Package} is exported by a resolved bundle). Only then is it written to the drop folder
 * (temporary file + atomic move), installed or updated, resolved and started; if it does not resolve or
 * start, or the extender does not serve it, everything is rolled back.
 *
 * <p>The drop folder is the persistent truth: warehouse bundles have location {@code file:} + the
 * absolute path of their jar under {@code deploy/}, so a restart, the watcher and REST agree on which
 * file belongs to which bundle. A REST/Gogo install of a new symbolic name writes
 * {@code deploy/<symbolicName>.jar}; an update rewrites the file the bundle was installed from.
 *
 * <p>We deliberately do not use Apache Felix FileInstall for warehouses: it installs whatever jar
 * appears, with no validation of the descriptor, no alg_type check and no rollback of a failed update,
 * and it would be a second writer beside the REST installer. Our watcher calls this class instead.
 */
@Component(service = WarehouseInstaller.class)
public final class WarehouseInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseInstaller.class);

    /** Framework property set by the launcher: absolute drop folder. */
    static final String PROP_DEPLOY = "megbox.deploy";
    /** Framework property set by the launcher: absolute data folder (deploy/ is under it). */
    static final String PROP_DATA = "megbox.data";
    static final String STATE_FILE = "deploy-state.properties";
    /** A file whose size and mtime did not change for one poll, or last changed this long ago, is complete. */
    static final long SETTLE_MILLIS = 1000;
    private static final long REFRESH_WAIT_SECONDS = 30;

    private final BundleContext context;
    private final WarehouseExtender extender;
    private final Path deployDir;
    private final BundleInventory inventory;
    private final ReentrantLock lane = new ReentrantLock();
    /** Guarded by {@link #lane}. */
    private final DeployState state;
    /** Guarded by {@link #lane}: drop-folder files seen changing at the last poll. */
    private final Map<Path, Fingerprint> pending = new HashMap<>();
    /** Guarded by {@link #lane}: drop-folder files refused, so each version of a bad file is logged once. */
    private final Map<Path, Fingerprint> refused = new HashMap<>();

    @Activate
    public WarehouseInstaller(BundleContext context, @Reference WarehouseExtender extender) throws IOException {
        this.context = context;
        this.extender = extender;
        this.deployDir = deployDir(context);
        Files.createDirectories(deployDir);
        this.inventory = new BundleInventory(context, extender, deployDir);
        java.io.File data = context.getDataFile(STATE_FILE);
        this.state = new DeployState(data == null ? null : data.toPath());
        LOG.info("warehouse drop folder {}", deployDir);
    }

    static Path deployDir(BundleContext context) {
        String deploy = context.getProperty(PROP_DEPLOY);
        if (deploy != null && !deploy.isBlank()) {
            return Path.of(deploy).toAbsolutePath().normalize();
        }
        String data = context.getProperty(PROP_DATA);
        return Path.of(data != null && !data.isBlank() ? data : "data", "deploy").toAbsolutePath().normalize();
    }

    public Path deployDir() {
        return deployDir;
    }

    // ------------------------------------------------------------------ REST and Gogo

    /**
     * Installs a warehouse jar, or updates the installed bundle of the same symbolic name.
     *
     * @param content the jar's bytes
     * @param mustExist true for an explicit update: refused when no bundle of that name is installed
     * @return the warehouse as installed
     * @throws RejectedException with the reason; the box is left as it was
     */
    public WarehouseInfo install(byte[] content, boolean mustExist) throws RejectedException, IOException {
        lane.lock();
        try {
            Path staged = stage(content);
            try {
                return inventory.info(installStaged(staged, mustExist));
            } finally {
                Files.deleteIfExists(staged);
            }
        } finally {
            lane.unlock();
        }
    }

    /** {@link #install(byte[], boolean)} from a file anywhere on disk (Gogo). */
    public WarehouseInfo install(Path jar, boolean mustExist) throws RejectedException, IOException {
        if (!Files.isRegularFile(jar)) {
            throw new RejectedException("no such file: " + jar);
        }
        lane.lock();
        try {
            Path staged = deployDir.resolve(".upload-" + UUID.randomUUID() + ".part");
            Files.copy(jar, staged);
            try {
                return inventory.info(installStaged(staged, mustExist));
            } finally {
                Files.deleteIfExists(staged);
            }
        } finally {
            lane.unlock();
        }
    }

    /**
     * Uninstalls the warehouse bundle {@code symbolicName} and deletes its jar from the drop folder.
     *
     * @throws NoSuchWarehouseException when no bundle has that name
     * @throws RejectedException when the bundle is not a warehouse (core bundles are never removed here)
     */
    public void uninstall(String symbolicName) throws NoSuchWarehouseException, RejectedException {
        lane.lock();
        try {
            Bundle b = inventory.bySymbolicName(symbolicName).orElseThrow(() -> new NoSuchWarehouseException(symbolicName));
            if (!BundleInventory.isWarehouse(b)) {
                throw new RejectedException(symbolicName + " is not a warehouse bundle (no " + JarInspector.HEADER
                        + " header); only warehouses can be removed");
            }
            remove(b, "uninstalled on request", true);
        } finally {
            lane.unlock();
        }
    }

    /** Every warehouse bundle (any state), sorted by alg_type then symbolic name. */
    public List<WarehouseInfo> list() {
        List<WarehouseInfo> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (BundleInventory.isWarehouse(b)) {
                out.add(inventory.info(b));
            }
        }
        out.sort(Comparator.comparing((WarehouseInfo w) -> w.algTypes().isEmpty() ? Integer.MAX_VALUE : w.algTypes().get(0))
                .thenComparing(WarehouseInfo::symbolicName));
        return out;
    }

    public Optional<WarehouseInfo> find(String symbolicName) {
        return inventory.bySymbolicName(symbolicName).filter(BundleInventory::isWarehouse).map(inventory::info);
    }

    // ------------------------------------------------------------------ drop folder

    /**
     * Brings the installed warehouse bundles in line with {@code deploy/}: a jar not installed yet is
     * installed, a jar whose content changed updates its bundle, a bundle whose jar is gone is uninstalled.
     * A jar is acted on once complete: its zip central directory reads (a copy writes it last), or it
     * did not change since the previous poll, or it was last written {@value #SETTLE_MILLIS} ms ago. A refused jar stays where it is and is logged once per version; the
     * bundle it meant to update keeps running. Never throws for a single bad file.
     */
    public void reconcile() {
        reconcile(false);
    }

    /**
     * The part of {@link #reconcile()} that needs no package refresh: installs the jars not installed yet.
     * The watcher runs it on activation, on the framework's start-level thread, so that the warehouses
     * present in {@code deploy/} start with the box (before it reports itself started); updates and
     * removals wait for the watcher's own thread.
     */
    public void installNewJars() {
        reconcile(true);
    }

    private void reconcile(boolean newJarsOnly) {
        lane.lock();
        try {
            List<Path> files = jars();
            Map<Path, Bundle> managed = inventory.managedBundles();
            for (Map.Entry<Path, Bundle> e : managed.entrySet()) {
                if (!newJarsOnly && !files.contains(e.getKey())) {
                    remove(e.getValue(), "its jar was deleted from " + deployDir, false);
                }
            }
            for (Path file : files) {
                if (newJarsOnly && managed.containsKey(file)) {
                    continue;
                }
                try {
                    sync(file, managed.get(file));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("drop folder: cannot process {}: {}", file.getFileName(), e.toString());
                }
            }
            pending.keySet().retainAll(files);
            refused.keySet().retainAll(files);
            Set<String> keep = new HashSet<>();
            for (Bundle b : context.getBundles()) {
                keep.add(b.getLocation());
            }
            state.retain(keep);
        } finally {
            lane.unlock();
        }
    }

    private void sync(Path file, Bundle bundle) throws IOException {
        String location = BundleInventory.location(file);
        Fingerprint quick = Fingerprint.quick(file);
        Fingerprint recorded = state.get(location);
        if (bundle != null && quick.sameQuick(recorded)) {
            pending.remove(file);
            return;
        }
        if (quick.sameQuick(refused.get(file))) {
            return;
        }
        if (!quick.sameQuick(pending.get(file))
                && System.currentTimeMillis() - quick.modifiedMillis() < SETTLE_MILLIS
                && !JarInspector.isCompleteZip(file)) {
            pending.put(file, quick); // still being written: look again at the next poll
            return;
        }
        pending.remove(file);
        Fingerprint full = quick.withHash(Fingerprint.sha256(file));
        if (bundle != null && recorded != null && recorded.sha256().equals(full.sha256())) {
            state.put(location, full); // touched, same content
            return;
        }
        try {
            InspectedJar jar = JarInspector.inspect(file);
            Bundle b = bundle == null ? installFromDropFolder(file, jar) : updateFromDropFolder(bundle, file, jar);
            state.put(location, full);
            refused.remove(file);
            LOG.info("drop folder: {} {} {} from {}", bundle == null ? "installed" : "updated", b.getSymbolicName(),
                    b.getVersion(), file.getFileName());
        } catch (RejectedException e) {
            refused.put(file, quick);
            LOG.warn("drop folder: refused {}: {}", file.getFileName(), e.getMessage());
        }
    }

    private Bundle installFromDropFolder(Path file, InspectedJar jar) throws RejectedException {
        Optional<Bundle> other = inventory.bySymbolicName(jar.symbolicName());
        if (other.isPresent()) {
            throw new RejectedException(jar.symbolicName() + " is already installed from " + other.get().getLocation()
                    + "; replace that file instead of adding another");
        }
        preflight(jar, null);
        return installNew(file, () -> {
        });
    }

    private Bundle updateFromDropFolder(Bundle bundle, Path file, InspectedJar jar) throws RejectedException {
        if (!jar.symbolicName().equals(bundle.getSymbolicName())) {
            throw new RejectedException("the jar now has Bundle-SymbolicName " + jar.symbolicName() + " instead of "
                    + bundle.getSymbolicName() + "; delete it and drop the new jar under another name");
        }
        preflight(jar, bundle);
        // the previous bytes are gone (the file was replaced): a failed update cannot be undone here
        return update(bundle, file, null);
    }

    // ------------------------------------------------------------------ the lane's steps

    private Path stage(byte[] content) throws IOException {
        Files.createDirectories(deployDir);
        // hidden name: the watcher ignores it
        Path staged = deployDir.resolve(".upload-" + UUID.randomUUID() + ".part");
        Files.write(staged, content);
        return staged;
    }

    private Bundle installStaged(Path staged, boolean mustExist) throws RejectedException, IOException {
        InspectedJar jar = JarInspector.inspect(staged);
        Optional<Bundle> existing = inventory.bySymbolicName(jar.symbolicName());
        if (mustExist && existing.isEmpty()) {
            throw new RejectedException("no warehouse " + jar.symbolicName() + " is installed to update");
        }
        preflight(jar, existing.orElse(null));
        if (existing.isEmpty()) {
            Path target = deployDir.resolve(jar.symbolicName() + ".jar");
            Bundle occupant = context.getBundle(BundleInventory.location(target));
            if (occupant != null) {
                throw new RejectedException(deployDir.relativize(target) + " is in use by "
                        + occupant.getSymbolicName());
            }
            move(staged, target);
            String location = BundleInventory.location(target);
            state.put(location, Fingerprint.full(target));
            refused.remove(target);
            Bundle b = installNew(target, () -> {
                state.remove(location);
                deleteQuietly(target);
            });
            LOG.info("installed warehouse {} {} into {}", b.getSymbolicName(), b.getVersion(), target);
            return b;
        }
        Bundle b = existing.get();
        Path file = inventory.fileOf(b.getLocation());
        if (file == null) {
            // installed by someone else, outside the drop folder: updated in place, from the new bytes
            update(b, staged, null);
            LOG.info("updated warehouse {} {} in place ({})", b.getSymbolicName(), b.getVersion(), b.getLocation());
            return b;
        }
        byte[] previous = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        move(staged, file);
        state.put(b.getLocation(), Fingerprint.full(file));
        refused.remove(file);
        update(b, file, previous);
        LOG.info("updated warehouse {} to {} ({})", b.getSymbolicName(), b.getVersion(), file);
        return b;
    }

    /** The checks against the box, before anything is changed. */
    private void preflight(InspectedJar jar, Bundle existing) throws RejectedException {
        if (existing != null && !BundleInventory.isWarehouse(existing)) {
            throw new RejectedException("Bundle-SymbolicName " + jar.symbolicName()
                    + " belongs to a core bundle of the box, not to a warehouse");
        }
        int algType = jar.descriptor().algType();
        for (Bundle other : context.getBundles()) {
            if (other == existing || other.getState() == Bundle.UNINSTALLED || !BundleInventory.isWarehouse(other)
                    || jar.symbolicName().equals(other.getSymbolicName())) {
                continue;
            }
            Optional<WarehouseDescriptor> d = BundleInventory.descriptor(other);
            if (d.isPresent() && d.get().algType() == algType) {
                throw new RejectedException("alg_type " + algType + " already provided by " + other.getSymbolicName());
            }
        }
        List<String> missing = inventory.missingImports(jar);
        if (!missing.isEmpty()) {
            throw new RejectedException("unresolved Import-Package: " + String.join(", ", missing));
        }
    }

    private Bundle installNew(Path file, Runnable undo) throws RejectedException {
        Bundle b;
        try (InputStream in = Files.newInputStream(file)) {
            b = context.installBundle(BundleInventory.location(file), in);
        } catch (BundleException | IOException | RuntimeException e) {
            undo.run();
            throw new RejectedException("install failed: " + e.getMessage());
        }
        try {
            activate(b);
            return b;
        } catch (RejectedException e) {
            try {
                b.uninstall();
            } catch (BundleException | RuntimeException ex) {
                LOG.warn("rollback: cannot uninstall {}: {}", b.getSymbolicName(), ex.getMessage());
            }
            refresh(b);
            undo.run();
            throw e;
        }
    }

    /**
     * Stops {@code b}, updates it from {@code file}, drops the old revision and starts it again. On failure
     * with {@code previous} bytes, writes them back to {@code file} and updates the bundle back to them.
     */
    private Bundle update(Bundle b, Path file, byte[] previous) throws RejectedException {
        try {
            stop(b);
            try (InputStream in = Files.newInputStream(file)) {
                b.update(in);
            }
            refresh(b);
            activate(b);
            return b;
        } catch (RejectedException | BundleException | IOException | RuntimeException e) {
            String reason = e instanceof RejectedException ? e.getMessage() : "update failed: " + e.getMessage();
            if (previous != null) {
                restore(b, file, previous);
            }
            throw new RejectedException(reason);
        }
    }

    private void restore(Bundle b, Path file, byte[] previous) {
        try {
            Path tmp = deployDir.resolve(".restore-" + UUID.randomUUID() + ".part");
            Files.write(tmp, previous);
            move(tmp, file);
            state.put(b.getLocation(), Fingerprint.full(file));
            stop(b);
            b.update(new ByteArrayInputStream(previous));
            refresh(b);
            activate(b);
            LOG.info("rollback: {} restored to {}", b.getSymbolicName(), b.getVersion());
        } catch (RejectedException | BundleException | IOException | RuntimeException e) {
            LOG.error("rollback of {} failed: {}", b.getSymbolicName(), e.getMessage());
        }
    }

    /** Resolves and starts {@code b}; once its start level is reached, it must be served by the extender. */
    private void activate(Bundle b) throws RejectedException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        if (!wiring.resolveBundles(List.of(b))) {
            throw new RejectedException("does not resolve: " + resolutionProblem(b));
        }
        try {
            b.start();
        } catch (BundleException e) {
            throw new RejectedException("does not start: " + e.getMessage());
        }
        if (b.getState() == Bundle.ACTIVE && !extender.serves(b)) {
            throw new RejectedException(extender.problem(b).orElse("no Warehouse service was registered for it"));
        }
        // not ACTIVE yet: its start level is not reached (the box is starting), it starts with it
    }

    /** The resolver's own words, obtained by a transient start attempt. */
    private static String resolutionProblem(Bundle b) {
        try {
            b.start(Bundle.START_TRANSIENT);
            b.stop(Bundle.STOP_TRANSIENT);
            return "unresolved requirements";
        } catch (BundleException | RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * Uninstalls {@code b}. {@code deleteJar} is false when the operator deleted the jar: a file at that
     * path by now is a new one dropped meanwhile (during the refresh) and must be installed, not deleted.
     */
    private void remove(Bundle b, String why, boolean deleteJar) {
        String name = b.getSymbolicName() + " " + b.getVersion();
        String location = b.getLocation();
        try {
            b.uninstall();
        } catch (BundleException | RuntimeException e) {
            LOG.warn("cannot uninstall {}: {}", name, e.getMessage());
            return;
        }
        refresh(b);
        Path file = inventory.fileOf(location);
        if (file != null) {
            if (deleteJar) {
                deleteQuietly(file);
            }
            pending.remove(file);
            refused.remove(file);
        }
        state.remove(location);
        LOG.info("warehouse {} removed: {}", name, why);
    }

    private static void stop(Bundle b) throws BundleException {
        if ((b.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
            b.stop();
        }
    }

    /** Drops old revisions of {@code b} (after an update or uninstall) and waits for that to finish. */
    private void refresh(Bundle b) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(b), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(REFRESH_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("refresh of {} did not finish within {} s", b.getSymbolicName(), REFRESH_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code deploy/*.jar}, without hidden (temporary) files. */
    private List<Path> jars() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(deployDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(deployDir, "*.jar")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) {
                    out.add(p.toAbsolutePath().normalize());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", deployDir, e.toString());
        }
        out.sort(null);
        return out;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.toString());
        }
    }
}
