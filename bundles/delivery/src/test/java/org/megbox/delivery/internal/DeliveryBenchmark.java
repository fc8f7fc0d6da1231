package org.megbox.delivery.internal;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.megbox.persistence.Codec;
import org.megbox.persistence.KeyValueStore;
import org.megbox.persistence.internal.MapDbDatabase;

/**
 * The delivery part alone, in one JVM: a stored event -> the receiver's answer, without video or analysis. A real
 * MapDB (cursor commits with fsync), a real HTTP receiver on 127.0.0.1 (com.sun.net.httpserver), the box's
 * {@link HttpReceiver} with the background picture (Base64 in {@code photo}); events come from an in-memory store
 * with pictures of {@code pictureBytes} random bytes. Not a JUnit test: {@code dist/src/bench/delivery.py} runs it.
 *
 * <p>Prints: the cost of one cursor commit; the latency from "event committed, listener called" to "receiver read
 * the body" at {@code rate} events/s (p50/p99/max); the drain rate of a backlog of {@code backlog} events.
 * Arguments: {@code [pictureBytes=77000] [events=300] [rate=20] [backlog=1000]}; 100 warm-up events come first.
 */
public final class DeliveryBenchmark {

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pictureBytes = args.length > 0 ? Integer.parseInt(args[0]) : 77_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int backlog = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        Path dir = Files.createTempDirectory("megbox-delivery-bench");
        MapDbDatabase db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        MemoryEventStore store = new MemoryEventStore(pictureBytes);
        ConcurrentHashMap<Long, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true); // the JVM ends with main
            return t;
        }));
        server.createContext("/alerts", x -> {
            try (x) {
                x.getRequestBody().readAllBytes();
                arrivals.put(Long.parseLong(x.getRequestHeaders().getFirst("X-MegBox-Event-Id")), System.nanoTime());
                x.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        try {
            // 1. one cursor commit (what the outbox writes after each delivery)
            KeyValueStore<String, String> probe = db.store("bench.probe", Codec.utf8());
            for (int i = 0; i < 50; i++) {
                probe.put("main", "{\"cursor\":" + i + ",\"sent\":1,\"retried\":0,\"dropped\":0}");
            }
            long t0 = System.nanoTime();
            int commits = 500;
            for (int i = 0; i < commits; i++) {
                probe.put("main", "{\"cursor\":" + i + ",\"sent\":1,\"retried\":0,\"dropped\":0}");
            }
            double commitMs = (System.nanoTime() - t0) / 1e6 / commits;
            // what the outbox writes now: the cursor file, without fsync
            double writeMs;
            try (CursorFile probeFile = CursorFile.open(dir.resolve("probe/main.cursor"))) {
                for (int i = 0; i < 50; i++) {
                    probeFile.write(new ReceiverState(i, i, 0, 0));
                }
                long w0 = System.nanoTime();
                int writes = 5000;
                for (int i = 0; i < writes; i++) {
                    probeFile.write(new ReceiverState(i, i, 0, 0));
                }
                writeMs = (System.nanoTime() - w0) / 1e6 / writes;
            }

            HttpReceiver.Timing timing = HttpReceiver.Timing.SPEC;
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timing.connectTimeout()).build();
            HttpReports.Receiver settings = new HttpReports.Receiver(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts", true, false, true, 2, 1, 1,
                    false, true);
            HttpReceiver receiver = new HttpReceiver("main", settings, timing, client, store);
            Outbox outbox = new Outbox(db, store, Outbox.DEFAULT_BOUND, dir.resolve("cursors"));

            // 2. latency at a steady rate (warm-up first)
            outbox.register(receiver);
            long[] stored = new long[events + 1];
            long pace = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < 100 + events; i++) {
                long id = store.add(1 + i % 16).id();
                startTimes.put(id, System.nanoTime()); // committed: what the events writer does before the listener
                if (i >= 100) {
                    stored[i - 100] = id;
                }
                outbox.wake();
                next += pace;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            long last = stored[events - 1];
            waitFor(() -> arrivals.containsKey(last));
            double[] lat = new double[events];
            for (int i = 0; i < events; i++) {
                lat[i] = (arrivals.get(stored[i]) - startTimes.get(stored[i])) / 1e6;
            }
            Arrays.sort(lat);

            // 3. drain: the receiver away (unregistered), a backlog stored, then back
            outbox.unregister(receiver);
            long first = store.lastId() + 1;
            for (int i = 0; i < backlog; i++) {
                store.add(1 + i % 16);
            }
            long lastOfBacklog = store.lastId();
            long d0 = System.nanoTime();
            outbox.register(new HttpReceiver("main", settings, timing, client, store));
            waitFor(() -> arrivals.containsKey(lastOfBacklog));
            double drainSeconds = (System.nanoTime() - d0) / 1e9;
            outbox.close();
            long drained = java.util.stream.LongStream.rangeClosed(first, lastOfBacklog)
                    .filter(arrivals::containsKey).count();

            System.out.printf("cursor commit (MapDB, fsync), no longer per event: %.2f ms%n", commitMs);
            System.out.printf("cursor write (file, no fsync), per acknowledged event: %.4f ms%n", writeMs);
            System.out.printf("stored -> received at %d events/s, %d events, photo %d bytes: p50 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms%n", rate, events, pictureBytes, lat[events / 2], lat[(int) (events * 0.99)],
                    lat[events - 1]);
            System.out.printf("drain of %d stored events: %d received in %.2f s = %.0f events/s%n", backlog, drained,
                    drainSeconds, drained / drainSeconds);
        } finally {
            server.stop(0);
            db.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static final ConcurrentHashMap<Long, Long> startTimes = new ConcurrentHashMap<>();

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(1);
        }
    }
}
