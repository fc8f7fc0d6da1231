package org.megbox.events.internal;

import java.nio.file.Path;
import org.megbox.api.analysis.Frame;
import org.megbox.persistence.internal.MapDbDatabase;

/**
 * Child process of {@link CrashConsistencyTest}: stores synthetic events as fast as it can (a 768x576 frame, full
 * picture + crop) and prints READY once {@code args[1]} are committed, then goes on until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int ready = Integer.parseInt(args[1]);
        TestSupport.Config config = new TestSupport.Config();
        config.queueMaxEvents = 256;
        MapDbDatabase db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        EventsService service = new EventsService(db, dir, config);
        boolean announced = false;
        for (long i = 1;; i++) {
            Frame f = TestSupport.frame(1 + (int) (i % 4), i, 1_764_000_000_000L + i * 40, 768, 576);
            service.accept(TestSupport.intrusion(f.videoNo(), i, f.recvTimestampMillis()), f);
            if (!announced && service.size() >= ready) {
                System.out.println("READY");
                System.out.flush();
                announced = true;
            }
            if (service.queue().size() > 32) {
                Thread.sleep(2); // keep the writer busy, not the heap full
            }
        }
    }
}
