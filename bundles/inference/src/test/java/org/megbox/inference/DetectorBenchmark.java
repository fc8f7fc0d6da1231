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
 * {@code mvn -B -q -o -pl bundles/inference test -Dtest=DetectorBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DetectorBenchmark {

    @org.junit.jupiter.api.Test
    void benchmark() throws Exception {
        String video = System.getProperty("megbox.bench.video", "/usr/share/doc/opencv-doc/examples/data/vtest.avi");
        int every = Integer.getInteger("megbox.bench.every", 10);
        List<Frame> frames = decode(video, every);
        OrtInferenceEngine engine = OrtInferenceEngine.create(0, 0);
        Path models = DetectorTest.models();
        for (CocoDetector.Model m : CocoDetector.Model.values()) {
            byte[] onnx = Importer.importModel(models.resolve(m.modelName + ".json")).onnx();
            try (CocoDetector det = CocoDetector.open(engine, m, onnx, CocoDetector.Settings.defaults(m))) {
                for (int k = 0; k < 3; k++) {
                    det.detect(frames.get(k));
                }
                double[] ms = new double[frames.size()];
                double[] pre = new double[frames.size()];
                long persons = 0;
                StringBuilder counts = new StringBuilder();
                for (int k = 0; k < frames.size(); k++) {
                    Frame f = frames.get(k);
                    long t0 = System.nanoTime();
                    CocoDetector.preprocess(m, f);
                    pre[k] = (System.nanoTime() - t0) / 1e6;
                    t0 = System.nanoTime();
                    List<Detection> d = det.detect(f);
                    ms[k] = (System.nanoTime() - t0) / 1e6;
                    long p = d.stream().filter(x -> x.targetType().equals("person")).count();
                    persons += p;
                    if (f.frameId() == 264 || f.frameId() == 352 || f.frameId() == 100 || f.frameId() == 600) {
                        counts.append(" frame ").append(f.frameId()).append(": ").append(p).append(" persons");
                    }
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                System.out.printf("DETECTOR %s %dx%d: %d frames, mean %.1f ms/frame (p50 %.1f, p90 %.1f), preprocessing %.1f ms; "
                        + "%.2f persons/frame;%s; intra-op threads %d%n", m, m.inputSize, m.inputSize, frames.size(),
                        Arrays.stream(ms).average().orElse(0), sorted[sorted.length / 2], sorted[sorted.length * 9 / 10],
                        Arrays.stream(pre).average().orElse(0), persons / (double) frames.size(), counts,
                        engine.intraOpThreads());
            }
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
                if (n % every == 4 || n == 264 || n == 352) {
                    ByteBuffer b = ByteBuffer.allocateDirect(buf.length).put(buf).flip();
                    frames.add(new Frame(1, n, n * 100, 0, w, h, b));
                }
            }
        }
        p.waitFor();
        return frames;
    }
}
