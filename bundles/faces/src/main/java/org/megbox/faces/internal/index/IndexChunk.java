package org.megbox.faces.internal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One file of {@value #SLOTS} face slots, memory-mapped: a header, the keys, the per-vector scales (NaN = free slot),
 * the int8 codes and the float vectors. Keys, scales and codes are also held on the heap in three primitive arrays,
 * the ones the scan reads; the float vectors are read from the mapping only when candidates are re-ranked.
 *
 * <p>Codes are stored for the scan, not per slot: a block of {@value #BLOCK} slots is dimension-major, 64 ints per
 * dimension, each int holding the biased codes (code + 128) of four slots in its four bytes, so the scan's inner
 * loop is an element-wise int multiply-add that the JIT vectorises.
 */
final class IndexChunk {
    static final int SLOTS = 16384;
    static final int BLOCK = 256;
    static final int BLOCKS = SLOTS / BLOCK;
    static final int COLUMNS = 64;
    private static final long MAGIC = 0x4D4246495843484BL; // "MBFIXCHK"
    private static final int HEADER = 64;
    private static final int GENERATION_AT = 24;

    final int number;
    final int dimension;
    final long[] keys = new long[SLOTS];
    final float[] scales = new float[SLOTS];
    final int[] codes;
    private final MappedByteBuffer map;
    private final long keysAt = HEADER;
    private final long scalesAt = keysAt + 8L * SLOTS;
    private final long codesAt = scalesAt + 4L * SLOTS;
    private final long floatsAt;

    private IndexChunk(int number, int dimension, MappedByteBuffer map) {
        this.number = number;
        this.dimension = dimension;
        this.codes = new int[SLOTS / 4 * dimension];
        this.floatsAt = codesAt + (long) SLOTS * dimension;
        this.map = map;
        map.order(ByteOrder.LITTLE_ENDIAN);
    }

    static long length(int dimension) {
        return HEADER + (long) SLOTS * (8 + 4 + dimension + 4L * dimension);
    }

    static Path file(Path dir, int number) {
        return dir.resolve(String.format("chunk-%05d.bin", number));
    }

    static IndexChunk create(Path dir, int number, int dimension) throws IOException {
        Path file = file(dir, number);
        Files.deleteIfExists(file);
        IndexChunk chunk = new IndexChunk(number, dimension, map(file, dimension));
        chunk.map.putLong(0, MAGIC).putInt(8, dimension).putInt(12, number);
        Arrays.fill(chunk.scales, Float.NaN);
        for (int slot = 0; slot < SLOTS; slot++) {
            chunk.map.putFloat((int) (chunk.scalesAt + 4L * slot), Float.NaN);
        }
        return chunk;
    }

    /** @throws InconsistentIndexException when the file is missing, of the wrong length or from another generation */
    static IndexChunk load(Path dir, int number, int dimension, long generation, ByteBuffer scratch)
            throws IOException {
        Path file = file(dir, number);
        if (!Files.isRegularFile(file) || Files.size(file) != length(dimension)) {
            throw new InconsistentIndexException(file.getFileName() + " is missing or truncated");
        }
        IndexChunk chunk = new IndexChunk(number, dimension, map(file, dimension));
        MappedByteBuffer m = chunk.map;
        if (m.getLong(0) != MAGIC || m.getInt(8) != dimension || m.getInt(12) != number
                || m.getLong(GENERATION_AT) != generation) {
            throw new InconsistentIndexException(file.getFileName() + " is not of generation " + generation);
        }
        // read, not through the mapping: the heap copies are what the scan uses, the mapped pages need not stay resident
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            read(ch, chunk.keysAt, 8 * SLOTS, scratch).asLongBuffer().get(chunk.keys);
            read(ch, chunk.scalesAt, 4 * SLOTS, scratch).asFloatBuffer().get(chunk.scales);
            read(ch, chunk.codesAt, SLOTS * dimension, scratch).asIntBuffer().get(chunk.codes);
        }
        return chunk;
    }

    /** A buffer {@link #load} can read any region into (off-heap, reused for every chunk: no heap garbage). */
    static ByteBuffer scratch(int dimension) {
        return ByteBuffer.allocateDirect(SLOTS * Math.max(8, dimension));
    }

    private static ByteBuffer read(FileChannel ch, long at, int length, ByteBuffer scratch) throws IOException {
        ByteBuffer b = scratch.clear().limit(length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new InconsistentIndexException("chunk file shorter than its length");
            }
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static MappedByteBuffer map(Path file, int dimension) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, length(dimension)); // the mapping outlives the channel
        }
    }

    boolean isFree(int slot) {
        return Float.isNaN(scales[slot]);
    }

    void write(int slot, long key, float[] unit, Quantized q) {
        keys[slot] = key;
        scales[slot] = q.scale();
        map.putLong((int) (keysAt + 8L * slot), key);
        map.putFloat((int) (scalesAt + 4L * slot), q.scale());
        int base = slot / BLOCK * COLUMNS * dimension + slot % COLUMNS;
        int lane = slot % BLOCK / COLUMNS;
        int shift = 8 * lane;
        for (int d = 0; d < dimension; d++) {
            int biased = q.codes()[d] + 128;
            int at = base + d * COLUMNS;
            codes[at] = codes[at] & ~(0xFF << shift) | biased << shift;
            map.put((int) (codesAt + 4L * at + lane), (byte) biased); // little-endian: lane n is byte n of the int
        }
        int at = (int) (floatsAt + 4L * slot * dimension);
        for (int d = 0; d < dimension; d++) {
            map.putFloat(at + 4 * d, unit[d]);
        }
    }

    void free(int slot) {
        keys[slot] = 0;
        scales[slot] = Float.NaN;
        map.putLong((int) (keysAt + 8L * slot), 0);
        map.putFloat((int) (scalesAt + 4L * slot), Float.NaN);
    }

    /** The exact cosine, summed in double in dimension order (the same value for the same two float vectors). */
    double dot(int slot, float[] unitQuery) {
        int at = (int) (floatsAt + 4L * slot * dimension);
        double sum = 0;
        for (int d = 0; d < dimension; d++) {
            sum += (double) unitQuery[d] * map.getFloat(at + 4 * d);
        }
        return sum;
    }

    float[] vector(int slot) {
        float[] v = new float[dimension];
        int at = (int) (floatsAt + 4L * slot * dimension);
        for (int d = 0; d < dimension; d++) {
            v[d] = map.getFloat(at + 4 * d);
        }
        return v;
    }

    /** Writes the generation into the header and forces every change of this file to disk. */
    void stamp(long generation) {
        map.putLong(GENERATION_AT, generation);
        map.force();
    }
}
