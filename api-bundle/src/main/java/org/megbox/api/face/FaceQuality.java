package org.megbox.api.face;

/**
 * How usable a face is for recognition: its size (shorter box side, pixels), sharpness (0..100, higher is sharper),
 * head pose in degrees estimated from the landmarks, and whether it passes the configured gates ({@code rejection}
 * names the first gate it failed, e.g. {@code size}, {@code blur}, {@code pose}; null when accepted).
 */
public record FaceQuality(int size, double blur, double yaw, double pitch, double roll, String rejection) {

    public boolean accepted() {
        return rejection == null;
    }
}
