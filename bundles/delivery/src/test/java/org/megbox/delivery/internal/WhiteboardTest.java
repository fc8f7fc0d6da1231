package org.megbox.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.StoredEvent;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.FakeRestRequest;

/** Receivers of other bundles ({@link EventReceiver} services) bound to the outbox through DeliveryService. */
class WhiteboardTest {

    private static final HttpReceiver.Timing FAST = new HttpReceiver.Timing(20, 200, Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    @TempDir
    Path dir;
    private MapDbDatabase db;
    private DeliveryService service;
    private final MemoryEventStore events = new MemoryEventStore();

    /** A receiver that records what it got and fails while {@code failing}. */
    static final class Recording implements EventReceiver {
        final String name;
        final RetryPolicy policy;
        final Predicate<StoredEvent> filter;
        final List<Long> got = new ArrayList<>();
        volatile boolean failing;
        volatile CountDownLatch gate;
        volatile int attempts;

        Recording(String name, RetryPolicy policy, Predicate<StoredEvent> filter) {
            this.name = name;
            this.policy = policy;
            this.filter = filter;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String address() {
            return "test://" + name;
        }

        @Override
        public RetryPolicy retryPolicy() {
            return policy;
        }

        @Override
        public boolean accepts(StoredEvent event) {
            return filter.test(event);
        }

        @Override
        public void deliver(StoredEvent event) throws DeliveryException {
            attempts++;
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failing) {
                throw new DeliveryException("down");
            }
            synchronized (got) {
                got.add(event.id());
            }
        }

        List<Long> got() {
            synchronized (got) {
                return List.copyOf(got);
            }
        }
    }

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        service = new DeliveryService(db, events, FAST, 100, dir.resolve("cursors"));
    }

    @AfterEach
    void close() {
        service.deactivate();
        db.close();
    }

    private void produce(int n) {
        for (int i = 0; i < n; i++) {
            events.add(1);
            service.eventStored(null);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @SuppressWarnings("unchecked")
    private Outbox.Counters counters(String name) {
        Map<String, List<Outbox.Counters>> all = (Map<String, List<Outbox.Counters>>) service.counters(
                FakeRestRequest.of("GET", "/delivery/counters"));
        return all.get("receivers").stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aBoundReceiverStartsAtTheNewestAndGetsEveryLaterEventInOrder() throws Exception {
        produce(3);
        Recording r = new Recording("ws.main", RetryPolicy.untilDelivered(10, 50), e -> true);
        service.addReceiver(r);
        produce(5);
        await(() -> counters("ws.main").lastDelivered() == 8, "five events done"); // committed after deliver()
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), r.got());
        Outbox.Counters c = counters("ws.main");
        assertEquals("test://ws.main", c.address());
        assertTrue(c.active());
        assertEquals(8, c.lastDelivered());
        assertEquals(5, c.sent());
        assertEquals(0, c.backlog());
    }

    @Test
    void untilDeliveredRetriesAndKeepsOrder() throws Exception {
        Recording r = new Recording("mqtt", RetryPolicy.untilDelivered(10, 40), e -> true);
        r.failing = true;
        service.addReceiver(r);
        produce(4);
        await(() -> r.attempts >= 5, "retries");
        assertEquals(4, counters("mqtt").backlog());
        r.failing = false;
        await(() -> r.got().size() == 4, "all four");
        assertEquals(List.of(1L, 2L, 3L, 4L), r.got());
        assertTrue(counters("mqtt").retried() >= 4);
    }

    @Test
    void resendPolicyDropsAfterItsAttempts() throws Exception {
        Recording r = new Recording("ws.legacy", RetryPolicy.resend(2, 10), e -> true);
        r.failing = true;
        service.addReceiver(r);
        produce(2);
        await(() -> counters("ws.legacy").dropped() == 2, "two dropped");
        assertEquals(6, r.attempts, "1 + 2 resends each");
        assertEquals(4, counters("ws.legacy").retried());
    }

    @Test
    void eventsTheReceiverDoesNotAcceptAdvanceItsCursorUnsent() throws Exception {
        Recording r = new Recording("odd", RetryPolicy.untilDelivered(10, 40), e -> e.id() % 2 == 1);
        service.addReceiver(r);
        produce(9);
        await(() -> counters("odd").lastDelivered() == 9, "cursor at the end");
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L), r.got());
        assertEquals(5, counters("odd").sent());
    }

    @Test
    void anUnboundReceiverKeepsItsCursorAndResumesWhenBoundAgain() throws Exception {
        Recording r = new Recording("ws.main", RetryPolicy.untilDelivered(10, 40), e -> true);
        service.addReceiver(r);
        produce(2);
        await(() -> counters("ws.main").lastDelivered() == 2, "two done"); // else the second may come again
        service.removeReceiver(r);
        assertFalse(counters("ws.main").active());
        produce(3); // while it is away
        assertEquals(3, counters("ws.main").backlog());
        Recording again = new Recording("ws.main", RetryPolicy.untilDelivered(10, 40), e -> true);
        service.addReceiver(again);
        await(() -> again.got().size() == 3, "the three of meanwhile");
        assertEquals(List.of(3L, 4L, 5L), again.got());
        assertEquals(List.of(1L, 2L), r.got());
    }

    @Test
    void aStuckReceiverDoesNotSlowAnother() throws Exception {
        Recording stuck = new Recording("stuck", RetryPolicy.untilDelivered(10, 40), e -> true);
        stuck.gate = new CountDownLatch(1);
        Recording quick = new Recording("quick", RetryPolicy.untilDelivered(10, 40), e -> true);
        service.addReceiver(stuck);
        service.addReceiver(quick);
        produce(20);
        await(() -> quick.got().size() == 20, "the quick one gets all");
        assertEquals(List.of(), stuck.got());
        stuck.gate.countDown();
        stuck.gate = null;
        await(() -> stuck.got().size() == 20, "the stuck one catches up");
    }

    @Test
    void theHttpNamesAreReserved() throws Exception {
        Recording r = new Recording("main", RetryPolicy.untilDelivered(10, 40), e -> true);
        service.addReceiver(r);
        produce(2);
        Thread.sleep(200);
        assertEquals(List.of(), r.got());
    }
}
