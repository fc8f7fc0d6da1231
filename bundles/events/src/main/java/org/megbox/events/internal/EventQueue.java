package org.megbox.events.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.megbox.api.event.AlarmEvent;

/**
 * The hand-over between analysis threads and the single writer: bounded by count and by bytes of copied frames.
 * {@link #offer} never waits for the writer (only for the short lock guarding the deque); when a bound is
 * exceeded the <b>oldest</b> waiting events are dropped and counted, so the newest events win.
 */
final class EventQueue {

    /** The pixels of one frame, copied once and shared by every event raised on it. Never written after creation. */
    record FrameCopy(int videoNo, long frameId, long ptsMillis, long recvTimestampMillis, int width, int height,
            byte[] bgr) {
    }

    record Pending(AlarmEvent event, FrameCopy frame) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Pending> deque = new ArrayDeque<>();
    private volatile int maxEvents;
    private volatile long maxBytes;
    private long bytes;
    private long accepted;
    private long dropped;

    EventQueue(int maxEvents, long maxBytes) {
        limits(maxEvents, maxBytes);
    }

    void limits(int maxEvents, long maxBytes) {
        this.maxEvents = Math.max(1, maxEvents);
        this.maxBytes = Math.max(1, maxBytes);
    }

    /**
     * Queues the event; drops the oldest waiting ones while a bound is exceeded (the new one is always kept, even
     * if its frame alone is larger than the byte bound).
     *
     * @return how many were dropped to make room
     */
    int offer(Pending p) {
        lock.lock();
        try {
            deque.addLast(p);
            bytes += p.frame().bgr().length;
            accepted++;
            int droppedNow = 0;
            while (deque.size() > 1 && (deque.size() > maxEvents || bytes > maxBytes)) {
                Pending old = deque.removeFirst();
                bytes -= old.frame().bgr().length;
                dropped++;
                droppedNow++;
            }
            notEmpty.signal();
            return droppedNow;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for at least one event, then takes up to {@code max} of them, oldest first. */
    List<Pending> take(int max, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (deque.isEmpty()) {
                if (nanos <= 0) {
                    return List.of();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            List<Pending> batch = new ArrayList<>(Math.min(max, deque.size()));
            while (!deque.isEmpty() && batch.size() < max) {
                Pending p = deque.removeFirst();
                bytes -= p.frame().bgr().length;
                batch.add(p);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return deque.size();
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    long accepted() {
        lock.lock();
        try {
            return accepted;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
