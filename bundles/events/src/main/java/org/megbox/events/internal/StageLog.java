package org.megbox.events.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-stage timing of stored events, for the latency breakdown benchmark
 * ({@code dist/src/bench/latency_breakdown.py}): one DEBUG line per event on the logger
 * {@value #NAME}, off unless that logger is enabled (e.g.
 * {@code -Dorg.slf4j.simpleLogger.log.org.megbox.latency=debug}). When off, nothing is timed.
 */
final class StageLog {

    static final String NAME = "org.megbox.latency.events";
    static final Logger LOG = LoggerFactory.getLogger(NAME);

    /** Wall clock with sub-millisecond steps: the base is taken once, then nanoTime advances it. */
    private static final long BASE_WALL_MILLIS = System.currentTimeMillis();
    private static final long BASE_NANOS = System.nanoTime();

    private StageLog() {
    }

    static boolean on() {
        return LOG.isDebugEnabled();
    }

    /** The wall-clock time of a {@link System#nanoTime()} reading, in milliseconds, as text with 2 decimals. */
    static String wall(long nanos) {
        return String.format("%.2f", BASE_WALL_MILLIS + (nanos - BASE_NANOS) / 1e6);
    }

    static String millis(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
