package org.megbox.video.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.video.FrameSubscription;

/** The one-slot mailbox: newest frame only, drops counted, buffers reused only when nobody can see them. */
class FrameHubTest {

    private static final int BYTES = 4 * 2 * 3;

    /** What the decoder does for one decoded frame; returns the frame if it was converted. */
    private static Frame decode(FrameHub hub, long pts, byte fill) {
        long id = hub.nextFrameId();
        if (!hub.beginFrame(pts)) {
            return null;
        }
        ByteBuffer b = hub.acquireBuffer(BYTES);
        for (int i = 0; i < BYTES; i++) {
            b.put(i, fill);
        }
        Frame f = new Frame(hub.videoNo(), id, pts, System.currentTimeMillis(), 4, 2, b);
        hub.publish(f);
        return f;
    }

    @Test
    void nothingIsConvertedWithoutSubscribers() {
        FrameHub hub = new FrameHub(3);
        assertThat(decode(hub, 0, (byte) 1)).isNull();
        assertThat(hub.converted()).isZero();
        FrameSubscription paused = hub.subscribe(0);
        assertThat(decode(hub, 40, (byte) 1)).isNull();
        paused.close();
    }

    @Test
    void anUnreadFrameIsReplacedAndCountedNeverQueued() throws Exception {
        FrameHub hub = new FrameHub(1);
        try (FrameSubscription sub = hub.subscribe(Double.POSITIVE_INFINITY)) {
            decode(hub, 0, (byte) 1);
            decode(hub, 40, (byte) 2);
            decode(hub, 80, (byte) 3);
            Frame f = sub.awaitNewer(0, Duration.ZERO);
            assertThat(f.frameId()).isEqualTo(3);
            assertThat(f.bgr().get(0)).isEqualTo((byte) 3);
            assertThat(f.videoNo()).isEqualTo(1);
            assertThat(sub.dropped()).isEqualTo(2);
            assertThat(hub.dropped()).isEqualTo(2);
            assertThat(hub.delivered()).isEqualTo(1);
            assertThat(sub.awaitNewer(f.frameId(), Duration.ZERO)).isNull(); // nothing newer, no waiting
        }
    }

    @Test
    void anArrivalListenerIsToldOfEachFramePutInItsMailboxOnly() throws Exception {
        FrameHub hub = new FrameHub(2);
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        FrameSubscription slow = hub.subscribe(10); // every 100 ms of video time
        FrameSubscription other = hub.subscribe(Double.POSITIVE_INFINITY);
        assertThat(slow.onArrival(told::incrementAndGet)).isTrue();
        decode(hub, 0, (byte) 1);
        assertThat(told).hasValue(1);
        decode(hub, 40, (byte) 2); // converted for the other subscription, not due for this one
        assertThat(told).hasValue(1);
        decode(hub, 100, (byte) 3);
        assertThat(told).hasValue(2);
        assertThat(slow.awaitNewer(0, Duration.ZERO).frameId()).isEqualTo(3); // the listener only tells
        slow.onArrival(null);
        decode(hub, 200, (byte) 4);
        assertThat(told).hasValue(2);
        slow.onArrival(told::incrementAndGet);
        slow.close();
        decode(hub, 300, (byte) 5);
        assertThat(told).hasValue(2);
        other.close();
    }

    @Test
    void aFailingArrivalListenerDoesNotStopPublishing() throws Exception {
        FrameHub hub = new FrameHub(2);
        try (FrameSubscription a = hub.subscribe(Double.POSITIVE_INFINITY);
                FrameSubscription b = hub.subscribe(Double.POSITIVE_INFINITY)) {
            java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
            a.onArrival(() -> {
                throw new IllegalStateException("consumer bug");
            });
            b.onArrival(told::incrementAndGet);
            decode(hub, 0, (byte) 1);
            assertThat(told).hasValue(1);
            assertThat(a.awaitNewer(0, Duration.ZERO).frameId()).isEqualTo(1);
        }
    }

