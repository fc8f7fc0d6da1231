package org.megbox.api.face;

import java.util.List;
import org.megbox.api.analysis.Frame;

/** Finds faces in an image, largest first. Thread-safe. */
public interface FaceDetector {

    /** Identifies the model and its version, e.g. {@code blazeface-human-3.0.4}. */
    String modelId();

    List<DetectedFace> detect(Frame image);
}
