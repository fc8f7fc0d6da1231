package org.megbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;

class BundleDeployerTest {

    @TempDir
    Path tmp;

    private Framework framework;

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private Framework init() throws Exception {
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("data/felix").toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        p.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "4");
        p.put("felix.log.level", "0");
        framework = new FrameworkFactory().newFramework(p);
        framework.init();
        return framework;
    }

    private void restart() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        framework = null;
        init();
    }

    private BundleDeployer deployer() {
        return new BundleDeployer(framework.getBundleContext(), tmp.resolve("dist/bundles"),
                tmp.resolve("data/deploy"), tmp.resolve("data/felix").resolve(BundleDeployer.STATE_FILE));
    }

    private Bundle bundle(String bsn) {
        return Arrays.stream(framework.getBundleContext().getBundles())
                .filter(b -> bsn.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    static Path jar(Path file, String bsn, String version, String extraHeader, String extraValue) throws IOException {
        Files.createDirectories(file.getParent());
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, bsn);
        a.putValue(Constants.BUNDLE_VERSION, version);
        if (extraHeader != null) {
            a.putValue(extraHeader, extraValue);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.putNextEntry(new ZipEntry("readme.txt"));
            jar.write(version.getBytes());
            jar.closeEntry();
        }
        return file;
    }

    @Test
    void installsUpdatesAndUninstallsButNeverTouchesDeploy() throws Exception {
        Path bundles = tmp.resolve("dist/bundles");
        jar(bundles.resolve("1/lib.a-1.0.jar"), "lib.a", "1.0", null, null);
        jar(bundles.resolve("2/lib.frag-1.0.jar"), "lib.frag", "1.0", Constants.FRAGMENT_HOST, "lib.a");
        jar(bundles.resolve("3/org.megbox.core-1.0.jar"), "org.megbox.core", "1.0", null, null);
        jar(bundles.resolve("3/org.megbox.old-1.0.jar"), "org.megbox.old", "1.0", null, null);
        Files.createDirectories(bundles.resolve("notalevel"));
        jar(bundles.resolve("notalevel/ignored-1.0.jar"), "ignored", "1.0", null, null);

        init();
        BundleDeployer.Result r = deployer().deploy();
        assertThat(r).isEqualTo(new BundleDeployer.Result(4, 0, 0, 0));
        assertThat(bundle("ignored")).isNull();
        assertThat(bundle("lib.a").adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(1);
        assertThat(bundle("lib.frag").adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(2);
        assertThat(bundle("org.megbox.core").adapt(BundleStartLevel.class).getStartLevel()).isEqualTo(3);
        assertThat(bundle("org.megbox.core").getLocation())
                .isEqualTo("file:" + bundles.resolve("3/org.megbox.core-1.0.jar").toAbsolutePath());
        assertThat(bundle("lib.a").adapt(BundleStartLevel.class).isPersistentlyStarted()).isTrue();
        assertThat(bundle("lib.frag").adapt(BundleStartLevel.class).isPersistentlyStarted()).isFalse();

        // a warehouse installed by someone else from DATA/deploy
        Path wh = jar(tmp.resolve("data/deploy/org.megbox.alg.fire-1.0.jar"), "org.megbox.alg.fire", "1.0", null, null);
        framework.getBundleContext().installBundle(BundleDeployer.locationOf(wh), Files.newInputStream(wh));

        framework.start();
        assertThat(bundle("lib.a").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle("lib.frag").getState()).isEqualTo(Bundle.RESOLVED);
        assertThat(bundle("org.megbox.core").getState()).isEqualTo(Bundle.ACTIVE);

        // restart on the same cache: nothing to do, everything still there and started
        deployer().completeHashes();
        restart();
        assertThat(deployer().deploy()).isEqualTo(new BundleDeployer.Result(0, 0, 0, 4));
        framework.start();
        assertThat(bundle("org.megbox.core").getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(bundle("org.megbox.alg.fire")).isNotNull();

        // next distribution: core changed (same file name), old removed, a touched-only jar stays
        restart();
        jar(bundles.resolve("3/org.megbox.core-1.0.jar"), "org.megbox.core", "1.0.1", null, null);
        Files.delete(bundles.resolve("3/org.megbox.old-1.0.jar"));
        Files.setLastModifiedTime(bundles.resolve("1/lib.a-1.0.jar"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        r = deployer().deploy();
        assertThat(r).isEqualTo(new BundleDeployer.Result(0, 1, 1, 2));
        assertThat(bundle("org.megbox.core").getVersion().toString()).isEqualTo("1.0.1");
        assertThat(bundle("org.megbox.old")).isNull();
        assertThat(bundle("org.megbox.alg.fire")).isNotNull();
        framework.start();
        assertThat(bundle("org.megbox.core").getState()).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void isUnder() {
        Path deploy = Path.of("/data/deploy");
        assertThat(BundleDeployer.isUnder("file:/data/deploy/x.jar", deploy)).isTrue();
        assertThat(BundleDeployer.isUnder("file:///data/deploy/x.jar", deploy)).isTrue();
        assertThat(BundleDeployer.isUnder("file:/data/deployed/x.jar", deploy)).isFalse();
        assertThat(BundleDeployer.isUnder("mvn:org/x/1", deploy)).isFalse();
        assertThat(BundleDeployer.isUnder(null, deploy)).isFalse();
    }
}
