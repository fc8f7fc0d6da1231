package org.megbox.wsserver.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.StoredEvent;

/**
 * One connected client as a receiver of the delivery outbox: {@link #deliver} writes the event's message (a face
 * recognition alert: its Alert, then its Capture) and returns once it is on the network (and, with {@code ack}, once
 * the client acknowledged it). It runs on the outbox's sender thread of this client only, so a slow client holds back
 * nobody else; a client that takes longer than the write timeout is disconnected.
 */
final class ClientReceiver implements EventReceiver {

    /** Retried until delivered: the cursor only moves for what the client got; a closed connection ends the retries. */
    static final RetryPolicy RETRY = RetryPolicy.untilDelivered(1000, 10_000);
    /** WebSocket close code 1008 (policy violation): the client does not read fast enough. */
    static final int CLOSE_TOO_SLOW = 1008;

    /**
     * The timing of a connection.
     *
     * @param writeMillis how long a message may take to be written before the client is disconnected
     * @param ackMillis how long an acknowledgement may take (then the event is retried)
     * @param pingMillis the ping interval (§23.1.2: 1 s)
     * @param pongLimitMillis how long without a pong closes the connection (§23.1.2: 10 s)
     */
    record Timing(long writeMillis, long ackMillis, long pingMillis, long pongLimitMillis) {
        static final Timing DEFAULT = new Timing(10_000, 10_000, 1000, 10_000);
    }

    /** Put into the acknowledgement queue when the connection closes, so a waiting delivery fails at once. */
    private static final String CLOSED = new String("<closed>");

    private final String name;
    private final ClientOptions options;
    private final EventPayloads payloads;
    private final Outlet outlet;
    private final Timing timing;
    private final String pictureBaseUrl;
    private final AtomicInteger seq = new AtomicInteger();
    private final BlockingQueue<String> acks = new LinkedBlockingQueue<>(1024);
    /** The event whose Alert went out (and was acknowledged): only its Capture is left when it is retried. */
    private volatile long alertDeliveredId = -1;

    /** @param pictureBaseUrl where the box serves pictures for this client, e.g. {@code http://host:port/v1/MEGBOX/} */
    ClientReceiver(String name, ClientOptions options, EventPayloads payloads, Outlet outlet, Timing timing,
            String pictureBaseUrl) {
        this.name = name;
        this.pictureBaseUrl = pictureBaseUrl;
        this.options = options;
        this.payloads = payloads;
        this.outlet = outlet;
        this.timing = timing;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return "ws-client " + outlet.remoteAddress();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RETRY;
    }

    /**
     * §23.3.2 Capture for the captures of the face (alg type 0) and structuring (1) warehouses, §23.3.1 Alert for
     * every rule's event (both lists of {@code /alerts} and {@code /captures} hold those; one message is sent) and,
     * before its Capture, for a face recognition alert ({@link #isFaceAlert}).
     */
    static boolean isCapture(StoredEvent event) {
        return event.algType() == 0 || event.algType() == 1;
    }

    /**
     * A face capture that matched a bound group above its threshold, or a stranger: sent as a §23.3.1 Alert (with
     * faceToken, searchScore, alertGroup...) and, being a captured face too, as a §23.3.2 Capture after it.
     */
    static boolean isFaceAlert(StoredEvent event) {
        return event.face() != null && (event.face().alert() || event.face().stranger());
    }

    @Override
    public void deliver(StoredEvent event) throws DeliveryException {
        if (!outlet.isOpen()) {
            throw new DeliveryException("connection closed");
        }
        if (options.format() != ClientOptions.Format.LEGACY) {
            awaitWritten(outlet.sendText(new String(payloads.alertModeJson(event, options.pictures()),
                    StandardCharsets.UTF_8)));
            return;
        }
        boolean capture = isCapture(event);
        if (capture && isFaceAlert(event) && alertDeliveredId != event.id()) {
            sendLegacy(event, false);
            alertDeliveredId = event.id(); // a retry of the Capture does not repeat the Alert
        }
        sendLegacy(event, capture);
    }

    private void sendLegacy(StoredEvent event, boolean capture) throws DeliveryException {
        byte[] legacy = payloads.legacyFrame(event, capture, seq.incrementAndGet(),
                ServerFrame.legacyPictures(options.pictures()));
        awaitWritten(outlet.sendBinary(ServerFrame.fromLegacy(legacy, event, options.pictures(), pictureBaseUrl)));
        if (options.ack()) {
            awaitAck(payloads.legacyAck(event, capture));
        }
    }

    /** The SEQ of the last frame sent (0 before the first). */
    int lastSeq() {
        return seq.get();
    }

    /** A text message from the client: an acknowledgement (anything else is ignored by the next wait). */
    void received(String text) {
        acks.offer(text.trim());
    }

    /** The connection closed: a delivery waiting for an acknowledgement fails now rather than at its timeout. */
    void closed() {
        acks.offer(CLOSED);
    }

    private void awaitWritten(CompletableFuture<Void> written) throws DeliveryException {
        try {
            written.get(timing.writeMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outlet.close(CLOSE_TOO_SLOW, "too slow: a message took longer than " + timing.writeMillis() + " ms");
            throw new DeliveryException("not written within " + timing.writeMillis() + " ms; disconnected");
        } catch (ExecutionException e) {
            throw new DeliveryException("write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", e);
        }
    }

    private void awaitAck(String expected) throws DeliveryException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timing.ackMillis());
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String got = left > 0 ? acks.poll(left, TimeUnit.NANOSECONDS) : null;
                if (got == null) {
                    throw new DeliveryException("no " + expected + " within " + timing.ackMillis() + " ms");
                }
                if (got == CLOSED) {
                    acks.offer(CLOSED); // later deliveries fail fast too
                    throw new DeliveryException("connection closed before " + expected);
                }
                if (got.equals(expected)) {
                    return;
                }
                // an acknowledgement of an earlier attempt (or not one at all): skip it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", e);
        }
    }
}
