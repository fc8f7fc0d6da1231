package org.megbox.api.face;

/**
 * How usable a face is for recognition: its size (shorter box side, pixels), sharpness (0..100, higher is sharper),
 * head pose in degrees estimated from the landmarks, and whether it passes the configured gates ({@code rejection}
 * names the first gate it failed, e.g. {@code size}, {@code blur}, {@code pose}; null when accepted).
 *
 * <p>The spec's {@code blurness} (0..100, smaller is sharper) is {@code 100 − blur}. Pose signs of the default
 * pipeline: yaw &gt; 0 when the nose points to the image's right, pitch &gt; 0 when the face looks down, roll &gt; 0
 * when the eye line descends towards the image's right (clockwise on screen). The default pipeline also rejects with
 * {@code score} (detector confidence below the gate).
 */
public record FaceQuality(int size, double blur, double yaw, double pitch, double roll, String rejection) {

    public boolean accepted() {
        return rejection == null;
    }
}
