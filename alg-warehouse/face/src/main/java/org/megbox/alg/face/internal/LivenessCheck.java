package org.megbox.alg.face.internal;

import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;

/**
 * Anti-spoofing as the capture component sees it (an internal service of this bundle, registered by
 * {@link LivenessModels} only while the box's inference engine is present), so that face capture works without it:
 * a channel that asks for liveness then gets captures without a {@code livenessScore}.
 */
interface LivenessCheck {

    /**
     * What the models say about one face.
     *
     * @param real antispoof's score 0..1 (human.js {@code face.real}: high = a real face, low = a photo or screen)
     * @param live liveness' score 0..1 (human.js {@code face.live}: its first softmax class)
     */
    record Verdict(float real, float live) {

        /**
         * The spec's {@code livenessScore} 0..100: the lower of the two, so that a threshold passes a face only when
         * both models pass it — as human.js' own FaceID demo gates ({@code real} and {@code live} both above its
         * minimum confidence 0.6, the spec's suggested threshold 60).
         */
        float score() {
            return 100f * Math.min(real, live);
        }
    }

    Verdict check(Frame frame, DetectedFace face);
}
