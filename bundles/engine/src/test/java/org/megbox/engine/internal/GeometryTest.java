package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.engine.internal.Geometry.Crossing;

class GeometryTest {

    private static Point p(double x, double y) {
        return new Point(x, y);
    }

    private static final List<Point> SQUARE = List.of(p(0.2, 0.2), p(0.8, 0.2), p(0.8, 0.8), p(0.2, 0.8));
    /** A concave "U": the notch 0.4..0.6 × 0.2..0.6 is outside. */
    private static final List<Point> U = List.of(p(0.2, 0.2), p(0.4, 0.2), p(0.4, 0.6), p(0.6, 0.6), p(0.6, 0.2),
            p(0.8, 0.2), p(0.8, 0.8), p(0.2, 0.8));

    @Test
    void insideConvexPolygon() {
        assertThat(Geometry.inside(p(0.5, 0.5), SQUARE)).isTrue();
        assertThat(Geometry.inside(p(0.1, 0.5), SQUARE)).isFalse();
        assertThat(Geometry.inside(p(0.5, 0.9), SQUARE)).isFalse();
        assertThat(Geometry.inside(p(0.9, 0.9), SQUARE)).isFalse();
    }

    @Test
    void edgesAndVerticesCountAsInside() {
        assertThat(Geometry.inside(p(0.2, 0.5), SQUARE)).isTrue();
        assertThat(Geometry.inside(p(0.8, 0.8), SQUARE)).isTrue();
        assertThat(Geometry.inside(p(0.5, 0.2), SQUARE)).isTrue();
    }

    @Test
    void concavePolygonNotchIsOutside() {
        assertThat(Geometry.inside(p(0.5, 0.4), U)).isFalse();
        assertThat(Geometry.inside(p(0.3, 0.4), U)).isTrue();
        assertThat(Geometry.inside(p(0.7, 0.4), U)).isTrue();
        assertThat(Geometry.inside(p(0.5, 0.7), U)).isTrue();
        // a ray through a vertex at the same height must not flip twice
        assertThat(Geometry.inside(p(0.1, 0.6), U)).isFalse();
        assertThat(Geometry.inside(p(0.3, 0.6), U)).isTrue();
    }

    @Test
    void degeneratePolygonHasNoInside() {
        assertThat(Geometry.inside(p(0.5, 0.5), List.of(p(0, 0), p(1, 1)))).isFalse();
    }

    @Test
    void sideIsPositiveRightOfTheDrawingDirectionOnScreen() {
        // drawn left to right: "right hand" on a y-down screen is below
        assertThat(Geometry.side(p(0, 0.5), p(1, 0.5), p(0.5, 0.9))).isPositive();
        assertThat(Geometry.side(p(0, 0.5), p(1, 0.5), p(0.5, 0.1))).isNegative();
        // drawn top to bottom: right hand is the left of the screen
        assertThat(Geometry.side(p(0.5, 0), p(0.5, 1), p(0.1, 0.5))).isPositive();
    }

    @Test
    void crossingDirection() {
        List<Point> line = List.of(p(0.2, 0.5), p(0.8, 0.5));
        assertThat(Geometry.crossing(p(0.5, 0.4), p(0.5, 0.6), line)).isEqualTo(Crossing.POSITIVE);
        assertThat(Geometry.crossing(p(0.5, 0.6), p(0.5, 0.4), line)).isEqualTo(Crossing.NEGATIVE);
        List<Point> reversed = List.of(p(0.8, 0.5), p(0.2, 0.5));
        assertThat(Geometry.crossing(p(0.5, 0.4), p(0.5, 0.6), reversed)).isEqualTo(Crossing.NEGATIVE);
    }

