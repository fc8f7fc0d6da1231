package org.megbox.events;

import java.util.List;
import java.util.Objects;
import org.megbox.api.event.CapturedFace;

/**
 * One stored event, in the spec's {@code alert_events} vocabulary (§25.3/§25.4, P9/P10): an immutable value.
 *
 * @param id the store's key: strictly increasing in the order events were stored, never reused
 * @param deviceId {@code device_id}: the box's 20-character id (MAC hex + zeros)
 * @param videoNo {@code stream_id}: the channel 1..16
 * @param channelName the channel's {@code videoName} when the event was stored ("" if unknown)
 * @param algType the warehouse's algorithm type (§26.6 D1, e.g. 14 alert_alarm)
 * @param alertorType {@code alertor_type}: the event type string (§26.6 D2, e.g. {@code intrusion})
 * @param areaId {@code area_id}
 * @param areaType {@code area_type} (§26.6 D4 string, e.g. {@code polygon})
 * @param alertorId {@code alertor_id}
 * @param targetType {@code target.target_type} (§26.6 D3 string, e.g. {@code person})
 * @param targetId {@code target.target_id}: the tracker's id, the legacy {@code trackId}
 * @param points {@code target.points}: top-left and bottom-right corners of the target's box in pixels of the
 *     frame (empty when the event carried no points)
 * @param frameId {@code frame_id}
 * @param pts {@code pts} of the frame, milliseconds
 * @param dts {@code dts}: the decoder gives none, so equal to {@code pts}
 * @param recvTs {@code recv_ts}: when the frame arrived, Unix ms
 * @param timestamp the event's time, Unix ms (the legacy {@code timestamp}/{@code catchTimestamp})
 * @param trackIdTimes how many events of this (channel, target id) were stored so far, this one included
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param fullPicture relative URI of the full picture ({@code ./pictures/yyyy/MM/dd/HH/...jpg}), or null
 * @param cropPicture relative URI of the target crop, or null
 * @param inAlerts still listed by {@code GET /alerts} (not deleted through {@code DELETE /alerts/...})
 * @param inCaptures still listed by {@code GET /captures} (not deleted through {@code DELETE /captures/...})
 * @param face (since 1.1) a face capture's attributes, liveness and matches with the bound face groups; null for
 *     every other event
 */
public record StoredEvent(long id, String deviceId, int videoNo, String channelName, int algType,
        String alertorType, int areaId, String areaType, int alertorId, String targetType, long targetId,
        List<PixelPoint> points, long frameId, long pts, long dts, long recvTs, long timestamp, int trackIdTimes,
        int width, int height, String fullPicture, String cropPicture, boolean inAlerts, boolean inCaptures,
        CapturedFace face) {

    /** A point in pixels of the frame, origin top-left. */
    public record PixelPoint(int x, int y) {
    }

    public StoredEvent {
        Objects.requireNonNull(deviceId, "deviceId");
        channelName = channelName == null ? "" : channelName;
        Objects.requireNonNull(alertorType, "alertorType");
        Objects.requireNonNull(areaType, "areaType");
        Objects.requireNonNull(targetType, "targetType");
        points = List.copyOf(points);
    }

    /** An event without face details. */
    public StoredEvent(long id, String deviceId, int videoNo, String channelName, int algType,
            String alertorType, int areaId, String areaType, int alertorId, String targetType, long targetId,
            List<PixelPoint> points, long frameId, long pts, long dts, long recvTs, long timestamp, int trackIdTimes,
            int width, int height, String fullPicture, String cropPicture, boolean inAlerts, boolean inCaptures) {
        this(id, deviceId, videoNo, channelName, algType, alertorType, areaId, areaType, alertorId, targetType,
                targetId, points, frameId, pts, dts, recvTs, timestamp, trackIdTimes, width, height, fullPicture,
                cropPicture, inAlerts, inCaptures, null);
    }

    /** The same event with other list memberships. */
    public StoredEvent withLists(boolean alerts, boolean captures) {
        return new StoredEvent(id, deviceId, videoNo, channelName, algType, alertorType, areaId, areaType, alertorId,
                targetType, targetId, points, frameId, pts, dts, recvTs, timestamp, trackIdTimes, width, height,
                fullPicture, cropPicture, alerts, captures, face);
    }
}
