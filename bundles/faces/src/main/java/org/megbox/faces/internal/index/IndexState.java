package org.megbox.faces.internal.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The small file {@value #NAME} that says whether the chunk files form a synced whole: written to a temporary file,
 * forced, then renamed over the old one, so a reader sees either the old or the new record, never a torn one.
 */
record IndexState(int dimension, int chunkCount, int highWater, int size, boolean clean, long generation) {
    static final String NAME = "index.state";
    private static final long MAGIC = 0x4D42464958535431L; // "MBFIXST1"
    private static final int LENGTH = 48;

    /** @return the state, or null when the file is absent, torn or not ours */
    static IndexState read(Path dir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(NAME));
        } catch (NoSuchFileException absent) {
            return null;
        }
        if (bytes.length != LENGTH) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, LENGTH - 8);
        if (b.getLong(0) != MAGIC || b.getLong(LENGTH - 8) != crc.getValue()) {
            return null;
        }
        return new IndexState(b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20), b.getInt(24) == 1, b.getLong(28));
    }

    void write(Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(MAGIC).putInt(dimension).putInt(chunkCount).putInt(highWater).putInt(size).putInt(clean ? 1 : 0)
                .putLong(generation);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, LENGTH - 8);
        b.putLong(LENGTH - 8, crc.getValue());
        b.clear();
        Path tmp = dir.resolve(NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    /** The rename is durable only once the directory entry is. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
