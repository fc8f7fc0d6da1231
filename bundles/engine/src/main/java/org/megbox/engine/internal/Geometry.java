package org.megbox.engine.internal;

import java.util.List;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;

/**
 * Pure geometry in the spec's normalised frame coordinates (x right, y down, 0..1).
 *
 * <p><b>Direction of a line.</b> A tripwire's points are in drawing order (§25: "带方向箭头的线，将坐标按画线顺序放在数组中").
 * The arrow of a one-way line points to the <em>right-hand side</em> of the drawing direction as seen on the screen:
 * a line drawn left to right ({@code (0,0.5)→(1,0.5)}) alerts for objects moving downwards, a line drawn top to
 * bottom alerts for objects moving right to left. In image coordinates that side is where
 * {@code cross(p1 - p0, q - p0) > 0}.
 */
final class Geometry {

    /** Which way a movement crossed a line. */
    enum Crossing {
        NONE,
        /** From the left-hand to the right-hand side of the drawing direction (the arrow's way). */
        POSITIVE,
        /** Against the arrow. */
        NEGATIVE
    }

    private Geometry() {
    }

    /** z of the cross product (b - a) × (q - a): > 0 when q is right of a→b on screen, < 0 left, 0 on the line. */
    static double side(Point a, Point b, Point q) {
        return (b.x() - a.x()) * (q.y() - a.y()) - (b.y() - a.y()) * (q.x() - a.x());
    }

    /**
     * Whether {@code p} lies inside the polygon (even-odd rule); a point on an edge or a vertex counts as
     * inside. Fewer than three vertices: never inside.
     */
    static boolean inside(Point p, List<Point> polygon) {
        int n = polygon.size();
        if (n < 3) {
            return false;
        }
        boolean in = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            Point a = polygon.get(i);
            Point b = polygon.get(j);
            if (onSegment(p, a, b)) {
                return true;
            }
            if ((a.y() > p.y()) != (b.y() > p.y())) {
                double xCross = a.x() + (p.y() - a.y()) * (b.x() - a.x()) / (b.y() - a.y());
                if (p.x() < xCross) {
                    in = !in;
                }
            }
        }
        return in;
    }

    static boolean onSegment(Point p, Point a, Point b) {
        double eps = 1e-12;
        if (Math.abs(side(a, b, p)) > eps) {
            return false;
        }
        return p.x() >= Math.min(a.x(), b.x()) - eps && p.x() <= Math.max(a.x(), b.x()) + eps
                && p.y() >= Math.min(a.y(), b.y()) - eps && p.y() <= Math.max(a.y(), b.y()) + eps;
    }

    /**
     * How the movement {@code from → to} crossed the polyline {@code line} (2 or more points). Only a strict
     * crossing counts: both movement end points strictly on opposite sides of a segment, and the segment's
     * end points not strictly on the same side of the movement (a segment end touched exactly counts once).
     * A movement ending exactly on the line is no crossing; the caller keeps the earlier point as the start
     * of the next movement (see {@link #onLine}), so touching the line and turning back never counts.
     * When a movement crosses several segments of a polyline, the first one along the movement decides.
     */
    static Crossing crossing(Point from, Point to, List<Point> line) {
        Crossing result = Crossing.NONE;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < line.size(); i++) {
            Point a = line.get(i);
            Point b = line.get(i + 1);
            double s1 = side(a, b, from);
            double s2 = side(a, b, to);
            if (!(s1 < 0 && s2 > 0) && !(s1 > 0 && s2 < 0)) {
                continue;
            }
            double t1 = side(from, to, a);
            double t2 = side(from, to, b);
            if ((t1 > 0 && t2 > 0) || (t1 < 0 && t2 < 0)) {
                continue;
            }
            double along = s1 / (s1 - s2); // fraction of the movement where it meets the segment's line
            if (along < best) {
                best = along;
                result = s2 > 0 ? Crossing.POSITIVE : Crossing.NEGATIVE;
            }
        }
        return result;
    }

    /** Whether {@code p} lies exactly on one of the polyline's segments. */
    static boolean onLine(Point p, List<Point> line) {
        for (int i = 0; i + 1 < line.size(); i++) {
            if (onSegment(p, line.get(i), line.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Euclidean distance from {@code p} to the polyline (normalised units). */
    static double distance(Point p, List<Point> line) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < line.size(); i++) {
            Point a = line.get(i);
            Point b = line.get(i + 1);
            double dx = b.x() - a.x();
            double dy = b.y() - a.y();
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2;
            t = Math.max(0, Math.min(1, t));
            best = Math.min(best, Math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy)));
        }
        if (line.size() == 1) {
            best = Math.hypot(p.x() - line.get(0).x(), p.y() - line.get(0).y());
        }
        return best;
    }

    /** Area of a simple polygon (shoelace), in frame-area units. */
    static double area(List<Point> polygon) {
        double s = 0;
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            s += (polygon.get(j).x() + polygon.get(i).x()) * (polygon.get(j).y() - polygon.get(i).y());
        }
        return Math.abs(s) / 2;
    }

    static Point centre(Box b) {
        return new Point((b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2);
    }

    static Point topCentre(Box b) {
        return new Point((b.x1() + b.x2()) / 2, b.y1());
    }

    /** Intersection over union of two boxes, 0 when they do not overlap. */
    static double iou(Box a, Box b) {
        double w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        double union = a.area() + b.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Whether the box's share of the frame lies in [min, max] ({@code target_min}/{@code target_max}). */
    static boolean sizeWithin(Box b, double min, double max) {
        double a = b.area();
        return a >= min && a <= max;
    }

    /** The four corners of a box, clockwise from top-left: the {@code target.points} of an event. */
    static List<Point> corners(Box b) {
        return List.of(new Point(b.x1(), b.y1()), new Point(b.x2(), b.y1()), new Point(b.x2(), b.y2()),
                new Point(b.x1(), b.y2()));
    }

    /** The smallest box holding all of {@code boxes}. */
    static Box union(List<Box> boxes) {
        double x1 = 1, y1 = 1, x2 = 0, y2 = 0;
        for (Box b : boxes) {
            x1 = Math.min(x1, b.x1());
            y1 = Math.min(y1, b.y1());
            x2 = Math.max(x2, b.x2());
            y2 = Math.max(y2, b.y2());
        }
        return new Box(x1, y1, x2, y2);
    }

    /**
     * Share of the polygon covered by the boxes, approximated on a 64×64 grid over the polygon's bounding box
     * (overlapping boxes count once). Used for {@code duty_ratio}.
     */
    static double coverage(List<Point> polygon, List<Box> boxes) {
        double minX = 1, minY = 1, maxX = 0, maxY = 0;
        for (Point p : polygon) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        int n = 64;
        int inPolygon = 0;
        int covered = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Point c = new Point(minX + (i + 0.5) * (maxX - minX) / n, minY + (j + 0.5) * (maxY - minY) / n);
                if (!inside(c, polygon)) {
                    continue;
                }
                inPolygon++;
                for (Box b : boxes) {
                    if (c.x() >= b.x1() && c.x() <= b.x2() && c.y() >= b.y1() && c.y() <= b.y2()) {
                        covered++;
                        break;
                    }
                }
            }
        }
        return inPolygon == 0 ? 0 : (double) covered / inPolygon;
    }
}
