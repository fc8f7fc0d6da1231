package org.megbox.alg.structure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.testing.ScriptedVideo;
import org.megbox.inference.internal.OrtInferenceEngine;
import org.megbox.warehouses.internal.DescriptorParser;

/**
 * The capture component with the real NanoDet (this bundle's resource) through the real ONNX Runtime engine, fed by a
 * scripted channel: a real vtest.avi frame (7 people walking) shown 6 times, then empty frames. Each confirmed person
 * becomes exactly one capture (algType 1, its best frame), only while the channel's surveillance is on.
 */
class StructureCaptureTest {

    static Frame vtest(long id) throws Exception {
        BufferedImage img = ImageIO.read(Files.newInputStream(
                Path.of("../../bundles/model-importer/src/test/resources/reference/nanodet_vtest264.png")));
        int w = img.getWidth();
        int h = img.getHeight();
        ByteBuffer bgr = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                bgr.put((byte) p).put((byte) (p >> 8)).put((byte) (p >> 16));
            }
        }
        return new Frame(4, id, id * 100, 1_700_000_000_000L + id * 100, w, h, bgr.flip());
    }

    @Test
    void eachPersonOnceWhileSurveillanceIsOn() throws Exception {
        URL model = StructureCaptureTest.class.getResource("/" + StructureCapture.MODEL.resource());
        assertThat(model).as("models/nanodet.onnx imported at generate-resources").isNotNull();
        OrtInferenceEngine engine = OrtInferenceEngine.create(0, 0);
        ScriptedVideo video = new ScriptedVideo();
        StructureCapture sc = new StructureCapture(video, engine, model);
        List<AlarmEvent> events = Collections.synchronizedList(new ArrayList<>());
        List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
        sc.addSink((e, f) -> {
            events.add(e);
            frames.add(f);
        });

        sc.channelAdded(ScriptedVideo.channel(false));
        assertThat(sc.capturing(4)).isFalse();
        sc.channelUpdated(ScriptedVideo.channel(false), ScriptedVideo.channel(true));
        assertThat(sc.capturing(4)).isTrue();
        assertThat(video.rates).containsExactly(StructureCapture.FPS);

        Frame real = vtest(1);
        for (int i = 1; i <= 6; i++) {
            video.frames.add(new Frame(4, i, i * 100, real.recvTimestampMillis() + i * 100, real.width(),
                    real.height(), real.bgr().duplicate()));
        }
        ByteBuffer black = ByteBuffer.allocateDirect(real.width() * real.height() * 3);
        for (int i = 7; i <= 7 + CaptureTracker.MAX_MISSES + 1; i++) {
            video.frames.add(new Frame(4, i, i * 100, 0, real.width(), real.height(), black.duplicate()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!video.frames.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        List<AlarmEvent> got = List.copyOf(events);
        assertThat(got.stream().filter(e -> e.targetType().equals("person")).count()).isBetween(4L, 9L);
        for (AlarmEvent e : got) {
            assertThat(e.algType()).isEqualTo(1);
            assertThat(e.videoNo()).isEqualTo(4);
            assertThat(e.targetType()).isIn("person", "car", "cycle");
            assertThat(e.targetPoints()).hasSize(4);
            assertThat(e.frameId()).isBetween(1L, 6L);
        }
        assertThat(got).extracting(AlarmEvent::targetId).doesNotHaveDuplicates();
        assertThat(frames).allMatch(f -> f.width() == real.width() && f.bgr().remaining() == real.width() * real.height() * 3);

        sc.channelUpdated(ScriptedVideo.channel(true), ScriptedVideo.channel(false));
        assertThat(sc.capturing(4)).isFalse();
        assertThat(video.closed).isTrue();
        sc.deactivate();
        assertThat(engine.openSessions()).isZero();
    }

    @Test
    void descriptorSaysCapturesAndNoAlertorEvents() throws Exception {
        try (InputStream in = StructureCaptureTest.class.getResourceAsStream("/MEGBOX-INF/warehouse.json")) {
            WarehouseDescriptor d = DescriptorParser.read(in.readAllBytes());
            assertThat(d.algType()).isEqualTo(1);
            assertThat(d.analyzer().available()).isTrue();
            assertThat(d.analyzer().events()).isEmpty();
            assertThat(d.analyzer().note()).contains("/captures/human", "/captures/vehicle", "/captures/cycle");
        }
    }
}
