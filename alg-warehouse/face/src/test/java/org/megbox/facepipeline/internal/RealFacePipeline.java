package org.megbox.facepipeline.internal;

import java.lang.annotation.Annotation;
import java.net.URL;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.api.inference.InferenceEngineService;

/**
 * Test only: the face-pipeline bundle's real analysis (BlazeFace, quality gates, FaceRes from its own model
 * resources) built outside OSGi with the settings the box uses by default. Lives in the pipeline's package because
 * its components are package-private outside OSGi.
 */
public final class RealFacePipeline {

    private RealFacePipeline() {
    }

    /** The defaults of QualityGates. */
    private record DefaultGates() implements QualityGates {
        @Override
        public Class<? extends Annotation> annotationType() {
            return QualityGates.class;
        }

        @Override
        public float minDetectionScore() {
            return 0.75f;
        }

        @Override
        public int minFaceSize() {
            return 32;
        }

        @Override
        public double minBlur() {
            return 20;
        }

        @Override
        public double maxYaw() {
            return 45;
        }

        @Override
        public double maxPitch() {
            return 45;
        }

        @Override
        public double maxRoll() {
            return 45;
        }
    }

    public static FaceAnalysisService create(InferenceEngineService engine) {
        URL detector = RealFacePipeline.class.getResource("/" + BlazeFaceDetector.RESOURCE);
        URL embedder = RealFacePipeline.class.getResource("/" + FaceResEmbedder.RESOURCE);
        if (detector == null || embedder == null) {
            throw new IllegalStateException("the face-pipeline jar ships no models");
        }
        // BlazeFaceDetector.Config's defaults
        return new DefaultFaceAnalysis(new BlazeFaceDetector(engine, detector, 0.6f, 0.3f, 512),
                new FaceResEmbedder(engine, embedder), new DefaultGates());
    }
}
