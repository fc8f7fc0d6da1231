package org.megbox.alg.face.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.api.face.FaceAttributes;
import org.megbox.api.face.FaceEmbedder;
import org.megbox.api.face.FaceQuality;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.FaceGroupBinding;
import org.megbox.engine.GlobalStranger;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.TrackIdRange;
import org.megbox.engine.testing.InMemoryStructureSettings;
import org.megbox.engine.testing.ScriptedVideo;
import org.megbox.video.FaceSurveillance;
import org.megbox.warehouses.internal.DescriptorParser;

/**
 * The capture component's own logic — which channels capture, one capture per face track with its best accepted
 * sighting, the event's shape, recognition wired to the channel's §20.1 groups — fed by a scripted channel and a
 * scripted pipeline (what a face analysis answers for each frame; the real pipeline is exercised by FaceVideoIT).
 */
class FaceCaptureTest {

    static final long T0 = 1_764_000_000_000L;

    /** The faces the pipeline "finds" in each frame id. */
    static final class ScriptedAnalysis implements FaceAnalysisService {
        final Map<Long, List<AnalyzedFace>> script = new ConcurrentHashMap<>();

        @Override
        public String embedderId() {
            return "scripted";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public List<AnalyzedFace> analyze(Frame image) {
            return script.getOrDefault(image.frameId(), List.of());
        }
    }

    /** A face at pixel x of a 200x100 frame, 40 px wide; accepted faces carry a descriptor and attributes. */
    static AnalyzedFace face(double x, float score, int sharpness, boolean accepted) {
        DetectedFace d = new DetectedFace(new Box(x, 20, x + 40, 70), score, List.of(new Point(x + 10, 35)));
        FaceQuality q = new FaceQuality(40, sharpness, 5, 5, 0, accepted ? null : "blur");
        Optional<FaceEmbedder.Description> desc = accepted
                ? Optional.of(new FaceEmbedder.Description(new float[] {0.6f, 0.8f},
                        Optional.of(new FaceAttributes(28, 0, 0.8f))))
                : Optional.empty();
        return new AnalyzedFace(d, q, desc);
    }

    static Frame frame(long id) {
        ByteBuffer b = ByteBuffer.allocate(200 * 100 * 3);
        b.put(0, (byte) id); // tells which frame's pixels a capture carries
        return new Frame(4, id, id * 100, T0 + id * 100, 200, 100, b);
    }

    final ScriptedVideo video = new ScriptedVideo();
    final ScriptedAnalysis analysis = new ScriptedAnalysis();
    final List<AlarmEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
    final FaceCapture fc = new FaceCapture(video, analysis);

    {
        fc.zone(ZoneOffset.UTC);
        fc.addSink((e, f) -> {
            events.add(e);
            frames.add(f);
        });
    }

    @AfterEach
    void close() {
        fc.deactivate();
    }

