package org.megbox.warehouses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.api.warehouse.Warehouse;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The installer, extender and drop-folder reconcile against a real Apache Felix: the api packages come
 * from this test's class path through the system bundle, warehouse jars are built in a temp folder.
 */
class WarehouseInstallerTest {

    @TempDir
    Path tmp;

    private Framework framework;
    private BundleContext context;
    private WarehouseExtender extender;
    private WarehouseInstaller installer;
    private Path deploy;

    @BeforeEach
    void boot() throws Exception {
        deploy = tmp.resolve("deploy");
        Map<String, String> props = new HashMap<>();
        props.put("org.osgi.framework.storage", tmp.resolve("felix").toString());
        props.put("org.osgi.framework.storage.clean", "onFirstInit");
        props.put("org.osgi.framework.system.packages.extra",
                "org.megbox.api.warehouse;version=1.0.0,org.megbox.api.analysis;version=1.0.0");
        props.put("megbox.deploy", deploy.toString());
        framework = new FrameworkFactory().newFramework(props);
        framework.start();
        context = framework.getBundleContext();
        extender = new WarehouseExtender(context);
        installer = new WarehouseInstaller(context, extender);
    }

    @AfterEach
    void stop() throws Exception {
        extender.close();
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** A warehouse jar for alg_type 90 (or {@code algType}) with the given extra manifest headers. */
    private Path warehouseJar(String name, String bsn, String version, int algType, Map<String, String> extra)
            throws Exception {
        Map<String, String> h = JarInspectorTest.warehouseHeaders(bsn);
        h.put("Bundle-Version", version);
        h.putAll(extra);
        String json = new String(Descriptors.json(Descriptors.minimal()), StandardCharsets.UTF_8)
                .replace("\"alg_type\": 90", "\"alg_type\": " + algType)
                .replace("test_alarm", algType == 90 ? "test_alarm" : "test_alarm_" + (char) ('a' + algType % 26))
                .replace("\"type_num\": 90", "\"type_num\": " + (100 + algType));
        Path dir = Files.createDirectories(tmp.resolve("jars"));
        return JarInspectorTest.jar(dir, name, h, JarInspectorTest.descriptor(json));
    }

    private Path warehouseJar(String bsn, String version) throws Exception {
        return warehouseJar(bsn + "-" + version + ".jar", bsn, version, 90, Map.of());
    }

    private Collection<ServiceReference<Warehouse>> served(int algType) throws Exception {
        return context.getServiceReferences(Warehouse.class, "(" + Warehouse.ALG_TYPE + "=" + algType + ")");
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Test
    void installWritesTheJarStartsTheBundleAndRegistersItsWarehouse() throws Exception {
        WarehouseInfo info = installer.install(Files.readAllBytes(warehouseJar("com.vendor.tw", "1.0.0")), false);
        assertThat(info.state()).isEqualTo("ACTIVE");
        assertThat(info.algTypes()).containsExactly(90);
        assertThat(info.location()).isEqualTo("file:" + deploy.resolve("com.vendor.tw.jar"));
        assertThat(info.problem()).isNull();
        assertThat(Files.exists(deploy.resolve("com.vendor.tw.jar"))).isTrue();
        Collection<ServiceReference<Warehouse>> refs = served(90);
        assertThat(refs).hasSize(1);
        ServiceReference<Warehouse> ref = refs.iterator().next();
        assertThat(ref.getBundle().getSymbolicName()).as("registered in the warehouse's name").isEqualTo("com.vendor.tw");
        assertThat(context.getService(ref).descriptor().itemsType()).isEqualTo("test_alarm");
        try (var files = Files.list(deploy)) {
            assertThat(files).as("no staging file left").hasSize(1);
        }
        // the drop folder does not install it a second time
        installer.reconcile();
        assertThat(installer.list()).hasSize(1);
    }

    @Test
    void updateReplacesTheBundleAndAFailedUpdateRollsBack() throws Exception {
        installer.install(Files.readAllBytes(warehouseJar("com.vendor.tw", "1.0.0")), false);
        long id = bundle("com.vendor.tw").getBundleId();
        byte[] v1 = Files.readAllBytes(deploy.resolve("com.vendor.tw.jar"));

        WarehouseInfo v2 = installer.install(Files.readAllBytes(warehouseJar("com.vendor.tw", "2.0.0")), true);
        assertThat(v2.version()).isEqualTo("2.0.0");
        assertThat(bundle("com.vendor.tw").getBundleId()).as("updated, not reinstalled").isEqualTo(id);
        assertThat(served(90)).hasSize(1);
        byte[] v2bytes = Files.readAllBytes(deploy.resolve("com.vendor.tw.jar"));
        assertThat(v2bytes).isNotEqualTo(v1);

        Path broken = warehouseJar("v3.jar", "com.vendor.tw", "3.0.0", 90, Map.of("Require-Bundle", "com.nowhere"));
        assertThatThrownBy(() -> installer.install(Files.readAllBytes(broken), false))
                .isInstanceOf(RejectedException.class)
                .hasMessageContaining("does not resolve").hasMessageContaining("com.nowhere");
        Bundle b = bundle("com.vendor.tw");
        assertThat(b.getVersion().toString()).isEqualTo("2.0.0");
        assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(served(90)).hasSize(1);
        assertThat(Files.readAllBytes(deploy.resolve("com.vendor.tw.jar"))).isEqualTo(v2bytes);
    }

    @Test
    void aNewJarThatDoesNotResolveLeavesNothingBehind() throws Exception {
        Path broken = warehouseJar("x.jar", "com.vendor.x", "1.0.0", 90, Map.of("Require-Bundle", "com.nowhere"));
        assertThatThrownBy(() -> installer.install(Files.readAllBytes(broken), false))
                .hasMessageStartingWith("does not resolve");
        assertThat(bundle("com.vendor.x")).isNull();
        try (var files = Files.list(deploy)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void preflightRefusals() throws Exception {
        installer.install(Files.readAllBytes(warehouseJar("com.vendor.a", "1.0.0")), false);
        assertThatThrownBy(() -> installer.install(Files.readAllBytes(warehouseJar("com.vendor.b", "1.0.0")), false))
                .hasMessage("alg_type 90 already provided by com.vendor.a");
        Path imports = warehouseJar("i.jar", "com.vendor.i", "1.0.0", 91,
                Map.of("Import-Package", "org.megbox.api.warehouse;version=\"[2.0,3)\""));
        assertThatThrownBy(() -> installer.install(Files.readAllBytes(imports), false))
                .hasMessage("unresolved Import-Package: org.megbox.api.warehouse;version=\"[2.0.0,3.0.0)\"");
        assertThatThrownBy(() -> installer.install(Files.readAllBytes(warehouseJar("com.vendor.z", "1.0.0")), true))
                .hasMessage("no warehouse com.vendor.z is installed to update");
        assertThatThrownBy(() -> installer.install("not a jar".getBytes(), false))
                .hasMessageStartingWith("not a jar/zip file");
        assertThat(installer.list()).extracting(WarehouseInfo::symbolicName).containsExactly("com.vendor.a");
    }

    @Test
    void uninstallRemovesBundleServiceAndFile() throws Exception {
        installer.install(Files.readAllBytes(warehouseJar("com.vendor.tw", "1.0.0")), false);
        installer.uninstall("com.vendor.tw");
        assertThat(bundle("com.vendor.tw")).isNull();
        assertThat(served(90)).isEmpty();
        assertThat(Files.exists(deploy.resolve("com.vendor.tw.jar"))).isFalse();
        assertThatThrownBy(() -> installer.uninstall("com.vendor.tw")).isInstanceOf(NoSuchWarehouseException.class);
        assertThatThrownBy(() -> installer.uninstall("org.apache.felix.framework"))
                .isInstanceOf(RejectedException.class).hasMessageContaining("not a warehouse bundle");
    }

    @Test
    void theDropFolderInstallsUpdatesAndRemoves() throws Exception {
        Path dropped = deploy.resolve("anything.jar");
        Files.copy(warehouseJar("com.vendor.d", "1.0.0"), dropped);
        installer.reconcile();
        assertThat(bundle("com.vendor.d").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle("com.vendor.d").getLocation()).isEqualTo("file:" + dropped);
        assertThat(served(90)).hasSize(1);

        // touched with the same content: not updated
        long modified = bundle("com.vendor.d").getLastModified();
        Files.setLastModifiedTime(dropped, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 5000));
        installer.reconcile();
        assertThat(bundle("com.vendor.d").getLastModified()).isEqualTo(modified);

        Files.copy(warehouseJar("com.vendor.d", "1.1.0"), dropped, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        installer.reconcile();
        assertThat(bundle("com.vendor.d").getVersion().toString()).isEqualTo("1.1.0");

        Files.delete(dropped);
        installer.reconcile();
        assertThat(bundle("com.vendor.d")).isNull();
        assertThat(served(90)).isEmpty();
    }

    @Test
    void aJarDroppedAgainWhileItsPredecessorIsBeingRemovedIsInstalledNotDeleted() throws Exception {
        Path dropped = deploy.resolve("again.jar");
        Path jar = warehouseJar("com.vendor.again", "1.0.0");
        Files.copy(jar, dropped);
        installer.reconcile();
        assertThat(served(90)).hasSize(1);

        Files.delete(dropped);
        // the operator drops the jar again the moment the old warehouse disappears, mid-removal
        org.osgi.framework.ServiceListener dropAgain = event -> {
            if (event.getType() == org.osgi.framework.ServiceEvent.UNREGISTERING) {
                try {
                    Files.copy(jar, dropped);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        context.addServiceListener(dropAgain, "(objectClass=" + Warehouse.class.getName() + ")");
        installer.reconcile();
        context.removeServiceListener(dropAgain);
        assertThat(dropped).as("the new jar survives the removal of the old bundle").exists();

        installer.reconcile();
        assertThat(bundle("com.vendor.again").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(served(90)).hasSize(1);
    }

    @Test
    void aBadDroppedJarIsRefusedAndTheWatcherCarriesOn() throws Exception {
        Files.writeString(deploy.resolve("bad.jar"), "garbage");
        Files.setLastModifiedTime(deploy.resolve("bad.jar"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 5000));
        Files.copy(warehouseJar("com.vendor.ok", "1.0.0"), deploy.resolve("ok.jar"));
        installer.reconcile();
        installer.reconcile();
        assertThat(Files.exists(deploy.resolve("bad.jar"))).as("left in place").isTrue();
        assertThat(installer.list()).extracting(WarehouseInfo::symbolicName).containsExactly("com.vendor.ok");
        // a second jar for a symbolic name already installed from another file is refused
        Files.copy(warehouseJar("com.vendor.ok", "2.0.0"), deploy.resolve("ok-2.jar"));
        installer.reconcile();
        assertThat(bundle("com.vendor.ok").getVersion().toString()).isEqualTo("1.0.0");
    }

    @Test
    void aJarReplacedWhileTheBoxWasDownIsUpdatedByTheNextInstaller() throws Exception {
        installer.install(Files.readAllBytes(warehouseJar("com.vendor.tw", "1.0.0")), false);
        Files.copy(warehouseJar("com.vendor.tw", "1.5.0"), deploy.resolve("com.vendor.tw.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        WarehouseInstaller next = new WarehouseInstaller(context, extender);
        next.reconcile();
        next.reconcile();
        assertThat(bundle("com.vendor.tw").getVersion().toString()).isEqualTo("1.5.0");
        assertThat(served(90)).hasSize(1);
    }

    @Test
    void aSecondBundleForATakenAlgTypeWaitsUntilTheHolderLeaves() throws Exception {
        installer.install(Files.readAllBytes(warehouseJar("com.vendor.a", "1.0.0")), false);
        // installed behind the installer's back
        Bundle intruder = context.installBundle("test:b", Files.newInputStream(warehouseJar("com.vendor.b", "1.0.0")));
        intruder.start();
        assertThat(extender.serves(intruder)).isFalse();
        assertThat(extender.problem(intruder)).contains("alg_type 90 already provided by com.vendor.a");
        installer.uninstall("com.vendor.a");
        assertThat(extender.serves(intruder)).isTrue();
        assertThat(served(90).iterator().next().getBundle()).isEqualTo(intruder);
    }

    @Test
    void gogoCommandsUseTheSameInstaller() throws Exception {
        var commands = new org.megbox.warehouses.internal.console.WarehouseCommands(installer);
        assertThat(commands.warehouses()).startsWith("no warehouse installed");
        Path jar = warehouseJar("com.vendor.g", "1.0.0");
        assertThat(commands.update(jar.toString())).isEqualTo("refused: no warehouse com.vendor.g is installed to update");
        assertThat(commands.install(jar.toString())).startsWith("installed ACTIVE").contains("com.vendor.g", "alg_type 90");
        assertThat(Files.exists(deploy.resolve("com.vendor.g.jar"))).isTrue();
        assertThat(commands.update(warehouseJar("com.vendor.g", "1.1.0").toString())).contains("1.1.0");
        assertThat(commands.warehouses()).contains("com.vendor.g", "test_alarm");
        assertThat(commands.install(tmp.resolve("nope.jar").toString())).startsWith("refused: no such file");
        assertThat(commands.uninstall("com.vendor.g")).isEqualTo("uninstalled com.vendor.g");
        assertThat(commands.uninstall("com.vendor.g")).isEqualTo("refused: no warehouse bundle com.vendor.g is installed");
    }
}
