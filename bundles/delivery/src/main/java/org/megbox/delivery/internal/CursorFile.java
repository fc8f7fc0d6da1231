package org.megbox.delivery.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * One receiver's {@link ReceiverState} in a small file of its own, updated after every acknowledged event with one
 * positional {@code write} and no fsync: a SIGKILL keeps what reached the OS page cache, so it repeats at most the
 * in-flight event, while {@link #force()} (called periodically and on close) bounds what a power loss can repeat.
 *
 * <p>Two 64-byte slots are written in turn, each with a sequence number and a CRC, so a write torn by a power loss
 * leaves the other, one step older, slot valid (an older cursor re-sends, never skips).
 */
final class CursorFile implements AutoCloseable {

    private static final int SLOT = 64;
    private static final int MAGIC = 0x4D424331; // "MBC1"
    private static final int PAYLOAD = 4 + 8 * 5;

    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(SLOT);
    private volatile ReceiverState last;
    private FileChannel channel;
    private long seq;
    private volatile boolean dirty;

    private CursorFile(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        this.channel = openChannel(file);
        ReceiverState best = null;
        long bestSeq = -1;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer b = ByteBuffer.allocate(SLOT);
            channel.read(b, (long) slot * SLOT);
            if (b.position() < PAYLOAD + 4) {
                continue;
            }
            b.flip();
            CRC32 crc = new CRC32();
            crc.update(b.array(), 0, PAYLOAD);
            if (b.getInt(0) != MAGIC || b.getInt(PAYLOAD) != (int) crc.getValue()) {
                continue;
            }
            long s = b.getLong(4);
            if (s > bestSeq) {
                bestSeq = s;
                best = new ReceiverState(b.getLong(12), b.getLong(20), b.getLong(28), b.getLong(36));
            }
        }
        this.last = best;
        this.seq = bestSeq;
    }

    /** Opens (creating) the file; {@link #last()} is what it held, null when new or unreadable. */
    static CursorFile open(Path file) {
        try {
            return new CursorFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cursor file " + file, e);
        }
    }

    private static FileChannel openChannel(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The state last written, or read when opened; null when none (a new file, or both slots unreadable). */
    ReceiverState last() {
        return last;
    }

    /** Writes {@code state} to the older slot (no fsync). */
    synchronized void write(ReceiverState state) {
        seq++;
        buffer.clear();
        buffer.putInt(MAGIC).putLong(seq).putLong(state.cursor()).putLong(state.sent()).putLong(state.retried())
                .putLong(state.dropped());
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, PAYLOAD);
        buffer.putInt((int) crc.getValue());
        buffer.clear();
        long position = (seq & 1) * SLOT;
        try {
            writeFully(position);
        } catch (ClosedChannelException closed) {
            // an interrupt on some thread closed the channel: reopen once rather than stop delivering for good
            try {
                channel = openChannel(file);
                buffer.clear();
                writeFully(position);
            } catch (IOException e) {
                throw new UncheckedIOException("cursor file " + file, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cursor file " + file, e);
        }
        last = state;
        dirty = true;
    }

    private void writeFully(long position) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }

    /** Forces written states to disk if any were written since the last force. */
    void force() {
        FileChannel c;
        synchronized (this) {
            if (!dirty) {
                return;
            }
            dirty = false;
            c = channel;
        }
        try {
            c.force(false); // not under the lock: the sender's next write does not wait for the disk
        } catch (IOException e) {
            dirty = true;
            throw new UncheckedIOException("cursor file " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            force();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // closing after a force: nothing left to lose
            }
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
