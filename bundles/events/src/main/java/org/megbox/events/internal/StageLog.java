package org.megbox.events.internal;

import org.slf4j.Logger;

/**
 * The events store's part of the shared per-stage latency log ({@link org.megbox.engine.latency.StageLog}, the
 * logger {@value #NAME}): its stage timestamps come from the same clock as the engine's, so "handed to the sink →
 * taken by the writer" is a difference of one clock's readings.
 */
final class StageLog {

    static final String NAME = org.megbox.engine.latency.StageLog.PREFIX + "events";
    private static final org.megbox.engine.latency.StageLog STAGES = org.megbox.engine.latency.StageLog.of("events");
    static final Logger LOG = STAGES.logger();

    private StageLog() {
    }

    static boolean on() {
        return STAGES.on();
    }

    /** The wall-clock time of a {@link System#nanoTime()} reading, in milliseconds, as text with 2 decimals. */
    static String wall(long nanos) {
        return org.megbox.engine.latency.StageLog.wall(nanos);
    }

    static String millis(long nanos) {
        return org.megbox.engine.latency.StageLog.millis(nanos);
    }
}
