package org.megbox.events.internal;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Point;
import org.megbox.persistence.internal.MapDbDatabase;

/**
 * How many events per second the store absorbs: each event a distinct 768x576 frame (so a full-picture JPEG and a
 * crop JPEG each), written to files and committed to a real MapDB in a temporary folder, with and without fsync of
 * the pictures. Not a JUnit test; run it with {@code dist/src/bench/events_store.sh}.
 *
 * <p>Arguments: {@code [image] [events] [records]}: an image file scaled to 768x576 (e.g. a vtest.avi frame; default:
 * a synthetic textured picture), the number of events per run (default 400), and the number of records for the
 * query-side figures (default 100 000, the default cap).
 */
public final class EventsStoreBenchmark {

    private EventsStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int w = 768;
        int h = 576;
        byte[] bgr = args.length > 0 && !args[0].isEmpty() ? load(Path.of(args[0]), w, h) : synthetic(w, h);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        List<Point> box = List.of(new Point(0.40, 0.35), new Point(0.52, 0.80)); // a walking person's size
        System.out.printf("frame %dx%d (%s), %d events per run, %d cores%n", w, h,
                args.length > 0 && !args[0].isEmpty() ? args[0] : "synthetic", n,
                Runtime.getRuntime().availableProcessors());

        try (JpegEncoder jpeg = new JpegEncoder()) {
            Rect crop = Rect.crop(box, w, h, 0.15);
            for (int i = 0; i < 30; i++) { // warm-up
                jpeg.encode(bgr, w, h, 0.8f);
                jpeg.encode(bgr, w, h, crop, 0.9f);
            }
            int reps = 100;
            long t0 = System.nanoTime();
            int fullBytes = 0;
            for (int i = 0; i < reps; i++) {
                fullBytes = jpeg.encode(bgr, w, h, 0.8f).length;
            }
            long t1 = System.nanoTime();
            int cropBytes = 0;
            for (int i = 0; i < reps; i++) {
                cropBytes = jpeg.encode(bgr, w, h, crop, 0.9f).length;
            }
            long t2 = System.nanoTime();
            System.out.printf("encode: full %.2f ms (%d bytes, q80), crop %dx%d %.2f ms (%d bytes, q90)%n",
                    (t1 - t0) / 1e6 / reps, fullBytes, crop.w(), crop.h(), (t2 - t1) / 1e6 / reps, cropBytes);
        }
        for (boolean fsync : new boolean[] {true, false}) {
            run(bgr, w, h, box, n / 4, fsync, true); // warm-up run
            run(bgr, w, h, box, n, fsync, false);
        }
        index(args.length > 2 ? Integer.parseInt(args[2]) : 100_000);
    }

    /**
     * The query side at the default cap: {@code count} records (no pictures) committed in batches of 1000, the
     * database reopened (the index is loaded at start), then a filtered /alerts page and a cap-sized recycle.
     */
    private static void index(int count) throws Exception {
        Path dir = Files.createTempDirectory("events-index-");
        try {
            MapDbDatabase db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
            EventRepository repo = new EventRepository(db);
            long t0 = System.nanoTime();
            List<EventRepository.NewEvent> batch = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                long id = repo.allocateId();
                int videoNo = 1 + i % 16;
                org.megbox.events.StoredEvent e = new org.megbox.events.StoredEvent(id, repo.deviceId(), videoNo,
                        "chn" + videoNo, 14, "intrusion", 1, "polygon", 1, "person", i / 16, List.of(
                        new org.megbox.events.StoredEvent.PixelPoint(300, 200),
                        new org.megbox.events.StoredEvent.PixelPoint(360, 380)), i, i * 40L, i * 40L,
                        1_764_000_000_000L + i * 100L, 1_764_000_000_000L + i * 100L, 1, 768, 576,
                        Pictures.uri(id, videoNo, i / 16, 1_764_000_000_000L + i * 100L, Pictures.Kind.FULL),
                        Pictures.uri(id, videoNo, i / 16, 1_764_000_000_000L + i * 100L, Pictures.Kind.CROP),
                        true, true);
                batch.add(new EventRepository.NewEvent(e, 89_000));
                if (batch.size() == 1000) {
                    repo.commit(batch);
                    batch = new java.util.ArrayList<>();
                }
            }
            repo.commit(batch);
            long t1 = System.nanoTime();
            db.close();
            db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
            long t2 = System.nanoTime();
            repo = new EventRepository(db);
            long t3 = System.nanoTime();
            int reps = 20;
            EventRepository.Page page = null;
            for (int i = 0; i < reps; i++) {
                long from = 1_764_000_000_000L + count * 50L;
                page = repo.query(e -> e.videoNo() == 3 && e.timestamp() >= from && e.inAlerts(), false, null, 0, 20);
            }
            long t4 = System.nanoTime();
            List<org.megbox.events.StoredEvent> gone = repo.recycleOldest(count - 500, Long.MAX_VALUE, 500);
            long t5 = System.nanoTime();
            System.out.printf("index: %d records committed in %.1f s (batches of 1000), file %.0f MB; reopen: "
                    + "database %.0f ms + index load %.0f ms; filtered query over all (total %d, page of %d) %.1f ms; "
                    + "recycling 500 oldest %.0f ms; heap used %.0f MB%n", count, (t1 - t0) / 1e9,
                    Files.size(dir.resolve("db/megbox.db")) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, page.total(),
                    page.entries().size(), (t4 - t3) / 1e6 / reps, (t5 - t4) / 1e6 / Math.max(1, gone.size() / 500),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6);
            db.close();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(byte[] bgr, int w, int h, List<Point> box, int n, boolean fsync, boolean quiet)
            throws Exception {
        Path dir = Files.createTempDirectory("events-bench-");
        TestSupport.Config config = new TestSupport.Config();
        config.fsyncPictures = fsync;
        config.queueMaxEvents = n + 1;
        config.queueMaxMegabytes = 4096;
        MapDbDatabase db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        EventsService service = new EventsService(db, dir, config);
        try {
            long acceptNanos = 0;
            long worstAccept = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Frame f = new Frame(1, i, i * 40L, System.currentTimeMillis(), w, h, ByteBuffer.wrap(bgr));
                AlarmEvent e = new AlarmEvent(1, 14, "intrusion", 1, "polygon", 1, "person", i % 50, box, i,
                        f.recvTimestampMillis());
                long a = System.nanoTime();
                service.accept(e, f);
                long took = System.nanoTime() - a;
                acceptNanos += took;
                worstAccept = Math.max(worstAccept, took);
            }
            while (service.stats().stored() + service.stats().failed() < n) {
                Thread.sleep(1);
            }
            long t1 = System.nanoTime();
            EventsService.Stats s = service.stats();
            if (!quiet) {
                System.out.printf("store (fsync %s): %d events in %.2f s = %.1f events/s; accept() mean %.3f ms, "
                        + "worst %.2f ms; dropped %d, failed %d; %.1f kB of pictures per event%n",
                        fsync ? "on" : "off", n, (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9), acceptNanos / 1e6 / n,
                        worstAccept / 1e6, s.dropped(), s.failed(), s.pictureBytes() / 1024.0 / Math.max(1, s.events()));
            }
        } finally {
            service.close();
            db.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** An image file scaled to w x h, as packed BGR. */
    static byte[] load(Path file, int w, int h) throws Exception {
        BufferedImage src = ImageIO.read(file.toFile());
        if (src == null) {
            throw new IllegalArgumentException("not an image: " + file);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData().clone();
    }

    /** Smooth gradients with noise and blocks: compresses roughly like a camera picture (not like a flat test card). */
    static byte[] synthetic(int w, int h) {
        byte[] bgr = new byte[w * h * 3];
        Random r = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                int block = ((x / 48) * 31 + (y / 36) * 17) % 64;
                bgr[i] = (byte) (80 + x * 100 / w + block + r.nextInt(24));
                bgr[i + 1] = (byte) (90 + y * 90 / h + block + r.nextInt(24));
                bgr[i + 2] = (byte) (70 + (x + y) * 60 / (w + h) + block + r.nextInt(24));
            }
        }
        return bgr;
    }
}
