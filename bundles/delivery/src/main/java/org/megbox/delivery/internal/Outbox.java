package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox of every {@link EventReceiver}. It copies no events: the events bundle's store is already
 * durable and ordered, so each receiver has a cursor (the id of the last event it is done with) and its counters in
 * a {@link CursorFile} {@code <cursors>/<name>.cursor}, written after {@link EventReceiver#deliver} returned.
 * At-least-once: a SIGKILL between the acknowledgement and the write sends that one event again (the write reaches
 * the OS page cache, which a killed process does not lose). The files are forced to disk every
 * {@value #FORCE_MILLIS} ms and on stop, so a power loss sends again at most the events acknowledged in the last
 * second or so: duplicates, never losses. The database store {@value #STORE} lists every receiver seen and holds a
 * copy of its state taken when it stops; a cursor of an older version (kept there only) is taken over by the file
 * the first time the receiver registers.
 *
 * <p>One sender thread per registered receiver, so a slow or dead receiver slows nobody else, and the events writer
 * is only told to wake them ({@link #wake()} never blocks). A failed delivery is retried as the receiver's
 * {@link RetryPolicy} says: until delivered with a doubling backoff, or {@code resend} times and then dropped and
 * counted. Order per receiver is kept: the next event goes only after this one is done.
 *
 * <p>Bound: at most {@code bound} events wait per receiver; beyond that the oldest are skipped and counted as
 * dropped (the spec names no bound). Events the events bundle recycled before delivery are gone and simply not sent.
 */
final class Outbox implements AutoCloseable {

    static final String STORE = "delivery.receivers";
    static final int DEFAULT_BOUND = 10_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** How long stopping a receiver waits for its in-flight delivery (each receiver bounds its own). */
    private static final long STOP_WAIT_MILLIS = 12_000;
    /** Pause after an unexpected error of the loop itself (not of a delivery). */
    private static final long ERROR_PAUSE_MILLIS = 1000;
    /** Events read from the store at once per sender. */
    private static final int PAGE = 64;
    /** How often written cursors are forced to disk (what a power loss can re-send). */
    static final long FORCE_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The counters of one receiver as {@code GET /delivery/counters} shows them. */
    record Counters(String name, String address, boolean active, long lastDelivered, long sent, long retried,
            long dropped, long backlog) {
    }

    /** A receiver of this bundle whose in-flight delivery can be cut short when it is unregistered. */
    interface Cancellable {
        void cancel();
    }

    /**
     * A receiver of this bundle that can prepare the next event while the current one is in flight (told on the
     * sender thread, before each delivery).
     */
    interface Lookahead {
        /** The event after the one about to be delivered, or null when none is read yet. */
        void upcoming(StoredEvent next);
    }

    private final EventStore events;
    private final KeyValueStore<String, ReceiverState> states;
    private final int bound;
    private final Map<String, Sender> senders = new LinkedHashMap<>();
    /** The address each receiver had when last registered in this run, for the counters of inactive ones. */
    private final Map<String, String> addresses = new LinkedHashMap<>();
    /** The open cursor file of every receiver registered now, by name (shared by a sender's successor). */
    private final Map<String, CursorFile> cursors = new LinkedHashMap<>();
    private final Path cursorFolder;
    private final Thread forcer;
    private boolean closed;

    /** @param cursorFolder where the receivers' {@code <name>.cursor} files live */
    Outbox(Database database, EventStore events, int bound, Path cursorFolder) {
        this.events = Objects.requireNonNull(events, "events");
        this.bound = bound;
        this.cursorFolder = Objects.requireNonNull(cursorFolder, "cursorFolder");
        this.states = database.store(STORE, Codec.of(Outbox::encode, Outbox::decode));
        this.forcer = new Thread(this::forceLoop, "megbox-delivery-cursors");
        forcer.setDaemon(true);
        forcer.start();
    }

    /** Forces the cursor files every {@value #FORCE_MILLIS} ms until closed (never interrupted: file channels). */
    private void forceLoop() {
        while (true) {
            List<CursorFile> files;
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    wait(FORCE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                files = List.copyOf(cursors.values());
            }
            for (CursorFile f : files) {
                try {
                    f.force();
                } catch (RuntimeException e) {
                    LOG.warn("delivery: forcing {} failed: {}", f, e.toString());
                }
            }
        }
    }

    /** The cursor file of {@code name}, opened on first use; must hold the lock. */
    private CursorFile cursorFile(String name) {
        return cursors.computeIfAbsent(name, n -> CursorFile.open(cursorFolder.resolve(n + ".cursor")));
    }

    static byte[] encode(ReceiverState s) {
        try {
            return MAPPER.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ReceiverState decode(byte[] b) {
        try {
            return MAPPER.readValue(b, ReceiverState.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts delivering to {@code receiver}, resuming from its cursor (a receiver seen the first time starts at the
     * newest event). A receiver registered under the name of another one replaces it.
     */
    void register(EventReceiver receiver) {
        String name = receiver.name();
        if (name == null || !NAME.matcher(name).matches()) {
            LOG.warn("event receiver {} ignored: its name {} is not [A-Za-z0-9._-]{1,64}", receiver, name);
            return;
        }
        Sender previous;
        Sender next;
        synchronized (this) {
            if (closed) {
                return;
            }
            previous = senders.remove(name);
            if (previous != null) {
                previous.halt();
            }
            CursorFile file = cursorFile(name);
            java.util.Optional<ReceiverState> stored = states.get(name);
            if (file.last() == null) {
                // the database's copy (a cursor of an older version), or for a receiver seen the first time the
                // events from now on, not the whole history
                file.write(stored.orElseGet(() -> new ReceiverState(events.lastId(), 0, 0, 0)));
                file.force();
            }
            if (stored.isEmpty()) {
                states.put(name, file.last()); // lists the receiver in the counters
            }
            next = new Sender(name, receiver, file);
            senders.put(name, next);
            addresses.put(name, String.valueOf(receiver.address()));
        }
        if (previous != null) {
            previous.join();
        }
        next.start();
    }

    /** Stops delivering to {@code receiver} (if it is the one registered under its name); its cursor stays. */
    void unregister(EventReceiver receiver) {
        Sender s;
        synchronized (this) {
            s = senders.get(receiver.name());
            if (s == null || s.receiver != receiver) {
                return;
            }
            senders.remove(receiver.name());
            s.halt();
        }
        s.join();
        synchronized (this) {
            if (!closed && !senders.containsKey(s.name)) {
                // closed, not kept open: receivers come and go (a WebSocket connection each)
                cursors.remove(s.name);
                s.file.close();
                saveCopy(s.name, s.file.last());
            }
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

    /** Every receiver this database knows (registered now or before), by name. */
    synchronized List<Counters> counters() {
        long last = events.lastId();
        Map<String, ReceiverState> known = new TreeMap<>(states.entries());
        List<Counters> out = new ArrayList<>();
        for (Map.Entry<String, ReceiverState> e : known.entrySet()) {
            String name = e.getKey();
            Sender s = senders.get(name);
            ReceiverState st = s != null ? s.state : storedState(name, e.getValue());
            long backlog = last <= st.cursor() ? 0 : events.eventsAfter(st.cursor(), bound).size();
            out.add(new Counters(name, addresses.getOrDefault(name, ""), s != null, st.cursor(), st.sent(),
                    st.retried(), st.dropped(), backlog));
        }
        return out;
    }

    /** A receiver not registered now: its cursor file when there is one, else the database's copy. */
    private ReceiverState storedState(String name, ReceiverState copy) {
        CursorFile open = cursors.get(name);
        if (open != null && open.last() != null) {
            return open.last();
        }
        Path path = cursorFolder.resolve(name + ".cursor");
        if (!java.nio.file.Files.exists(path)) {
            return copy;
        }
        try (CursorFile read = CursorFile.open(path)) {
            return read.last() != null ? read.last() : copy;
        }
    }

    /** Keeps a copy of a stopped sender's state in the database (the file stays the one read at start). */
    private void saveCopy(String name, ReceiverState state) {
        try {
            states.put(name, state);
        } catch (RuntimeException e) {
            LOG.warn("delivery to {}: keeping a copy of its cursor failed: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        List<Sender> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(senders.values());
            senders.clear();
            notifyAll(); // ends the force loop
        }
        all.forEach(Sender::halt);
        all.forEach(Sender::join);
        try {
            forcer.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Map.Entry<String, CursorFile> e : cursors.entrySet()) {
                try {
                    e.getValue().close();
                } catch (RuntimeException ex) {
                    LOG.warn("delivery: closing {} failed: {}", e.getValue(), ex.toString());
                }
                if (e.getValue().last() != null) {
                    saveCopy(e.getKey(), e.getValue().last());
                }
            }
            cursors.clear();
        }
    }

    /** One receiver's delivery loop, on its own thread. */
    private final class Sender implements Runnable {

        final String name;
        final EventReceiver receiver;
        private final CursorFile file;
        volatile ReceiverState state;
        private final Thread thread;
        private volatile boolean running = true;
        private final Object signal = new Object();
        private boolean woken;

        Sender(String name, EventReceiver receiver, CursorFile file) {
            this.name = name;
            this.receiver = receiver;
            this.file = file;
            this.state = file.last();
            this.thread = new Thread(this, "megbox-delivery-" + name);
            thread.setDaemon(true);
        }

        /** Starts after the previous sender of this name ended, from what it wrote last. */
        void start() {
            state = file.last();
            thread.start();
        }

        /**
         * Never interrupts the thread: an interrupt during the database's file IO would close its channel for the
         * whole box. The loop sees {@code running} at once in its waits, and after the in-flight delivery.
         */
        void halt() {
            running = false;
            if (receiver instanceof Cancellable c) {
                c.cancel();
            }
            wake();
        }

        void join() {
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("delivery to {}: the in-flight delivery did not return within {} ms", name,
                        STOP_WAIT_MILLIS);
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

        /**
         * Writes the next state to the cursor file unless stopped (a stopped sender may overlap its successor). Not
         * forced: the force loop and stopping do that.
         */
        private boolean commit(ReceiverState next) {
            if (!running) {
                return false;
            }
            file.write(next);
            state = next;
            return true;
        }

        @Override
        public void run() {
            // events are read a page at a time (immutable values), delivered one by one
            ArrayDeque<StoredEvent> pending = new ArrayDeque<>();
            while (running) {
                try {
                    if (enforceBound()) {
                        pending.clear();
                    }
                    if (pending.isEmpty()) {
                        pending.addAll(events.eventsAfter(state.cursor(), PAGE));
                        if (pending.isEmpty()) {
                            idle(1000);
                        }
                        continue;
                    }
                    if (skipUnwanted(pending)) {
                        continue;
                    }
                    if (receiver instanceof Lookahead la) {
                        java.util.Iterator<StoredEvent> it = pending.iterator();
                        it.next();
                        la.upcoming(it.hasNext() ? it.next() : null);
                    }
                    deliver(pending.peekFirst());
                    pending.pollFirst(); // delivered or dropped (or stopped, and then the loop ends)
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    pending.clear();
                    LOG.warn("delivery to {} ({}): {}", name, receiver.address(), e.toString());
                    try {
                        pause(ERROR_PAUSE_MILLIS);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        /**
         * Takes the events at the head of {@code pending} the receiver does not want and commits the cursor past them
         * (one commit for all); true when it took any.
         */
        private boolean skipUnwanted(ArrayDeque<StoredEvent> pending) {
            long skipTo = -1;
            while (!pending.isEmpty() && !accepts(pending.peekFirst())) {
                skipTo = pending.pollFirst().id();
            }
            if (skipTo < 0) {
                return false;
            }
            ReceiverState st = state;
            commit(new ReceiverState(skipTo, st.sent(), st.retried(), st.dropped()));
            return true;
        }

        private boolean accepts(StoredEvent e) {
            try {
                return receiver.accepts(e);
            } catch (RuntimeException ex) {
                LOG.warn("delivery to {}: accepts({}) failed, sending it: {}", name, e.id(), ex.toString());
                return true;
            }
        }

        /** Skips the oldest waiting events beyond the bound, counting them as dropped; true when it skipped. */
        private boolean enforceBound() {
            ReceiverState st = state;
            if (events.lastId() - st.cursor() <= bound) {
                return false; // ids increase strictly, so fewer than 'bound' events can be waiting
            }
            List<StoredEvent> waiting = events.eventsAfter(st.cursor(), bound + 1);
            if (waiting.size() <= bound) {
                return false;
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
                List<StoredEvent> page = events.eventsAfter(cursor,
                        (int) Math.min(1000, waitingCount - bound - skipped));
                if (page.isEmpty()) {
                    break;
                }
                skipped += page.size();
                cursor = page.get(page.size() - 1).id();
            }
            if (skipped == 0) {
                return false;
            }
            LOG.warn("delivery to {}: backlog over {}, {} oldest events dropped", name, bound, skipped);
            commit(new ReceiverState(cursor, st.sent(), st.retried(), st.dropped() + skipped));
            return true;
        }

        private void deliver(StoredEvent e) throws InterruptedException {
            RetryPolicy policy = receiver.retryPolicy();
            int failures = 0;
            while (running) {
                String failure = attempt(e);
                ReceiverState st = state;
                if (!running) {
                    return; // stopped mid-delivery: the event stays after the cursor
                }
                if (failure == null) {
                    commit(new ReceiverState(e.id(), st.sent() + 1, st.retried(), st.dropped()));
                    return;
                }
                failures++;
                if (!policy.untilDelivered() && failures > policy.resend()) {
                    LOG.warn("delivery to {}: event {} dropped after {} attempts ({})", name, e.id(), failures,
                            failure);
                    commit(new ReceiverState(e.id(), st.sent(), st.retried(), st.dropped() + 1));
                    return;
                }
                if (failures == 1) {
                    LOG.info("delivery to {} ({}) failed: {}; retrying", name, receiver.address(), failure);
                }
                state = new ReceiverState(st.cursor(), st.sent(), st.retried() + 1, st.dropped());
                pause(backoff(policy, failures));
            }
        }

        /** null when the receiver acknowledged the event, else why not. */
        private String attempt(StoredEvent e) {
            try {
                receiver.deliver(e);
                return null;
            } catch (DeliveryException ex) {
                return ex.getMessage();
            } catch (RuntimeException ex) {
                return ex.toString();
            }
        }
    }

    /** The wait before the next attempt after {@code failures} failed ones. */
    static long backoff(RetryPolicy policy, int failures) {
        long base = policy.intervalMillis();
        if (!policy.untilDelivered()) {
            return base;
        }
        long wait = base << Math.min(failures - 1, 20);
        return Math.min(wait, Math.max(base, policy.maxBackoffMillis()));
    }
}
