package org.megbox.api.face;

import java.util.List;
import org.megbox.api.analysis.Frame;

/**
 * The whole face pipeline as one service: detect, judge quality, align and describe every face of an image,
 * largest first. Used by the face library (§5, §10) and the face warehouse (video).
 */
public interface FaceAnalysisService {

    /** The embedder in use (see {@link FaceEmbedder#modelId()}). */
    String embedderId();

    /** Descriptor length of the embedder in use. */
    int dimension();

    List<AnalyzedFace> analyze(Frame image);
}
