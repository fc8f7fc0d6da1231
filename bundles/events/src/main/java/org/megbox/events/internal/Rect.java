package org.megbox.events.internal;

import java.util.List;
import org.megbox.api.geometry.Point;

/** A pixel rectangle {@code [x, x+w) x [y, y+h)} inside a frame. */
record Rect(int x, int y, int w, int h) {

    /** Smallest crop side in pixels (a far-away target still gives a recognisable picture). */
    static final int MIN_SIDE = 16;

    Rect {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("empty rect " + w + "x" + h);
        }
    }

    /** Pixel bounding box of normalised points (no padding), clamped to the frame; null when there are none. */
    static Rect bounds(List<Point> points, int frameW, int frameH) {
        if (points.isEmpty()) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Point p : points) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        int x0 = clamp((int) Math.floor(minX * frameW), 0, frameW - 1);
        int y0 = clamp((int) Math.floor(minY * frameH), 0, frameH - 1);
        int x1 = clamp((int) Math.ceil(maxX * frameW), x0 + 1, frameW);
        int y1 = clamp((int) Math.ceil(maxY * frameH), y0 + 1, frameH);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * The crop for a target: its bounding box grown by {@code padding} of its width/height on each side, at least
     * {@link #MIN_SIDE} pixels per side (or the frame's side if smaller), shifted and clamped to stay in the frame.
     * Null when there are no points.
     */
    static Rect crop(List<Point> points, int frameW, int frameH, double padding) {
        Rect b = bounds(points, frameW, frameH);
        if (b == null) {
            return null;
        }
        double pad = Math.max(0, padding);
        int px = (int) Math.round(b.w * pad);
        int py = (int) Math.round(b.h * pad);
        int w = Math.min(frameW, Math.max(MIN_SIDE, b.w + 2 * px));
        int h = Math.min(frameH, Math.max(MIN_SIDE, b.h + 2 * py));
        // keep the box centred on the target, then shift it back inside the frame
        int x = b.x + b.w / 2 - w / 2;
        int y = b.y + b.h / 2 - h / 2;
        x = clamp(x, 0, frameW - w);
        y = clamp(y, 0, frameH - h);
        return new Rect(x, y, w, h);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