    /** Queues frames first..last and waits until the worker took them all. */
    void play(long first, long last) throws InterruptedException {
        for (long i = first; i <= last; i++) {
            video.frames.add(frame(i));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!video.frames.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // the last frame's analysis
    }

    @Test
    void eachFaceTrackOnceWithItsBestAcceptedSighting() throws Exception {
        // face A walks right over frames 1..6; its sharpest accepted sighting is frame 4, frame 5 is sharper but
        // rejected by the quality gates. Face B is rejected in every frame: no capture.
        float[] scoresA = {0.9f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f};
        int[] sharpA = {30, 40, 50, 90, 99, 60};
        for (int i = 0; i < 6; i++) {
            analysis.script.put(i + 1L, List.of(face(20 + 2 * i, scoresA[i], sharpA[i], i != 4),
                    face(140, 0.8f, 10, false)));
        }
        fc.channelAdded(video.ch);
        assertThat(fc.capturing(4)).isTrue();
        assertThat(video.rates).containsExactly(FaceCapture.FPS);
        play(1, 6 + CaptureTracker.MAX_MISSES + 1);

        assertThat(events).hasSize(1);
        AlarmEvent e = events.get(0);
        assertThat(e.algType()).isZero();
        assertThat(e.eventType()).isEqualTo("capture");
        assertThat(e.targetType()).isEqualTo("face");
        assertThat(TrackIdRange.FACE.contains(e.targetId())).as("in the face range: %d", e.targetId()).isTrue();
        assertThat(e.frameId()).isEqualTo(4);
        assertThat(e.timestampMillis()).isEqualTo(T0 + 400);
        assertThat(frames.get(0).bgr().get(0)).as("a private copy of frame 4's pixels").isEqualTo((byte) 4);
        // the face box of frame 4 (x 26..66 of 200, y 20..70 of 100), normalised
        assertThat(e.targetPoints().get(0)).isEqualTo(new Point(26 / 200.0, 0.2));
        assertThat(e.targetPoints().get(2)).isEqualTo(new Point(66 / 200.0, 0.7));
        assertThat(e.face().age()).isEqualTo(28);
        assertThat(e.face().enterTimestamp()).isEqualTo(T0 + 100);
        assertThat(e.face().leaveTimestamp()).isEqualTo(T0 + 600);
        assertThat(e.face().gender()).isZero();
        assertThat(e.face().alert() || e.face().stranger()).as("nothing bound, no library").isFalse();
        assertThat(fc.captures()).isEqualTo(1);
    }

    @Test
    void theSettingDecidesAndItsGroupsAreSearched() throws Exception {
        InMemoryStructureSettings settings = new InMemoryStructureSettings();
        fc.setStructures(settings);
        video.ch = ScriptedVideo.channel(false);
        fc.channelAdded(video.ch);
        assertThat(fc.capturing(4)).as("no setting: the §7 switch (off)").isFalse();
        settings.put(new StructureSurveillance(4, true, 1, List.of("human")));
        assertThat(fc.capturing(4)).as("structured mode without face").isFalse();
        settings.put(new StructureSurveillance(4, true, 0, List.of("face"),
                List.of(new FaceGroupBinding("staff", "000000", "000000", 70, 20)), Optional.empty(), 0));
        assertThat(fc.capturing(4)).isTrue();

        List<Collection<String>> searched = new CopyOnWriteArrayList<>();
        fc.setRecognizer((descriptor, embedderId, groups, topN, threshold) -> {
            searched.add(List.copyOf(groups));
            assertThat(embedderId).isEqualTo("scripted");
            return List.of(new Recognizer.Match("tok", "img", List.of("staff"), 88.5f));
        });
        for (long i = 1; i <= 3; i++) {
            analysis.script.put(i, List.of(face(50, 0.9f, 80, true)));
        }
        play(1, 3 + CaptureTracker.MAX_MISSES + 1);
        assertThat(searched).containsExactly(List.of("staff"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).face().alert()).isTrue();
        assertThat(events.get(0).face().matches().get(0).faceToken()).isEqualTo("tok");
        assertThat(events.get(0).face().matches().get(0).alertGroups()).containsExactly("staff");
        assertThat(fc.alerts()).isEqualTo(1);

        settings.put(new StructureSurveillance(4, false, 0, List.of("face")));
        assertThat(fc.capturing(4)).isFalse();
        assertThat(video.closed).isTrue();
    }

    /** Without a §20.1 setting the groups, global stranger and liveness threshold bound through §7 apply. */
    @Test
    void withoutASettingTheGroupsBoundThroughSection7AreSearched() throws Exception {
        video.faceSurveillance = new FaceSurveillance(4, List.of(
                new FaceSurveillance.BoundGroup("staff", "000000", "000000", 80, 20),
                new FaceSurveillance.BoundGroup("night", "220000", "230000", 50, 20)),
                new FaceSurveillance.GlobalStranger(false, 20, "000000", "000000"), 0);
        List<Collection<String>> searched = new CopyOnWriteArrayList<>();
        fc.setRecognizer((descriptor, embedderId, groups, topN, threshold) -> {
            searched.add(List.copyOf(groups));
            return List.of(new Recognizer.Match("tok", "img", List.of("staff"), 85f));
        });
        fc.channelAdded(video.ch);
        for (long i = 1; i <= 3; i++) {
            analysis.script.put(i, List.of(face(50, 0.9f, 80, true)));
        }
        play(1, 3 + CaptureTracker.MAX_MISSES + 1);
        // frames are at T0 (2025-11-24 16:00 UTC): "night" is outside its window
        assertThat(searched).containsExactly(List.of("staff"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).face().alert()).isTrue();
        assertThat(events.get(0).face().matches().get(0).alertGroups()).containsExactly("staff");
        assertThat(events.get(0).face().livenessScore()).as("threshold 0: no liveness check").isNull();
    }

    @Test
    void aSection7GlobalStrangerMakesAnUnknownFaceAStranger() throws Exception {
        video.faceSurveillance = new FaceSurveillance(4, List.of(),
                new FaceSurveillance.GlobalStranger(true, 30, "000000", "000000"), 0);
        fc.setRecognizer((descriptor, embedderId, groups, topN, threshold) ->
                List.of(new Recognizer.Match("tok", "img", List.of("staff"), 12f)));
        fc.channelAdded(video.ch);
        for (long i = 1; i <= 3; i++) {
            analysis.script.put(i, List.of(face(50, 0.9f, 80, true)));
        }
        play(1, 3 + CaptureTracker.MAX_MISSES + 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).face().stranger()).isTrue();
    }

