package org.megbox.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.inference.InferenceModel;
import org.megbox.api.inference.Tensor;
import org.megbox.inference.detect.CocoDetector;
import org.megbox.inference.internal.OrtInferenceEngine;
import org.megbox.modelimport.Importer;

/**
 * The engine and the COCO detector on real vtest.avi frames (the importer's reference PNGs: frames 264 and 352,
 * stretched to the model input size; by eye frame 264 shows 7 walking people, frame 352 shows 5).
 */
class DetectorTest {

    static OrtInferenceEngine engine;
    static byte[] nanodet;
    static byte[] centernet;

    static Path models() {
        Path p = Path.of(System.getProperty("megbox.models.dir",
                System.getProperty("user.home") + "/.cache/megbox/human-models-3.0.4/package/models"));
        assertThat(p.resolve("nanodet.json")).as("models fetched by the model-importer build").isRegularFile();
        return p;
    }

    @BeforeAll
    static void setUp() throws Exception {
        engine = OrtInferenceEngine.create(0, 0);
        nanodet = Importer.importModel(models().resolve("nanodet.json")).onnx();
        centernet = Importer.importModel(models().resolve("centernet.json")).onnx();
    }

    @AfterAll
    static void tearDown() {
        assertThat(engine.openSessions()).as("every handle closed").isZero();
    }

    static Frame frame(String png) throws IOException {
        Path dir = Path.of(System.getProperty("megbox.reference.dir", "../model-importer/src/test/resources/reference"));
        BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
        int w = img.getWidth();
        int h = img.getHeight();
        ByteBuffer bgr = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                bgr.put((byte) p).put((byte) (p >> 8)).put((byte) (p >> 16));
            }
        }
        return new Frame(1, 0, 0, 0, w, h, bgr.flip());
    }

    static long persons(List<Detection> d) {
        return d.stream().filter(x -> x.targetType().equals("person")).count();
    }

    @Test
    void nanodetFindsThePedestrians() throws Exception {
        try (CocoDetector det = CocoDetector.open(engine, CocoDetector.Model.NANODET, nanodet,
                CocoDetector.Settings.defaults(CocoDetector.Model.NANODET))) {
            List<Detection> f264 = det.detect(frame("nanodet_vtest264.png"));
            List<Detection> f352 = det.detect(frame("nanodet_vtest352.png"));
            System.out.println("nanodet frame 264: " + f264);
            System.out.println("nanodet frame 352: " + f352);
            // by eye: 7 and 5 people; with the default threshold NanoDet finds exactly those
            assertThat(persons(f264)).isEqualTo(7);
            assertThat(persons(f352)).isEqualTo(5);
            // the white van and the car at the right edge
            assertThat(f264.stream().filter(d -> d.targetType().equals("car")).count()).isEqualTo(2);
            assertThat(f264).allSatisfy(d -> {
                assertThat(d.box().x1()).isBetween(0.0, 1.0);
                assertThat(d.box().x2()).isGreaterThan(d.box().x1());
                assertThat(d.box().y2()).isGreaterThan(d.box().y1());
            });
        }
    }

    @Test
    void centernetFindsThePedestrians() throws Exception {
        try (CocoDetector det = CocoDetector.open(engine, CocoDetector.Model.CENTERNET, centernet,
                CocoDetector.Settings.defaults(CocoDetector.Model.CENTERNET))) {
            List<Detection> f264 = det.detect(frame("centernet_vtest264.png"));
            List<Detection> f352 = det.detect(frame("centernet_vtest352.png"));
            System.out.println("centernet frame 264: " + f264);
            System.out.println("centernet frame 352: " + f352);
            // CenterNet misses people in pairs / behind the sign: 6 of 7 and 3 of 5
            assertThat(persons(f264)).isBetween(5L, 7L);
            assertThat(persons(f352)).isBetween(3L, 5L);
        }
    }

    @Test
    void sameModelSharesOneSessionUntilTheLastHandleCloses() throws Exception {
        InferenceModel a = engine.load("nanodet", nanodet);
        InferenceModel b = engine.load("nanodet", nanodet);
        assertThat(engine.openSessions()).isEqualTo(1);
        assertThat(a.sha256()).isEqualTo(b.sha256()).hasSize(64);
        assertThat(a.inputs()).containsOnlyKeys("input_1");
        a.close();
        a.close(); // idempotent
        assertThat(engine.openSessions()).isEqualTo(1);
        Map<String, Tensor> out = b.run(Map.of("input_1", new Tensor(new long[] {1, 3, 416, 416}, new float[3 * 416 * 416])));
        assertThat(out).containsKeys("Identity", "Identity_3");
        assertThat(out.get("Identity").shape()).containsExactly(1, 2704, 80);
        b.close();
        assertThat(engine.openSessions()).isZero();
        assertThatThrownBy(() -> b.run(Map.of())).isInstanceOf(InferenceException.class);
    }

    @Test
    void missingInputIsAnInferenceException() throws Exception {
        try (InferenceModel m = engine.load("nanodet", nanodet)) {
            assertThatThrownBy(() -> m.run(Map.of())).isInstanceOf(InferenceException.class).hasMessageContaining("input_1");
        }
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> engine.load("junk", new byte[] {1, 2, 3})).isInstanceOf(InferenceException.class);
        assertThat(engine.openSessions()).isZero();
    }
}
