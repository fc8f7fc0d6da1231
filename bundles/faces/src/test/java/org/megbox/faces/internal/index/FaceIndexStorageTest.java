package org.megbox.faces.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** put/replace/remove/clear, reopening, and the crash detection of the class doc. */
class FaceIndexStorageTest {
    private static final int DIM = 48;

    @TempDir
    Path dir;

    @Test
    void putReplaceRemoveAndClear() throws IOException {
        Random random = new Random(21);
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            float[] a = Vectors.randomUnit(random, DIM);
            float[] b = Vectors.randomUnit(random, DIM);
            index.put(1, a);
            index.put(2, b);
            assertThat(index.size()).isEqualTo(2);
            assertThat(index.search(a, 1, null).get(0).key()).isEqualTo(1);

            index.put(1, b); // replace: same key, new vector
            assertThat(index.size()).isEqualTo(2);
            assertThat(index.vector(1)).containsExactly(b);
            assertThat(index.search(a, 2, null)).extracting(FaceIndex.Hit::key).containsExactly(1L, 2L);
            assertThat(index.search(a, 2, null).get(0).cosine()).isEqualTo(index.search(a, 2, null).get(1).cosine());

            assertThat(index.remove(1)).isTrue();
            assertThat(index.remove(1)).isFalse();
            assertThat(index.remove(99)).isFalse();
            assertThat(index.contains(1)).isFalse();
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.search(b, 5, null)).extracting(FaceIndex.Hit::key).containsExactly(2L);

