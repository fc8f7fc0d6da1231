package org.megbox.warehouses.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployStateTest {

    @TempDir
    Path dir;

    @Test
    void fingerprintsSurviveARestart() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "content");
        Fingerprint f = Fingerprint.full(jar);
        assertThat(f.sha256()).hasSize(64);
        Path file = dir.resolve("state/deploy-state.properties");
        DeployState s = new DeployState(file);
        s.put("file:/x/a.jar", f);
        s.put("file:/x/b.jar", f.withHash("00"));
        DeployState reloaded = new DeployState(file);
        assertThat(reloaded.get("file:/x/a.jar")).isEqualTo(f);
        reloaded.retain(List.of("file:/x/b.jar"));
        assertThat(new DeployState(file).get("file:/x/a.jar")).isNull();
        assertThat(new DeployState(file).get("file:/x/b.jar").sha256()).isEqualTo("00");
    }

    @Test
    void quickComparisonIgnoresTheHash() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "content");
        Fingerprint quick = Fingerprint.quick(jar);
        assertThat(quick.sameQuick(Fingerprint.full(jar))).isTrue();
        Files.writeString(jar, "other content");
        assertThat(quick.sameQuick(Fingerprint.quick(jar))).isFalse();
        assertThat(Fingerprint.parse("garbage")).isNull();
        assertThat(Fingerprint.parse(quick.toString())).isEqualTo(quick);
    }
}