    /** The §20.1 setting wins over §7 bindings: its (empty) groups are what is searched. */
    @Test
    void aSection20SettingOverridesTheSection7Bindings() throws Exception {
        video.faceSurveillance = new FaceSurveillance(4, List.of(
                new FaceSurveillance.BoundGroup("staff", "000000", "000000", 80, 20)),
                new FaceSurveillance.GlobalStranger(false, 20, "000000", "000000"), 60);
        InMemoryStructureSettings settings = new InMemoryStructureSettings();
        fc.setStructures(settings);
        settings.put(new StructureSurveillance(4, true, 0, List.of("face")));
        List<Collection<String>> searched = new CopyOnWriteArrayList<>();
        fc.setRecognizer((descriptor, embedderId, groups, topN, threshold) -> {
            searched.add(List.copyOf(groups));
            return List.of();
        });
        fc.setLiveness((frame, face) -> new LivenessCheck.Verdict(0.1f, 0.1f));
        fc.channelAdded(video.ch);
        for (long i = 1; i <= 3; i++) {
            analysis.script.put(i, List.of(face(50, 0.9f, 80, true)));
        }
        play(1, 3 + CaptureTracker.MAX_MISSES + 1);
        assertThat(searched).isEmpty();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).face().livenessScore()).as("§20.1 without livenessEnabled").isNull();
    }

    /** A stand-in for the models that answers a fixed verdict and counts its calls. */
    static final class FixedLiveness implements LivenessCheck {
        final Verdict verdict;
        final List<DetectedFace> checked = new CopyOnWriteArrayList<>();

        FixedLiveness(float real, float live) {
            verdict = new Verdict(real, live);
        }

        @Override
        public Verdict check(Frame frame, DetectedFace face) {
            checked.add(face);
            return verdict;
        }
    }

    CapturedFace captureWithLiveness(FixedLiveness check, double threshold) throws Exception {
        InMemoryStructureSettings settings = new InMemoryStructureSettings();
        fc.setStructures(settings);
        settings.put(new StructureSurveillance(4, true, 0, List.of("face"),
                List.of(new FaceGroupBinding("staff", "000000", "000000", 70, 20)),
                Optional.of(new GlobalStranger(true, 20, "000000", "000000")), threshold));
        fc.setRecognizer((descriptor, embedderId, groups, topN, thr) ->
                List.of(new Recognizer.Match("tok", "img", List.of("staff"), 88.5f)));
        fc.setLiveness(check);
        fc.channelAdded(video.ch);
        for (long i = 1; i <= 3; i++) {
            analysis.script.put(i, List.of(face(50, 0.9f, 80, true)));
        }
        play(1, 3 + CaptureTracker.MAX_MISSES + 1);
        assertThat(events).hasSize(1);
        assertThat(check.checked).as("once per capture, on its best sighting").hasSize(1);
        return events.get(0).face();
    }

    @Test
    void aLiveFaceKeepsItsAlertAndCarriesItsScore() throws Exception {
        CapturedFace f = captureWithLiveness(new FixedLiveness(0.9f, 0.75f), 60);
        assertThat(f.livenessScore()).isEqualTo(75f); // the lower of the two
        assertThat(f.alert()).isTrue();
        assertThat(f.matches().get(0).alertGroups()).containsExactly("staff");
        assertThat(fc.alerts()).isEqualTo(1);
    }

    @Test
    void aFaceBelowTheLivenessThresholdRaisesNoAlert() throws Exception {
        CapturedFace f = captureWithLiveness(new FixedLiveness(0.55f, 0.99f), 60);
        assertThat(f.livenessScore()).isEqualTo(55f);
        assertThat(f.alert()).isFalse();
        assertThat(f.stranger()).isFalse();
        assertThat(f.matches()).as("kept for the record").hasSize(1);
        assertThat(f.matches().get(0).alertGroups()).isEmpty();
        assertThat(fc.captures()).isEqualTo(1);
        assertThat(fc.alerts()).isZero();
    }

    @Test
    void aFailingCheckLeavesTheCaptureWithoutScore() throws Exception {
        InMemoryStructureSettings settings = new InMemoryStructureSettings();
        fc.setStructures(settings);
        settings.put(new StructureSurveillance(4, true, 0, List.of("face"), List.of(), Optional.empty(), 60));
        fc.setLiveness((frame, face) -> {
            throw new IllegalStateException("no model");
        });
        fc.channelAdded(video.ch);
        for (long i = 1; i <= 3; i++) {
            analysis.script.put(i, List.of(face(50, 0.9f, 80, true)));
        }
        play(1, 3 + CaptureTracker.MAX_MISSES + 1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).face().livenessScore()).isNull();
    }

    @Test
    void descriptorSaysWhatIsAnalysed() throws Exception {
        try (InputStream in = FaceCaptureTest.class.getResourceAsStream("/MEGBOX-INF/warehouse.json")) {
            WarehouseDescriptor d = DescriptorParser.read(in.readAllBytes());
            assertThat(d.algType()).isZero();
            assertThat(d.algFrameRate()).isEqualTo(FaceCapture.FPS);
            assertThat(d.analyzer().available()).isTrue();
            assertThat(d.analyzer().events()).isEmpty();
            assertThat(d.analyzer().note()).contains("/captures/face", "/alerts");
        }
    }
}
