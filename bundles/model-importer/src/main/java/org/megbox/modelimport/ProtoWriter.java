package org.megbox.modelimport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few protobuf wire-format primitives the ONNX writer needs (varint, fixed32, length-delimited).
 *
 * <p>Why hand-rolled instead of protobuf-java: the importer writes six message types and never reads one,
 * so a ~60-line encoder plus {@link Onnx} replaces protoc (not on Maven Central as a plain jar for every
 * platform), generated sources and a 1.7 MB runtime dependency; the wire format is frozen and documented
 * at https://protobuf.dev/programming-guides/encoding/. Round-trip correctness is checked by the test
 * that loads every imported model in ONNX Runtime (its protobuf parser is the judge).
 */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static final int VARINT = 0;
    private static final int FIXED32 = 5;
    private static final int LEN = 2;

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    ProtoWriter int64(int field, long v) {
        tag(field, VARINT);
        rawVarint(v);
        return this;
    }

    ProtoWriter float32(int field, float v) {
        tag(field, FIXED32);
        int b = Float.floatToRawIntBits(v);
        out.write(b);
        out.write(b >>> 8);
        out.write(b >>> 16);
        out.write(b >>> 24);
        return this;
    }

    ProtoWriter bytes(int field, byte[] b) {
        tag(field, LEN);
        rawVarint(b.length);
        out.writeBytes(b);
        return this;
    }

    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter nested) {
        return bytes(field, nested.toByteArray());
    }
}
