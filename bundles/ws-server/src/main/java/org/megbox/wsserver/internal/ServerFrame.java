package org.megbox.wsserver.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.megbox.delivery.EventPayloads.Pictures;
import org.megbox.events.StoredEvent;

/**
 * §23.3's form of the §23 binary message, derived from the shared §23.1 frame ({@code EventPayloads.legacyFrame}):
 * the same 16-byte header (TYPE, HEADLEN, SEQ) and JSON, but no PIC part. §23.3 puts the pictures into the JSON:
 * {@code captureFace} is the crop as Base64 and {@code fullImage} the URL of the full picture on this box
 * ({@code GET /v1/MEGBOX/pictures/...}); Alerts have them under {@code images{}} (with {@code Top1} 0), Captures at
 * the top level. A switched-off or missing picture is {@code ""}.
 */
final class ServerFrame {

    static final int HEADER_BYTES = 16;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServerFrame() {
    }

    /**
     * @param legacy the §23.1 frame of {@code event}, encoded with {@link #legacyPictures(Pictures)}
     * @param pictureBaseUrl e.g. {@code http://192.168.1.5:8080/v1/MEGBOX/}; the picture's relative URI follows
     */
    static byte[] fromLegacy(byte[] legacy, StoredEvent event, Pictures pictures, String pictureBaseUrl) {
        ByteBuffer in = ByteBuffer.wrap(legacy);
        byte[] type = new byte[8];
        in.get(type);
        int headLen = in.getInt();
        int seq = in.getInt();
        ObjectNode json;
        try {
            json = (ObjectNode) MAPPER.readTree(legacy, HEADER_BYTES, headLen);
        } catch (IOException e) {
            throw new UncheckedIOException("the shared §23.1 frame's JSON is not readable", e);
        }
        boolean alert = json.has("images");
        ObjectNode lengths = alert ? (ObjectNode) json.get("images") : json;
        int cropLength = lengths.path("captureFace").asInt(0);
        int cropStart = HEADER_BYTES + headLen;
        byte[] crop = Arrays.copyOfRange(legacy, cropStart, cropStart + cropLength);
        lengths.put("captureFace", crop.length == 0 ? "" : Base64.getEncoder().encodeToString(crop));
        lengths.put("fullImage", pictures.any() && pictures.full() && event.fullPicture() != null
                ? pictureBaseUrl + stripDot(event.fullPicture()) : "");
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.allocate(HEADER_BYTES + body.length).put(type).putInt(body.length).putInt(seq).put(body)
                .array();
    }

    /** What to ask the shared encoder for: the crop as bytes (if wanted), never the full picture (sent as a URL). */
    static Pictures legacyPictures(Pictures wanted) {
        return new Pictures(wanted.any(), false, wanted.crop());
    }

    /** TYPE of a frame: {@code Alert} or {@code Capture} (ASCII, zero padded to 8 bytes). */
    static String type(byte[] frame) {
        return new String(frame, 0, 8, StandardCharsets.US_ASCII).replace("\0", "");
    }

    private static String stripDot(String uri) {
        String u = uri.startsWith("./") ? uri.substring(2) : uri;
        return u.startsWith("/") ? u.substring(1) : u;
    }
}
