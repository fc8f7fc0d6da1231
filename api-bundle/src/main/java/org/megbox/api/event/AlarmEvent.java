package org.megbox.api.event;

import java.util.List;
import org.megbox.api.geometry.Point;

/**
 * An event a rule raised, shaped like the spec's {@code alert_events} entry: which area and alertor,
 * and the target (type, stable track id, outline points) that caused it. A face capture also carries
 * {@link #face()} (since 1.1; null for every other event).
 */
public record AlarmEvent(int videoNo, int algType, String eventType, int areaId, String areaType, int alertorId,
        String targetType, long targetId, List<Point> targetPoints, long frameId, long timestampMillis,
        CapturedFace face) {

    public AlarmEvent {
        targetPoints = List.copyOf(targetPoints);
    }

    /** An event without face details (every event but a face capture). */
    public AlarmEvent(int videoNo, int algType, String eventType, int areaId, String areaType, int alertorId,
            String targetType, long targetId, List<Point> targetPoints, long frameId, long timestampMillis) {
        this(videoNo, algType, eventType, areaId, areaType, alertorId, targetType, targetId, targetPoints, frameId,
                timestampMillis, null);
    }
}
