package org.megbox.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.megbox.persistence.Codec;
import org.megbox.persistence.KeyValueStore;

/** A writer process is SIGKILLed inside a transaction; every transaction it committed must be readable. */
class CrashDurabilityTest {

    private static final int COMMITS = 200;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {false, true})
    void committedTransactionsSurviveSigkill(boolean mmap) throws Exception {
        Path file = dir.resolve("db/megbox.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString(), Boolean.toString(mmap), Integer.toString(COMMITS));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                output.add(line);
            }
            assertThat(line).as("child output: %s", output).isEqualTo("READY");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(137);

        MapDbDatabase db = new MapDbDatabase(file, mmap);
        try {
            KeyValueStore<Long, String> s = db.longStore("crash.events", Codec.utf8());
            assertThat(s.size()).isEqualTo(2 * COMMITS);
            for (long k = 1; k <= COMMITS; k++) {
                assertThat(s.get(k)).contains("event-" + k);
                assertThat(s.get(-k)).contains("twin-" + k);
            }
            assertThat(s.containsKey(1000L)).isFalse();
            // and the reopened file takes new commits
            s.put(5000L, "after crash");
        } finally {
            db.close();
        }
        MapDbDatabase again = new MapDbDatabase(file, mmap);
        try {
            assertThat(again.longStore("crash.events", Codec.utf8()).get(5000L)).contains("after crash");
        } finally {
            again.close();
        }
    }

    /** The same without a second process: copy the files of a database that is open and never closed. */
    @Test
    void aCopyTakenWhileOpenHoldsTheCommittedState() throws Exception {
        Path file = dir.resolve("live/db/megbox.db");
        MapDbDatabase live = new MapDbDatabase(file, false);
        try {
            KeyValueStore<String, String> s = live.store("copy.test", Codec.utf8());
            s.put("a", "1");
            live.transaction(() -> {
                s.put("b", "2");
                s.put("c", "3");
            });
            Path copyDir = Files.createDirectories(dir.resolve("copy/db"));
            try (Stream<Path> files = Files.list(file.getParent())) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, copyDir.resolve(f.getFileName()));
                }
            }
            MapDbDatabase copy = new MapDbDatabase(copyDir.resolve("megbox.db"), false);
            try {
                assertThat(copy.store("copy.test", Codec.utf8()).entries()).containsOnlyKeys("a", "b", "c");
            } finally {
                copy.close();
            }
        } finally {
            live.close();
        }
    }
}
