package org.megbox.alg.face.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
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
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.testing.ScriptedVideo;
import org.megbox.facepipeline.internal.RealFacePipeline;
import org.megbox.inference.internal.OrtInferenceEngine;
import org.megbox.video.FaceSurveillance;

/**
 * The capture component with the box's real face pipeline (BlazeFace + quality gates + FaceRes through ONNX Runtime)
 * on a real face: Debian's messi5.jpg (opencv-doc), its face region cropped at a drifting offset and enlarged to a
 * 640x480 frame for 8 frames (a face moving in front of a camera), then black frames. Exactly one capture: a face
 * target whose box lies on the face, with FaceRes' age and gender.
 */
class RealPipelineCaptureTest {

    static final Path MESSI = Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");

    /** The region (x, y, 220 x 165) of the photo, scaled to 640x480 (nearest neighbour), as a BGR frame. */
    static Frame frame(BufferedImage photo, long id, int x, int y) {
        int w = 640;
        int h = 480;
        ByteBuffer bgr = ByteBuffer.allocateDirect(w * h * 3);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int p = photo.getRGB(x + c * 220 / w, y + r * 165 / h);
                bgr.put((byte) p).put((byte) (p >> 8)).put((byte) (p >> 16));
            }
        }
        return new Frame(4, id, id * 100, FaceCaptureTest.T0 + id * 100, w, h, bgr.flip());
    }

    @Test
    void aRealFaceBecomesOneCaptureWithAgeAndGender() throws Exception {
        OrtInferenceEngine engine = OrtInferenceEngine.create(0, 0);
        AlarmEvent e = captureMessi(engine, new ScriptedVideo(), null);
        assertThat(e.targetType()).isEqualTo("face");
        assertThat(e.frameId()).isBetween(1L, 8L);
        // the face is at about (205..260, 65..115) of the photo, i.e. x 0.3..0.6, y 0.1..0.6 of the enlarged frames
        double cx = (e.targetPoints().get(0).x() + e.targetPoints().get(2).x()) / 2;
        double cy = (e.targetPoints().get(0).y() + e.targetPoints().get(2).y()) / 2;
        assertThat(cx).isBetween(0.3, 0.7);
        assertThat(cy).isBetween(0.2, 0.7);
        assertThat(e.targetPoints().get(2).x() - e.targetPoints().get(0).x()).as("a face, not the frame")
                .isBetween(0.08, 0.4);
        // FaceRes estimates this face at about 30, male (legacy coding 0)
        assertThat(e.face().age()).isBetween(15, 60);
        assertThat(e.face().gender()).isZero();
        assertThat(e.face().enterTimestamp()).isEqualTo(FaceCaptureTest.T0 + 100);
        assertThat(e.face().livenessScore()).as("no liveness check asked for").isNull();
        assertThat(engine.openSessions()).isPositive();
    }

    /**
     * A §7 channel with a liveness threshold: the shipped antispoof and liveness models check the captured face. The
     * frames are a photo of Messi (a real face photographed once, enlarged): the models score it live (measured
     * min(real, live) about 0.8 on messi5.jpg itself), above the threshold 50.
     */
    @Test
    void theCapturedFaceGetsTheLivenessModelsScore() throws Exception {
        OrtInferenceEngine engine = OrtInferenceEngine.create(0, 0);
        ScriptedVideo video = new ScriptedVideo();
        video.faceSurveillance = new FaceSurveillance(4, List.of(),
                new FaceSurveillance.GlobalStranger(false, 20, "000000", "000000"), 50);
        LivenessModels models = new LivenessModels(engine,
                RealPipelineCaptureTest.class.getResource("/" + LivenessModels.ANTISPOOF),
                RealPipelineCaptureTest.class.getResource("/" + LivenessModels.LIVENESS));
        try {
            AlarmEvent e = captureMessi(engine, video, models);
            System.out.printf("liveness of the messi5.jpg capture: %.1f%n", e.face().livenessScore());
            assertThat(e.face().livenessScore()).isBetween(50f, 100f);
        } finally {
            models.deactivate();
        }
    }

    /** Messi's face drifting over 8 frames, then black frames: the one capture. */
    static AlarmEvent captureMessi(OrtInferenceEngine engine, ScriptedVideo video,
            LivenessCheck liveness) throws Exception {
        if (Boolean.getBoolean("megbox.allowSkip")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(MESSI), MESSI + " missing");
        }
        assertThat(MESSI).as("apt-get install opencv-doc").isReadable();
        BufferedImage photo = ImageIO.read(MESSI.toFile());
        FaceAnalysisService pipeline = RealFacePipeline.create(engine);
        FaceCapture fc = new FaceCapture(video, pipeline);
        if (liveness != null) {
            fc.setLiveness(liveness);
        }
        List<AlarmEvent> events = Collections.synchronizedList(new ArrayList<>());
        fc.addSink((e, f) -> events.add(e));
        fc.channelAdded(video.ch);
        try {
            for (int i = 1; i <= 8; i++) {
                video.frames.add(frame(photo, i, 120 + 2 * i, 25 + i));
            }
            ByteBuffer black = ByteBuffer.allocateDirect(640 * 480 * 3);
            for (int i = 9; i <= 9 + CaptureTracker.MAX_MISSES + 1; i++) {
                video.frames.add(new Frame(4, i, i * 100, FaceCaptureTest.T0 + i * 100, 640, 480, black.duplicate()));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while ((!video.frames.isEmpty() || events.isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
        } finally {
            fc.deactivate();
        }
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
