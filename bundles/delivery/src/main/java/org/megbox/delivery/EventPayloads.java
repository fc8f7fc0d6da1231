package org.megbox.delivery;

import org.megbox.events.StoredEvent;

/**
 * The spec's messages for one stored event (service of the delivery bundle), so every transport sends the same
 * bytes. Pictures are read from the event store; a picture that is gone is sent empty.
 */
public interface EventPayloads {

    /** Which pictures to embed: §4.1.3 {@code pushImageSW} (all), {@code pushBigImageSW}, {@code pushSmallImageSW}. */
    record Pictures(boolean any, boolean full, boolean crop) {
        public static final Pictures NONE = new Pictures(false, false, false);
        public static final Pictures ALL = new Pictures(true, true, true);
    }

    /** §25.4 alert-mode WebSocket message (JSON, UTF-8): alert_events, captureFace, fullImage, device_id, ... */
    byte[] alertModeJson(StoredEvent event, Pictures pictures);

    /**
     * §23.1.2/§23.3.1 (alerts) or §23.1.3/§23.3.2 (captures) binary message: 16-byte HEADER (TYPE 8 bytes,
     * HEADLEN 4, SEQ 4, big-endian) + JSON + PIC bytes in the order the JSON's {@code images} lengths list them.
     *
     * @param capture true for a Capture message, false for an Alert message
     * @param seq the connection's sequence number (the caller counts)
     */
    byte[] legacyFrame(StoredEvent event, boolean capture, int seq, Pictures pictures);

    /**
     * The acknowledgement the receiver answers for the legacy message: {@code dataType_videoNo_timestamp_trackId_ACK},
     * e.g. {@code Alert_01_1543893775_6018_ACK} (§23.1.2, §23.1.3).
     */
    String legacyAck(StoredEvent event, boolean capture);

    /** §23.1.1 heartbeat JSON: {@code deviceId}, {@code timestamp} (Unix ms, now). */
    byte[] heartbeat();
}
