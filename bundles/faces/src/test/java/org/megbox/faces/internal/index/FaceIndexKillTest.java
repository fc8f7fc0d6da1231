package org.megbox.faces.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real SIGKILL of a JVM using the index: a synced index loads, one killed while changing asks for a rebuild. */
class FaceIndexKillTest {
    @TempDir
    Path dir;

    @Test
    void killedAfterItsSyncTheIndexLoads() throws Exception {
        killChild("idle");
        try (FaceIndex index = FaceIndex.open(dir, 32)) {
            assertThat(index.needsRebuild()).isFalse();
            assertThat(index.size()).isEqualTo(2000);
            float[] v = Vectors.randomUnit(new Random(51), 32); // KillChild's first face
            assertThat(index.search(v, 1, null).get(0).key()).isZero();
        }
    }

    @Test
    void killedWhileChangingTheIndexAsksForARebuild() throws Exception {
        killChild("writing");
        try (FaceIndex index = FaceIndex.open(dir, 32)) {
            assertThat(index.needsRebuild()).isTrue();
            assertThat(index.size()).isZero();
        }
    }

    private void killChild(String mode) throws Exception {
        String classpath = location(FaceIndex.class) + File.pathSeparator + location(KillChild.class);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, KillChild.class.getName(), dir.toString(), mode).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line = out.readLine();
            assertThat(line).as("child output").isEqualTo("synced");
            if (mode.equals("writing")) {
                assertThat(out.readLine()).as("child output").isEqualTo("changed"); // and it goes on putting
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
