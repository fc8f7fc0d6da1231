package org.megbox.video.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.megbox.api.analysis.Frame;
import org.megbox.video.FrameSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one channel number's decoded frames meet their consumers. Lives for the whole box (a subscription
 * survives the channel being deleted and created again); frame ids grow monotonically.
 *
 * <p>The decoder asks {@link #beginFrame} whether anybody is due for a frame of that presentation time; only
 * then does it convert the frame to BGR, into a buffer from {@link #acquireBuffer}, and {@link #publish} it.
 * Each subscription has a one-slot mailbox: a due frame replaces one it did not take yet (counted as dropped).
 * Buffers are pooled: a buffer is reused only when no mailbox holds its frame and no subscription still holds
 * it as the frame it returned last, so at most {@code 2 * subscriptions + 1} buffers exist.
 */
final class FrameHub {

    private static final Logger LOG = LoggerFactory.getLogger(FrameHub.class);

    private final int videoNo;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Sub> subs = new CopyOnWriteArrayList<>();
    private final List<ByteBuffer> pool = new ArrayList<>();
    private final AtomicLong nextFrameId = new AtomicLong(1);
    private final AtomicLong converted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    FrameHub(int videoNo) {
        this.videoNo = videoNo;
    }

    int videoNo() {
        return videoNo;
    }

    /** A new id for a decoded frame, whether converted or not (gaps show the frames nobody got). */
    long nextFrameId() {
        return nextFrameId.getAndIncrement();
    }

    FrameSubscription subscribe(double fps) {
        Sub s = new Sub(fps);
        subs.add(s);
        return s;
    }

    /** Whether any subscription is due for a frame at {@code ptsMillis}; marks those that are. Decoder thread. */
    boolean beginFrame(long ptsMillis) {
        boolean any = false;
        lock.lock();
        try {
            for (Sub s : subs) {
                s.dueNow = !s.closed && s.gate.due(ptsMillis);
                any |= s.dueNow;
            }
        } finally {
            lock.unlock();
        }
        return any;
    }

    /** A buffer of {@code bytes} bytes that no consumer can see any more. Decoder thread. */
    ByteBuffer acquireBuffer(int bytes) {
        lock.lock();
        try {
            Map<ByteBuffer, Boolean> busy = new IdentityHashMap<>();
            for (Sub s : subs) {
                if (s.mailbox != null) {
                    busy.put(s.mailbox.bgr(), true);
                }
                if (s.held != null) {
                    busy.put(s.held, true);
                }
            }
            for (int i = 0; i < pool.size(); i++) {
                ByteBuffer b = pool.get(i);
                if (b.capacity() != bytes) {
                    if (!busy.containsKey(b)) { // an old size (the stream changed): let it go
                        pool.remove(i--);
                    }
                    continue;
                }
                if (!busy.containsKey(b)) {
                    b.clear();
                    return b;
                }
            }
            ByteBuffer b = ByteBuffer.allocate(bytes);
            pool.add(b);
            return b;
        } finally {
            lock.unlock();
        }
    }

    /** Hands a converted frame (its buffer from {@link #acquireBuffer}) to every subscription due for it. */
    void publish(Frame frame) {
        converted.incrementAndGet();
        boolean wanted = false;
        List<Runnable> tell = null;
        lock.lock();
        try {
            for (Sub s : subs) {
                if (s.dueNow && !s.closed) {
                    if (s.mailbox != null) {
                        s.dropped++;
                        dropped.incrementAndGet();
                    }
                    s.mailbox = frame;
                    s.dueNow = false;
                    wanted = true;
                    Runnable l = s.arrivalListener;
                    if (l != null) {
                        if (tell == null) {
                            tell = new ArrayList<>(2);
                        }
                        tell.add(l);
                    }
                }
            }
            if (wanted) {
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (tell != null) { // outside the lock: a listener may call back into its subscription
            for (Runnable l : tell) {
                try {
                    l.run();
                } catch (RuntimeException e) {
                    // a consumer's failure must not stop this channel's decoding
                    LOG.warn("frame arrival listener failed", e);
                }
            }
        }
    }

    /** Empties every mailbox (the channel was deleted: its last frames are not news any more). */
    void clearMailboxes() {
        lock.lock();
        try {
            for (Sub s : subs) {
                s.mailbox = null;
            }
        } finally {
            lock.unlock();
        }
    }

    long converted() {
        return converted.get();
    }

    long delivered() {
        return delivered.get();
    }

    long dropped() {
        return dropped.get();
    }

    int subscriptions() {
        return subs.size();
    }

    int pooledBuffers() {
        lock.lock();
        try {
            return pool.size();
        } finally {
            lock.unlock();
        }
    }

    private final class Sub implements FrameSubscription {
        final RateGate gate;
        volatile boolean closed;
        boolean dueNow;
        Frame mailbox;
        ByteBuffer held;
        long dropped;
        volatile Runnable arrivalListener;

        Sub(double fps) {
            this.gate = new RateGate(fps);
        }

        @Override
        public int videoNo() {
            return videoNo;
        }

        @Override
        public Frame awaitNewer(long lastFrameId, Duration timeout) throws InterruptedException {
            long nanos = timeout.toNanos();
            lock.lock();
            try {
                held = null;
                while (!closed) {
                    Frame f = mailbox;
                    if (f != null && f.frameId() > lastFrameId) {
                        mailbox = null;
                        held = f.bgr();
                        delivered.incrementAndGet();
                        return new Frame(f.videoNo(), f.frameId(), f.ptsMillis(), f.recvTimestampMillis(),
                                f.width(), f.height(), f.bgr().asReadOnlyBuffer());
                    }
                    if (f != null) {
                        mailbox = null; // not newer than what the caller has seen
                    }
                    if (nanos <= 0) {
                        return null;
                    }
                    nanos = arrived.awaitNanos(nanos);
                }
                return null;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void requestRate(double fps) {
            lock.lock();
            try {
                gate.setRate(fps);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public double requestedRate() {
            lock.lock();
            try {
                return gate.rate();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean onArrival(Runnable listener) {
            arrivalListener = listener;
            return true;
        }

        @Override
        public long dropped() {
            lock.lock();
            try {
                return dropped;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
                mailbox = null;
                held = null;
                arrivalListener = null;
                subs.remove(this);
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            return "FrameSubscription[videoNo=" + videoNo + ", fps=" + gate.rate() + "]";
        }
    }

    static long toMillis(Duration d) {
        return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
    }
}
