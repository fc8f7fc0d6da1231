package org.megbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FelixLauncherTest {

    @Test
    void frameworkProperties() {
        BoxOptions o = new BoxOptions(18080, Path.of("/srv/box"), "127.0.0.1");
        Map<String, String> p = FelixLauncher.frameworkProperties(o, Path.of("/opt/megbox"), 4);
        assertThat(p)
                .containsEntry("org.osgi.framework.storage", "/srv/box/felix")
                .containsEntry("org.osgi.framework.storage.clean", "none")
                .containsEntry("org.osgi.framework.startlevel.beginning", "4")
                .containsEntry("felix.startlevel.bundle", "4")
                .containsEntry("org.osgi.service.http.port", "18080")
                .containsEntry("org.apache.felix.http.host", "127.0.0.1")
                .containsEntry("org.apache.felix.http.jetty.sendServerHeader", "false")
                .containsEntry("gosh.args", "--nointeractive")
                .containsEntry("org.eclipse.jetty.UriComplianceMode", "LEGACY")
                .containsEntry("megbox.data", "/srv/box")
                .containsEntry("megbox.deploy", "/srv/box/deploy")
                .containsEntry("megbox.home", "/opt/megbox");
    }

    @Test
    void systemPropertiesOverrideDefaultsButNotOptions() {
        System.setProperty("felix.log.level", "4");
        System.setProperty("org.osgi.service.http.port", "1");
        try {
            BoxOptions o = new BoxOptions(18080, Path.of("/srv/box"), "127.0.0.1");
            Map<String, String> p = FelixLauncher.frameworkProperties(o, Path.of("/opt/megbox"), 4);
            assertThat(p).containsEntry("felix.log.level", "4").containsEntry("org.osgi.service.http.port", "18080");
        } finally {
            System.clearProperty("felix.log.level");
            System.clearProperty("org.osgi.service.http.port");
        }
    }

    @Test
    void launchEpochFromTheScript() {
        System.setProperty("megbox.launch.epoch", "1700000000.123456");
        try {
            assertThat(Main.jvmStartMillis()).isEqualTo(1_700_000_000_123L);
        } finally {
            System.clearProperty("megbox.launch.epoch");
        }
        assertThat(Main.jvmStartMillis()).isPositive().isLessThanOrEqualTo(System.currentTimeMillis());
    }
}
