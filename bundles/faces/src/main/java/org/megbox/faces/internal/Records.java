package org.megbox.faces.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.megbox.persistence.Codec;

/** What the face library keeps in the box database, and how (JSON, descriptors as raw little-endian floats). */
final class Records {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Records() {
    }

    /** A face box in pixels of the uploaded photo, as §5 spells it. */
    record Rect(int left, int top, int right, int bottom) {
    }

    /** One uploaded photo ({@code seq} orders the §5.1.2 list); {@code faceToken} null once its face was deleted. */
    record ImageRecord(String imageId, long seq, String description, String imageName, String format,
            long createdMillis, String faceToken) {

        ImageRecord {
            format = format == null ? null : format.intern();
        }

        ImageRecord withFaceToken(String token) {
            return new ImageRecord(imageId, seq, description, imageName, format, createdMillis, token);
        }
    }

    /**
     * One enrolled face; {@code key} names its descriptor and its entry in the index; {@code modelId} is the
     * embedder of its descriptor (kept here too, so the start-up check counts faces without reading descriptors).
     */
    record FaceRecord(String faceToken, String imageId, long key, Rect rect, List<String> groups, long createdMillis,
            String modelId) {

        FaceRecord {
            // a million faces share a few group names and one model id: keep one copy of each
            groups = groups.stream().map(String::intern).toList();
            modelId = modelId == null ? null : modelId.intern();
        }

        FaceRecord withGroups(List<String> newGroups) {
            return new FaceRecord(faceToken, imageId, key, rect, newGroups, createdMillis, modelId);
        }

        FaceRecord withModelId(String newModelId) {
            return new FaceRecord(faceToken, imageId, key, rect, groups, createdMillis, newModelId);
        }
    }

    /** A face group; {@code seq} orders §6.1.1 (newest first, as the spec's example after a creation). */
    record GroupRecord(String groupName, long seq) {
    }

    /** One failed batch import (§5.1.9); {@code timeStamp} in Unix seconds. */
    record FailRecord(String imageId, String imageName, String failReason, long timeStamp) {
    }

    /** A descriptor and the embedder that computed it (descriptors of different embedders are never compared). */
    record Descriptor(String modelId, float[] vector) {
    }

    static <T> Codec<T> json(Class<T> type) {
        return Codec.of(v -> {
            try {
                return JSON.writeValueAsBytes(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, b -> {
            try {
                return JSON.readValue(b, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static final Codec<Descriptor> DESCRIPTOR = Codec.of(Records::encode, Records::decode);

    private static byte[] encode(Descriptor d) {
        byte[] id = d.modelId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + id.length + 4 * d.vector().length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) id.length).put(id);
        for (float f : d.vector()) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static Descriptor decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] id = new byte[b.getShort() & 0xffff];
        b.get(id);
        float[] v = new float[b.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return new Descriptor(new String(id, StandardCharsets.UTF_8), v);
    }
}
