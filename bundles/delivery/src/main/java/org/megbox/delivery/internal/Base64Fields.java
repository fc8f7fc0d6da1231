package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Pictures as Base64 string fields of a top-level JSON object, written into the serialised bytes rather than through
 * Jackson: a 100 kB string costs Jackson a per-character escape check, which was the largest part of encoding a push.
 * The Base64 alphabet needs no escaping, so the bytes are the same as Jackson's would be.
 */
final class Base64Fields {

    private final List<String> names = new ArrayList<>();
    private final List<byte[]> pictures = new ArrayList<>();

    /** Puts {@code name: ""} into {@code root} now, filled with {@code picture} in Base64 by {@link #splice}. */
    void put(ObjectNode root, String name, byte[] picture) {
        root.put(name, "");
        if (picture != null && picture.length > 0) {
            names.add(name);
            pictures.add(picture);
        }
    }

    /**
     * {@code json} with each field's {@code ""} replaced by its Base64. The first {@code "name":""} is the field:
     * a string value elsewhere would have its quotes escaped, and these fields are written before any nested object
     * that could hold the same key.
     */
    byte[] splice(byte[] json) {
        byte[] out = json;
        for (int i = 0; i < names.size(); i++) {
            byte[] marker = ("\"" + names.get(i) + "\":\"\"").getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(out, marker);
            if (at < 0) {
                throw new IllegalStateException("no field " + names.get(i) + " to fill");
            }
            byte[] b64 = Base64.getEncoder().encode(pictures.get(i));
            int insert = at + marker.length - 1; // before the closing quote
            byte[] next = new byte[out.length + b64.length];
            System.arraycopy(out, 0, next, 0, insert);
            System.arraycopy(b64, 0, next, insert, b64.length);
            System.arraycopy(out, insert, next, insert + b64.length, out.length - insert);
            out = next;
        }
        return out;
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= data.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
