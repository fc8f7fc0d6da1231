package org.megbox.engine;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A face group bound to a channel (§7 / §20.1 {@code group[]}): captured faces are compared with the group's faces
 * while the window is open; a top score at or above {@code searchThresholdHigh} is an alert, below
 * {@code searchThresholdLow} the face counts as a stranger for this group.
 *
 * @param groupName the face group
 * @param startTime {@code HHMMSS}, 24 h
 * @param endTime {@code HHMMSS}; both {@code 000000} means all day, an end of {@code 000000} means until midnight
 * @param searchThresholdHigh 0..100
 * @param searchThresholdLow 0..100
 */
public record FaceGroupBinding(String groupName, String startTime, String endTime, double searchThresholdHigh,
        double searchThresholdLow) {

    public FaceGroupBinding {
        Objects.requireNonNull(groupName, "groupName");
        startTime = startTime == null ? "000000" : startTime;
        endTime = endTime == null ? "000000" : endTime;
    }

    /** Whether the binding's window contains {@code time} (local time of day). */
    public boolean activeAt(LocalTime time) {
        return windowContains(startTime, endTime, time);
    }

    /** The spec's HHMMSS window: both "000000" all day, end "000000" until midnight, else [start, end). */
    public static boolean windowContains(String startTime, String endTime, LocalTime time) {
        if ("000000".equals(startTime) && "000000".equals(endTime)) {
            return true;
        }
        LocalTime start = parse(startTime);
        LocalTime end = parse(endTime);
        if (start == null || end == null) {
            return true; // validated on the way in; an unreadable stored value does not switch recognition off
        }
        if ("000000".equals(endTime)) {
            return !time.isBefore(start);
        }
        return !time.isBefore(start) && time.isBefore(end);
    }

    private static LocalTime parse(String hhmmss) {
        if (hhmmss == null || !hhmmss.matches("\\d{6}")) {
            return null;
        }
        int h = Integer.parseInt(hhmmss.substring(0, 2));
        int m = Integer.parseInt(hhmmss.substring(2, 4));
        int s = Integer.parseInt(hhmmss.substring(4, 6));
        return h < 24 && m < 60 && s < 60 ? LocalTime.of(h, m, s) : null;
    }
}
