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
 * face 0 and structuring 1) and the face warehouse's recognition alerts (a capture that matched a bound group above
 * its threshold, or a stranger). A rule event is sent as the §25.4 alert-mode JSON (text frame), a face recognition
 * alert as the §23.1.2 Alert message (binary: 16-byte header + JSON with faceToken, searchScore, alertGroup... +
 * pictures). Both are acknowledged with {@code Alert_videoNo_timestamp_trackId_ACK} (§23.1.2); unacknowledged they
 * are resent {@code alertResend} times {@code alertInterval} s apart, then dropped.</li>
 * <li>{@code ws.capture} ({@code capture}) takes the <b>captures</b>: every face and structuring capture (algType
 * 0/1), recognised or not, since §23.1.3 reports "当捕获到人脸时" (whenever a face is captured). So a face
 * recognition alert goes to both receivers: as an Alert and as a Capture. Each is sent as the §23.1.3 Capture
 * message (binary: 16-byte header + JSON + pictures, SEQ +1 per send) and acknowledged with
 * {@code Capture_videoNo_catchTimestamp_trackId_ACK}; at most two tries (§23.1.3), 1 s apart.</li>
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

    /** What {@code ws.alert} takes: a rule event or a face recognition alert. */
    static boolean isAlert(StoredEvent e) {
        return isRuleEvent(e) || isFaceAlert(e);
    }

    /** An event of a rule warehouse rather than a face or structuring capture. */
    static boolean isRuleEvent(StoredEvent e) {
        return e.algType() != 0 && e.algType() != 1;
    }

    /** A face capture that matched a bound group above its threshold, or a stranger: §23.1.2's alert. */
    static boolean isFaceAlert(StoredEvent e) {
        return e.face() != null && (e.face().alert() || e.face().stranger());
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
        return kind == Kind.ALERT ? isAlert(event) : !isRuleEvent(event);
    }

    @Override
    public void deliver(StoredEvent event) throws DeliveryException {
        boolean capture = kind == Kind.CAPTURE;
        String expected = payloads.legacyAck(event, capture);
        if (capture || isFaceAlert(event)) {
            byte[] frame = payloads.legacyFrame(event, capture, seq.incrementAndGet(), pictures);
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