    @Test
    void framesAreSharedDecodedOnceAndReadOnly() throws Exception {
        FrameHub hub = new FrameHub(1);
        FrameSubscription a = hub.subscribe(Double.POSITIVE_INFINITY);
        FrameSubscription b = hub.subscribe(Double.POSITIVE_INFINITY);
        decode(hub, 0, (byte) 7);
        Frame fa = a.awaitNewer(-1, Duration.ZERO);
        Frame fb = b.awaitNewer(-1, Duration.ZERO);
        assertThat(fa.frameId()).isEqualTo(fb.frameId());
        assertThat(hub.converted()).isEqualTo(1);
        assertThat(fa.bgr().isReadOnly()).isTrue();
        assertThatThrownBy(() -> fa.bgr().put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
        a.close();
        b.close();
    }

    @Test
    void conversionFollowsTheHighestRequestedRateAndEachGetsItsOwn() throws Exception {
        FrameHub hub = new FrameHub(1);
        FrameSubscription slow = hub.subscribe(1);
        FrameSubscription fast = hub.subscribe(5);
        int slowGot = 0;
        int fastGot = 0;
        for (int i = 0; i < 250; i++) { // 10 s of a 25 fps source
            decode(hub, i * 40L, (byte) i);
            slowGot += slow.awaitNewer(-1, Duration.ZERO) != null ? 1 : 0;
            fastGot += fast.awaitNewer(-1, Duration.ZERO) != null ? 1 : 0;
        }
        assertThat(hub.converted()).isEqualTo(50);
        assertThat(fastGot).isEqualTo(50);
        assertThat(slowGot).isEqualTo(10);
        fast.requestRate(0);
        slow.requestRate(0);
        decode(hub, 10_000, (byte) 0);
        assertThat(hub.converted()).isEqualTo(50);
        assertThat(fast.requestedRate()).isZero();
        assertThatThrownBy(() -> fast.requestRate(-1)).isInstanceOf(IllegalArgumentException.class);
        slow.close();
        fast.close();
    }

    @Test
    void aHeldFramesPixelsStayUntilTheNextCall() throws Exception {
        FrameHub hub = new FrameHub(1);
        try (FrameSubscription sub = hub.subscribe(Double.POSITIVE_INFINITY)) {
            decode(hub, 0, (byte) 1);
            Frame held = sub.awaitNewer(-1, Duration.ZERO);
            for (int i = 1; i <= 20; i++) {
                decode(hub, i * 40L, (byte) (i + 1));
                assertThat(held.bgr().get(0)).as("after %d newer frames", i).isEqualTo((byte) 1);
            }
            // buffers: the held one, the mailbox one, at most one being filled
            assertThat(hub.pooledBuffers()).isLessThanOrEqualTo(3);
            Frame next = sub.awaitNewer(held.frameId(), Duration.ZERO);
            assertThat(next.bgr().get(0)).isEqualTo((byte) 21);
        }
    }

    @Test
    void poolStaysBoundedWithManySubscribers() throws Exception {
        FrameHub hub = new FrameHub(1);
        FrameSubscription[] subs = new FrameSubscription[4];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = hub.subscribe(Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < 200; i++) {
            decode(hub, i * 40L, (byte) i);
            subs[i % subs.length].awaitNewer(-1, Duration.ZERO);
        }
        assertThat(hub.pooledBuffers()).isLessThanOrEqualTo(2 * subs.length + 1);
        for (FrameSubscription s : subs) {
            s.close();
        }
        assertThat(hub.subscriptions()).isZero();
    }

    @Test
    void awaitWaitsForTheNextFrameAndCloseWakesIt() throws Exception {
        FrameHub hub = new FrameHub(1);
        FrameSubscription sub = hub.subscribe(Double.POSITIVE_INFINITY);
        CompletableFuture<Frame> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return sub.awaitNewer(-1, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!hub.beginFrame(0)) {
            Thread.onSpinWait();
        }
        ByteBuffer buf = hub.acquireBuffer(BYTES);
        hub.publish(new Frame(1, hub.nextFrameId(), 0, 0, 4, 2, buf));
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNotNull();

        CompletableFuture<Frame> closed = CompletableFuture.supplyAsync(() -> {
            try {
                return sub.awaitNewer(-1, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        sub.close();
        assertThat(closed.get(10, TimeUnit.SECONDS)).isNull();
        sub.close(); // idempotent
    }

    @Test
    void aDeletedChannelsLastFrameIsNotDelivered() throws Exception {
        FrameHub hub = new FrameHub(1);
        try (FrameSubscription sub = hub.subscribe(Double.POSITIVE_INFINITY)) {
            decode(hub, 0, (byte) 1);
            hub.clearMailboxes();
            assertThat(sub.awaitNewer(-1, Duration.ofMillis(20))).isNull();
        }
    }
}
