package org.megbox.persistence.internal;

import java.nio.file.Path;
import org.megbox.persistence.Codec;
import org.megbox.persistence.KeyValueStore;

/**
 * Child process of {@link CrashDurabilityTest}: commits {@code count} transactions, starts one more that
 * never commits, says READY and waits to be killed.
 */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean mmap = Boolean.parseBoolean(args[1]);
        int count = Integer.parseInt(args[2]);
        MapDbDatabase db = new MapDbDatabase(file, mmap);
        KeyValueStore<Long, String> s = db.longStore("crash.events", Codec.utf8());
        for (long i = 1; i <= count; i++) {
            long k = i;
            db.transaction(() -> {
                s.put(k, "event-" + k);
                s.put(-k, "twin-" + k);
            });
        }
        db.transaction(() -> {
            for (long k = 1000; k < 1100; k++) {
                s.put(k, "uncommitted");
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(600_000);
        });
    }
}
