package org.megbox.facepipeline.internal;

/**
 * A 2-D similarity/affine map {@code (x, y) -> (a·x + b·y + c, d·x + e·y + f)}, used from output pixels to source
 * pixels (pixel centres at +0.5, so pixel {@code i} covers {@code [i, i+1)} on both sides).
 */
record Affine(double a, double b, double c, double d, double e, double f) {

    /** Uniform scale and translation: output {@code (x, y)} → source {@code (x0 + s·x, y0 + s·y)}. */
    static Affine scaleTranslate(double s, double x0, double y0) {
        return new Affine(s, 0, x0, 0, s, y0);
    }

    double x(double x, double y) {
        return a * x + b * y + c;
    }

    double y(double x, double y) {
        return d * x + e * y + f;
    }

    /** Source pixels per output pixel (the map's linear scale). */
    double scale() {
        return Math.sqrt(Math.abs(a * e - b * d));
    }

    Affine inverse() {
        double det = a * e - b * d;
        return new Affine(e / det, -b / det, (b * f - e * c) / det, -d / det, a / det, (d * c - a * f) / det);
    }

    /**
     * The least-squares similarity (rotation, uniform scale, translation; no reflection) taking {@code from[i]} to
     * {@code to[i]}; points are {x0, y0, x1, y1, ...}.
     */
    static Affine similarity(double[] from, double[] to) {
        int n = from.length / 2;
        double fx = 0;
        double fy = 0;
        double tx = 0;
        double ty = 0;
        for (int i = 0; i < n; i++) {
            fx += from[2 * i];
            fy += from[2 * i + 1];
            tx += to[2 * i];
            ty += to[2 * i + 1];
        }
        fx /= n;
        fy /= n;
        tx /= n;
        ty /= n;
        double sxx = 0;
        double sxy = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from[2 * i] - fx;
            double py = from[2 * i + 1] - fy;
            double qx = to[2 * i] - tx;
            double qy = to[2 * i + 1] - ty;
            sxx += px * qx + py * qy; // dot
            sxy += px * qy - py * qx; // cross
            norm += px * px + py * py;
        }
        double ca = sxx / norm; // s·cos
        double sa = sxy / norm; // s·sin
        return new Affine(ca, -sa, tx - (ca * fx - sa * fy), sa, ca, ty - (sa * fx + ca * fy));
    }
}
