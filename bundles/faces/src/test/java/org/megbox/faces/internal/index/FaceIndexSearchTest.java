package org.megbox.faces.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quantised search returns exactly the top-k of an exact scan, on random and on clustered data. */
class FaceIndexSearchTest {
    @TempDir
    Path dir;

    @Test
    void quantisedTopFiveIsTheExactTopFiveOnRandomVectors() throws IOException {
        Random random = new Random(11);
        Map<Long, float[]> stored = new HashMap<>();
        try (FaceIndex index = FaceIndex.open(dir, 128)) {
            for (long key = 0; key < 40_000; key++) { // three chunk files, scanned in parallel
                float[] v = Vectors.randomUnit(random, 128);
                stored.put(key, v);
                index.put(key, v);
            }
            for (int q = 0; q < 60; q++) {
                float[] query = Vectors.randomUnit(random, 128);
                List<FaceIndex.Hit> expected = Vectors.bruteForce(stored, query, 5, null);
                assertThat(index.search(query, 5, null)).as("query %d", q).isEqualTo(expected);
                assertThat(index.searchExact(query, 5, null)).isEqualTo(expected);
            }
            // a stored vector finds itself first, with cosine 1
            float[] self = stored.get(1234L);
            assertThat(index.search(self, 1, null).get(0).key()).isEqualTo(1234L);
            assertThat(index.search(self, 1, null).get(0).cosine()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void quantisedTopFiveIsTheExactTopFiveOnClustersOfNearDuplicates() throws IOException {
        Random random = new Random(12);
        Map<Long, float[]> stored = new HashMap<>();
        float[][] people = new float[150][];
        try (FaceIndex index = FaceIndex.open(dir, 128)) {
            long key = 0;
            for (int p = 0; p < people.length; p++) {
                people[p] = Vectors.randomUnit(random, 128);
                for (int shot = 0; shot < 60; shot++) { // 60 photos of one person: cosines about 0.9 to 0.999
                    float[] v = Vectors.near(random, people[p], shot % 3 == 0 ? 0.003 : 0.03);
                    stored.put(key, v);
                    index.put(key++, v);
                }
                stored.put(key, people[p].clone()); // and two exact duplicates
                index.put(key++, people[p]);
                stored.put(key, people[p].clone());
                index.put(key++, people[p]);
            }
            for (int q = 0; q < 80; q++) {
                float[] query = Vectors.near(random, people[q % people.length], 0.01);
                assertThat(index.search(query, 5, null)).as("query %d", q)
                        .isEqualTo(Vectors.bruteForce(stored, query, 5, null));
            }
        }
    }

    @Test
    void moreNearDuplicatesThanCandidatesWidensTheScanAndStaysExact() throws IOException {
        Random random = new Random(13);
        Map<Long, float[]> stored = new HashMap<>();
        float[] person = Vectors.randomUnit(random, 128);
        try (FaceIndex index = FaceIndex.open(dir, 128)) {
            for (long key = 0; key < 20_000; key++) {
                // 3000 near-duplicates (far more than the candidates a scan keeps) among random faces
                float[] v = key % 7 == 0 && key < 21_000 ? Vectors.near(random, person, 0.002)
                        : Vectors.randomUnit(random, 128);
                stored.put(key, v);
                index.put(key, v);
            }
            for (int q = 0; q < 10; q++) {
                float[] query = Vectors.near(random, person, 0.002);
                assertThat(index.search(query, 5, null)).isEqualTo(Vectors.bruteForce(stored, query, 5, null));
            }
            assertThat(index.widenedSearches()).isPositive();
        }
    }

    @Test
    void filterLimitsTheResultsToAcceptedKeys() throws IOException {
        Random random = new Random(14);
        Map<Long, float[]> stored = new HashMap<>();
        try (FaceIndex index = FaceIndex.open(dir, 64)) {
            for (long key = 0; key < 10_000; key++) {
                float[] v = Vectors.randomUnit(random, 64);
                stored.put(key, v);
                index.put(key, v);
            }
            LongPredicate group = key -> key % 10 == 3;
            for (int q = 0; q < 20; q++) {
                float[] query = Vectors.randomUnit(random, 64);
                List<FaceIndex.Hit> hits = index.search(query, 5, group);
                assertThat(hits).hasSize(5).allMatch(h -> h.key() % 10 == 3);
                assertThat(hits).isEqualTo(Vectors.bruteForce(stored, query, 5, group));
            }
            assertThat(index.search(Vectors.randomUnit(random, 64), 5, key -> key == 42)).extracting(FaceIndex.Hit::key)
                    .containsExactly(42L);
            assertThat(index.search(Vectors.randomUnit(random, 64), 5, key -> false)).isEmpty();
        }
    }

    @Test
    void aFilterThatThrowsFailsTheSearchOnlyAndTheIndexStaysUsable() throws IOException {
        Random random = new Random(16);
        try (FaceIndex index = FaceIndex.open(dir, 32)) {
            for (long key = 0; key < 30_000; key++) { // several scan tasks, so pool threads take part
                index.put(key, Vectors.randomUnit(random, 32));
            }
            float[] query = Vectors.randomUnit(random, 32);
            assertThatThrownBy(() -> index.search(query, 5, key -> {
                throw new IllegalStateException("group lookup failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("group lookup failed");
            assertThat(index.search(query, 5, null)).isEqualTo(index.searchExact(query, 5, null));
            index.put(99_999, query);
            assertThat(index.search(query, 1, null).get(0).key()).isEqualTo(99_999);
        }
    }

    @Test
    void largerKThanSizeReturnsEveryFaceBestFirst() throws IOException {
        Random random = new Random(15);
        Map<Long, float[]> stored = new HashMap<>();
        try (FaceIndex index = FaceIndex.open(dir, 32)) {
            for (long key = 100; key < 107; key++) {
                float[] v = Vectors.randomUnit(random, 32);
                stored.put(key, v);
                index.put(key, v);
            }
            float[] query = Vectors.randomUnit(random, 32);
            assertThat(index.search(query, 50, null)).hasSize(7).isEqualTo(Vectors.bruteForce(stored, query, 50, null));
        }
    }

    @Test
    void rejectsVectorsOfAnotherDimensionAndDegenerateOnes() throws IOException {
        try (FaceIndex index = FaceIndex.open(dir, 16)) {
            assertThatThrownBy(() -> index.put(1, new float[15])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.put(1, new float[16])).isInstanceOf(IllegalArgumentException.class);
            float[] nan = new float[16];
            nan[0] = Float.NaN;
            assertThatThrownBy(() -> index.put(1, nan)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.search(new float[16], 5, null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(index.size()).isZero();
        }
    }

    @Test
    void aVectorThatIsNotUnitIsNormalised() throws IOException {
        try (FaceIndex index = FaceIndex.open(dir, 4)) {
            index.put(7, new float[] {3, 0, 4, 0});
            assertThat(index.vector(7)).containsExactly(0.6f, 0f, 0.8f, 0f);
            assertThat(index.search(new float[] {0, 0, 2, 0}, 1, null).get(0).cosine()).isEqualTo(0.8f);
        }
    }
}
