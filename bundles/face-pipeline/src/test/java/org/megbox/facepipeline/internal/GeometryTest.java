package org.megbox.facepipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.api.geometry.Point;

/** The similarity fit and the landmark pose estimate on exact synthetic geometry. */
class GeometryTest {

    @Test
    void similarityRecoversAKnownRotationScaleAndShift() {
        double angle = Math.toRadians(25);
        double s = 1.7;
        Affine truth = new Affine(s * Math.cos(angle), -s * Math.sin(angle), 40, s * Math.sin(angle),
                s * Math.cos(angle), -12);
        double[] from = FaceAligner.TEMPLATE;
        double[] to = new double[from.length];
        for (int i = 0; i < from.length; i += 2) {
            to[i] = truth.x(from[i], from[i + 1]);
            to[i + 1] = truth.y(from[i], from[i + 1]);
        }
        Affine fit = Affine.similarity(from, to);
        assertThat(fit.a()).isCloseTo(truth.a(), within(1e-9));
        assertThat(fit.b()).isCloseTo(truth.b(), within(1e-9));
        assertThat(fit.c()).isCloseTo(truth.c(), within(1e-9));
        assertThat(fit.d()).isCloseTo(truth.d(), within(1e-9));
        assertThat(fit.e()).isCloseTo(truth.e(), within(1e-9));
        assertThat(fit.f()).isCloseTo(truth.f(), within(1e-9));
        assertThat(fit.scale()).isCloseTo(s, within(1e-9));
        Affine back = fit.inverse();
        assertThat(back.x(to[0], to[1])).isCloseTo(from[0], within(1e-9));
    }

    /** A frontal face: eyes level, nose at 0.6 of the way to the mouth, ears symmetric. */
    static List<Point> frontal() {
        return List.of(new Point(80, 100), new Point(120, 100), new Point(100, 124), new Point(100, 140),
                new Point(55, 105), new Point(145, 105));
    }

    static List<Point> rotate(List<Point> pts, double degrees) {
        double c = Math.cos(Math.toRadians(degrees));
        double s = Math.sin(Math.toRadians(degrees));
        List<Point> r = new ArrayList<>();
        for (Point p : pts) {
            double x = p.x() - 100;
            double y = p.y() - 100;
            r.add(new Point(100 + c * x - s * y, 100 + s * x + c * y));
        }
        return r;
    }

    @Test
    void poseOfAFrontalFaceIsZeroAndRollFollowsTheEyeLine() {
        double[] p = QualityEstimator.pose(frontal());
        assertThat(p[0]).isCloseTo(0, within(1e-9));
        assertThat(p[1]).isCloseTo(0, within(1e-6));
        assertThat(p[2]).isCloseTo(0, within(1e-9));
        // the same face turned in the image plane: only roll changes (clockwise on screen is positive)
        double[] r = QualityEstimator.pose(rotate(frontal(), 30));
        assertThat(r[2]).isCloseTo(30, within(1e-9));
        assertThat(r[0]).isCloseTo(0, within(1e-6));
        assertThat(r[1]).isCloseTo(0, within(1e-6));
    }

    @Test
    void yawAndPitchHaveTheDocumentedSigns() {
        List<Point> f = new ArrayList<>(frontal());
        f.set(2, new Point(115, 124)); // nose towards the image's right
        assertThat(QualityEstimator.pose(f)[0]).isGreaterThan(15);
        f = new ArrayList<>(frontal());
        f.set(2, new Point(100, 132)); // nose closer to the mouth: looking down
        assertThat(QualityEstimator.pose(f)[1]).isGreaterThan(15);
        f = new ArrayList<>(frontal());
        f.set(3, new Point(100, 95)); // mouth above the eyes: not an upright face
        assertThat(QualityEstimator.pose(f)[1]).isEqualTo(90);
    }
}
