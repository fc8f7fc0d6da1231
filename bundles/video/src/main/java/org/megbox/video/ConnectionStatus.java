package org.megbox.video;

/**
 * A channel's connection state, with the spec's {@code videoConStatus} integer (S10) it is reported as.
 * {@link #CONNECTING} is this box's own state between "configured" and "first frame decoded"; the API
 * reports it as 1 (not connected), as a client must not believe a channel is up before frames arrive.
 */
public enum ConnectionStatus {
    /** Frames are arriving (the last one less than about 3 s ago). */
    CONNECTED(0),
    /** Opening the source or waiting for its first frame; not yet known to work. */
    CONNECTING(1),
    /** The source cannot be reached, refused, ended, or stalled; the decoder retries with backoff. */
    CONNECT_FAILED(1),
    /** The source refused the credentials (e.g. RTSP 401). */
    AUTH_FAILED(2),
    /** The source opened but carries no decodable video stream. */
    STREAM_FORMAT_ERROR(3),
    /** The video is larger than this box decodes per channel. */
    OVER_MAX_RESOLUTION(4),
    /** The video codec cannot be opened or the stream keeps failing to decode. */
    DECODE_FAILED(5),
    /** The box already decodes as much as it can. */
    OVER_DECODE_CAPACITY(6);

    private final int conStatus;

    ConnectionStatus(int conStatus) {
        this.conStatus = conStatus;
    }

    /** The spec's {@code videoConStatus}: 0 connected, 1 connect failed, 2 auth failed, 3 stream format error,
     *  4 over max resolution, 5 decode failed, 6 over decode capacity. */
    public int conStatus() {
        return conStatus;
    }

    public boolean isConnected() {
        return this == CONNECTED;
    }
}
