package org.megbox.api.geometry;

/** A point in normalised frame coordinates: x and y in 0..1, origin top-left. */
public record Point(double x, double y) {
}
