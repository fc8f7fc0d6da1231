package org.megbox.faces.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.api.face.FaceAttributes;
import org.megbox.api.face.FaceEmbedder;
import org.megbox.api.face.FaceQuality;
import org.megbox.api.geometry.Box;

/**
 * A stand-in pipeline for the library's unit tests (not a face detector): a dark image (mean below 10) has no
 * face; otherwise one "face" in the middle half of the image, described by the image's 8×8 grey thumbnail
 * (mean-centred, unit length), so equal pictures match and different ones do not. {@code rejection} makes every
 * face fail the quality gate. {@code rotation} shifts the descriptor's components: another "model" whose vectors do
 * not match this one's.
 */
class StubAnalysis implements FaceAnalysisService {

    final String id;
    volatile String rejection;
    volatile int calls;
    /** When set, analysis waits for it (a slow pipeline). */
    volatile java.util.concurrent.CountDownLatch gate;

    final int rotation;

    StubAnalysis(String id) {
        this(id, 0);
    }

    StubAnalysis(String id, int rotation) {
        this.id = id;
        this.rotation = rotation;
    }

    @Override
    public String embedderId() {
        return id;
    }

    @Override
    public int dimension() {
        return 64;
    }

    @Override
    public List<AnalyzedFace> analyze(Frame image) {
        calls++;
        java.util.concurrent.CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int w = image.width();
        int h = image.height();
        ByteBuffer bgr = image.bgr();
        float[] v = new float[64];
        int[] n = new int[64];
        double total = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                float grey = ((bgr.get(i) & 0xff) + (bgr.get(i + 1) & 0xff) + (bgr.get(i + 2) & 0xff)) / 3f;
                int cell = (y * 8 / h) * 8 + x * 8 / w;
                v[cell] += grey;
                n[cell]++;
                total += grey;
            }
        }
        if (total / ((double) w * h) < 10) {
            return List.of();
        }
        float mean = 0;
        for (int i = 0; i < 64; i++) {
            v[i] /= Math.max(1, n[i]);
            mean += v[i] / 64;
        }
        double norm = 0;
        for (int i = 0; i < 64; i++) {
            v[i] -= mean;
            norm += v[i] * v[i];
        }
        for (int i = 0; i < 64; i++) {
            v[i] /= (float) Math.sqrt(Math.max(norm, 1e-12));
        }
        if (rotation != 0) {
            float[] r = new float[64];
            for (int i = 0; i < 64; i++) {
                r[(i + rotation) % 64] = v[i];
            }
            v = r;
        }
        DetectedFace face = new DetectedFace(new Box(w / 4.0, h / 4.0, 3 * w / 4.0, 3 * h / 4.0), 0.9f, List.of());
        String r = rejection;
        FaceQuality q = new FaceQuality(Math.min(w, h) / 2, 80, 1, 2, 3, r);
        Optional<FaceEmbedder.Description> d = r != null ? Optional.empty()
                : Optional.of(new FaceEmbedder.Description(v, Optional.of(new FaceAttributes(30, 0, 0.9f))));
        return List.of(new AnalyzedFace(face, q, d));
    }
}
