package org.megbox.video;

/**
 * Ingest counters of one channel since the box started (they survive reconnects, not a restart).
 *
 * @param videoNo the channel
 * @param status connection status now
 * @param width width of the frames as delivered (after rotation), 0 before the first frame
 * @param height height of the frames as delivered (after rotation), 0 before the first frame
 * @param framesDecoded video frames the decoder produced
 * @param framesConverted decoded frames converted to BGR for at least one subscriber
 * @param framesDelivered frames handed to subscribers (one count per subscriber that took it)
 * @param framesDropped converted frames replaced in the one-slot mailbox before any subscriber took them
 * @param reconnects times the source was (re)opened after the first attempt
 * @param lastFrameMillis wall-clock time of the last decoded frame, 0 if none yet
 * @param lastError the last error seen by the decoder, "" if none
 */
public record ChannelStats(int videoNo, ConnectionStatus status, int width, int height, long framesDecoded,
        long framesConverted, long framesDelivered, long framesDropped, long reconnects, long lastFrameMillis,
        String lastError) {
}
