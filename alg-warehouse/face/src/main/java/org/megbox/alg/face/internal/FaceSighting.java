package org.megbox.alg.face.internal;

import java.util.Optional;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceAttributes;
import org.megbox.api.face.FaceQuality;

/**
 * One face in one frame as the pipeline analysed it: what the capture tracker keeps with a track's best sighting.
 *
 * @param face where the detector found it, with its landmarks (the anti-spoofing crop needs them)
 * @param quality the pipeline's quality verdict
 * @param descriptor the unit descriptor, only when the quality was accepted
 * @param attributes age and gender, when the model estimated them
 */
record FaceSighting(DetectedFace face, FaceQuality quality, Optional<float[]> descriptor,
        Optional<FaceAttributes> attributes) {

    static FaceSighting of(AnalyzedFace f) {
        return new FaceSighting(f.face(), f.quality(), f.description().map(d -> d.descriptor()),
                f.description().flatMap(d -> d.attributes()));
    }

    /**
     * How good this sighting is for a capture, 0..1: a face the quality gates accepted always beats one they
     * rejected; among equals, a larger, sharper, more frontal face detected with more confidence wins.
     */
    static float rank(AnalyzedFace f) {
        FaceQuality q = f.quality();
        double size = Math.min(1.0, q.size() / 112.0);
        double sharp = Math.max(0, Math.min(1.0, q.blur() / 100.0));
        double frontal = Math.max(0, 1.0 - (Math.abs(q.yaw()) + Math.abs(q.pitch())) / 90.0);
        double within = 0.35 * size + 0.25 * sharp + 0.25 * frontal + 0.15 * f.face().score();
        return (float) ((q.accepted() && f.description().isPresent() ? 0.5 : 0) + 0.5 * within);
    }
}
