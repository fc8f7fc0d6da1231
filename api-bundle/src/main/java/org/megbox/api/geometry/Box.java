package org.megbox.api.geometry;

/** An axis-aligned box in normalised frame coordinates (x1,y1 top-left; x2,y2 bottom-right). */
public record Box(double x1, double y1, double x2, double y2) {

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    /** Share of the frame the box covers; what {@code target_min}/{@code target_max} compare with. */
    public double area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    /** Bottom centre: where a person or vehicle touches the ground, used for area membership. */
    public Point footPoint() {
        return new Point((x1 + x2) / 2, y2);
    }
}