            index.clear();
            assertThat(index.size()).isZero();
            assertThat(index.search(b, 5, null)).isEmpty();
            assertThat(chunkFiles()).isEmpty();
            index.put(3, a);
            assertThat(index.search(a, 5, null)).extracting(FaceIndex.Hit::key).containsExactly(3L);
        }
    }

    @Test
    void removedSlotsAreReusedBeforeTheIndexGrows() throws IOException {
        Random random = new Random(22);
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            for (long key = 0; key < 1000; key++) {
                index.put(key, Vectors.randomUnit(random, DIM));
            }
            for (long key = 0; key < 1000; key += 2) {
                index.remove(key);
            }
            for (long key = 5000; key < 5500; key++) {
                index.put(key, Vectors.randomUnit(random, DIM));
            }
            assertThat(index.size()).isEqualTo(1000);
            assertThat(index.slotsUsed()).isEqualTo(1000);
        }
    }

    @Test
    void reopenAfterCloseHasTheSameFacesAndResults() throws IOException {
        Random random = new Random(23);
        Map<Long, float[]> stored = new HashMap<>();
        long generation;
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            assertThat(index.needsRebuild()).as("a new directory").isTrue();
            for (long key = 0; key < 20_000; key++) { // two chunk files
                float[] v = Vectors.randomUnit(random, DIM);
                stored.put(key * 3, v);
                index.put(key * 3, v);
            }
            for (long key = 0; key < 300; key++) {
                index.remove(key * 3);
                stored.remove(key * 3);
            }
            index.sync();
            generation = index.generation();
        }
        float[] query = Vectors.randomUnit(random, DIM);
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            assertThat(index.needsRebuild()).isFalse();
            assertThat(index.size()).isEqualTo(stored.size());
            assertThat(index.generation()).isEqualTo(generation);
            assertThat(index.vector(3 * 4321)).containsExactly(stored.get(3L * 4321));
            assertThat(index.contains(3 * 5)).isFalse();
            assertThat(index.search(query, 5, null)).isEqualTo(Vectors.bruteForce(stored, query, 5, null));
            index.put(1, Vectors.randomUnit(random, DIM)); // reuses a hole
            assertThat(index.slotsUsed()).isEqualTo(20_000);
        }
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            assertThat(index.needsRebuild()).isFalse();
            assertThat(index.size()).isEqualTo(stored.size() + 1);
            assertThat(index.generation()).isEqualTo(generation + 1);
        }
    }

    @Test
    void aChangeThatWasNotSyncedIsDetectedAfterACrash() throws IOException {
        Random random = new Random(24);
        Path crashed = dir.resolve("at-the-kill");
        try (FaceIndex index = FaceIndex.open(dir.resolve("live"), DIM)) {
            for (long key = 0; key < 100; key++) {
                index.put(key, Vectors.randomUnit(random, DIM));
            }
            index.sync();
            index.put(500, Vectors.randomUnit(random, DIM));
            copy(dir.resolve("live"), crashed); // what the disk holds if the process is killed now
        }
        try (FaceIndex index = FaceIndex.open(crashed, DIM)) {
            assertThat(index.needsRebuild()).isTrue();
            assertThat(index.size()).isZero();
            assertThat(chunkFiles(crashed)).isEmpty();
            index.put(1, Vectors.randomUnit(random, DIM)); // the rebuild
            index.sync();
        }
        try (FaceIndex index = FaceIndex.open(crashed, DIM)) {
            assertThat(index.needsRebuild()).isFalse();
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void aSyncedStateSurvivesACrash() throws IOException {
        Random random = new Random(25);
        Path crashed = dir.resolve("at-the-kill");
        try (FaceIndex index = FaceIndex.open(dir.resolve("live"), DIM)) {
            for (long key = 0; key < 100; key++) {
                index.put(key, Vectors.randomUnit(random, DIM));
            }
            index.sync();
            index.search(Vectors.randomUnit(random, DIM), 5, null); // searches do not dirty the index
            copy(dir.resolve("live"), crashed);
        }
        try (FaceIndex index = FaceIndex.open(crashed, DIM)) {
            assertThat(index.needsRebuild()).isFalse();
            assertThat(index.size()).isEqualTo(100);
        }
    }

    @Test
    void aTruncatedChunkIsDetected() throws IOException {
        fillAndClose(dir);
        try (RandomAccessFile f = new RandomAccessFile(IndexChunk.file(dir, 1).toFile(), "rw")) {
            f.setLength(f.length() - 4096);
        }
        assertRebuildNeeded(dir);
    }

    @Test
    void aMissingChunkIsDetected() throws IOException {
        fillAndClose(dir);
        Files.delete(IndexChunk.file(dir, 1));
        assertRebuildNeeded(dir);
    }

    @Test
    void aChunkOfAnotherGenerationIsDetected() throws IOException {
        fillAndClose(dir);
        try (RandomAccessFile f = new RandomAccessFile(IndexChunk.file(dir, 0).toFile(), "rw")) {
            f.seek(24); // the generation in the chunk header
            f.write(new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
        }
        assertRebuildNeeded(dir);
    }

    @Test
    void aStateOfAnotherGenerationIsDetected() throws IOException {
        fillAndClose(dir);
        IndexState state = IndexState.read(dir);
        new IndexState(state.dimension(), state.chunkCount(), state.highWater(), state.size(), true,
                state.generation() + 1).write(dir);
        assertRebuildNeeded(dir);
    }

    @Test
    void aCorruptStateFileIsDetected() throws IOException {
        fillAndClose(dir);
        byte[] bytes = Files.readAllBytes(dir.resolve(IndexState.NAME));
        bytes[16] ^= 1; // the slot count
        Files.write(dir.resolve(IndexState.NAME), bytes);
        assertRebuildNeeded(dir);
    }

    @Test
    void anotherDimensionDropsTheFiles() throws IOException {
        fillAndClose(dir);
        try (FaceIndex index = FaceIndex.open(dir, DIM * 2)) {
            assertThat(index.needsRebuild()).isTrue();
            assertThat(index.size()).isZero();
        }
    }

    private static void fillAndClose(Path dir) throws IOException {
        Random random = new Random(26);
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            for (long key = 0; key < IndexChunk.SLOTS + 10; key++) {
                index.put(key, Vectors.randomUnit(random, DIM));
            }
        }
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            assertThat(index.needsRebuild()).as("untouched files load").isFalse();
        }
    }

    private static void assertRebuildNeeded(Path dir) throws IOException {
        try (FaceIndex index = FaceIndex.open(dir, DIM)) {
            assertThat(index.needsRebuild()).isTrue();
            assertThat(index.size()).isZero();
            assertThat(index.search(Vectors.randomUnit(new Random(1), DIM), 5, null)).isEmpty();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private List<Path> chunkFiles() throws IOException {
        return chunkFiles(dir);
    }

    private static List<Path> chunkFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("chunk-")).toList();
        }
    }
}
