package org.megbox.alg.face.internal;

import java.nio.ByteBuffer;
import java.util.List;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.geometry.Point;

/**
 * The face crop vladmandic/human feeds its antispoof and liveness models: the face-mesh box enlarged 1.5×, squared,
 * eyes level, as RGB 0..1 at the face mesh's {@value #SIZE}² (human's {@code faces[i].tensor}), then stretched to the
 * model's input by tfjs {@code resizeBilinear} without align-corners or half-pixel centres. The box is found as the
 * face pipeline aligns faces for FaceRes: the similarity (least squares over BlazeFace's eyes, nose tip and mouth)
 * that puts the landmarks on the same template, scaled from 224² to {@value #SIZE}².
 */
final class FaceCrop {

    /** human.js' face tensor side (the face-mesh model's input). */
    static final int SIZE = 192;
    /** The face pipeline's FaceRes template at 224²: right eye, left eye, nose tip, mouth centre. */
    private static final double[] TEMPLATE_224 = {84, 92, 140, 92, 112, 128, 112, 152};

    private FaceCrop() {
    }

    /** The crop, RGB interleaved (HWC), 0..1, {@code side}×{@code side}. */
    static float[] rgb01(Frame frame, DetectedFace face, int side) {
        return resizeBilinear(crop(frame, face), SIZE, side);
    }

    /** The {@value #SIZE}² crop, RGB interleaved, 0..1; outside the frame is black. */
    static float[] crop(Frame frame, DetectedFace face) {
        double[] m = similarity(face.landmarks());
        int w = frame.width();
        int h = frame.height();
        ByteBuffer bgr = frame.bgr();
        float[] out = new float[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                // the centre of crop pixel (x, y) in frame pixels, pixel centres at integers
                double cx = x + 0.5;
                double cy = y + 0.5;
                double sx = m[0] * cx - m[1] * cy + m[2] - 0.5;
                double sy = m[1] * cx + m[0] * cy + m[3] - 0.5;
                if (sx <= -1 || sy <= -1 || sx >= w || sy >= h) {
                    continue;
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                int xa = Math.max(0, x0);
                int xb = Math.min(w - 1, x0 + 1);
                int ya = Math.max(0, y0);
                int yb = Math.min(h - 1, y0 + 1);
                int o = (y * SIZE + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int bgrChannel = 2 - c;
                    double v = (1 - fy) * ((1 - fx) * px(bgr, w, xa, ya, bgrChannel) + fx * px(bgr, w, xb, ya, bgrChannel))
                            + fy * ((1 - fx) * px(bgr, w, xa, yb, bgrChannel) + fx * px(bgr, w, xb, yb, bgrChannel));
                    out[o + c] = (float) (v / 255.0);
                }
            }
        }
        return out;
    }

    private static int px(ByteBuffer bgr, int w, int x, int y, int c) {
        return bgr.get((y * w + x) * 3 + c) & 0xFF;
    }

    /**
     * {a, b, tx, ty} of the map crop → frame {@code (a·x − b·y + tx, b·x + a·y + ty)} that best puts the template
     * (at {@value #SIZE}²) on the face's first four landmarks (least squares, no reflection).
     */
    static double[] similarity(List<Point> landmarks) {
        if (landmarks.size() < 4) {
            throw new IllegalArgumentException("the crop needs eyes, nose and mouth landmarks, got " + landmarks.size());
        }
        double k = SIZE / 224.0;
        double mpx = 0;
        double mpy = 0;
        double mqx = 0;
        double mqy = 0;
        for (int i = 0; i < 4; i++) {
            mpx += TEMPLATE_224[2 * i] * k / 4;
            mpy += TEMPLATE_224[2 * i + 1] * k / 4;
            mqx += landmarks.get(i).x() / 4;
            mqy += landmarks.get(i).y() / 4;
        }
        double num1 = 0;
        double num2 = 0;
        double den = 0;
        for (int i = 0; i < 4; i++) {
            double px = TEMPLATE_224[2 * i] * k - mpx;
            double py = TEMPLATE_224[2 * i + 1] * k - mpy;
            double qx = landmarks.get(i).x() - mqx;
            double qy = landmarks.get(i).y() - mqy;
            num1 += px * qx + py * qy;
            num2 += px * qy - py * qx;
            den += px * px + py * py;
        }
        double a = num1 / den;
        double b = num2 / den;
        return new double[] {a, b, mqx - (a * mpx - b * mpy), mqy - (b * mpx + a * mpy)};
    }

    /**
     * tfjs {@code tf.image.resizeBilinear(t, [out, out], false)} of a square RGB image: source = destination ×
     * in/out, no half-pixel offset, edges clamped.
     */
    static float[] resizeBilinear(float[] rgb, int in, int out) {
        if (in == out) {
            return rgb;
        }
        float[] r = new float[out * out * 3];
        double scale = (double) in / out;
        for (int y = 0; y < out; y++) {
            double sy = y * scale;
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(in - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < out; x++) {
                double sx = x * scale;
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(in - 1, x0 + 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = rgb[(y0 * in + x0) * 3 + c] + (rgb[(y0 * in + x1) * 3 + c] - rgb[(y0 * in + x0) * 3 + c]) * fx;
                    double bottom = rgb[(y1 * in + x0) * 3 + c] + (rgb[(y1 * in + x1) * 3 + c] - rgb[(y1 * in + x0) * 3 + c]) * fx;
                    r[(y * out + x) * 3 + c] = (float) (top + (bottom - top) * fy);
                }
            }
        }
        return r;
    }
}
