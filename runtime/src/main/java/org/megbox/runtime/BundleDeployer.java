package org.megbox.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Brings the framework's core bundles in line with the distribution's {@code bundles/<startlevel>/}
 * folders.
 *
 * <ul>
 *   <li>a jar not installed yet is installed by location {@code file:<absolute path>};</li>
 *   <li>an installed jar whose content changed (size + mtime, then SHA-256) is updated;</li>
 *   <li>a bundle this launcher installed earlier (recorded in {@code <felix>/megbox-bundles.properties},
 *       or located under the current {@code bundles/} folder) whose jar is gone is uninstalled;</li>
 *   <li>each bundle gets its folder's start level and is marked started (fragments are not).</li>
 * </ul>
 * Bundles located under the data folder's {@code deploy/} are warehouse bundles managed by another
 * bundle: they are never touched here.
 */
final class BundleDeployer {

    static final String STATE_FILE = "megbox-bundles.properties";

    /** What one {@link #deploy()} did. */
    record Result(int installed, int updated, int uninstalled, int unchanged) {
        @Override
        public String toString() {
            return "installed " + installed + ", updated " + updated + ", uninstalled " + uninstalled
                    + ", unchanged " + unchanged;
        }
    }

    /** A jar of the distribution and the start level of its folder. */
    record Artifact(Path jar, int startLevel) {
        String location() {
            return locationOf(jar);
        }
    }

    private final BundleContext context;
    private final Path bundlesDir;
    private final Path deployDir;
    private final Path stateFile;

    BundleDeployer(BundleContext context, Path bundlesDir, Path deployDir, Path stateFile) {
        this.context = context;
        this.bundlesDir = bundlesDir.toAbsolutePath().normalize();
        this.deployDir = deployDir.toAbsolutePath().normalize();
        this.stateFile = stateFile;
    }

    static String locationOf(Path jar) {
        return "file:" + jar.toAbsolutePath().normalize();
    }

    /**
     * Lists {@code bundlesDir/<n>/*.jar}, keyed by location, in start-level then file-name order.
     * Folders whose name is not a positive number are ignored.
     */
    static Map<String, Artifact> scan(Path bundlesDir) throws IOException {
        TreeMap<Integer, List<Path>> byLevel = new TreeMap<>();
        if (Files.isDirectory(bundlesDir)) {
            try (DirectoryStream<Path> levels = Files.newDirectoryStream(bundlesDir, Files::isDirectory)) {
                for (Path dir : levels) {
                    int level;
                    try {
                        level = Integer.parseInt(dir.getFileName().toString());
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    if (level < 1) {
                        continue;
                    }
                    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
                        for (Path jar : jars) {
                            if (Files.isRegularFile(jar)) {
                                byLevel.computeIfAbsent(level, l -> new ArrayList<>()).add(jar);
                            }
                        }
                    }
                }
            }
        }
        Map<String, Artifact> result = new LinkedHashMap<>();
        byLevel.forEach((level, jars) -> {
            jars.sort(null);
            for (Path jar : jars) {
                Artifact a = new Artifact(jar.toAbsolutePath().normalize(), level);
                result.put(a.location(), a);
            }
        });
        return result;
    }

    /** Highest start level among the distribution's folders, 0 when there are none. */
    static int highestLevel(Path bundlesDir) throws IOException {
        return scan(bundlesDir).values().stream().mapToInt(Artifact::startLevel).max().orElse(0);
    }

