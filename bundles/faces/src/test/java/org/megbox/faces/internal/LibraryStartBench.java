package org.megbox.faces.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.megbox.faces.FaceLibrary;
import org.megbox.faces.internal.Records.Descriptor;
import org.megbox.faces.internal.Records.FaceRecord;
import org.megbox.faces.internal.Records.GroupRecord;
import org.megbox.faces.internal.Records.ImageRecord;
import org.megbox.faces.internal.Records.Rect;
import org.megbox.persistence.Codec;
import org.megbox.persistence.KeyValueStore;
import org.megbox.persistence.internal.MapDbDatabase;

/**
 * The face library's start at scale (not a test): {@code fill DIR N D} writes N faces with random unit descriptors
 * of dimension D straight into the library's stores (one group "bench" holding every second face; no files), then
 * {@code start DIR} times three starts of {@link FaceLibraryService} in this JVM: the first without an index
 * (rebuilt from the stored descriptors), then two after a clean close (the index used as it is); prints the heap
 * the library holds after a GC, and the time of a top-5 {@link FaceLibrary#search} in the group.
 */
public final class LibraryStartBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("fill")) {
            fill(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            start(dir);
        }
    }

    private static void fill(Path dir, int n, int d) {
        MapDbDatabase db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        KeyValueStore<String, ImageRecord> images = db.store("faces.images", Records.json(ImageRecord.class));
        KeyValueStore<String, FaceRecord> faces = db.store("faces.faces", Records.json(FaceRecord.class));
        KeyValueStore<Long, Descriptor> descriptors = db.longStore("faces.descriptors", Records.DESCRIPTOR);
        KeyValueStore<String, GroupRecord> groups = db.store("faces.groups", Records.json(GroupRecord.class));
        KeyValueStore<String, String> meta = db.store("faces.meta", Codec.utf8());
        Random rnd = new Random(7);
        long t0 = System.nanoTime();
        long seq = 1;
        for (int start = 0; start < n; start += 1000) {
            long first = seq;
            int count = Math.min(1000, n - start);
            db.transaction(() -> {
                long s = first;
                for (int i = 0; i < count; i++) {
                    String imageId = String.format("%022d==", s);
                    String token = String.format("T%021d==", s);
                    float[] v = new float[d];
                    double norm = 0;
                    for (int j = 0; j < d; j++) {
                        v[j] = (float) rnd.nextGaussian();
                        norm += v[j] * v[j];
                    }
                    for (int j = 0; j < d; j++) {
                        v[j] /= (float) Math.sqrt(norm);
                    }
                    long key = s + 1;
                    images.put(imageId, new ImageRecord(imageId, s, "person " + s, "p.jpg", "jpg", 0, token));
                    faces.put(token, new FaceRecord(token, imageId, key, new Rect(10, 10, 110, 110),
                            i % 2 == 0 ? List.of("bench") : List.of(), 0, "bench-model"));
                    descriptors.put(key, new Descriptor("bench-model", v));
                    s += 2;
                }
            });
            seq += 2L * count;
        }
        long last = seq;
        db.transaction(() -> {
            groups.put("bench", new GroupRecord("bench", last));
            meta.put("seq", Long.toString(last));
            meta.put("modelId", "bench-model");
            meta.put("dimension", Integer.toString(d));
        });
        db.close();
        System.out.printf("filled %d faces x %d-d in %.1f s%n", n, d, (System.nanoTime() - t0) / 1e9);
    }

    private static void start(Path dir) {
        long heapBefore = usedHeap();
        FaceLibraryService kept = null;
        MapDbDatabase keptDb = null;
        for (int run = 0; run < 3; run++) {
            MapDbDatabase db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
            long t0 = System.nanoTime();
            FaceLibraryService library = new FaceLibraryService(db, dir);
            double secs = (System.nanoTime() - t0) / 1e9;
            LibraryIndex index = library.index().orElseThrow();
            System.out.printf("start %d: %.2f s, index rebuilt: %s, faces %d, index size %d%n", run + 1, secs,
                    index.rebuilt(), library.store().faceCount(), index.size());
            if (run < 2) {
                library.close();
                db.close();
            } else {
                kept = library;
                keptDb = db;
            }
        }
        long heap = usedHeap() - heapBefore;
        int n = kept.store().faceCount();
        System.out.printf("heap held by the library (records, bindings, index codes): %d MB, %d bytes per face%n",
                heap >> 20, heap / Math.max(1, n));
        float[] q = kept.store().descriptor(kept.store().faces().get(0).key())
                .orElseThrow().vector();
        for (int i = 0; i < 5; i++) {
            kept.search(q, "bench-model", List.of("bench"), 5, 0f);
        }
        int runs = 20;
        long t0 = System.nanoTime();
        List<FaceLibrary.Match> m = List.of();
        for (int i = 0; i < runs; i++) {
            m = kept.search(q, "bench-model", List.of("bench"), 5, 0f);
        }
        System.out.printf("search top-5 in group 'bench' (%d of %d faces): %.1f ms, top1 score %.2f%n",
                kept.store().members("bench").size(), n, (System.nanoTime() - t0) / 1e6 / runs,
                m.isEmpty() ? 0f : m.get(0).score());
        kept.close();
        keptDb.close();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
