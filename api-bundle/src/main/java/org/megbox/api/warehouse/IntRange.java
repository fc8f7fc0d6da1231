package org.megbox.api.warehouse;

/** An inclusive integer range such as {@code roi_area_points_range: [3, 8]}. */
public record IntRange(int min, int max) {
    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("range [" + min + "," + max + "] is empty");
        }
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }
}
