package org.megbox.facepipeline.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;

/**
 * Face pipeline ms per step on real photos ({@link People}), ONNX Runtime CPU with the default thread budget (all
 * cores), one caller thread. Not a unit test (the name does not match surefire's includes); run with
 * {@code mvn -B -o -q test -Dtest=FaceBenchmark -Dsurefire.failIfNoSpecifiedTests=false} in bundles/face-pipeline.
 * Prints medians: detection per image (by image size), and per face: quality, alignment, FaceRes.
 */
class FaceBenchmark {

    @Test
    void latency() throws Exception {
        int passes = Integer.getInteger("megbox.bench.passes", 10);
        BlazeFaceDetector detector = Images.detector();
        FaceResEmbedder embedder = Images.embedder();
        QualityEstimator quality = new QualityEstimator(Gates.DEFAULTS);
        List<Frame> photos = new ArrayList<>();
        for (BufferedImage img : People.all().values()) {
            photos.add(Images.frame(img));
        }
        Frame vga = Images.frame(Images.scale(Images.opencv("messi5.jpg"), 640.0 / 548));
        Frame vtest = Images.frame(Images.crop(Images.opencv("messi5.jpg"), 0, 0, 768, 576));
        Frame hd = Images.frame(Images.messiIn1080p());
        // warm-up: first runs allocate the ONNX Runtime arenas
        for (int i = 0; i < 3; i++) {
            detector.detect(hd);
            for (Frame f : photos) {
                for (DetectedFace d : detector.detect(f)) {
                    embedder.describe(f, d);
                }
            }
        }
        List<Double> detectPhoto = new ArrayList<>();
        List<Double> detectVga = new ArrayList<>();
        List<Double> detectHd = new ArrayList<>();
        List<Double> detectPal = new ArrayList<>();
        List<Double> judge = new ArrayList<>();
        List<Double> align = new ArrayList<>();
        List<Double> embed = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            detectVga.add(time(() -> detector.detect(vga)));
            detectHd.add(time(() -> detector.detect(hd)));
            detectPal.add(time(() -> detector.detect(vtest)));
            for (Frame f : photos) {
                List<DetectedFace> faces = new ArrayList<>();
                detectPhoto.add(time(() -> faces.addAll(detector.detect(f))));
                for (DetectedFace d : faces) {
                    judge.add(time(() -> quality.judge(f, d)));
                    float[][] crop = new float[1][];
                    align.add(time(() -> crop[0] = FaceAligner.align(f, d)));
                    embed.add(time(() -> embedder.describeAligned(crop[0])));
                }
            }
        }
        System.out.println("load average (1/5/15 min) " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        System.out.printf("FACES %d cores, %d passes over %d photos (%d faces each pass)%n",
                Runtime.getRuntime().availableProcessors(), passes, photos.size(), embed.size() / passes);
        System.out.printf("detect photo (the People set, 100²..584×824): median %.1f ms, p90 %.1f%n",
                median(detectPhoto), p90(detectPhoto));
        System.out.printf("detect 640×400 (%d runs: whole + tiles): median %.1f ms%n",
                BlazeFaceDetector.tiles(640, 400, 512).size(), median(detectVga));
        System.out.printf("detect 768×576 (%d runs: whole + tiles): median %.1f ms%n",
                BlazeFaceDetector.tiles(768, 576, 512).size(), median(detectPal));
        System.out.printf("detect 1920×1080 (%d runs: whole + tiles): median %.1f ms%n",
                BlazeFaceDetector.tiles(1920, 1080, 512).size(), median(detectHd));
        System.out.printf("per face: quality %.1f ms, align %.1f ms, FaceRes %.1f ms (p90 %.1f)%n", median(judge),
                median(align), median(embed), p90(embed));
    }

    /** The smallest face one BlazeFace run finds: messi5.jpg (a 38-pixel face) on ever larger grey canvases, no tiles. */
    @Test
    void smallestFace() throws Exception {
        BlazeFaceDetector wholeOnly = new BlazeFaceDetector(Images.engine(), Images.model(BlazeFaceDetector.RESOURCE),
                0.6f, 0.3f, 0);
        BufferedImage messi = Images.opencv("messi5.jpg");
        for (int side = 560; side <= 1400; side += 60) {
            BufferedImage canvas = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = canvas.createGraphics();
            g.setColor(new Color(120, 120, 120));
            g.fillRect(0, 0, side, side);
            g.drawImage(messi, (side - messi.getWidth()) / 2, (side - messi.getHeight()) / 2, null);
            g.dispose();
            List<DetectedFace> faces = wholeOnly.detect(Images.frame(canvas));
            System.out.printf("SMALLEST canvas %d: the 38-px face is %.1f px in the 256² input: %s%n", side,
                    38.0 * 256 / side, faces.isEmpty() ? "missed" : String.format("found (%.2f)", faces.get(0).score()));
        }
    }


    interface Step {
        void run() throws Exception;
    }

    static double time(Step s) throws Exception {
        long t0 = System.nanoTime();
        s.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }

    static double p90(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[(int) (a.length * 0.9)];
    }
}