    synchronized Result deploy() throws IOException {
        Map<String, Artifact> wanted = scan(bundlesDir);
        Properties state = loadState();
        Properties newState = new Properties();

        Map<String, Bundle> installed = new LinkedHashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                installed.put(b.getLocation(), b);
            }
        }

        int nInstalled = 0;
        int nUpdated = 0;
        int nUninstalled = 0;
        int nUnchanged = 0;
        List<Bundle> ours = new ArrayList<>();

        for (Artifact a : wanted.values()) {
            String location = a.location();
            Bundle bundle = installed.get(location);
            Fingerprint recorded = Fingerprint.parse(state.getProperty(location));
            try {
                Fingerprint now = Fingerprint.quick(a.jar());
                if (bundle == null) {
                    // no hash on a first install: hashing ~70 MB of natives and MapDB costs start-up time,
                    // and a later size/mtime change is checked by content then
                    try (InputStream in = Files.newInputStream(a.jar())) {
                        bundle = context.installBundle(location, in);
                    }
                    nInstalled++;
                    Log.debug("installed " + describe(bundle) + " from " + a.jar());
                } else if (recorded != null && recorded.sameQuick(now)) {
                    now = recorded;
                    nUnchanged++;
                } else {
                    now = now.withHash(sha256(a.jar()));
                    if (recorded != null && !recorded.hash().isEmpty() && recorded.hash().equals(now.hash())) {
                        nUnchanged++;
                    } else {
                        try (InputStream in = Files.newInputStream(a.jar())) {
                            bundle.update(in);
                        }
                        nUpdated++;
                        Log.info("updated " + describe(bundle) + " from " + a.jar());
                    }
                }
                newState.setProperty(location, now.toString());
                BundleStartLevel bsl = bundle.adapt(BundleStartLevel.class);
                if (bsl != null && bsl.getStartLevel() != a.startLevel()) {
                    bsl.setStartLevel(a.startLevel());
                }
                ours.add(bundle);
            } catch (BundleException | IOException | RuntimeException e) {
                Log.warn("cannot install/update " + a.jar() + ": " + e.getMessage());
            }
        }

        for (Map.Entry<String, Bundle> e : installed.entrySet()) {
            String location = e.getKey();
            if (wanted.containsKey(location) || isUnder(location, deployDir)) {
                continue;
            }
            if (state.containsKey(location) || isUnder(location, bundlesDir)) {
                Bundle b = e.getValue();
                String name = describe(b);
                try {
                    b.uninstall();
                    nUninstalled++;
                    Log.info("uninstalled " + name + " (" + location + " is no longer in the distribution)");
                } catch (BundleException | RuntimeException ex) {
                    Log.warn("cannot uninstall " + name + ": " + ex.getMessage());
                    newState.setProperty(location, state.getProperty(location, ""));
                }
            }
        }

        saveState(newState);

        if (nUpdated + nUninstalled > 0) {
            refresh();
        }

        for (Bundle b : ours) {
            if (isFragment(b) || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            try {
                // Persistent start: the framework starts it when the start level gets there.
                b.start(Bundle.START_ACTIVATION_POLICY);
            } catch (BundleException | RuntimeException e) {
                Log.warn("cannot start " + describe(b) + ": " + e.getMessage());
            }
        }
        return new Result(nInstalled, nUpdated, nUninstalled, nUnchanged);
    }

    /**
     * Fills in the content hashes a first install left out, so that a later rebuild that only touches
     * the jars (same content, new mtime) updates nothing. Meant to run after start-up, off its path.
     */
    public synchronized void completeHashes() throws IOException {
        Properties state = loadState();
        boolean changed = false;
        for (String location : state.stringPropertyNames()) {
            Fingerprint recorded = Fingerprint.parse(state.getProperty(location));
            if (recorded == null || !recorded.hash().isEmpty() || !location.startsWith("file:")) {
                continue;
            }
            Path jar = Path.of(location.substring("file:".length()));
            if (!Files.isRegularFile(jar) || !Fingerprint.quick(jar).sameQuick(recorded)) {
                continue; // gone or changed since: the next deploy checks it
            }
            state.setProperty(location, recorded.withHash(sha256(jar)).toString());
            changed = true;
        }
        if (changed) {
            saveState(state);
        }
    }

    private void refresh() {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                Log.warn("bundle refresh did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    static String describe(Bundle b) {
        return b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId() + "]";
    }

    static boolean isUnder(String location, Path dir) {
        if (location == null || !location.startsWith("file:")) {
            return false;
        }
        String path = location.substring("file:".length());
        // tolerate file:/// URIs as well as file:/abs/path
        while (path.startsWith("//")) {
            path = path.substring(1);
        }
        try {
            return Path.of(path).toAbsolutePath().normalize().startsWith(dir);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Properties loadState() {
        Properties p = new Properties();
        if (Files.isRegularFile(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                Log.warn("ignoring unreadable " + stateFile + ": " + e.getMessage());
                p.clear();
            }
        }
        return p;
    }

    private void saveState(Properties p) throws IOException {
        Files.createDirectories(stateFile.getParent());
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "bundles installed by org.megbox.runtime: location=size:mtime:sha256");
        }
        try {
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Size, modification time and content hash of a jar as last deployed. */
    record Fingerprint(long size, long mtime, String hash) {

        static Fingerprint quick(Path jar) {
            try {
                return new Fingerprint(Files.size(jar), Files.getLastModifiedTime(jar).toMillis(), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Fingerprint parse(String s) {
            if (s == null) {
                return null;
            }
            String[] parts = s.split(":", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                return new Fingerprint(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        Fingerprint withHash(String h) {
            return new Fingerprint(size, mtime, h);
        }

        boolean sameQuick(Fingerprint other) {
            return size == other.size && mtime == other.mtime;
        }

        @Override
        public String toString() {
            return size + ":" + mtime + ":" + hash;
        }
    }
}
