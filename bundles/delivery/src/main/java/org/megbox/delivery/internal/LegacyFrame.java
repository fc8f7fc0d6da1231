package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.megbox.api.event.CapturedFace;
import org.megbox.delivery.EventPayloads;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;

/**
 * The legacy binary pushes of §23.1.2/§23.3.1 ({@code Alert}) and §23.1.3/§23.3.2 ({@code Capture}): a 16-byte
 * HEADER (TYPE: 8 ASCII bytes zero padded, HEADLEN: the JSON's length, SEQ: the connection's counter; big-endian),
 * the JSON, then the pictures in the order the JSON lists their lengths ({@code captureFace}, then
 * {@code fullImage}). Only the fields our events have a value for are sent. A face of the face warehouse adds, on an
 * Alert, the top-1 match ({@code faceToken}, {@code imageId}, {@code searchScore}, {@code alertGroup}, {@code group}
 * = the groups the matched face is in, as {@code GET /alerts} shows them), {@code livenessScore} and §23.3.1's
 * {@code aboveHigh}; on a Capture {@code bestStranger} and {@code enterTimestamp}/{@code leaveTimestamp}; on both the
 * flat (S2) {@code faceAttr}. Every event with a box and a crop gets {@code detectionResult}/{@code targetResult}
 * ({@link FaceFields#boxes}). Beyond the spec, {@code alert_events} of §25.4 says which rule fired.
 */
final class LegacyFrame {

    static final int HEADER_BYTES = 16;
    static final String ALERT = "Alert";
    static final String CAPTURE = "Capture";

    /** §23.1.3 objType from the D3 target type; D3 types §23 does not name are sent as they are. */
    private static final Map<String, String> OBJ_TYPES =
            Map.of("face", "face", "person", "human", "car", "vehicle", "cycle", "cycle", "plate", "plate");

    private LegacyFrame() {
    }

    static String objType(String targetType) {
        return OBJ_TYPES.getOrDefault(targetType, targetType);
    }

    static byte[] encode(StoredEvent e, boolean capture, int seq, EventPayloads.Pictures pictures, EventStore store) {
        byte[] cropJpeg = picture(store, e.cropPicture()); // also the crop's size for detectionResult
        byte[] crop = pictures.any() && pictures.crop() ? cropJpeg : new byte[0];
        byte[] full = pictures.any() && pictures.full() ? picture(store, e.fullPicture()) : new byte[0];
        ObjectNode json = AlertModePayload.MAPPER.createObjectNode();
        json.put("deviceId", e.deviceId());
        json.put("dataType", capture ? CAPTURE : ALERT);
        json.put("videoNo", e.videoNo());
        json.put("channelName", e.channelName());
        json.put("chnDetectType", 0); // §23: 0 unknown; alert-mode channels are none of face/face+body/structuring
        json.put("trackId", e.targetId());
        json.put("trackIdTimes", e.trackIdTimes());
        json.putArray("bindingInfo");
        json.put("movingStatus", 0);
        json.put("movingDirection", 0);
        CapturedFace face = e.face();
        if (capture) {
            if (face != null) {
                json.put("bestStranger", face.stranger());
            }
            json.put("captureFace", crop.length);
            json.put("fullImage", full.length);
            if (face != null && face.enterTimestamp() != null) {
                json.put("enterTimestamp", face.enterTimestamp());
            }
            json.put("catchTimestamp", e.timestamp());
            if (face != null && face.leaveTimestamp() != null) {
                json.put("leaveTimestamp", face.leaveTimestamp());
            }
        } else {
            if (face != null) {
                json.put("aboveHigh", face.alert() ? 1 : 0);
                face.top1().ifPresent(m -> {
                    json.set("alertGroup", FaceFields.groups(m.alertGroups()));
                    json.set("group", FaceFields.groups(m.groups()));
                    json.put("faceToken", m.faceToken());
                    json.put("imageId", m.imageId());
                });
            }
            ObjectNode images = json.putObject("images");
            images.put("captureFace", crop.length);
            images.put("fullImage", full.length);
            images.put("Top1", 0);
            if (face != null) {
                face.top1().ifPresent(m -> json.put("searchScore", m.searchScore()));
                if (face.livenessScore() != null) {
                    json.put("livenessScore", face.livenessScore());
                }
            }
            json.put("timestamp", e.timestamp());
        }
        json.put("objType", objType(e.targetType()));
        ObjectNode attr = FaceFields.flatAttr(face);
        if (attr != null) {
            json.set("faceAttr", attr);
        }
        FaceFields.boxes(json, e, cropJpeg.length == 0 ? null : cropJpeg);
        json.set("alert_events", AlertModePayload.alertEvents(e));
        byte[] body = AlertModePayload.bytes(json);

        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + body.length + crop.length + full.length);
        byte[] type = (capture ? CAPTURE : ALERT).getBytes(StandardCharsets.US_ASCII);
        out.put(type).put(new byte[8 - type.length]);
        out.putInt(body.length).putInt(seq);
        out.put(body).put(crop).put(full);
        return out.array();
    }

    /**
     * {@code dataType_videoNo_timestamp_trackId_ACK} as in the spec's examples {@code Alert_01_1543893775_6018_ACK}
     * and {@code Capture_01_1543893775_6018_ACK}: the channel with two digits, the event's time in seconds.
     */
    static String ack(StoredEvent e, boolean capture) {
        return String.format("%s_%02d_%d_%d_ACK", capture ? CAPTURE : ALERT, e.videoNo(), e.timestamp() / 1000,
                e.targetId());
    }

    private static byte[] picture(EventStore store, String uri) {
        return uri == null ? new byte[0] : store.picture(uri).orElse(new byte[0]);
    }
}
