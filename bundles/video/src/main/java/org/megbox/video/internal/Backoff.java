package org.megbox.video.internal;

/**
 * Reconnect delays: {@code initial}, doubling up to {@code max}; {@link #reset()} after a connection that
 * delivered frames, so a source that keeps failing is retried ever less often while a source that worked
 * and dropped is retried at once.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long next;

    Backoff(long initialMillis, long maxMillis) {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("bad backoff " + initialMillis + ".." + maxMillis);
        }
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.next = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the cap. */
    long nextDelayMillis() {
        long d = next;
        next = Math.min(maxMillis, next * 2);
        return d;
    }

    void reset() {
        next = initialMillis;
    }
}
