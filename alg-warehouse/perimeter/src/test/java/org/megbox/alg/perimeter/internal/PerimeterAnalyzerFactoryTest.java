package org.megbox.alg.perimeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.AnalysisResult;
import org.megbox.api.analysis.Analyzer;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.warehouse.AlertorTypeSpec;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.inference.internal.OrtInferenceEngine;
import org.megbox.warehouses.internal.DescriptorParser;
import org.megbox.warehouses.internal.DescriptorValidator;

/**
 * The perimeter warehouse: its descriptor says exactly which events are analysed (those the engine evaluates from
 * person/car/cycle detections) and which are not; its analyzer runs the shipped NanoDet model through the real
 * ONNX Runtime engine on a real vtest.avi frame and reports the pedestrians.
 */
class PerimeterAnalyzerFactoryTest {

    static final Set<String> ANALYSED = Set.of("intrusion", "tripwire", "wander", "overwall", "park", "exit",
            "gathering", "person_off_duty_querying", "mask_area");
    static final Set<String> NOT_ANALYSED = Set.of("fall", "smoke", "call", "watch_phone", "run", "sleep", "fight");

    static WarehouseDescriptor descriptor() throws Exception {
        try (InputStream in = PerimeterAnalyzerFactoryTest.class.getResourceAsStream("/MEGBOX-INF/warehouse.json")) {
            return DescriptorParser.parse(in.readAllBytes());
        }
    }

    @Test
    void descriptorSaysWhatIsReallyAnalysed() throws Exception {
        WarehouseDescriptor d = descriptor();
        DescriptorValidator.validate(d);
        assertThat(d.algType()).isEqualTo(14);
        assertThat(d.analyzer().available()).isTrue();
        assertThat(Set.copyOf(d.analyzer().events())).isEqualTo(ANALYSED);
        Set<String> declared = d.alertorTypes().stream().map(AlertorTypeSpec::type).collect(Collectors.toSet());
        assertThat(declared).containsAll(ANALYSED).containsAll(NOT_ANALYSED);
        for (String e : NOT_ANALYSED) {
            assertThat(d.analyzer().analyses(e)).as(e).isFalse();
            assertThat(d.analyzer().note()).contains(e);
        }
        ANALYSED.forEach(e -> assertThat(d.analyzer().analyses(e)).as(e).isTrue());
    }

    static URL model() {
        URL url = PerimeterAnalyzerFactoryTest.class.getResource("/" + PerimeterAnalyzerFactory.MODEL.resource());
        assertThat(url).as("models/nanodet.onnx imported at generate-resources").isNotNull();
        return url;
    }

    static Frame frame(String png) throws IOException {
        Path dir = Path.of("../../bundles/model-importer/src/test/resources/reference");
        BufferedImage img = ImageIO.read(Files.newInputStream(dir.resolve(png)));
        int w = img.getWidth();
        int h = img.getHeight();
        ByteBuffer bgr = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                bgr.put((byte) p).put((byte) (p >> 8)).put((byte) (p >> 16));
            }
        }
        return new Frame(1, 264, 0, 0, w, h, bgr.flip());
    }

    @Test
    void analyzerReportsThePedestriansOfARealFrame() throws Exception {
        OrtInferenceEngine engine = OrtInferenceEngine.create(0, 0);
        {
            PerimeterAnalyzerFactory factory = new PerimeterAnalyzerFactory(engine, model());
            // one detector for every channel: two analyzers share it
            try (Analyzer a = factory.open(null); Analyzer b = factory.open(null)) {
                assertThat(engine.openSessions()).isEqualTo(1);
                Frame f = frame("nanodet_vtest264.png"); // by eye: 7 people walking
                AnalysisResult r = a.analyze(f);
                List<Detection> persons = r.detections().stream().filter(d -> d.targetType().equals("person")).toList();
                assertThat(persons).hasSizeBetween(4, 9);
                assertThat(r.events()).as("the engine raises the events, not the analyzer").isEmpty();
                for (Detection p : persons) {
                    assertThat(p.score()).isBetween(0.45f, 1f);
                    assertThat(p.box().x2()).isGreaterThan(p.box().x1());
                    assertThat(p.box().y2()).isGreaterThan(p.box().y1());
                }
                assertThat(b.analyze(f).detections()).isEqualTo(r.detections());
            }
            factory.deactivate();
            assertThat(engine.openSessions()).isZero();
        }
    }

    @Test
    void aMissingModelFailsTheOpenWithTheReason() {
        PerimeterAnalyzerFactory factory = new PerimeterAnalyzerFactory(OrtInferenceEngine.create(0, 0), (URL) null);
        assertThatThrownBy(() -> factory.open(null)).hasMessageContaining("models/nanodet.onnx");
    }
}
