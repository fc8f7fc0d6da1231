package org.megbox.facepipeline.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Thresholds a face must pass before it is described (configuration PID {@code org.megbox.facepipeline.quality}).
 * Defaults were chosen on real pictures (opencv-doc samples, see docs/api-notes.md "Face pipeline"): they accept
 * every frontal face of the test set, including messi5.jpg's 38-pixel face, and reject a profile and text.
 */
@ObjectClassDefinition(name = "MegBox face quality gates",
        description = "A face failing a gate is reported with its quality but not described (no descriptor)")
public @interface QualityGates {

    @AttributeDefinition(description = "Smallest BlazeFace score (0..1) of a face that is described")
    float minDetectionScore() default 0.75f;

    @AttributeDefinition(description = "Smallest shorter side of the face box, in pixels")
    int minFaceSize() default 32;

    @AttributeDefinition(description = "Smallest sharpness (0..100, higher is sharper; see FaceQuality.blur)")
    double minBlur() default 20;

    @AttributeDefinition(description = "Largest |yaw| (degrees, turning left/right) estimated from the landmarks")
    double maxYaw() default 45;

    @AttributeDefinition(description = "Largest |pitch| (degrees, nodding up/down) estimated from the landmarks")
    double maxPitch() default 45;

    @AttributeDefinition(description = "Largest |roll| (degrees, in-plane tilt of the eye line)")
    double maxRoll() default 45;
}
