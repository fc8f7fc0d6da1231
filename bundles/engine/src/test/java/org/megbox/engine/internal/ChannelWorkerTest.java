package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.AnalysisResult;
import org.megbox.api.analysis.Frame;
import org.megbox.video.FrameSubscription;

/**
 * A worker whose subscription says when a frame arrives analyses it on arrival (not at its next timer tick), one
 * frame at a time, and takes the newest frame of those that arrived during a run.
 */
class ChannelWorkerTest {

    /** A one-slot mailbox that calls its arrival listener, like the video bundle's. */
    static final class PushingSubscription implements FrameSubscription {
        private Frame mailbox;
        private volatile Runnable listener;
        volatile boolean closed;

        void publish(long frameId) {
            synchronized (this) {
                mailbox = new Frame(1, frameId, frameId * 100, System.currentTimeMillis(), 2, 2, ByteBuffer.allocate(12));
            }
            Runnable l = listener;
            if (l != null) {
                l.run();
            }
        }

        @Override
        public int videoNo() {
            return 1;
        }

        @Override
        public synchronized Frame awaitNewer(long lastFrameId, Duration timeout) {
            Frame f = mailbox;
            mailbox = null;
            return f != null && f.frameId() > lastFrameId ? f : null;
        }

        @Override
        public boolean onArrival(Runnable l) {
            listener = l;
            return true;
        }

        @Override
        public void requestRate(double fps) {
        }

        @Override
        public double requestedRate() {
            return 0;
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    @Test
    void aFrameIsAnalysedWhenItArrivesNotAtTheNextTick() throws Exception {
        PushingSubscription sub = new PushingSubscription();
        List<Long> analysed = new CopyOnWriteArrayList<>();
        DetectionSource source = detecting(f -> analysed.add(f.frameId()));
        // one frame an hour: a timer-paced worker would take the second frame an hour after the first
        ChannelWorker w = new ChannelWorker(1, "plan", 1.0 / 3600, sub, List.of(new AnalysisGroup(source, List.of())),
                pool, (e, f) -> { });
        sub.publish(1); // already in the mailbox when the worker starts
        w.start();
        waitFor(() -> analysed.size() == 1);
        sub.publish(2);
        waitFor(() -> analysed.size() == 2);
        assertThat(analysed).containsExactly(1L, 2L);
        assertThat(w.framesAnalysed()).isEqualTo(2);
        w.stop();
        assertThat(sub.closed).isTrue();
        sub.publish(3); // the worker stopped listening
        Thread.sleep(100);
        assertThat(analysed).containsExactly(1L, 2L);
    }

    @Test
    void framesArrivingDuringARunAreTakenOnceNewestFirstNeverTwoAtOnce() throws Exception {
        PushingSubscription sub = new PushingSubscription();
        List<Long> analysed = new CopyOnWriteArrayList<>();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        DetectionSource source = detecting(f -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            analysed.add(f.frameId());
            if (f.frameId() == 1) {
                inFirst.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            running.decrementAndGet();
        });
        ChannelWorker w = new ChannelWorker(1, "plan", 8, sub, List.of(new AnalysisGroup(source, List.of())), pool,
                (e, f) -> { });
        w.start();
        sub.publish(1);
        assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
        sub.publish(2); // replaced by 3 before the worker is free: only 3 is analysed next
        sub.publish(3);
        release.countDown();
        waitFor(() -> analysed.size() >= 2);
        Thread.sleep(100); // nothing else comes
        assertThat(analysed).containsExactly(1L, 3L);
        assertThat(mostAtOnce).hasValue(1);
        w.stop();
    }

    private static DetectionSource detecting(java.util.function.Consumer<Frame> onFrame) {
        return new DetectionSource() {
            @Override
            public AnalysisResult detect(Frame frame) {
                onFrame.accept(frame);
                return AnalysisResult.EMPTY;
            }

            @Override
            public void close() {
            }
        };
    }
}
