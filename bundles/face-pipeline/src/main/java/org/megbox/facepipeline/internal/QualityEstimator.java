package org.megbox.facepipeline.internal;

import java.util.List;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceQuality;
import org.megbox.api.geometry.Point;

/**
 * Judges a detected face: size, sharpness and head pose, then the {@link QualityGates}.
 *
 * <p><b>Sharpness</b> ({@code blur}, 0..100, higher is sharper): the face is aligned to a 112² grey crop (the FaceRes
 * template at half scale, so every face is judged at the same resolution — a tiny face blown up is blurry), the
 * variance v of the 4-neighbour Laplacian is taken over the inner face (eyes to mouth) and mapped to
 * {@code 100·v/(v + }{@value #BLUR_HALF}{@code )}: v = {@value #BLUR_HALF} scores 50.
 *
 * <p><b>Pose</b> from BlazeFace's six landmarks, in degrees: roll is the angle of the eye line; in the roll-corrected
 * frame, yaw = atan((dR − dL)/(dR + dL)) with dR, dL the horizontal distances from the nose tip to the right and left
 * ear (a head seen as a cylinder with the nose as far in front as the ears are to the side; positive when the nose
 * points to the image's right), and pitch from where the nose tip lies between the eye line and the mouth:
 * asin(2·(t − {@value #NOSE_RATIO})) with t = (nose − eyes)/(mouth − eyes) vertically ({@value #NOSE_RATIO} on
 * frontal faces of the test set; positive when looking down). These are estimates good to roughly ±10°, enough
 * to gate profiles and strong nods.
 */
final class QualityEstimator {

    static final double BLUR_HALF = 100;
    static final double NOSE_RATIO = 0.6;
    private static final int BLUR_SIZE = FaceAligner.SIZE / 2;

    private final QualityGates gates;

    QualityEstimator(QualityGates gates) {
        this.gates = gates;
    }

    FaceQuality judge(Frame image, DetectedFace face) {
        int size = (int) Math.round(Math.min(face.box().width(), face.box().height()));
        double blur = sharpness(image, face);
        double[] pose = pose(face.landmarks());
        String rejection = null;
        if (face.score() < gates.minDetectionScore()) {
            rejection = "score";
        } else if (size < gates.minFaceSize()) {
            rejection = "size";
        } else if (blur < gates.minBlur()) {
            rejection = "blur";
        } else if (Math.abs(pose[0]) > gates.maxYaw() || Math.abs(pose[1]) > gates.maxPitch()
                || Math.abs(pose[2]) > gates.maxRoll()) {
            rejection = "pose";
        }
        return new FaceQuality(size, round1(blur), round1(pose[0]), round1(pose[1]), round1(pose[2]), rejection);
    }

    static double sharpness(Frame image, DetectedFace face) {
        Affine half = FaceAligner.cropToImage(face);
        // the same crop at half resolution: crop pixel (x, y) of 112² is (2x, 2y) of 224²
        Affine map = new Affine(half.a() * 2, half.b() * 2, half.c(), half.d() * 2, half.e() * 2, half.f());
        float[] g = Sampler.gray(Sampler.rgb(image, map, BLUR_SIZE, BLUR_SIZE));
        int n = BLUR_SIZE;
        // inner face: between the eyes' columns widened a little, from the eye row to just below the mouth
        int x0 = (int) ((FaceAligner.TEMPLATE[0] - 8) / 2);
        int x1 = (int) ((FaceAligner.TEMPLATE[2] + 8) / 2);
        int y0 = (int) ((FaceAligner.EYE_ROW - 8) / 2);
        int y1 = (int) ((FaceAligner.MOUTH_ROW + 8) / 2);
        double sum = 0;
        double sq = 0;
        int count = 0;
        for (int y = Math.max(1, y0); y < Math.min(n - 1, y1); y++) {
            for (int x = Math.max(1, x0); x < Math.min(n - 1, x1); x++) {
                int p = y * n + x;
                double lap = g[p - 1] + g[p + 1] + g[p - n] + g[p + n] - 4 * g[p];
                sum += lap;
                sq += lap * lap;
                count++;
            }
        }
        double mean = sum / count;
        double variance = sq / count - mean * mean;
        return 100 * variance / (variance + BLUR_HALF);
    }

    /** {yaw, pitch, roll} in degrees. */
    static double[] pose(List<Point> lm) {
        Point re = lm.get(0);
        Point le = lm.get(1);
        double roll = Math.toDegrees(Math.atan2(le.y() - re.y(), le.x() - re.x()));
        double cos = Math.cos(Math.toRadians(-roll));
        double sin = Math.sin(Math.toRadians(-roll));
        double ox = (re.x() + le.x()) / 2;
        double oy = (re.y() + le.y()) / 2;
        double[] x = new double[lm.size()];
        double[] y = new double[lm.size()];
        for (int k = 0; k < lm.size(); k++) { // undo the roll around the eyes' midpoint
            double dx = lm.get(k).x() - ox;
            double dy = lm.get(k).y() - oy;
            x[k] = cos * dx - sin * dy;
            y[k] = sin * dx + cos * dy;
        }
        double yaw = 0;
        if (lm.size() >= 6) {
            double dRight = x[2] - x[4];
            double dLeft = x[5] - x[2];
            yaw = Math.toDegrees(Math.atan2(dRight - dLeft, Math.abs(dRight + dLeft)));
        }
        double pitch = 0;
        if (y[3] > 1e-6) {
            double t = y[2] / y[3];
            pitch = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, 2 * (t - NOSE_RATIO)))));
        } else {
            pitch = 90; // mouth level with or above the eyes: not an upright face
        }
        return new double[] {yaw, pitch, roll};
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
