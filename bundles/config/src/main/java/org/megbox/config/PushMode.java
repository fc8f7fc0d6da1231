package org.megbox.config;

/** {@code modelSw.pushMode} (§3.1.1, L585–600). */
public enum PushMode {
    /** Push a face as soon as it passes the capture filters, re-push better ones up to {@code retryCount}. */
    FAST("FastPushMode"),
    /** Push the best face when the track ends (after 10 s, then once a minute, for long stays); the default. */
    BEST("BestPushMode");

    private final String wireName;

    PushMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
