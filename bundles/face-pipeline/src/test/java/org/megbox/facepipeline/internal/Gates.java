package org.megbox.facepipeline.internal;

import java.lang.annotation.Annotation;

/** QualityGates values for tests: the defaults, or changed ones. */
record Gates(float minDetectionScore, int minFaceSize, double minBlur, double maxYaw, double maxPitch, double maxRoll)
        implements QualityGates {

    static final Gates DEFAULTS = new Gates(0.75f, 32, 20, 45, 45, 45);

    @Override
    public Class<? extends Annotation> annotationType() {
        return QualityGates.class;
    }
}
