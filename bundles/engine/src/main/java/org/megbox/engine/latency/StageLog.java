package org.megbox.engine.latency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-stage timing of the frames that raised events, for the latency breakdown benchmark
 * ({@code dist/src/bench/latency_breakdown.py}): each bundle that takes part (engine, events store) logs one DEBUG
 * line per event on its logger {@value #PREFIX}{@code <part>}, off unless that logger is enabled (e.g.
 * {@code -Dorg.slf4j.simpleLogger.log.org.megbox.latency=debug}). When off, nothing is timed.
 *
 * <p>One class for all of them because a stage may start in one bundle and end in another (handed to the sink →
 * taken by the events writer): their wall-clock readings must come from one clock, one base. With a base per bundle
 * the two differed by up to a millisecond (the base's {@link System#currentTimeMillis()} is whole milliseconds),
 * which made some cross-bundle stages negative.
 */
public final class StageLog {

    public static final String PREFIX = "org.megbox.latency.";

    /** Wall clock with sub-millisecond steps: the base is taken once, then nanoTime advances it. */
    private static final long BASE_WALL_MILLIS = System.currentTimeMillis();
    private static final long BASE_NANOS = System.nanoTime();

    private final Logger log;

    private StageLog(String part) {
        log = LoggerFactory.getLogger(PREFIX + part);
    }

    /** The stage log of one part of the box, e.g. {@code "engine"}: the logger {@value #PREFIX}{@code <part>}. */
    public static StageLog of(String part) {
        return new StageLog(part);
    }

    /** Whether its lines are logged (and hence worth timing). */
    public boolean on() {
        return log.isDebugEnabled();
    }

    /** Where its lines go (DEBUG). */
    public Logger logger() {
        return log;
    }

    /** The wall-clock time of a {@link System#nanoTime()} reading, in milliseconds. */
    public static double wallMillis(long nanos) {
        return BASE_WALL_MILLIS + (nanos - BASE_NANOS) / 1e6;
    }

    /** {@link #wallMillis} as text with 2 decimals. */
    public static String wall(long nanos) {
        return String.format("%.2f", wallMillis(nanos));
    }

    /** A duration in nanoseconds as milliseconds with 2 decimals. */
    public static String millis(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
