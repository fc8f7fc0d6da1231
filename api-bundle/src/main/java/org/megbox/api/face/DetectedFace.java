package org.megbox.api.face;

import java.util.List;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;

/**
 * A face a detector found: its box in pixels of the image, the detector's confidence 0..1, and its landmarks in
 * pixels (BlazeFace's six: right eye, left eye, nose tip, mouth centre, right ear, left ear — "right" is the
 * person's right, on the left of the image).
 */
public record DetectedFace(Box box, float score, List<Point> landmarks) {

    public DetectedFace {
        landmarks = List.copyOf(landmarks);
    }
}
