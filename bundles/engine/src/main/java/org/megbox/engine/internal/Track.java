package org.megbox.engine.internal;

import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;

/**
 * One object followed by the {@link Tracker}: its stable id, type, current box and a constant-velocity estimate
 * of its centre. Mutated only by the tracker, on the channel's analysis thread.
 */
final class Track {

    /** Gain of the position correction (how much a measurement is trusted over the prediction). */
    private static final double ALPHA = 0.7;
    /** Gain of the velocity correction. */
    private static final double BETA = 0.3;
    private static final double SIZE_GAIN = 0.5;

    private long id;
    private final String targetType;
    private double cx;
    private double cy;
    private double w;
    private double h;
    private double vx;
    private double vy;
    private Box measured;
    private float score;
    int hits;
    int misses;
    private boolean seen;

    Track(String targetType, Box box, float score) {
        this.targetType = targetType;
        this.cx = (box.x1() + box.x2()) / 2;
        this.cy = (box.y1() + box.y2()) / 2;
        this.w = box.width();
        this.h = box.height();
        this.measured = box;
        this.score = score;
        this.hits = 1;
        this.seen = true;
    }

    /** 0 while tentative (not yet reported). */
    long id() {
        return id;
    }

    void assignId(long id) {
        this.id = id;
    }

    boolean confirmed() {
        return id != 0;
    }

    String targetType() {
        return targetType;
    }

    float score() {
        return score;
    }

    /** Whether a detection was associated with the track in the latest frame (else it coasts on its prediction). */
    boolean seen() {
        return seen;
    }

    /** The box now: the measurement when seen, else the prediction. */
    Box box() {
        return seen ? measured : estimate();
    }

    Point footPoint() {
        return box().footPoint();
    }

    /** The filtered box (centre from the constant-velocity estimate). */
    Box estimate() {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    /** Velocity of the centre, frame widths/heights per second. */
    double vx() {
        return vx;
    }

    double vy() {
        return vy;
    }

    /** Moves the estimate {@code dt} seconds ahead. */
    void predict(double dt) {
        cx += vx * dt;
        cy += vy * dt;
        seen = false;
    }

    /** Corrects the prediction with a measurement taken {@code dt} seconds after the previous frame. */
    void update(Box box, float score, double dt) {
        double mx = (box.x1() + box.x2()) / 2;
        double my = (box.y1() + box.y2()) / 2;
        double rx = mx - cx;
        double ry = my - cy;
        cx += ALPHA * rx;
        cy += ALPHA * ry;
        if (dt > 0) {
            if (hits == 1 && vx == 0 && vy == 0) {
                vx = rx / dt; // second sighting: the first velocity is the displacement
                vy = ry / dt;
            } else {
                vx += BETA * rx / dt;
                vy += BETA * ry / dt;
            }
        }
        w += SIZE_GAIN * (box.width() - w);
        h += SIZE_GAIN * (box.height() - h);
        measured = box;
        this.score = score;
        hits++;
        misses = 0;
        seen = true;
    }

    void miss() {
        misses++;
        seen = false;
    }

    @Override
    public String toString() {
        return "Track[" + id + " " + targetType + " " + box() + "]";
    }
}
