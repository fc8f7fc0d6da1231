package org.megbox.delivery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.megbox.delivery.EventPayloads;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;

/**
 * The alert-mode pushes of §25.3 (HTTP, catalogue P9) and §25.4 (WebSocket, P10). Both carry {@code alert_events[]}
 * with area, alertor and target, then the pictures, then {@code device_id}, {@code stream_id}, {@code frame_id},
 * {@code dts}, {@code pts}, {@code recv_ts}; they differ only in the pictures ({@code photo} vs {@code captureFace}
 * + {@code fullImage}) and in §25.3's {@code algType}. The tables' key {@code device_id} is used, not the examples'
 * {@code deviceId}.
 */
final class AlertModePayload {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertModePayload() {
    }

    /** §25.3's algType from the warehouse's algorithm type: face (0) and structuring (1) are captures. */
    static int algType(int warehouseAlgType) {
        return warehouseAlgType == 0 || warehouseAlgType == 1 ? 1 : 2;
    }

    /** A capture (face/structuring) rather than an alert/recognition. */
    static boolean isCapture(StoredEvent e) {
        return algType(e.algType()) == 1;
    }

    /**
     * §25.3: {@code photo} is the background picture as Base64 when {@code captureUpload} and
     * {@code bigCaptureUpload} are on, else "".
     */
    static byte[] httpJson(StoredEvent e, HttpReports.Receiver receiver, EventStore store) {
        boolean photo = receiver.captureUpload() && receiver.bigCaptureUpload();
        Base64Fields pictures = new Base64Fields();
        ObjectNode root = encode(e, r -> pictures.put(r, "photo", photo ? picture(store, e.fullPicture()) : null),
                true);
        return pictures.splice(bytes(root));
    }

    /**
     * §25.4: {@code captureFace} (the target crop) with the master and small-picture switches, {@code fullImage} (the
     * background) with the master and big-picture switches, each Base64 or "". Beyond the spec, {@code timestamp}
     * (the event's time, Unix ms, last) lets a receiver build the legacy ACK {@code Alert_videoNo_seconds_trackId_ACK}
     * without looking the event up.
     */
    static byte[] webSocketJson(StoredEvent e, EventPayloads.Pictures pictures, EventStore store) {
        Base64Fields base64 = new Base64Fields();
        ObjectNode root = encode(e, r -> {
            base64.put(r, "captureFace", pictures.any() && pictures.crop() ? picture(store, e.cropPicture()) : null);
            base64.put(r, "fullImage", pictures.any() && pictures.full() ? picture(store, e.fullPicture()) : null);
        }, false);
        root.put("timestamp", e.timestamp());
        return base64.splice(bytes(root));
    }

    /** The {@code alert_events} array of §25.3/§25.4 (one event), shared with the legacy frames' extension. */
    static ArrayNode alertEvents(StoredEvent e) {
        ArrayNode events = MAPPER.createArrayNode();
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
        return events;
    }

    private static ObjectNode encode(StoredEvent e, Consumer<ObjectNode> pictures, boolean withAlgType) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("alert_events", alertEvents(e));
        pictures.accept(root);
        root.put("device_id", e.deviceId());
        root.put("stream_id", e.videoNo());
        root.put("frame_id", e.frameId());
        root.put("dts", e.dts());
        root.put("pts", e.pts());
        root.put("recv_ts", e.recvTs());
        if (withAlgType) {
            root.put("algType", algType(e.algType()));
        }
        return root;
    }

    /** A stored picture; null when the event has none or it was recycled. */
    static byte[] picture(EventStore store, String uri) {
        return uri == null ? null : store.picture(uri).orElse(null);
    }

    static byte[] bytes(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
