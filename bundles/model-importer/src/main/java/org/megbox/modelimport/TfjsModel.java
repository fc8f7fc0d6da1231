package org.megbox.modelimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TFJS graph model as read from {@code model.json} ({@code modelTopology.node} = TF GraphDef nodes in
 * JSON form) and its weight shards (the manifest's weights, concatenated in order). Weights stored as
 * float16 ({@code quantization.dtype = float16}) keep their half bits so the ONNX file can store them
 * compactly; uint8/uint16 affine quantisation is refused (none of the supported models uses it).
 */
final class TfjsModel {

    /** One GraphDef node: name, op, inputs (without control inputs) and raw attribute JSON. */
    record NodeDef(String name, String op, List<String> inputs, JsonNode attr) {

        JsonNode a(String key) {
            return attr == null ? null : attr.get(key);
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = a(key);
            return v == null || !v.has("b") ? dflt : v.get("b").asBoolean();
        }

        long integer(String key, long dflt) {
            JsonNode v = a(key);
            return v == null || !v.has("i") ? dflt : Long.parseLong(v.get("i").asText());
        }

        float real(String key, float dflt) {
            JsonNode v = a(key);
            return v == null || !v.has("f") ? dflt : (float) v.get("f").asDouble();
        }

        String string(String key, String dflt) {
            JsonNode v = a(key);
            return v == null || !v.has("s") ? dflt : new String(Base64.getDecoder().decode(v.get("s").asText()), StandardCharsets.UTF_8);
        }

        long[] ints(String key) {
            JsonNode v = a(key);
            if (v == null || !v.has("list") || !v.get("list").has("i")) {
                return new long[0];
            }
            JsonNode l = v.get("list").get("i");
            long[] r = new long[l.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = Long.parseLong(l.get(i).asText());
            }
            return r;
        }

        List<String> strings(String key) {
            JsonNode v = a(key);
            List<String> r = new ArrayList<>();
            if (v != null && v.has("list") && v.get("list").has("s")) {
                for (JsonNode s : v.get("list").get("s")) {
                    r.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
                }
            }
            return r;
        }
    }

    /** A decoded weight: float data (dequantised), int data, and the half bits if it was stored as float16. */
    record Weight(String name, long[] shape, String dtype, float[] floats, int[] ints, short[] halfs) {
    }

    final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    final Map<String, Weight> weights = new LinkedHashMap<>();
    /** Signature inputs/outputs as graph tensor names (e.g. {@code Identity:0}); empty when the model has none. */
    final List<String> signatureInputs = new ArrayList<>();
    final List<String> signatureOutputs = new ArrayList<>();
    final List<Path> weightFiles = new ArrayList<>();

    static TfjsModel read(Path modelJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(modelJson.toFile());
        if (!"graph-model".equals(root.path("format").asText("graph-model"))) {
            throw new IllegalArgumentException("not a TFJS graph model: format " + root.path("format").asText());
        }
        TfjsModel m = new TfjsModel();
        for (JsonNode n : root.path("modelTopology").path("node")) {
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : n.path("input")) {
                String s = in.asText();
                if (!s.startsWith("^")) {
                    inputs.add(s);
                }
            }
            NodeDef d = new NodeDef(n.get("name").asText(), n.get("op").asText(), inputs, n.get("attr"));
            m.nodes.put(d.name(), d);
        }
        JsonNode sig = root.path("signature");
        signatureTensors(sig.path("inputs"), m.signatureInputs);
        signatureTensors(sig.path("outputs"), m.signatureOutputs);
        Path dir = modelJson.toAbsolutePath().getParent();
        for (JsonNode group : root.path("weightsManifest")) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (JsonNode p : group.path("paths")) {
                Path f = dir.resolve(p.asText());
                m.weightFiles.add(f);
                all.writeBytes(Files.readAllBytes(f));
            }
            ByteBuffer buf = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.path("weights")) {
                m.readWeight(w, buf);
            }
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException("weights group has " + buf.remaining() + " bytes left over");
            }
        }
        return m;
    }

    /**
     * The graph tensor of each signature entry: its {@code name} ({@code Identity:0}), not its key. Keras exports
     * key by layer ({@code activation_4}), which names no node of the graph; older exports use the tensor name as
     * key, so the key is the fallback when an entry has no name.
     */
    private static void signatureTensors(JsonNode entries, List<String> into) {
        entries.fields().forEachRemaining(e -> into.add(e.getValue().path("name").asText(e.getKey())));
    }

    private void readWeight(JsonNode w, ByteBuffer buf) {
        String name = w.get("name").asText();
        JsonNode s = w.get("shape");
        long[] shape = new long[s.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).asLong();
            n *= shape[i];
        }
        int count = Math.toIntExact(n);
        String dtype = w.get("dtype").asText();
        JsonNode q = w.get("quantization");
        String qtype = q == null || q.isNull() ? null : q.path("dtype").asText();
        if (qtype != null && !"float16".equals(qtype)) {
            throw new IllegalArgumentException(name + ": quantization " + qtype + " is not supported");
        }
        switch (dtype) {
            case "float32" -> {
                float[] f = new float[count];
                short[] h = null;
                if ("float16".equals(qtype)) {
                    h = new short[count];
                    for (int i = 0; i < count; i++) {
                        h[i] = buf.getShort();
                        f[i] = Half.toFloat(h[i]);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        f[i] = buf.getFloat();
                    }
                }
                weights.put(name, new Weight(name, shape, dtype, f, null, h));
            }
            case "int32" -> {
                int[] v = new int[count];
                for (int i = 0; i < count; i++) {
                    v[i] = buf.getInt();
                }
                weights.put(name, new Weight(name, shape, dtype, null, v, null));
            }
            case "bool" -> {
                int[] v = new int[count];
                for (int i = 0; i < count; i++) {
                    v[i] = buf.get();
                }
                weights.put(name, new Weight(name, shape, dtype, null, v, null));
            }
            default -> throw new IllegalArgumentException(name + ": weight dtype " + dtype + " is not supported");
        }
    }

    static final class Half {
        private Half() {
        }

        /** IEEE 754 binary16 to binary32 (exact; Float.float16ToFloat is Java 20+). */
        static float toFloat(short h) {
            int bits = h & 0xFFFF;
            int sign = (bits & 0x8000) << 16;
            int exp = (bits >>> 10) & 0x1F;
            int mant = bits & 0x3FF;
            if (exp == 0x1F) {
                return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
            }
            if (exp == 0) {
                if (mant == 0) {
                    return Float.intBitsToFloat(sign);
                }
                float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
                return sign != 0 ? -v : v;
            }
            return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
