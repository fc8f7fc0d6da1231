package org.megbox.api.face;

import java.util.Optional;

/** One face of an image, fully analysed: where, how usable, and (when its quality was accepted) its description. */
public record AnalyzedFace(DetectedFace face, FaceQuality quality, Optional<FaceEmbedder.Description> description) {
}
