package org.megbox.api.face;

import java.util.Optional;
import org.megbox.api.analysis.Frame;

/**
 * A face descriptor model (pluggable): the highest-ranked service is used. Descriptors of different
 * {@link #modelId()}s are never compared. Thread-safe.
 */
public interface FaceEmbedder {

    /** Identifies the model and its version, e.g. {@code faceres-human-3.0.4}; stored next to every descriptor. */
    String modelId();

    /** Length of {@link Description#descriptor()}. */
    int dimension();

    /** What the model says about one face: a unit-length descriptor and, when the model knows them, attributes. */
    record Description(float[] descriptor, Optional<FaceAttributes> attributes) {
    }

    /** Aligns the face from its landmarks to the model's input and describes it. */
    Description describe(Frame image, DetectedFace face);
}
