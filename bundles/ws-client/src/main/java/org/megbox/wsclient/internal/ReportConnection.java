package org.megbox.wsclient.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.megbox.delivery.DeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of the box (the client) to a report server: opened at once and kept open, re-opened with
 * backoff after any close or failed attempt, a §23.1.1 heartbeat at open and then every heartbeat interval, and
 * {@link #exchange} = send one message and wait (bounded) for the answer that acknowledges it. A supervisor task on
 * the connection's own scheduler thread does the (re)connecting and the heartbeats, so neither depends on callbacks
 * arriving; the client library's own threads only fill the inbox.
 */
final class ReportConnection implements AutoCloseable {

    /**
     * @param ackTimeoutMillis how long {@link #exchange} waits for the acknowledgement
     * @param heartbeatMillis the heartbeat interval
     * @param openWaitMillis how long {@link #exchange} waits for a connection that is not open yet
     * @param minBackoffMillis first wait before reconnecting, doubled after each failure
     * @param maxBackoffMillis longest wait before reconnecting
     */
    record Timing(long ackTimeoutMillis, long heartbeatMillis, long openWaitMillis, long minBackoffMillis,
            long maxBackoffMillis) {

        static final String HEARTBEAT_PROPERTY = "megbox.wsclient.heartbeatSeconds";
        static final String ACK_TIMEOUT_PROPERTY = "megbox.wsclient.ackTimeoutMillis";

        /**
         * The box's timing: heartbeat every {@value #HEARTBEAT_PROPERTY} s (1..3600, default 30; a report
         * connection uses it only while {@code /devices} {@code deviceHeartbeat.htInterval} is unset), ACK wait
         * {@value #ACK_TIMEOUT_PROPERTY} ms (default 5000), reconnect backoff 1 s doubling to 30 s.
         */
        static Timing from(Function<String, String> properties) {
            long heartbeat = clamp(parse(properties.apply(HEARTBEAT_PROPERTY), 30), 1, 3600) * 1000;
            long ack = clamp(parse(properties.apply(ACK_TIMEOUT_PROPERTY), 5000), 100, 600_000);
            return new Timing(ack, heartbeat, 5000, 1000, 30_000);
        }

        private static long parse(String s, long fallback) {
            try {
                return s == null ? fallback : Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        private static long clamp(long v, long lo, long hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReportConnection.class);
    private static final long SUPERVISE_MILLIS = 100;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /** Pings every 10 s, closed when no pong comes (the spec's 10 s ping/pong rule, §23.1.2). */
    private static final int CONNECTION_LOST_SECONDS = 10;
    /** Put into the inbox when the connection closes, so a waiting exchange fails at once (compared by identity). */
    private static final String CLOSED = new String("<closed>");
    /** Texts kept for {@link #exchange}; a server that talks without being asked (e.g. answers heartbeats) cannot fill memory. */
    private static final int INBOX_BOUND = 256;

    private final String name;
    private final URI uri;
    private final Supplier<byte[]> heartbeat;
    private final LongSupplier heartbeatMillis;
    private final Timing timing;
    private final ScheduledExecutorService scheduler;
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private volatile Client client;
    private volatile boolean closed;
    private volatile String lastError = "not connected yet";
    // supervisor thread only
    private long backoff;
    private long nextAttempt;
    private long connectStarted;
    private Client heartbeatClient;
    private long lastHeartbeat;

    ReportConnection(String name, URI uri, Supplier<byte[]> heartbeat, Timing timing) {
        this(name, uri, heartbeat, timing::heartbeatMillis, timing);
    }

    /**
     * @param heartbeatMillis the heartbeat interval, asked anew each round so that a changed setting applies to the
     *        next heartbeat without a new connection
     */
    ReportConnection(String name, URI uri, Supplier<byte[]> heartbeat, LongSupplier heartbeatMillis, Timing timing) {
        this.name = name;
        this.uri = uri;
        this.heartbeat = heartbeat;
        this.heartbeatMillis = heartbeatMillis;
        this.timing = timing;
        this.backoff = timing.minBackoffMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "megbox-ws-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    ReportConnection start() {
        scheduler.scheduleWithFixedDelay(this::supervise, 0, SUPERVISE_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    URI uri() {
        return uri;
    }

    boolean isOpen() {
        Client c = client;
        return c != null && c.isOpen();
    }

    long heartbeatsSent() {
        return heartbeats.get();
    }

    long connectionsOpened() {
        return opened.get();
    }

    private void supervise() {
        try {
            if (closed) {
                return;
            }
            long now = System.currentTimeMillis();
            Client c = client;
            if (c == null || c.isClosed()) {
                if (now >= nextAttempt) {
                    nextAttempt = now + backoff;
                    backoff = Math.min(backoff * 2, timing.maxBackoffMillis());
                    Client next = new Client(uri);
                    next.setConnectionLostTimeout(CONNECTION_LOST_SECONDS);
                    next.setTcpNoDelay(true);
                    client = next;
                    connectStarted = now;
                    next.connect();
                }
                return;
            }
            if (!c.isOpen()) {
                // the connect timeout bounds only the TCP connect: a server that never answers the upgrade is left
                if (now - connectStarted > 2L * CONNECT_TIMEOUT_MILLIS) {
                    lastError = "no WebSocket handshake within " + 2 * CONNECT_TIMEOUT_MILLIS + " ms";
                    c.closeConnection(CloseFrame.NEVER_CONNECTED, lastError);
                }
                return;
            }
            if (c != heartbeatClient) {
                heartbeatClient = c; // a new connection: heartbeat at once, backoff from the start again
                lastHeartbeat = Long.MIN_VALUE / 2;
                backoff = timing.minBackoffMillis();
            }
            if (now - lastHeartbeat >= heartbeatMillis.getAsLong()) {
                lastHeartbeat = now;
                c.send(new String(heartbeat.get(), StandardCharsets.UTF_8));
                heartbeats.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // a close racing the send, a payload failure: the next round sees the state and goes on
            lastError = e.toString();
            LOG.debug("{}: {}", name, e.toString());
        }
    }

    /**
     * Sends one message on the open connection (waiting up to the open wait for one) and waits up to the ACK timeout
     * for a text message {@code isAck} accepts; other texts are ignored (e.g. the late ACK of an earlier try).
     *
     * @param expected what the acknowledgement should look like, for the error message
     * @throws DeliveryException not connected, closed meanwhile, or no acknowledgement in time
     */
    void exchange(Consumer<WebSocketClient> send, Predicate<String> isAck, String expected) throws DeliveryException {
        Client c = awaitOpen();
        inbox.clear();
        try {
            send.accept(c);
        } catch (RuntimeException e) {
            throw new DeliveryException("sending to " + uri + " failed: " + e, e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timing.ackTimeoutMillis());
        while (true) {
            long left = deadline - System.nanoTime();
            String m;
            try {
                m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted waiting for " + expected);
            }
            if (m == null) {
                throw new DeliveryException("no " + expected + " from " + uri + " within " + timing.ackTimeoutMillis()
                        + " ms");
            }
            if (m == CLOSED) {
                throw new DeliveryException("connection to " + uri + " closed before " + expected);
            }
            if (isAck.test(m)) {
                return;
            }
        }
    }

    private Client awaitOpen() throws DeliveryException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timing.openWaitMillis());
        while (!closed) {
            Client c = client;
            if (c != null && c.isOpen()) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new DeliveryException("not connected to " + uri + ": " + lastError);
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdown();
        Client c = client;
        if (c != null) {
            c.close();
        }
        inbox.offer(CLOSED);
    }

    private final class Client extends WebSocketClient {

        Client(URI target) {
            super(target, new Draft_6455(), Map.of(), CONNECT_TIMEOUT_MILLIS);
        }

        private volatile boolean wasOpen;

        @Override
        public void onOpen(ServerHandshake handshake) {
            wasOpen = true;
            opened.incrementAndGet();
            lastError = "";
            LOG.info("{}: connected to {}", name, uri);
        }

        @Override
        public void onMessage(String message) {
            while (inbox.size() >= INBOX_BOUND) {
                inbox.poll(); // the oldest: no exchange waits for it any more
            }
            inbox.offer(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (code != -1 || !reason.isEmpty()) {
                lastError = "closed (" + code + (reason.isEmpty() ? "" : " " + reason) + ")";
            }
            if (closed) {
                return;
            } else if (wasOpen) {
                LOG.info("{}: connection to {} closed: {}", name, uri, lastError);
            } else {
                LOG.debug("{}: connecting to {} failed: {}", name, uri, lastError); // retried with backoff
            }
            if (this == client) { // a late close of a replaced connection must not fail the current exchange
                inbox.offer(CLOSED);
            }
        }

        @Override
        public void onError(Exception e) {
            lastError = e.toString();
            LOG.debug("{}: {}", name, e.toString());
        }
    }
}
