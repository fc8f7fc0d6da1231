package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.event.FaceMatch;
import org.megbox.events.StoredEvent;

/**
 * The face and box fields §23 shares between its pushes, filled only from what a stored event has: the face
 * warehouse's {@link CapturedFace} (attributes a model estimated, liveness, matches) and the target's points. Fields
 * we have no value for (quality, angles, hair, glasses, ...) are left out, never guessed.
 */
final class FaceFields {

    private FaceFields() {
    }

    /** A face capture of the face warehouse that matched a bound group or is a stranger: a recognition alert. */
    static boolean isFaceAlert(StoredEvent e) {
        CapturedFace f = e.face();
        return f != null && (f.alert() || f.stranger());
    }

    static Optional<FaceMatch> top1(StoredEvent e) {
        return e.face() == null ? Optional.empty() : e.face().top1();
    }

    /**
     * (S1) nested {@code faceAttr} of §20.2.1 and the HTTP pushes: {@code age}, {@code gender} 0 unknown, 1 male,
     * 2 female. Null when no model estimated either.
     */
    static ObjectNode nestedAttr(CapturedFace face) {
        if (face == null || (face.age() == null && face.gender() == null)) {
            return null;
        }
        ObjectNode a = AlertModePayload.MAPPER.createObjectNode();
        if (face.age() != null) {
            a.put("age", face.age());
        }
        a.put("gender", face.gender() == null ? 0 : face.gender() + 1);
        return a;
    }

    /**
     * (S2) flat {@code faceAttr} of the WebSocket pushes: {@code age}, {@code gender} 0 male, 1 female (left out when
     * unknown: §23.1 has no code for it). Null when no model estimated either.
     */
    static ObjectNode flatAttr(CapturedFace face) {
        if (face == null || (face.age() == null && face.gender() == null)) {
            return null;
        }
        ObjectNode a = AlertModePayload.MAPPER.createObjectNode();
        if (face.age() != null) {
            a.put("age", face.age());
        }
        if (face.gender() != null) {
            a.put("gender", face.gender());
        }
        return a;
    }

    /** {@code [{groupName}]}. */
    static ArrayNode groups(List<String> names) {
        ArrayNode out = AlertModePayload.MAPPER.createArrayNode();
        names.forEach(n -> out.addObject().put("groupName", n));
        return out;
    }

    /**
     * (S7) {@code detectionResult} (the crop inside the background picture) and {@code targetResult} (the target
     * inside the crop), each {@code left/top/right/bottom} in pixels. The crop's size is read from its JPEG, its
     * place follows from the target's box the way the events bundle cuts it (centred on the target, shifted into
     * the frame). Nothing is added when the event has no box or the crop is not a readable JPEG.
     */
    static void boxes(ObjectNode json, StoredEvent e, byte[] cropJpeg) {
        if (e.points().size() < 2 || cropJpeg == null || e.width() <= 0 || e.height() <= 0) {
            return;
        }
        int[] size = JpegSize.of(cropJpeg);
        if (size == null) {
            return;
        }
        int w = size[0];
        int h = size[1];
        StoredEvent.PixelPoint a = e.points().get(0);
        StoredEvent.PixelPoint b = e.points().get(1);
        int bw = b.x() - a.x();
        int bh = b.y() - a.y();
        if (w > e.width() || h > e.height() || bw < 0 || bh < 0) {
            return;
        }
        int left = clamp(a.x() + bw / 2 - w / 2, 0, e.width() - w);
        int top = clamp(a.y() + bh / 2 - h / 2, 0, e.height() - h);
        box(json.putObject("detectionResult"), left, top, left + w, top + h);
        box(json.putObject("targetResult"), clamp(a.x() - left, 0, w), clamp(a.y() - top, 0, h),
                clamp(b.x() - left, 0, w), clamp(b.y() - top, 0, h));
    }

    private static void box(ObjectNode o, int left, int top, int right, int bottom) {
        o.put("left", left).put("top", top).put("right", right).put("bottom", bottom);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