    @Test
    void passingBesideTheEndOfALineIsNoCrossing() {
        List<Point> line = List.of(p(0.2, 0.5), p(0.8, 0.5));
        assertThat(Geometry.crossing(p(0.9, 0.4), p(0.9, 0.6), line)).isEqualTo(Crossing.NONE);
        assertThat(Geometry.crossing(p(0.1, 0.4), p(0.1, 0.6), line)).isEqualTo(Crossing.NONE);
    }

    @Test
    void movementParallelOrOnOneSideIsNoCrossing() {
        List<Point> line = List.of(p(0.2, 0.5), p(0.8, 0.5));
        assertThat(Geometry.crossing(p(0.3, 0.4), p(0.7, 0.4), line)).isEqualTo(Crossing.NONE);
        assertThat(Geometry.crossing(p(0.3, 0.5), p(0.7, 0.5), line)).isEqualTo(Crossing.NONE);
        assertThat(Geometry.crossing(p(0.3, 0.1), p(0.3, 0.4), line)).isEqualTo(Crossing.NONE);
    }

    @Test
    void endingExactlyOnTheLineIsNotYetACrossing() {
        List<Point> line = List.of(p(0.2, 0.5), p(0.8, 0.5));
        assertThat(Geometry.crossing(p(0.5, 0.4), p(0.5, 0.5), line)).isEqualTo(Crossing.NONE);
        assertThat(Geometry.onLine(p(0.5, 0.5), line)).isTrue();
        assertThat(Geometry.onLine(p(0.5, 0.51), line)).isFalse();
    }

    @Test
    void distanceToAPolyline() {
        List<Point> line = List.of(p(0.2, 0.5), p(0.8, 0.5), p(0.8, 0.9));
        assertThat(Geometry.distance(p(0.5, 0.4), line)).isCloseTo(0.1, within(1e-12));
        assertThat(Geometry.distance(p(0.1, 0.5), line)).isCloseTo(0.1, within(1e-12)); // beyond the end
        assertThat(Geometry.distance(p(0.9, 0.7), line)).isCloseTo(0.1, within(1e-12)); // second segment
        assertThat(Geometry.distance(p(0.5, 0.5), line)).isZero();
    }

    @Test
    void crossingThroughALineEndPointCounts() {
        List<Point> line = List.of(p(0.2, 0.5), p(0.8, 0.5));
        assertThat(Geometry.crossing(p(0.7, 0.4), p(0.9, 0.6), line)).isEqualTo(Crossing.POSITIVE);
    }

    @Test
    void polylineFirstSegmentAlongTheMovementDecides() {
        // a V-shaped polyline: a vertical movement through x=0.3 meets the left arm only
        List<Point> v = List.of(p(0.1, 0.2), p(0.5, 0.8), p(0.9, 0.2));
        assertThat(Geometry.crossing(p(0.3, 0.2), p(0.3, 0.9), v)).isEqualTo(Crossing.POSITIVE);
        assertThat(Geometry.crossing(p(0.7, 0.2), p(0.7, 0.9), v)).isEqualTo(Crossing.POSITIVE);
        // a horizontal movement across both arms: the first arm hit decides
        Crossing c = Geometry.crossing(p(0.0, 0.5), p(1.0, 0.5), v);
        assertThat(c).isEqualTo(Geometry.crossing(p(0.0, 0.5), p(0.5, 0.5), v));
    }

