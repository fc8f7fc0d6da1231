package org.megbox.facepipeline.internal;

import java.util.List;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.geometry.Point;

/**
 * Aligns a face to FaceRes' 224² input: the similarity (rotation, scale, shift; least squares) that puts BlazeFace's
 * eyes, nose tip and mouth centre on a fixed template, so the eyes end up level. The template reproduces the crop
 * vladmandic/human feeds FaceRes (the face-mesh box enlarged 1.5× and squared, eyes level), calibrated on real faces:
 * see {@link #TEMPLATE}.
 */
final class FaceAligner {

    static final int SIZE = 224;

    /**
     * Where the person's right eye, left eye, nose tip and mouth centre go in the 224² crop (x, y pairs): eyes
     * {@value #EYE_DISTANCE} px apart at row {@value #EYE_ROW}, nose and mouth on the centre line below.
     */
    static final double EYE_DISTANCE = 56;
    static final double EYE_ROW = 92;
    static final double NOSE_ROW = 128;
    static final double MOUTH_ROW = 152;
    static final double[] TEMPLATE = {
        SIZE / 2.0 - EYE_DISTANCE / 2, EYE_ROW,
        SIZE / 2.0 + EYE_DISTANCE / 2, EYE_ROW,
        SIZE / 2.0, NOSE_ROW,
        SIZE / 2.0, MOUTH_ROW};

    private FaceAligner() {
    }

    /** The map from crop pixels to image pixels for this face. */
    static Affine cropToImage(DetectedFace face) {
        List<Point> lm = face.landmarks();
        if (lm.size() < 4) {
            throw new IllegalArgumentException("alignment needs eyes, nose and mouth landmarks, got " + lm.size());
        }
        double[] src = new double[8];
        for (int k = 0; k < 4; k++) {
            src[2 * k] = lm.get(k).x();
            src[2 * k + 1] = lm.get(k).y();
        }
        return Affine.similarity(TEMPLATE, src);
    }

    /** The aligned face, RGB interleaved 224×224×3, 0..255. */
    static float[] align(Frame image, DetectedFace face) {
        return Sampler.rgb(image, cropToImage(face), SIZE, SIZE);
    }
}
