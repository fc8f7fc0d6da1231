package org.megbox.rest.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.megbox.rest.Access;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;

/**
 * The §1.4 write exclusion, done better than the original device.
 *
 * <p>{@link Access#WRITE} routes run one at a time, in arrival order (a fair lock). A write that does not
 * get its turn within the bounded wait is refused with 104004 {@code NO_ACCESS}, as the spec answers a
 * conflicting call; unlike the device, a short overlap just queues instead of failing at once.
 *
 * <p>{@link Access#READ} routes never take the lock and are never refused. That is safe because reads only
 * read published immutable snapshots, which the write path swaps in after its commit: a read sees the
 * state before a write or after it, never a half-applied one. The device instead stopped a running GET
 * with 104004 whenever another call arrived; nothing here needs that.
 */
final class WriteGate {

    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile long waitMillis;

    WriteGate(long waitMillis) {
        setWaitMillis(waitMillis);
    }

    void setWaitMillis(long waitMillis) {
        this.waitMillis = Math.max(0, waitMillis);
    }

    long waitMillis() {
        return waitMillis;
    }

    /** Runs {@code work} directly for a read; for a write, once it has the turn, else throws 104004. */
    <T> T call(Access access, Callable<T> work) throws Exception {
        if (access != Access.WRITE) {
            return work.call();
        }
        boolean turn;
        try {
            turn = lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.NO_ACCESS);
        }
        if (!turn) {
            throw new ApiException(ErrorCode.NO_ACCESS);
        }
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a write is running now (for tests and diagnostics). */
    boolean writing() {
        return lock.isLocked();
    }
}
