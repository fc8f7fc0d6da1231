package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.event.FaceMatch;
import org.megbox.events.EventStore;
import org.megbox.events.StoredEvent;

/**
 * The §23.2 HTTP pushes of a face (catalogue P4 "capture, target face" and P6 "recognition alert"), sent instead of
 * the §25.3 alert-mode JSON for the face warehouse's events. Only fields the stored event has a value for:
 * <ul>
 * <li>{@code photo}/{@code photo_md5}: the face crop with {@code captureUpload} and {@code smallCaptureUpload};
 * {@code fullImage}/{@code fullImage_md5}: the background with {@code captureUpload} and {@code bigCaptureUpload}
 * (absent otherwise, as §23.2 says); MD5 as 32 lower-case hex digits;</li>
 * <li>{@code age}, {@code gender} (in the (S1) coding of the same message's {@code faceAttr}: 0 unknown, 1 male,
 * 2 female), {@code confidence} (top-1 {@code searchScore}), {@code event_type} (0 recognised: a bound group's
 * {@code searchThresholdHigh} reached, else 1), {@code fmp} ({@code livenessScore});</li>
 * <li>{@code track_id} (the tracker's id as a string), {@code track_die} true (a capture is made when its track
 * ended), {@code timestamp} (the capture's best frame, Unix ms), {@code video_number}, {@code device_id},
 * {@code objType} "face", {@code faceAttr}, {@code detectionResult}/{@code targetResult}, {@code algType} 1;</li>
 * <li>P4: {@code bestStranger} (a stranger by the channel's stranger setting); P6: {@code stranger_flag},
 * {@code ImageID} and {@code alertGroup} of the top-1 match.</li>
 * </ul>
 * Left out, no value: {@code quality}, {@code roll/yaw/pitch}, {@code blurness}, {@code fmp_error} (the liveness
 * threshold is the channel's setting, not stored with the event), {@code access_pass}, {@code Description},
 * {@code featureInfo}. {@code chnDetectType} is 0 (unknown), {@code bindingInfo} empty.
 */
final class FaceHttpPayload {

    private FaceHttpPayload() {
    }

    /**
     * @param recognition P6 (a recognition alert) rather than P4 (a capture)
     */
    static byte[] json(StoredEvent e, boolean recognition, HttpReports.Receiver receiver, EventStore store) {
        CapturedFace face = e.face();
        FaceMatch top1 = face == null ? null : face.top1().orElse(null);
        byte[] crop = picture(store, e.cropPicture());
        ObjectNode root = AlertModePayload.MAPPER.createObjectNode();
        root.put("screen_token", e.channelName());
        Base64Fields pictures = new Base64Fields();
        if (receiver.captureUpload() && receiver.smallCaptureUpload() && crop != null) {
            pictures.put(root, "photo", crop);
            root.put("photo_md5", md5(crop));
        }
        if (receiver.captureUpload() && receiver.bigCaptureUpload()) {
            byte[] full = picture(store, e.fullPicture());
            if (full != null) {
                pictures.put(root, "fullImage", full);
                root.put("fullImage_md5", md5(full));
            }
        }
        ObjectNode attr = FaceFields.nestedAttr(face);
        if (face != null && face.age() != null) {
            root.put("age", (float) face.age());
        }
        if (face != null && face.gender() != null) {
            root.put("gender", (float) (face.gender() + 1));
        }
        if (top1 != null) {
            root.put("confidence", top1.searchScore());
        }
        root.put("event_type", face != null && face.alert() ? 0 : 1);
        if (face != null && face.livenessScore() != null) {
            root.put("fmp", face.livenessScore());
        }
        root.put("track_id", Long.toString(e.targetId()));
        root.put("track_die", true);
        root.put("timestamp", e.timestamp());
        root.put("video_number", e.videoNo());
        root.put("chnDetectType", 0);
        root.put("device_id", e.deviceId());
        if (recognition) {
            root.put("stranger_flag", face != null && face.stranger() ? 1 : 0);
            if (top1 != null) {
                root.put("ImageID", top1.imageId());
                root.set("alertGroup", FaceFields.groups(top1.alertGroups()));
            }
        } else {
            root.put("bestStranger", face != null && face.stranger());
        }
        root.putArray("bindingInfo");
        root.put("objType", "face");
        if (attr != null) {
            root.set("faceAttr", attr);
        }
        FaceFields.boxes(root, e, crop);
        root.put("algType", 1);
        return pictures.splice(AlertModePayload.bytes(root));
    }

    static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("MD5 missing from the JRE", ex);
        }
    }

    private static byte[] picture(EventStore store, String uri) {
        return uri == null ? null : store.picture(uri).orElse(null);
    }
}
