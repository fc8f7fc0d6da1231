package org.megbox.wsclient.internal;

import org.megbox.events.StoredEvent;

/**
 * The receiver's acknowledgement of §23.1.2/§23.1.3: {@code dataType_videoNo_timestamp_trackId_ACK}, e.g.
 * {@code Alert_01_1543893775_6018_ACK}. The spec's example writes the channel with two digits and the time in
 * seconds while its JSON carries milliseconds, so numbers are compared by value and the time may be either.
 */
final class Ack {

    private Ack() {
    }

    /** Whether {@code text} acknowledges {@code event} as a message of {@code dataType} ("Alert", "Capture"). */
    static boolean matches(String text, String dataType, StoredEvent event) {
        String[] p = text.trim().split("_");
        if (p.length != 5 || !p[0].equals(dataType) || !p[4].equals("ACK")) {
            return false;
        }
        try {
            int videoNo = Integer.parseInt(p[1]);
            long time = Long.parseLong(p[2]);
            long trackId = Long.parseLong(p[3]);
            return videoNo == event.videoNo() && trackId == event.targetId()
                    && (time == event.timestamp() / 1000 || time == event.timestamp());
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
