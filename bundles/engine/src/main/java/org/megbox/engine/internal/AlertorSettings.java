package org.megbox.engine.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.megbox.api.rule.AlertorConfig;

/**
 * The generic fields of one {@code alertor_configs[]} entry as the evaluators use them, with the engine's
 * fallbacks for fields an event does not declare. Times in milliseconds.
 *
 * <p>{@code timeRange} is [start, end) in seconds of the day in the <b>box's local time zone</b> (the JVM default,
 * i.e. the operating system's, unless {@code -Duser.timezone} says otherwise); start &gt; end spans midnight
 * ({@code [79200, 21600]} = 22:00–06:00), {@code [0, 86400]} is all day.
 */
record AlertorSettings(
        int alertorId,
        Set<String> targets,
        double targetMin,
        double targetMax,
        long durationMillis,
        long cooldownMillis,
        long interruptMillis,
        int timeStart,
        int timeEnd,
        ZoneId zone,
        long objCount,
        long targetMinNum,
        long targetMaxNum,
        long expectedNum,
        double dutyRatio,
        boolean personPreOverWall) {

    static AlertorSettings of(AlertorConfig c, ZoneId zone) {
        Set<String> targets = new HashSet<>(c.targetTypes());
        if (targets.contains("crowd")) {
            targets.add("person"); // a crowd is counted from the persons in it (a COCO detector has no "crowd")
        }
        int start = 0;
        int end = 86_400;
        if (c.params().get("timeRange") instanceof List<?> range && range.size() == 2
                && range.get(0) instanceof Number s && range.get(1) instanceof Number e) {
            start = s.intValue();
            end = e.intValue();
        }
        return new AlertorSettings(c.alertorId(), Set.copyOf(targets),
                c.doubleParam("target_min", 0), c.doubleParam("target_max", 1),
                c.longParam("duration", 0) * 1000, c.longParam("cooldown_duration", 0) * 1000,
                c.longParam("interrupt_endurance", 0) * 1000, start, end, zone,
                c.longParam("obj_count", 1), c.longParam("target_min_num", 0),
                c.longParam("target_max_num", Long.MAX_VALUE), c.longParam("expected_num", 1),
                c.doubleParam("duty_ratio", 0), c.longParam("personPreOverWall", 0) != 0);
    }

    /** Whether the alertor is armed at {@code millis} (epoch ms). */
    boolean active(long millis) {
        if (timeStart == 0 && timeEnd >= 86_400) {
            return true;
        }
        int second = LocalTime.ofInstant(Instant.ofEpochMilli(millis), zone).toSecondOfDay();
        if (timeStart < timeEnd) {
            return second >= timeStart && second < timeEnd;
        }
        return second >= timeStart || second < timeEnd;
    }
}
