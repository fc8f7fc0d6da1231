package org.megbox.facepipeline.internal;

import java.nio.ByteBuffer;
import org.megbox.api.analysis.Frame;

/**
 * Resamples a BGR24 frame through an {@link Affine} map into an RGB float image (interleaved, 0..255). Enlarging or
 * keeping the scale: bilinear. Shrinking by s source pixels per output pixel: the mean of a k×k grid of source pixels
 * spread over the output pixel's footprint (k = ⌈s⌉, at most 4), so a 1080p frame shrunk to 256² does not alias.
 * Outside the frame is black, like tfjs {@code cropAndResize}'s extrapolation value 0; the border row itself is
 * extended by one pixel so the edge is not darkened.
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
        if (k == 1) {
            bilinear(bgr, w, h, map, outW, outH, out);
        } else {
            gridMean(bgr, w, h, map, outW, outH, k, out);
        }
        return out;
    }

    private static void bilinear(ByteBuffer bgr, int w, int h, Affine m, int outW, int outH, float[] out) {
        for (int y = 0; y < outH; y++) {
            // source position of the centre of output pixel (0, y), pixel centres of the source at integers
            double sx = m.x(0.5, y + 0.5) - 0.5;
            double sy = m.y(0.5, y + 0.5) - 0.5;
            int o = y * outW * 3;
            for (int x = 0; x < outW; x++, sx += m.a(), sy += m.d(), o += 3) {
                if (sx <= -1 || sy <= -1 || sx >= w || sy >= h) {
                    continue; // black
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                int xa = Math.max(0, x0);
                int xb = Math.min(w - 1, x0 + 1);
                int ya = Math.max(0, y0) * w;
                int yb = Math.min(h - 1, y0 + 1) * w;
                int p00 = (ya + xa) * 3;
                int p10 = (ya + xb) * 3;
                int p01 = (yb + xa) * 3;
                int p11 = (yb + xb) * 3;
                for (int c = 0; c < 3; c++) {
                    float v00 = bgr.get(p00 + c) & 0xFF;
                    float v10 = bgr.get(p10 + c) & 0xFF;
                    float v01 = bgr.get(p01 + c) & 0xFF;
                    float v11 = bgr.get(p11 + c) & 0xFF;
                    float top = v00 + (v10 - v00) * fx;
                    float bot = v01 + (v11 - v01) * fx;
                    out[o + 2 - c] = top + (bot - top) * fy; // BGR → RGB
                }
            }
        }
    }

    private static void gridMean(ByteBuffer bgr, int w, int h, Affine m, int outW, int outH, int k, float[] out) {
        float inv = 1f / (k * k);
        double step = 1.0 / k;
        for (int y = 0; y < outH; y++) {
            int o = y * outW * 3;
            for (int x = 0; x < outW; x++, o += 3) {
                int b = 0;
                int g = 0;
                int r = 0;
                for (int j = 0; j < k; j++) {
                    double oy = y + (j + 0.5) * step;
                    double sx = m.x(x + 0.5 * step, oy);
                    double sy = m.y(x + 0.5 * step, oy);
                    for (int i = 0; i < k; i++, sx += m.a() * step, sy += m.d() * step) {
                        // nearest source pixel of this grid point (source pixel i covers [i, i+1))
                        if (sx < 0 || sy < 0 || sx >= w || sy >= h) {
                            continue; // black
                        }
                        int p = ((int) sy * w + (int) sx) * 3;
                        b += bgr.get(p) & 0xFF;
                        g += bgr.get(p + 1) & 0xFF;
                        r += bgr.get(p + 2) & 0xFF;
                    }
                }
                out[o] = r * inv;
                out[o + 1] = g * inv;
                out[o + 2] = b * inv;
            }
        }
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
