package org.megbox.delivery.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;

/**
 * One receiver of §4.1.5 ({@code main} or {@code slave}): {@code POST <url>} of the §25.3 alert-mode push, or for the
 * face warehouse's events the §23.2 face push ({@link FaceHttpPayload}: P6 for a recognition alert, P4 for a
 * capture), any 2xx answer acknowledges. HTTP/1.1 keep-alive: the shared client reuses its connection. Retries follow the spec: with {@code persistReport} until delivered, backing off from
 * {@code interval} seconds, else {@code resend} further attempts {@code interval} seconds apart. {@code eventType}
 * chooses captures (1), recognitions/alerts (2) or both (3).
 */
final class HttpReceiver implements EventReceiver, Outbox.Cancellable, Outbox.Lookahead {

    /** Time scale: {@code secondMillis} is what the spec's "1 second" of {@code interval} means (tests shorten it). */
    record Timing(long secondMillis, long maxBackoffMillis, Duration connectTimeout, Duration requestTimeout) {
        static final Timing SPEC = new Timing(1000, 60_000, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    static final int EVENT_CAPTURE = 1;
    static final int EVENT_RECOGNITION = 2;

    private final String name;
    private final HttpReports.Receiver settings;
    private final Timing timing;
    private final HttpClient client;
    private final EventStore store;
    private volatile boolean cancelled;
    /** The event after the one in flight, and one encoded body (sender thread only). */
    private StoredEvent upcoming;
    private long encodedId = -1;
    private byte[] encoded;

    HttpReceiver(String name, HttpReports.Receiver settings, Timing timing, HttpClient client, EventStore store) {
        this.name = name;
        this.settings = settings;
        this.timing = timing;
        this.client = client;
        this.store = store;
    }

    HttpReports.Receiver settings() {
        return settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return settings.url();
    }

    @Override
    public RetryPolicy retryPolicy() {
        long interval = settings.interval() * timing.secondMillis();
        return settings.persistent() ? RetryPolicy.untilDelivered(interval, timing.maxBackoffMillis())
                : RetryPolicy.resend(settings.resend(), interval);
    }

    /**
     * {@code eventType}: 1 captures, 2 recognitions (our alerts), 3 both. A face capture that matched a bound group
     * or is a stranger is both a capture and a recognition.
     */
    @Override
    public boolean accepts(StoredEvent event) {
        int type = settings.eventType();
        return type == 3 || (type == EVENT_CAPTURE ? AlertModePayload.isCapture(event) : recognition(event));
    }

    private static boolean recognition(StoredEvent event) {
        return !AlertModePayload.isCapture(event) || FaceFields.isFaceAlert(event);
    }

    /** The body for {@code e}: §23.2 for a face (P6 when this receiver takes recognitions and it is one), else §25.3. */
    byte[] body(StoredEvent e) {
        if (e.face() != null) {
            boolean p6 = settings.eventType() != EVENT_CAPTURE && FaceFields.isFaceAlert(e);
            return FaceHttpPayload.json(e, p6, settings, store);
        }
        return AlertModePayload.httpJson(e, settings, store);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void upcoming(StoredEvent next) {
        upcoming = next;
    }

    /** The body of {@code e}, encoded ahead while the previous push was in flight, or now (kept for a retry). */
    private byte[] encoded(StoredEvent e) {
        if (encodedId != e.id() || encoded == null) {
            encoded = body(e);
            encodedId = e.id();
        }
        return encoded;
    }

    /** Encodes the upcoming event while a push is in flight (the sender thread would only wait). */
    private void encodeAhead(long inFlight) {
        StoredEvent next = upcoming;
        upcoming = null;
        if (next == null || next.id() == inFlight) {
            return;
        }
        try {
            encoded = body(next);
            encodedId = next.id();
        } catch (RuntimeException ex) {
            encoded = null; // encoded again when it is its turn, where a failure counts
            encodedId = -1;
        }
    }

    @Override
    public void deliver(StoredEvent e) throws DeliveryException {
        byte[] body = encoded(e);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(settings.url()))
                    .timeout(timing.requestTimeout())
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .header("X-MegBox-Event-Id", Long.toString(e.id()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException ex) {
            throw new DeliveryException(ex.toString(), ex);
        }
        CompletableFuture<HttpResponse<Void>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        encodeAhead(e.id());
        // polled rather than awaited, so an unregistered receiver returns at once (no thread interrupt)
        long end = System.nanoTime() + timing.requestTimeout().toNanos() + 1_000_000_000L;
        while (true) {
            try {
                int status = pending.get(100, TimeUnit.MILLISECONDS).statusCode();
                if (status < 200 || status >= 300) {
                    throw new DeliveryException("HTTP " + status);
                }
                return;
            } catch (TimeoutException t) {
                if (cancelled || System.nanoTime() > end) {
                    pending.cancel(true);
                    throw new DeliveryException(cancelled ? "stopped" : "timed out");
                }
            } catch (ExecutionException ex) {
                throw new DeliveryException(String.valueOf(ex.getCause()), ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                pending.cancel(true);
                throw new DeliveryException("interrupted", ex);
            }
        }
    }

    @Override
    public String toString() {
        return "http " + name + " " + settings.url();
    }
}
