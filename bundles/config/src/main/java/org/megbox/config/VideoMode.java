package org.megbox.config;

/** {@code modelSw.videoMode} (§3.1.1, L559–565); the spec documents one value. */
public enum VideoMode {
    /** Ordinary IPC RTSP streams (default). */
    VIDEO_STREAM("videoStreamMode");

    private final String wireName;

    VideoMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
