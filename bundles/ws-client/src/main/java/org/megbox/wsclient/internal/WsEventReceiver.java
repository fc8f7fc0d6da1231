package org.megbox.wsclient.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.StoredEvent;

/**
 * The outbox's view of one {@link ReportConnection}: which events go there, as what message, acknowledged how.
 *
 * <ul>
 * <li>{@code ws.alert} ({@code alertConfig}) takes the <b>alerts</b>: events of rule warehouses (every algType but
 * face 0 and structuring 1, the records {@code GET /alerts} lists). Each is sent as the §25.4 alert-mode JSON (text
 * frame) and acknowledged with {@code Alert_videoNo_timestamp_trackId_ACK} (§23.1.2); unacknowledged it is resent
 * {@code alertResend} times {@code alertInterval} s apart, then dropped.</li>
 * <li>{@code ws.capture} ({@code capture}) takes the <b>captures</b>: face and structuring captures (algType 0/1,
 * only on {@code GET /captures}). Each is sent as the §23.1.3 Capture message (binary: 16-byte header + JSON +
 * pictures, SEQ +1 per send) and acknowledged with {@code Capture_videoNo_catchTimestamp_trackId_ACK}; at most two
 * tries (§23.1.3), 1 s apart.</li>
 * </ul>
 */
final class WsEventReceiver implements EventReceiver {

    enum Kind {
        ALERT("ws.alert", "Alert"), CAPTURE("ws.capture", "Capture");

        final String receiverName;
        final String dataType;

        Kind(String receiverName, String dataType) {
            this.receiverName = receiverName;
            this.dataType = dataType;
        }
    }

    /** §23.1.3: "最多尝试 2 次" - one resend; the spec names no interval, 1 s is ours. */
    static final RetryPolicy CAPTURE_RETRIES = RetryPolicy.resend(1, 1000);

    private final Kind kind;
    private final RetryPolicy retryPolicy;
    private final EventPayloads.Pictures pictures;
    private final EventPayloads payloads;
    private final ReportConnection connection;
    private final AtomicInteger seq = new AtomicInteger();

    WsEventReceiver(Kind kind, RetryPolicy retryPolicy, EventPayloads.Pictures pictures, EventPayloads payloads,
            ReportConnection connection) {
        this.kind = kind;
        this.retryPolicy = retryPolicy;
        this.pictures = pictures;
        this.payloads = payloads;
        this.connection = connection;
    }

    /** A rule event (alert) rather than a face or structuring capture. */
    static boolean isAlert(StoredEvent e) {
        return e.algType() != 0 && e.algType() != 1;
    }

    @Override
    public String name() {
        return kind.receiverName;
    }

    @Override
    public String address() {
        return connection.uri().toString();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public boolean accepts(StoredEvent event) {
        return (kind == Kind.ALERT) == isAlert(event);
    }

    @Override
    public void deliver(StoredEvent event) throws DeliveryException {
        boolean capture = kind == Kind.CAPTURE;
        String expected = payloads.legacyAck(event, capture);
        if (capture) {
            byte[] frame = payloads.legacyFrame(event, true, seq.incrementAndGet(), pictures);
            connection.exchange(c -> c.send(frame), a -> a.equals(expected) || Ack.matches(a, kind.dataType, event),
                    expected);
        } else {
            String json = new String(payloads.alertModeJson(event, pictures), StandardCharsets.UTF_8);
            connection.exchange(c -> c.send(json), a -> a.equals(expected) || Ack.matches(a, kind.dataType, event),
                    expected);
        }
    }

    ReportConnection connection() {
        return connection;
    }
}