    @Test
    void areaIouSizeAndCoverage() {
        assertThat(Geometry.area(SQUARE)).isCloseTo(0.36, within(1e-12));
        Box a = new Box(0, 0, 0.2, 0.2);
        Box b = new Box(0.1, 0, 0.3, 0.2);
        assertThat(Geometry.iou(a, a)).isEqualTo(1.0);
        assertThat(Geometry.iou(a, b)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(Geometry.iou(a, new Box(0.5, 0.5, 0.6, 0.6))).isZero();
        assertThat(Geometry.sizeWithin(a, 0.05, 0.5)).isFalse(); // 0.04
        assertThat(Geometry.sizeWithin(new Box(0, 0, 0.3, 0.3), 0.05, 0.5)).isTrue();
        double cover = Geometry.coverage(SQUARE, List.of(new Box(0.2, 0.2, 0.5, 0.8)));
        assertThat(cover).isCloseTo(0.5, within(0.03));
        assertThat(Geometry.coverage(SQUARE, List.of(new Box(0.2, 0.2, 0.5, 0.8), new Box(0.2, 0.2, 0.5, 0.8))))
                .isCloseTo(0.5, within(0.03));
    }

    @Test
    void boxPoints() {
        Box b = new Box(0.1, 0.2, 0.3, 0.6);
        assertThat(b.footPoint()).isEqualTo(p(0.2, 0.6));
        assertThat(Geometry.centre(b)).isEqualTo(p(0.2, 0.4));
        assertThat(Geometry.topCentre(b)).isEqualTo(p(0.2, 0.2));
        assertThat(Geometry.corners(b)).hasSize(4).startsWith(p(0.1, 0.2));
        assertThat(Geometry.union(List.of(b, new Box(0.5, 0.5, 0.7, 0.9)))).isEqualTo(new Box(0.1, 0.2, 0.7, 0.9));
    }

    /** Random convex polygons: even-odd membership agrees with "on the inner side of every edge". */
    @Test
    void insideAgreesWithHalfPlanesOnRandomConvexPolygons() {
        java.util.Random r = new java.util.Random(42);
        for (int n = 0; n < 200; n++) {
            int k = 3 + r.nextInt(6);
            double cx = 0.3 + 0.4 * r.nextDouble();
            double cy = 0.3 + 0.4 * r.nextDouble();
            double rad = 0.05 + 0.25 * r.nextDouble();
            List<Point> poly = new java.util.ArrayList<>();
            for (int i = 0; i < k; i++) {
                double a = 2 * Math.PI * i / k; // increasing angle: clockwise on a y-down screen
                poly.add(p(cx + rad * Math.cos(a), cy + rad * Math.sin(a)));
            }
            for (int t = 0; t < 50; t++) {
                Point q = p(r.nextDouble(), r.nextDouble());
                boolean halfPlanes = true;
                for (int i = 0; i < k; i++) {
                    if (Geometry.side(poly.get(i), poly.get((i + 1) % k), q) < 0) {
                        halfPlanes = false;
                    }
                }
                assertThat(Geometry.inside(q, poly)).as("%s in %s", q, poly).isEqualTo(halfPlanes);
            }
        }
    }

    /** Random movements: reversing the movement or the line flips the direction; crossing means opposite sides. */
    @Test
    void crossingSymmetriesOnRandomSegments() {
        java.util.Random r = new java.util.Random(7);
        for (int n = 0; n < 2000; n++) {
            Point a = p(r.nextDouble(), r.nextDouble());
            Point b = p(r.nextDouble(), r.nextDouble());
            List<Point> line = List.of(p(r.nextDouble(), r.nextDouble()), p(r.nextDouble(), r.nextDouble()));
            List<Point> reversed = List.of(line.get(1), line.get(0));
            Crossing c = Geometry.crossing(a, b, line);
            assertThat(Geometry.crossing(b, a, line)).isEqualTo(flip(c));
            assertThat(Geometry.crossing(a, b, reversed)).isEqualTo(flip(c));
            if (c != Crossing.NONE) {
                double sa = Geometry.side(line.get(0), line.get(1), a);
                double sb = Geometry.side(line.get(0), line.get(1), b);
                assertThat(sa * sb).isNegative();
                assertThat(sb > 0).isEqualTo(c == Crossing.POSITIVE);
            }
        }
    }

    private static Crossing flip(Crossing c) {
        return switch (c) {
            case POSITIVE -> Crossing.NEGATIVE;
            case NEGATIVE -> Crossing.POSITIVE;
            case NONE -> Crossing.NONE;
        };
    }
}
