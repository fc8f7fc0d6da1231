package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox of HTTP delivery. It copies no events: the events bundle's store is already durable and
 * ordered, so each receiver ({@code main}, {@code slave}) has a cursor (the id of the last event it is done with)
 * in the store {@value #STORE}, committed after the receiver answered 2xx. At-least-once: a kill between the
 * answer and the commit sends that one event again.
 *
 * <p>One sender thread per active receiver, so a slow or dead receiver slows nobody else, and the events writer is
 * only told to wake it ({@link #wake()} never blocks). A failed push (no connection, timeout, non-2xx) is retried:
 * with {@code persistReport} (main only) until it is delivered, waiting {@code interval} seconds doubled after each
 * failure up to {@code maxBackoff}; without it {@code resend} times {@code interval} seconds apart, then the event
 * is dropped and counted. Order per receiver is kept: the next event goes only after this one is done.
 *
 * <p>Bound: at most {@code bound} events wait per receiver; beyond that the oldest are skipped and counted as
 * dropped (the spec names no bound for HTTP reports). Events the events bundle recycled before delivery are gone
 * and simply not sent.
 */
final class Outbox implements AutoCloseable {

    static final String STORE = "delivery.receivers";
    static final int DEFAULT_BOUND = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Time scale: {@code secondMillis} is what the spec's "1 second" of {@code interval} means (tests shorten it). */
    record Timing(long secondMillis, long maxBackoffMillis, Duration connectTimeout, Duration requestTimeout) {
        static final Timing SPEC = new Timing(1000, 60_000, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The counters of one receiver as {@code GET /delivery/counters} shows them. */
    record Counters(String receiver, String url, boolean active, long lastDelivered, long sent, long retried,
            long dropped, long backlog) {
    }

    private final EventStore events;
    private final KeyValueStore<String, ReceiverState> states;
    private final Timing timing;
    private final int bound;
    private final HttpClient client;
    private final Map<String, Sender> senders = new LinkedHashMap<>();
    private HttpReports config = HttpReports.DEFAULT;
    private boolean closed;

    Outbox(Database database, EventStore events, Timing timing, int bound) {
        this.events = Objects.requireNonNull(events, "events");
        this.timing = timing;
        this.bound = bound;
        this.states = database.store(STORE, Codec.of(Outbox::encode, Outbox::decode));
        this.client = HttpClient.newBuilder().connectTimeout(timing.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static byte[] encode(ReceiverState s) {
        try {
            return MAPPER.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReceiverState decode(byte[] b) {
        try {
            return MAPPER.readValue(b, ReceiverState.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies new settings: a receiver whose settings changed gets a new sender (resuming from its cursor). */
    synchronized void configure(HttpReports next) {
        if (closed) {
            return;
        }
        config = next;
        reconcile("main", next.enable() ? next.main() : null);
        reconcile("slave", next.enable() ? next.slave() : null);
    }

    private void reconcile(String name, HttpReports.Receiver receiver) {
        Sender current = senders.get(name);
        boolean wanted = receiver != null && receiver.active();
        if (current != null && wanted && current.receiver.equals(receiver)) {
            return;
        }
        if (current != null) {
            current.stop();
            senders.remove(name);
        }
        if (wanted) {
            if (states.get(name).isEmpty()) {
                // a receiver configured for the first time gets the events from now on, not the whole history
                states.put(name, new ReceiverState(events.lastId(), 0, 0, 0));
            }
            Sender s = new Sender(name, receiver);
            senders.put(name, s);
            s.start();
        }
    }

    /** Tells the senders a new event was committed. Never blocks. */
    void wake() {
        Sender[] all;
        synchronized (this) {
            all = senders.values().toArray(Sender[]::new);
        }
        for (Sender s : all) {
            s.wake();
        }
    }

    synchronized List<Counters> counters() {
        long last = events.lastId();
        return List.of(counters("main", config.main(), last), counters("slave", config.slave(), last));
    }

    private Counters counters(String name, HttpReports.Receiver r, long last) {
        Sender s = senders.get(name);
        ReceiverState st = s != null ? s.state : states.get(name).orElse(ReceiverState.NEW);
        long backlog = last <= st.cursor() ? 0 : events.eventsAfter(st.cursor(), bound).size();
        return new Counters(name, r.url(), s != null, st.cursor(), st.sent(), st.retried(), st.dropped(), backlog);
    }

    @Override
    public void close() {
        List<Sender> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(senders.values());
            senders.clear();
        }
        all.forEach(Sender::stop);
    }

    /** One receiver's delivery loop, on its own thread. */
    private final class Sender implements Runnable {

        final String name;
        final HttpReports.Receiver receiver;
        volatile ReceiverState state;
        private final Thread thread;
        private volatile boolean running = true;
        private final Object signal = new Object();
        private boolean woken;

        Sender(String name, HttpReports.Receiver receiver) {
            this.name = name;
            this.receiver = receiver;
            this.state = states.get(name).orElse(ReceiverState.NEW);
            this.thread = new Thread(this, "megbox-delivery-" + name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /**
         * Never interrupts the thread: an interrupt during the database's file IO would close its channel for the
         * whole box. The loop sees {@code running} within 100 ms (waits and the in-flight request poll it).
         */
        void stop() {
            running = false;
            wake();
            try {
                thread.join(timing.requestTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void wake() {
            synchronized (signal) {
                woken = true;
                signal.notifyAll();
            }
        }

        private void idle(long millis) throws InterruptedException {
            synchronized (signal) {
                if (!woken && running) {
                    signal.wait(millis);
                }
                woken = false;
            }
        }

        /** Waits {@code millis} unless stopped (a new event does not cut a backoff short). */
        private void pause(long millis) throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000;
            synchronized (signal) {
                long left;
                while (running && (left = (end - System.nanoTime()) / 1_000_000) > 0) {
                    signal.wait(left);
                }
            }
        }

        private void commit(ReceiverState next) {
            states.put(name, next);
            state = next;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    enforceBound();
                    List<StoredEvent> next = events.eventsAfter(state.cursor(), 1);
                    if (next.isEmpty()) {
                        idle(1000);
                        continue;
                    }
                    deliver(next.get(0));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("delivery to {} ({}): {}", name, receiver.url(), e.toString());
                    try {
                        pause(timing.secondMillis());
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        /** Skips the oldest waiting events beyond the bound, counting them as dropped. */
        private void enforceBound() {
            ReceiverState st = state;
            if (events.lastId() - st.cursor() <= bound) {
                return; // ids increase strictly, so fewer than 'bound' events can be waiting
            }
            List<StoredEvent> waiting = events.eventsAfter(st.cursor(), bound + 1);
            if (waiting.size() <= bound) {
                return;
            }
            // rare path (a long outage): count what waits, then skip all but the newest 'bound'
            long waitingCount = 0;
            for (long c = st.cursor();;) {
                List<StoredEvent> page = events.eventsAfter(c, 1000);
                if (page.isEmpty()) {
                    break;
                }
                waitingCount += page.size();
                c = page.get(page.size() - 1).id();
            }
            long skipped = 0;
            long cursor = st.cursor();
            while (skipped < waitingCount - bound) {
                List<StoredEvent> page = events.eventsAfter(cursor, (int) Math.min(1000, waitingCount - bound - skipped));
                if (page.isEmpty()) {
                    break;
                }
                skipped += page.size();
                cursor = page.get(page.size() - 1).id();
            }
            if (skipped == 0) {
                return;
            }
            LOG.warn("delivery to {}: backlog over {}, {} oldest events dropped", name, bound, skipped);
            commit(new ReceiverState(cursor, st.sent(), st.retried(), st.dropped() + skipped));
        }

        private void deliver(StoredEvent e) throws InterruptedException {
            byte[] body = AlertModePayload.encode(e, receiver, events);
            int failures = 0;
            while (running) {
                String failure = post(e, body);
                ReceiverState st = state;
                if (!running) {
                    return; // stopped mid-request: the event stays after the cursor
                }
                if (failure == null) {
                    commit(new ReceiverState(e.id(), st.sent() + 1, st.retried(), st.dropped()));
                    return;
                }
                failures++;
                if (!receiver.persistent() && failures > receiver.resend()) {
                    LOG.warn("delivery to {}: event {} dropped after {} attempts ({})", name, e.id(), failures, failure);
                    commit(new ReceiverState(e.id(), st.sent(), st.retried(), st.dropped() + 1));
                    return;
                }
                if (failures == 1) {
                    LOG.info("delivery to {} ({}) failed: {}; retrying", name, receiver.url(), failure);
                }
                state = new ReceiverState(st.cursor(), st.sent(), st.retried() + 1, st.dropped());
                pause(backoff(failures));
            }
        }

        long backoff(int failures) {
            long base = receiver.interval() * timing.secondMillis();
            if (!receiver.persistent()) {
                return base;
            }
            long wait = base << Math.min(failures - 1, 20);
            return Math.min(wait, Math.max(base, timing.maxBackoffMillis()));
        }

        /** null when the receiver answered 2xx, else why not. */
        private String post(StoredEvent e, byte[] body) throws InterruptedException {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url()))
                        .timeout(timing.requestTimeout())
                        .header("Content-Type", "application/json;charset=UTF-8")
                        .header("X-MegBox-Event-Id", Long.toString(e.id()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                CompletableFuture<HttpResponse<Void>> pending =
                        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
                while (true) {
                    try {
                        int status = pending.get(100, TimeUnit.MILLISECONDS).statusCode();
                        return status >= 200 && status < 300 ? null : "HTTP " + status;
                    } catch (TimeoutException t) {
                        if (!running) {
                            pending.cancel(true);
                            return "stopped";
                        }
                    }
                }
            } catch (ExecutionException ex) {
                return String.valueOf(ex.getCause());
            } catch (IllegalArgumentException ex) {
                return ex.toString();
            }
        }
    }
}
