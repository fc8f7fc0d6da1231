package org.megbox.inference;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.inference.detect.CocoDetector;
import org.megbox.inference.internal.OrtInferenceEngine;
import org.megbox.modelimport.Importer;

/**
 * Detector ms/frame on real vtest.avi frames (768×576, decoded by ffmpeg), ONNX Runtime CPU with the default
 * thread budget. Not part of the unit tests (name does not match surefire's includes); run with
 * {@code mvn -B -q -o -pl bundles/inference test -Dtest=DetectorBenchmark#latency -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DetectorBenchmark {

    /** Frames whose person counts are printed (checked by eye in docs/models.md). */
    static final java.util.Set<Long> SHOW = java.util.Set.of(104L, 264L, 352L, 604L);

    @org.junit.jupiter.api.Test
    void latency() throws Exception {
        String video = System.getProperty("megbox.bench.video", "/usr/share/doc/opencv-doc/examples/data/vtest.avi");
        int every = Integer.getInteger("megbox.bench.every", 10);
        List<Frame> frames = decode(video, every);
        int threads = Integer.getInteger("megbox.bench.threads", 0);
        int passes = Integer.getInteger("megbox.bench.passes", 3);
        OrtInferenceEngine engine = OrtInferenceEngine.create(0, threads, Boolean.getBoolean("megbox.bench.spin"));
        Path models = DetectorTest.models();
        CocoDetector.Model[] kinds = CocoDetector.Model.values();
        CocoDetector[] dets = new CocoDetector[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            byte[] onnx = Importer.importModel(models.resolve(kinds[i].modelName + ".json")).onnx();
            dets[i] = CocoDetector.open(engine, kinds[i], onnx, CocoDetector.Settings.defaults(kinds[i]));
            for (int k = 0; k < 3; k++) {
                dets[i].detect(frames.get(k));
            }
        }
        // passes interleave the models so that a burst of load elsewhere on the machine hits both alike
        double[][] ms = new double[kinds.length][frames.size() * passes];
        double[][] passMean = new double[kinds.length][passes];
        double[] pre = new double[kinds.length];
        long[] persons = new long[kinds.length];
        StringBuilder[] counts = {new StringBuilder(), new StringBuilder()};
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < kinds.length; i++) {
                double sum = 0;
                for (int k = 0; k < frames.size(); k++) {
                    Frame f = frames.get(k);
                    long t0 = System.nanoTime();
                    if (pass == 0) {
                        CocoDetector.preprocess(kinds[i], f);
                        pre[i] += (System.nanoTime() - t0) / 1e6 / frames.size();
                        t0 = System.nanoTime();
                    }
                    List<Detection> d = dets[i].detect(f);
                    double t = (System.nanoTime() - t0) / 1e6;
                    ms[i][pass * frames.size() + k] = t;
                    sum += t;
                    if (pass == 0) {
                        long p = d.stream().filter(x -> x.targetType().equals("person")).count();
                        persons[i] += p;
                        if (SHOW.contains(f.frameId())) {
                            counts[i].append(" frame ").append(f.frameId()).append(": ").append(p).append(" persons;");
                            if (Boolean.getBoolean("megbox.bench.boxes")) {
                                for (Detection x : d) {
                                    System.out.printf("BOX %s frame %d %s %.2f x %.0f-%.0f y %.0f-%.0f%n", kinds[i], f.frameId(),
                                            x.targetType(), x.score(), x.box().x1() * f.width(), x.box().x2() * f.width(),
                                            x.box().y1() * f.height(), x.box().y2() * f.height());
                                }
                            }
                        }
                    }
                }
                passMean[i][pass] = sum / frames.size();
            }
        }
        for (int i = 0; i < kinds.length; i++) {
            double[] sorted = ms[i].clone();
            Arrays.sort(sorted);
            System.out.printf("DETECTOR %s %dx%d: %d frames x %d passes, median %.1f ms/frame (p90 %.1f), best pass mean %.1f,"
                    + " preprocessing %.1f ms; %.2f persons/frame;%s intra-op threads %d, spinning %s%n", kinds[i], kinds[i].inputSize,
                    kinds[i].inputSize, frames.size(), passes, sorted[sorted.length / 2], sorted[sorted.length * 9 / 10],
                    Arrays.stream(passMean[i]).min().orElse(0), pre[i], persons[i] / (double) frames.size(), counts[i],
                    engine.intraOpThreads(), Boolean.getBoolean("megbox.bench.spin"));
            dets[i].close();
        }
    }

    /**
     * Throughput of NanoDet when several channels ask at once: {@code megbox.bench.parallel} caller threads
     * share one engine; run with -Dtest=DetectorBenchmark#throughput and -Dmegbox.bench.threads=1 or 2.
     */
    @org.junit.jupiter.api.Test
    void throughput() throws Exception {
        String video = System.getProperty("megbox.bench.video", "/usr/share/doc/opencv-doc/examples/data/vtest.avi");
        List<Frame> frames = decode(video, Integer.getInteger("megbox.bench.every", 10));
        int callers = Integer.getInteger("megbox.bench.parallel", 2);
        OrtInferenceEngine engine = OrtInferenceEngine.create(0, Integer.getInteger("megbox.bench.threads", 0));
        byte[] onnx = Importer.importModel(DetectorTest.models().resolve("nanodet.json")).onnx();
        try (CocoDetector det = CocoDetector.open(engine, CocoDetector.Model.NANODET, onnx,
                CocoDetector.Settings.defaults(CocoDetector.Model.NANODET))) {
            for (int k = 0; k < 3; k++) {
                det.detect(frames.get(k));
            }
            Thread[] threads = new Thread[callers];
            long t0 = System.nanoTime();
            for (int c = 0; c < callers; c++) {
                threads[c] = new Thread(() -> {
                    try {
                        for (Frame f : frames) {
                            det.detect(f);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads[c].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("THROUGHPUT NANODET %d callers x %d frames, intra-op threads %d: %.1f frames/s (%.1f ms/frame per caller)%n",
                    callers, frames.size(), engine.intraOpThreads(), callers * frames.size() / s, s * 1000 / frames.size());
        }
    }

    static List<Frame> decode(String video, int every) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", video, "-f", "rawvideo", "-pix_fmt", "bgr24", "-")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Frame> frames = new ArrayList<>();
        int w = 768;
        int h = 576;
        try (InputStream in = p.getInputStream(); DataInputStream din = new DataInputStream(in)) {
            byte[] buf = new byte[w * h * 3];
            for (long n = 0;; n++) {
                try {
                    din.readFully(buf);
                } catch (EOFException e) {
                    break;
                }
                if (n % every == 4 || SHOW.contains(n)) {
                    ByteBuffer b = ByteBuffer.allocateDirect(buf.length).put(buf).flip();
                    frames.add(new Frame(1, n, n * 100, 0, w, h, b));
                }
            }
        }
        p.waitFor();
        return frames;
    }
}
