package org.megbox.video.internal;

/**
 * Decides which frames, by presentation time, a consumer asking for {@code fps} frames per second of video
 * time is due. It keeps the average rate (a 7 fps consumer of a 25 fps stream gets 7 frames per second on
 * average, not 6.25) and restarts when the time base jumps (a reconnect, a file that loops). Not thread-safe.
 */
final class RateGate {

    private static final long UNSET = Long.MIN_VALUE;

    private double fps;
    private double intervalMillis;
    private double nextDue = UNSET;
    private long lastPts = UNSET;

    RateGate(double fps) {
        setRate(fps);
    }

    void setRate(double fps) {
        if (Double.isNaN(fps) || fps < 0) {
            throw new IllegalArgumentException("fps must be >= 0: " + fps);
        }
        this.fps = fps;
        this.intervalMillis = fps == 0 || Double.isInfinite(fps) ? 0 : 1000.0 / fps;
        this.nextDue = UNSET;
    }

    double rate() {
        return fps;
    }

    /** Whether the frame with this presentation time is due; if it is, the gate moves on past it. */
    boolean due(long ptsMillis) {
        if (fps == 0) {
            return false;
        }
        boolean jumped = lastPts != UNSET && (ptsMillis < lastPts || ptsMillis - lastPts > 5_000);
        lastPts = ptsMillis;
        if (Double.isInfinite(fps)) {
            return true;
        }
        if (nextDue == UNSET || jumped) {
            nextDue = ptsMillis + intervalMillis;
            return true;
        }
        // half a millisecond of slack for time bases that do not divide evenly
        if (ptsMillis + 0.5 < nextDue) {
            return false;
        }
        nextDue += intervalMillis;
        if (nextDue <= ptsMillis) { // fell behind by more than one interval: do not burst to catch up
            nextDue = ptsMillis + intervalMillis;
        }
        return true;
    }
}
