package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.events.StoredEvent;
import org.megbox.persistence.internal.MapDbDatabase;

/**
 * A writer process storing events is SIGKILLed mid-stream. Reopened, the database is intact, every committed record's
 * pictures exist (files are complete before the commit), and the pictures of events that never got committed are
 * deleted at start, so afterwards the files on disk are exactly those of the records.
 */
class CrashConsistencyTest {

    @TempDir
    Path dir;

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("pictures"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void sigkillMidStreamLeavesNoRecordWithoutPicturesAndNoPictureWithoutRecord() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), "40");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                output.add(line);
            }
            assertThat(line).as("child output: %s", output).isEqualTo("READY");
            Thread.sleep(150); // well inside the stream of writes
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        int filesAfterKill = files().size();

        MapDbDatabase db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        EventsService service = new EventsService(db, dir, new TestSupport.Config());
        try {
            TestSupport.await(() -> service.stats().orphansDeleted() >= 0 && service.queue().size() == 0, "started");
            Thread.sleep(500); // the start-up scan runs on the writer thread before its first batch
            List<StoredEvent> all = service.eventsAfter(0, Integer.MAX_VALUE);
            assertThat(all.size()).isGreaterThanOrEqualTo(40);
            Set<String> expected = new HashSet<>();
            for (StoredEvent e : all) {
                assertThat(service.picture(e.fullPicture())).as("full picture of %d", e.id()).isPresent();
                assertThat(service.picture(e.cropPicture())).as("crop of %d", e.id()).isPresent();
                expected.add(e.fullPicture().substring(e.fullPicture().lastIndexOf('/') + 1));
                expected.add(e.cropPicture().substring(e.cropPicture().lastIndexOf('/') + 1));
            }
            TestSupport.await(() -> {
                try {
                    return files().size() == expected.size();
                } catch (Exception e) {
                    return false;
                }
            }, "orphans deleted");
            assertThat(files()).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrderElementsOf(expected);
            System.out.printf("CrashConsistencyTest: %d records after the kill, %d files on disk then, %d orphan(s) "
                    + "deleted at start%n", all.size(), filesAfterKill, service.stats().orphansDeleted());
            // ids go on after the last committed one
            long last = service.lastId();
            service.accept(TestSupport.intrusion(1, 1, 1_764_000_000_000L), TestSupport.frame(1, 1, 0, 64, 48));
            TestSupport.await(() -> service.lastId() > last, "one more stored");
        } finally {
            service.close();
            db.close();
        }
    }
}
