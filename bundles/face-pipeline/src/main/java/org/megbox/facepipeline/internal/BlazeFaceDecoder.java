package org.megbox.facepipeline.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes the raw outputs of the human-models BlazeFace (MediaPipe's 256² "back" model) as
 * vladmandic/human {@code src/face/blazeface.ts} does: 896 anchors, first a 16×16 grid of stride 16 with 2 anchors
 * per cell (512), then an 8×8 grid of stride 32 with 6 anchors per cell (384), anchor centres at
 * {@code stride·(cell + 0.5)} in input pixels. Per anchor 16 regressors in input pixels: centre offset x, y, box
 * width, height, then six landmark offsets (x, y) from the anchor centre; one score logit → sigmoid.
 */
final class BlazeFaceDecoder {

    static final int INPUT = 256;
    static final int ANCHORS_16 = 512;
    static final int ANCHORS_32 = 384;
    static final int REGRESSORS = 16;
    static final int LANDMARKS = 6;

    /** A face in model-input pixels: score, box and 6 landmarks {x0, y0, ... x5, y5}. */
    record Candidate(float score, float x1, float y1, float x2, float y2, float[] landmarks) {

        float width() {
            return x2 - x1;
        }

        float height() {
            return y2 - y1;
        }

        float iou(Candidate o) {
            float iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
            float ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
            if (iw <= 0 || ih <= 0) {
                return 0;
            }
            float inter = iw * ih;
            return inter / (width() * height() + o.width() * o.height() - inter);
        }
    }

    private static final float[] ANCHOR_X = new float[ANCHORS_16 + ANCHORS_32];
    private static final float[] ANCHOR_Y = new float[ANCHORS_16 + ANCHORS_32];

    static {
        int n = 0;
        int[] strides = {16, 32};
        int[] perCell = {2, 6};
        for (int s = 0; s < 2; s++) {
            int grid = INPUT / strides[s];
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    for (int a = 0; a < perCell[s]; a++) {
                        ANCHOR_X[n] = strides[s] * (gx + 0.5f);
                        ANCHOR_Y[n] = strides[s] * (gy + 0.5f);
                        n++;
                    }
                }
            }
        }
    }

    private BlazeFaceDecoder() {
    }

    /**
     * Candidates with sigmoid(score) ≥ {@code minScore}, before NMS.
     *
     * @param logits16 [512] score logits of the stride-16 grid, {@code logits32} [384] of the stride-32 grid
     * @param reg16 [512×16] regressors of the stride-16 grid, {@code reg32} [384×16] of the stride-32 grid
     */
    static List<Candidate> decode(float[] logits16, float[] logits32, float[] reg16, float[] reg32, float minScore) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < ANCHORS_16 + ANCHORS_32; i++) {
            boolean first = i < ANCHORS_16;
            float logit = first ? logits16[i] : logits32[i - ANCHORS_16];
            float score = (float) (1 / (1 + Math.exp(-logit)));
            if (score < minScore) {
                continue;
            }
            float[] reg = first ? reg16 : reg32;
            int o = (first ? i : i - ANCHORS_16) * REGRESSORS;
            float cx = ANCHOR_X[i] + reg[o];
            float cy = ANCHOR_Y[i] + reg[o + 1];
            float w = reg[o + 2];
            float h = reg[o + 3];
            if (w <= 0 || h <= 0) {
                continue;
            }
            float[] lm = new float[2 * LANDMARKS];
            for (int k = 0; k < LANDMARKS; k++) {
                lm[2 * k] = ANCHOR_X[i] + reg[o + 4 + 2 * k];
                lm[2 * k + 1] = ANCHOR_Y[i] + reg[o + 5 + 2 * k];
            }
            out.add(new Candidate(score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, lm));
        }
        return out;
    }

    /** Greedy NMS, best score first. */
    static List<Candidate> nms(List<Candidate> candidates, float iou) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            boolean keep = true;
            for (Candidate k : kept) {
                if (k.iou(c) > iou) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(c);
            }
        }
        return kept;
    }
}
