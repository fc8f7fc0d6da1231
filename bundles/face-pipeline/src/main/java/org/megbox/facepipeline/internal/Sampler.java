package org.megbox.facepipeline.internal;

import java.nio.ByteBuffer;
import org.megbox.api.analysis.Frame;

/**
 * Resamples a BGR24 frame through an {@link Affine} map into an RGB float image (interleaved, 0..255): bilinear
 * taps, averaged over a k×k grid inside each output pixel when the map shrinks (k = source pixels per output pixel,
 * at most 4) so a 1080p frame shrunk to 256² does not alias. Outside the frame is black, like tfjs
 * {@code cropAndResize}'s extrapolation value 0.
 */
final class Sampler {

    private Sampler() {
    }

    /** RGB, interleaved (HWC), 0..255. {@code map} takes output pixel coordinates to frame pixel coordinates. */
    static float[] rgb(Frame frame, Affine map, int outW, int outH) {
        int w = frame.width();
        int h = frame.height();
        ByteBuffer bgr = frame.bgr();
        if (bgr.capacity() < w * h * 3) {
            throw new IllegalArgumentException("frame buffer smaller than " + w + "x" + h + "x3");
        }
        int k = (int) Math.max(1, Math.min(4, Math.ceil(map.scale() - 1e-6)));
        float[] out = new float[outW * outH * 3];
        float[] acc = new float[3];
        float inv = 1f / (k * k);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                acc[0] = 0;
                acc[1] = 0;
                acc[2] = 0;
                for (int j = 0; j < k; j++) {
                    double oy = y + (j + 0.5) / k;
                    for (int i = 0; i < k; i++) {
                        double ox = x + (i + 0.5) / k;
                        // source coordinates of this tap, pixel centres at integers
                        tap(bgr, w, h, map.x(ox, oy) - 0.5, map.y(ox, oy) - 0.5, acc);
                    }
                }
                int o = (y * outW + x) * 3;
                out[o] = acc[2] * inv;
                out[o + 1] = acc[1] * inv;
                out[o + 2] = acc[0] * inv;
            }
        }
        return out;
    }

    /** Adds the bilinear BGR value at (sx, sy) (pixel centres at integers; black outside) to {@code acc}. */
    private static void tap(ByteBuffer bgr, int w, int h, double sx, double sy, float[] acc) {
        if (sx <= -1 || sy <= -1 || sx >= w || sy >= h) {
            return;
        }
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = (float) (sx - x0);
        float fy = (float) (sy - y0);
        for (int c = 0; c < 3; c++) {
            float p00 = px(bgr, w, h, x0, y0, c);
            float p10 = px(bgr, w, h, x0 + 1, y0, c);
            float p01 = px(bgr, w, h, x0, y0 + 1, c);
            float p11 = px(bgr, w, h, x0 + 1, y0 + 1, c);
            float top = p00 + (p10 - p00) * fx;
            float bot = p01 + (p11 - p01) * fx;
            acc[c] += top + (bot - top) * fy;
        }
    }

    /** Edge pixels are clamped inside the frame so a border row is not darkened; outside that it is black. */
    private static float px(ByteBuffer bgr, int w, int h, int x, int y, int c) {
        if (x < 0) {
            x = 0;
        } else if (x >= w) {
            x = w - 1;
        }
        if (y < 0) {
            y = 0;
        } else if (y >= h) {
            y = h - 1;
        }
        return bgr.get((y * w + x) * 3 + c) & 0xFF;
    }

    /** Luma (BT.601) of an interleaved RGB image. */
    static float[] gray(float[] rgb) {
        float[] g = new float[rgb.length / 3];
        for (int p = 0; p < g.length; p++) {
            g[p] = 0.299f * rgb[3 * p] + 0.587f * rgb[3 * p + 1] + 0.114f * rgb[3 * p + 2];
        }
        return g;
    }
}
