package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private static EventQueue.Pending pending(long targetId, int bytes) {
        return new EventQueue.Pending(TestSupport.intrusion(1, targetId, 1000 + targetId),
                new EventQueue.FrameCopy(1, targetId, 0, 0, 1, 1, new byte[bytes]));
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsThem() throws Exception {
        EventQueue q = new EventQueue(3, 1 << 20);
        for (long i = 1; i <= 5; i++) {
            q.offer(pending(i, 10));
        }
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.dropped()).isEqualTo(2);
        assertThat(q.accepted()).isEqualTo(5);
        List<EventQueue.Pending> batch = q.take(10, 0, TimeUnit.MILLISECONDS);
        assertThat(batch).extracting(p -> p.event().targetId()).containsExactly(3L, 4L, 5L);
        assertThat(q.bytes()).isZero();
    }

    @Test
    void theByteBoundDropsOldestToo() throws Exception {
        EventQueue q = new EventQueue(100, 250);
        for (long i = 1; i <= 4; i++) {
            q.offer(pending(i, 100));
        }
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.dropped()).isEqualTo(2);
        // a single frame larger than the bound is still kept (the newest always wins)
        q.offer(pending(9, 1000));
        assertThat(q.take(10, 0, TimeUnit.MILLISECONDS)).extracting(p -> p.event().targetId()).containsExactly(9L);
    }

    @Test
    void offerNeverWaitsForTheConsumer() {
        EventQueue q = new EventQueue(16, 64L << 20);
        long t0 = System.nanoTime();
        for (long i = 0; i < 100_000; i++) {
            q.offer(pending(i, 1024));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(q.size()).isEqualTo(16);
        assertThat(q.dropped()).isEqualTo(100_000 - 16);
        assertThat(ms).as("100k offers to a queue nobody takes from").isLessThan(5_000);
    }

    @Test
    void takeTimesOutEmpty() throws Exception {
        EventQueue q = new EventQueue(4, 1024);
        assertThat(q.take(4, 20, TimeUnit.MILLISECONDS)).isEmpty();
    }
}
