package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;

/**
 * The HTTP alert-mode push of §25.3 (catalogue P9): {@code alert_events[]} with area, alertor and target,
 * {@code photo} (the background picture as Base64 when {@code captureUpload} and {@code bigCaptureUpload} are on,
 * else ""), {@code device_id}, {@code stream_id}, {@code frame_id}, {@code dts}, {@code pts}, {@code recv_ts} and
 * {@code algType} (0 unknown, 1 face / structuring capture, 2 alert). The table's key {@code device_id} is used,
 * not the example's {@code deviceId}.
 */
final class AlertModePayload {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertModePayload() {
    }

    /** §25.3's algType from the warehouse's algorithm type: face (0) and structuring (1) are captures. */
    static int algType(int warehouseAlgType) {
        return warehouseAlgType == 0 || warehouseAlgType == 1 ? 1 : 2;
    }

    static byte[] encode(StoredEvent e, HttpReports.Receiver receiver, EventStore store) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode events = root.putArray("alert_events");
        ObjectNode a = events.addObject();
        a.put("area_id", e.areaId());
        a.put("area_type", e.areaType());
        a.put("alertor_id", e.alertorId());
        a.put("alertor_type", e.alertorType());
        ObjectNode target = a.putObject("target");
        target.put("target_type", e.targetType());
        target.put("target_id", e.targetId());
        ArrayNode points = target.putArray("points");
        for (StoredEvent.PixelPoint p : e.points()) {
            points.addObject().put("x", p.x()).put("y", p.y());
        }
        String photo = "";
        if (receiver.captureUpload() && receiver.bigCaptureUpload() && e.fullPicture() != null) {
            photo = store.picture(e.fullPicture()).map(b -> Base64.getEncoder().encodeToString(b)).orElse("");
        }
        root.put("photo", photo);
        root.put("device_id", e.deviceId());
        root.put("stream_id", e.videoNo());
        root.put("frame_id", e.frameId());
        root.put("dts", e.dts());
        root.put("pts", e.pts());
        root.put("recv_ts", e.recvTs());
        root.put("algType", algType(e.algType()));
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
