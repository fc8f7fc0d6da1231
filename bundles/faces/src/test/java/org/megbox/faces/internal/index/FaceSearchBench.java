package org.megbox.faces.internal.index;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Java side of dist/src/bench/face_search.py (not a test): reads row-major float32 little-endian vectors,
 * <ul>
 * <li>{@code build DIR VECTORS N D}: puts row i under key i, syncs, closes; prints build seconds and file bytes;</li>
 * <li>{@code search DIR QUERIES Q D K OUT [EXACT_CHECKS]}: in a fresh JVM, opens the index (timed, RSS before and
 * after), runs every query once through {@link FaceIndex#search} (timed one by one, after a warm-up over the same
 * queries) and writes the top-K keys per query to OUT; times them again with one scan thread; checks the first
 * EXACT_CHECKS queries against
 * {@link FaceIndex#searchExact}.</li>
 * </ul>
 */
public final class FaceSearchBench {

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "build" -> build(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "search" -> search(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]),
                    args.length > 7 ? Integer.parseInt(args[7]) : 0);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void build(Path dir, Path vectors, int n, int d) throws IOException {
        long t0 = System.nanoTime();
        float[] v = new float[d];
        // rows are streamed: 1M x 1024 floats (4 GB) is more than one mapping (< 2 GB) can hold
        ByteBuffer row = ByteBuffer.allocateDirect(4 * d).order(ByteOrder.LITTLE_ENDIAN);
        try (FaceIndex index = FaceIndex.open(dir, d);
                FileChannel ch = FileChannel.open(vectors, StandardOpenOption.READ)) {
            if (ch.size() != 4L * n * d) {
                throw new IllegalArgumentException(vectors + " holds " + ch.size() + " bytes, not " + 4L * n * d);
            }
            index.clear();
            for (int i = 0; i < n; i++) {
                row.clear();
                while (row.hasRemaining()) {
                    if (ch.read(row) < 0) {
                        throw new IOException("short file " + vectors);
                    }
                }
                row.flip();
                row.asFloatBuffer().get(v);
                index.put(i, v);
            }
            index.sync();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("build seconds=%.2f fileBytes=%d%n", seconds, bytes);
    }

    private static void search(Path dir, Path queries, int q, int d, int k, Path out, int exactChecks)
            throws IOException {
        FloatBuffer rows = read(queries, q, d);
        float[][] qs = new float[q][d];
        for (int i = 0; i < q; i++) {
            rows.get(i * d, qs[i]);
        }
        System.gc();
        long rssBefore = rssKb();
        long t0 = System.nanoTime();
        try (FaceIndex index = FaceIndex.open(dir, d)) {
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            if (index.needsRebuild()) {
                throw new IllegalStateException("index in " + dir + " did not load");
            }
            System.gc(); // the load's read buffers are garbage: count what the index keeps
            long rssOpen = rssKb();
            for (int round = 0; round < 2; round++) { // JIT warm-up over the same queries
                for (float[] query : qs) {
                    index.search(query, k, null);
                }
            }
            long widenedBefore = index.widenedSearches();
            double[] ms = new double[q];
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
                for (int i = 0; i < q; i++) {
                    long s = System.nanoTime();
                    List<FaceIndex.Hit> hits = index.search(qs[i], k, null);
                    ms[i] = (System.nanoTime() - s) / 1e6;
                    StringBuilder line = new StringBuilder();
                    for (FaceIndex.Hit h : hits) {
                        line.append(line.length() == 0 ? "" : " ").append(h.key());
                    }
                    w.println(line);
                }
            }
            long rssAfter = rssKb();
            int exactSame = 0;
            for (int i = 0; i < Math.min(exactChecks, q); i++) {
                if (index.search(qs[i], k, null).equals(index.searchExact(qs[i], k, null))) {
                    exactSame++;
                }
            }
            Arrays.sort(ms);
            index.scanThreads(1); // the same queries on one core: the per-core rate
            for (float[] query : qs) {
                index.search(query, k, null);
            }
            double[] one = new double[q];
            for (int i = 0; i < q; i++) {
                long s = System.nanoTime();
                index.search(qs[i], k, null);
                one[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(one);
            System.out.printf("search size=%d openSeconds=%.3f rssBeforeKb=%d rssOpenKb=%d rssAfterKb=%d p50=%.3f "
                            + "p90=%.3f min=%.3f oneThreadP50=%.3f widened=%d exactSame=%d/%d%n", index.size(), openSeconds, rssBefore,
                    rssOpen, rssAfter, ms[q / 2], ms[q * 9 / 10], ms[0], one[q / 2], index.widenedSearches() - widenedBefore,
                    exactSame, Math.min(exactChecks, q));
        }
    }

    private static FloatBuffer read(Path file, int n, int d) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != 4L * n * d) {
                throw new IllegalArgumentException(file + " holds " + ch.size() + " bytes, not " + 4L * n * d);
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
