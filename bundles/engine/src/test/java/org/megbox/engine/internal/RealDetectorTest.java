package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Point;
import org.megbox.api.inference.InferenceException;
import org.megbox.engine.FrameDetector;
import org.megbox.engine.RuleStatus;
import org.megbox.inference.detect.CocoDetector;
import org.megbox.inference.internal.OrtInferenceEngine;
import org.megbox.persistence.internal.MapDbDatabase;
import org.osgi.framework.Constants;

/**
 * The engine on real video with a real neural detector: 8 s of Debian opencv-doc's vtest.avi (pedestrians in a
 * plaza) decoded by the ffmpeg CLI at 8 fps, NanoDet from the perimeter warehouse through ONNX Runtime, an
 * intrusion rule on the lower half of the picture and a two-way vertical tripwire. Every intrusion event must be
 * a person whose box stands in the area; targets keep their ids. Skipped when ffmpeg or vtest.avi is missing.
 */
class RealDetectorTest {

    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    static final int W = 768;
    static final int H = 576;
    static final int FRAMES = 64;
    static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    MapDbDatabase db;
    RuleEngine engine;
    OrtInferenceEngine ort;
    CocoDetector coco;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.deactivate();
            db.close();
        }
        if (coco != null) {
            coco.close();
        }
    }

    static List<Frame> decode() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", VTEST.toString(), "-vf", "fps=8",
                "-frames:v", Integer.toString(FRAMES), "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Frame> frames = new ArrayList<>();
        try (InputStream in = p.getInputStream()) {
            for (int i = 1; i <= FRAMES; i++) {
                byte[] bytes = in.readNBytes(W * H * 3);
                if (bytes.length < W * H * 3) {
                    break;
                }
                ByteBuffer bgr = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
                long t = T0 + (i - 1) * 125L;
                frames.add(new Frame(3, i, t - T0, t, W, H, bgr.asReadOnlyBuffer()));
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        return frames;
    }

    static boolean ffmpegPresent() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void intrusionAndTripwireOnVtestWithNanoDet() throws Exception {
        assumeTrue(Files.isRegularFile(VTEST) && ffmpegPresent(), "ffmpeg and opencv-doc's vtest.avi");
        URL model = getClass().getClassLoader().getResource(CocoDetector.Model.NANODET.resource());
        assertThat(model).as("the perimeter warehouse ships %s", CocoDetector.Model.NANODET.resource()).isNotNull();
        ort = OrtInferenceEngine.create(0, 0);
        coco = CocoDetector.open(ort, CocoDetector.Model.NANODET, model,
                CocoDetector.Settings.defaults(CocoDetector.Model.NANODET));
        List<Integer> perFrame = Collections.synchronizedList(new ArrayList<>());
        FrameDetector detector = new FrameDetector() {
            @Override
            public Set<String> targetTypes() {
                return CocoDetector.TARGET_TYPES;
            }

            @Override
            public List<Detection> detect(Frame frame) {
                try {
                    List<Detection> d = coco.detect(frame);
                    perFrame.add(d.size());
                    return d;
                } catch (InferenceException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        FakeVideo video = new FakeVideo().add(3);
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        engine = new RuleEngine(db, ZoneOffset.UTC, 2);
        engine.setVideo(video);
        FakeWarehouse perimeter = new FakeWarehouse(Descriptors.perimeter(), 11);
        engine.addWarehouse(perimeter, perimeter.properties());
        engine.addDetector(detector, Map.of(Constants.SERVICE_ID, 50L));
        List<AlarmEvent> events = Collections.synchronizedList(new ArrayList<>());
        engine.addSink((e, f) -> events.add(e));
        RuleEndpoints endpoints = new RuleEndpoints(engine);

        List<Point> lowerHalf = List.of(new Point(0, 0.5), new Point(1, 0.5), new Point(1, 1), new Point(0, 1));
        ObjectNode intrusion = RuleValidatorTest.intrusion();
        ArrayNode points = (ArrayNode) RuleValidatorTest.area(intrusion, 0).get("points");
        points.removeAll();
        lowerHalf.forEach(pt -> points.addObject().put("x", pt.x()).put("y", pt.y()));
        RuleValidatorTest.alertor(intrusion, 0).put("duration", 1).put("cooldown_duration", 0)
                .put("target_min", 0.001).put("target_max", 0.5);
        endpoints.multiAlert(FakeRequest.post("/multiAlgVideos/{videoNo}/multiAlert", 3, intrusion.toString()));

        ObjectNode tripwire = RuleValidatorTest.intrusion();
        tripwire.put("ruleIndex", 2);
        ObjectNode area = RuleValidatorTest.area(tripwire, 0);
        area.put("area_type", "single_line_both");
        ArrayNode line = area.putArray("points");
        line.addObject().put("x", 0.5).put("y", 0.0);
        line.addObject().put("x", 0.5).put("y", 1.0);
        ObjectNode a = RuleValidatorTest.alertor(tripwire, 0);
        ((ArrayNode) a.get("alertor_type")).removeAll().add("tripwire");
        a.put("duration", 0).put("cooldown_duration", 0).put("target_min", 0.001).put("target_max", 0.5);
        endpoints.multiAlert(FakeRequest.post("/multiAlgVideos/{videoNo}/multiAlert", 3, tripwire.toString()));
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);
        assertThat(engine.rule(3, 2).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);

        List<Frame> frames = decode();
        assertThat(frames).hasSize(FRAMES);
        long t0 = System.nanoTime();
        for (Frame f : frames) {
            video.queued.get(3).add(f);
            while (video.remaining(3) > 0) {
                engine.step(3); // one frame at a time: its buffer stays valid while it is analysed
            }
        }
        // the engine's own worker may have taken the last frame; step() shares its monitor, so this call
        // returns only once that analysis is over (without it the count was 63 of 64 now and then)
        engine.step(3);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<AlarmEvent> intrusions = events.stream().filter(e -> e.eventType().equals("intrusion")).toList();
        List<AlarmEvent> crossings = events.stream().filter(e -> e.eventType().equals("tripwire")).toList();
        System.out.printf("vtest %d frames in %d ms (%.1f ms/frame), detections/frame %s%n intrusions %d (ids %s)%n"
                + " tripwire crossings %d (ids %s)%n", FRAMES, ms, (double) ms / FRAMES, perFrame,
                intrusions.size(), intrusions.stream().map(AlarmEvent::targetId).toList(),
                crossings.size(), crossings.stream().map(AlarmEvent::targetId).toList());

        assertThat(perFrame).hasSize(FRAMES); // one detection per frame for both rules
        assertThat(perFrame.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThanOrEqualTo(3);
        assertThat(intrusions).hasSizeGreaterThanOrEqualTo(2);
        for (AlarmEvent e : intrusions) {
            assertThat(e.targetType()).isEqualTo("person");
            Point foot = new Point((e.targetPoints().get(2).x() + e.targetPoints().get(3).x()) / 2,
                    e.targetPoints().get(2).y());
            assertThat(Geometry.inside(foot, lowerHalf)).as("foot %s of %s in the area", foot, e).isTrue();
        }
        // one event per person: ids do not repeat, so each person kept its id while standing in the area
        assertThat(intrusions.stream().map(AlarmEvent::targetId).distinct().count()).isEqualTo(intrusions.size());
        assertThat(crossings).isNotEmpty();
        assertThat(crossings).allMatch(e -> e.targetType().equals("person"));
    }
}
