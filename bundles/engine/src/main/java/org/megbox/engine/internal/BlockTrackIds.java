package org.megbox.engine.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.megbox.engine.TrackIdRange;
import org.megbox.engine.TrackIds;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One range's durable ids, hi/lo style: the store keeps the range's high-water mark, the end of the last block of
 * {@link #BLOCK} ids reserved; ids are handed out of the reserved block from memory, so a commit happens once per
 * block, never per frame. When half of the block is used the next one is reserved on {@code executor} ahead of
 * need, so a frame waits for the disk only if that commit is slower than half a block of tracks. A new instance
 * (box start) starts at the stored mark: ids reserved but not handed out before a crash are never used, none is
 * ever handed out twice. At the end of its range the next block starts at the range's first id again.
 */
final class BlockTrackIds implements TrackIds {

    static final long BLOCK = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(BlockTrackIds.class);

    private record Block(long start, long end) {
    }

    private final Database database;
    private final KeyValueStore<String, Long> marks;
    private final TrackIdRange range;
    private final Executor executor;
    private long next;
    private long end;
    /** The next block being reserved or reserved, null while the current one is less than half used. */
    private CompletableFuture<Block> ahead;

    BlockTrackIds(Database database, KeyValueStore<String, Long> marks, TrackIdRange range, Executor executor) {
        this.database = database;
        this.marks = marks;
        this.range = range;
        this.executor = executor;
        Block first = reserve(marks.get(key()).orElse(range.first()));
        this.next = first.start();
        this.end = first.end();
    }

    String key() {
        return range.name().toLowerCase();
    }

    @Override
    public synchronized long next() {
        if (next >= end) {
            Block b = ahead == null ? reserve(end) : ahead.join();
            ahead = null;
            next = b.start();
            end = b.end();
        }
        long id = next++;
        if (ahead == null && end - next <= BLOCK / 2) {
            long from = end;
            try {
                ahead = CompletableFuture.supplyAsync(() -> reserve(from), executor);
            } catch (RejectedExecutionException e) { // shutting down: reserve when needed, on the caller
                ahead = null;
            }
        }
        return id;
    }

    /**
     * Commits the mark after the block starting at {@code from} (or at the range's start when {@code from} is
     * outside the range or the block would pass its end). A failed commit still hands out the block (analysis goes
     * on), but its ids may be handed out again after a restart: logged.
     */
    private Block reserve(long from) {
        long start = from;
        if (!range.contains(from) || from + BLOCK - 1 > range.last()) {
            start = range.first();
            if (range.contains(from - 1)) {
                LOG.warn("track ids {}: the range {}..{} is used up, starting again at {}", key(), range.first(),
                        range.last(), start);
            }
        }
        Block b = new Block(start, start + BLOCK);
        try {
            database.transaction(() -> marks.put(key(), b.end()));
        } catch (RuntimeException e) {
            LOG.error("track ids {}: could not store the mark {}; ids from {} may repeat after a restart", key(),
                    b.end(), b.start(), e);
        }
        return b;
    }
}
