package org.megbox.video;

import java.util.Objects;

/**
 * One configured video channel as committed by {@code POST/PUT /videos} and
 * {@code PUT /videos/{videoNo}/surveillances}: an immutable value. {@link #status()} is the connection
 * status at the moment the value was read.
 *
 * @param videoNo 1..16, the channel's identity
 * @param videoName letters, digits, underscore, 1..50 bytes
 * @param url the main stream (RTSP, or a local file path / {@code file:} URL), at most 128 bytes
 * @param subUrl the sub stream, "" when none (not decoded by this box)
 * @param username the camera user, "" when none; put into the RTSP URL when the URL has no user part
 * @param password the camera password, "" when none
 * @param rotation clockwise rotation applied to every decoded frame: 0, 90, 180 or 270
 * @param surveillanceEnabled the channel's surveillance switch
 * @param status the connection status
 */
public record VideoChannel(int videoNo, String videoName, String url, String subUrl, String username,
        String password, int rotation, boolean surveillanceEnabled, ConnectionStatus status) {

    public VideoChannel {
        Objects.requireNonNull(videoName, "videoName");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(subUrl, "subUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(status, "status");
    }

    /** The same channel with another status. */
    public VideoChannel withStatus(ConnectionStatus newStatus) {
        return new VideoChannel(videoNo, videoName, url, subUrl, username, password, rotation, surveillanceEnabled,
                newStatus);
    }
}
