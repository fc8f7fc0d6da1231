package org.megbox.faces.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

/**
 * One query's quantised scan over every block, on the caller's thread and on pool threads, which take units of
 * {@value #BLOCKS_PER_TASK} blocks in turn. A pool thread that a busy machine does not schedule before the caller
 * has finished never starts (the caller withdraws it, having done its share), so a search on a loaded box is not
 * slower than on one thread by more than the hand-off.
 */
final class ParallelScan {
    static final int BLOCKS_PER_TASK = 16;

    private final List<IndexChunk> chunks;
    private final QueryCodes query;
    private final LongPredicate filter;
    private final int blocks;
    private final int tasks;
    private final AtomicInteger next = new AtomicInteger();

    ParallelScan(List<IndexChunk> chunks, int slotsUsed, QueryCodes query, LongPredicate filter) {
        this.chunks = chunks;
        this.query = query;
        this.filter = filter;
        this.blocks = (slotsUsed + IndexChunk.BLOCK - 1) / IndexChunk.BLOCK;
        this.tasks = (blocks + BLOCKS_PER_TASK - 1) / BLOCKS_PER_TASK;
    }

    /** @return the candidates of every thread that took part, each holding its best {@code perThread} slots */
    List<Candidates> run(Executor pool, int threads, int perThread) {
        Helper[] helpers = new Helper[Math.max(0, Math.min(threads, tasks) - 1)];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(new Candidates(perThread));
            pool.execute(helpers[i]);
        }
        List<Candidates> found = new ArrayList<>();
        Candidates mine = new Candidates(perThread);
        found.add(mine);
        try {
            work(mine);
        } finally {
            next.set(tasks); // hands out nothing more: matters only when the caller's share failed
            boolean interrupted = false;
            for (Helper helper : helpers) {
                if (helper.started.compareAndSet(false, true)) {
                    continue; // never started: its share was done by the others
                }
                while (true) {
                    try {
                        helper.done.await(); // it reads the chunks under the caller's read lock: always wait
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (helper.failure != null) {
                    throw helper.failure;
                }
                found.add(helper.out);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return found;
    }

    private void work(Candidates out) {
        QuantisedScan scan = new QuantisedScan();
        for (int task; (task = next.getAndIncrement()) < tasks; ) {
            int from = task * BLOCKS_PER_TASK;
            scan.run(chunks, query, filter, from, Math.min(blocks, from + BLOCKS_PER_TASK), out);
        }
    }

    private final class Helper implements Runnable {
        final Candidates out;
        final AtomicBoolean started = new AtomicBoolean();
        final CountDownLatch done = new CountDownLatch(1);
        RuntimeException failure; // published by done.countDown()

        Helper(Candidates out) {
            this.out = out;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {
                return; // withdrawn by the caller
            }
            try {
                work(out);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }
    }
}
