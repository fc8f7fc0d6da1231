package org.megbox.faces.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches while another thread puts, replaces and removes: no error, every answer well-formed, exact at the end. */
class FaceIndexConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void searchesDuringPuts() throws Exception {
        int dim = 64;
        Random random = new Random(31);
        Map<Long, float[]> stored = new HashMap<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger searches = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (FaceIndex index = FaceIndex.open(dir, dim)) {
            for (long key = 0; key < 5000; key++) {
                float[] v = Vectors.randomUnit(random, dim);
                stored.put(key, v);
                index.put(key, v);
            }
            List<Thread> searchers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Random own = new Random(100 + t);
                Thread s = new Thread(() -> {
                    try {
                        while (writing.get()) {
                            List<FaceIndex.Hit> hits = index.search(Vectors.randomUnit(own, dim), 5, null);
                            assertThat(hits).hasSize(5);
                            for (int i = 1; i < hits.size(); i++) {
                                assertThat(hits.get(i).cosine()).isLessThanOrEqualTo(hits.get(i - 1).cosine());
                            }
                            searches.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                s.start();
                searchers.add(s);
            }
            for (long key = 5000; key < 25_000; key++) { // crosses into a second chunk file while searching
                float[] v = Vectors.randomUnit(random, dim);
                stored.put(key, v);
                index.put(key, v);
                if (key % 3 == 0) {
                    index.remove(key - 4000);
                    stored.remove(key - 4000);
                }
                if (key % 5000 == 0) {
                    index.sync();
                }
            }
            while (searches.get() < 20 && errors.isEmpty()) { // make sure searches did overlap the writes' end
                Thread.sleep(10);
            }
            writing.set(false);
            for (Thread s : searchers) {
                s.join();
            }
            assertThat(errors).isEmpty();
            assertThat(index.size()).isEqualTo(stored.size());
            for (int q = 0; q < 10; q++) {
                float[] query = Vectors.randomUnit(random, dim);
                assertThat(index.search(query, 5, null)).isEqualTo(Vectors.bruteForce(stored, query, 5, null));
            }
        }
    }
}
