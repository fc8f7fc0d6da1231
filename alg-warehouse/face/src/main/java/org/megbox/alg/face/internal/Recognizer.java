package org.megbox.alg.face.internal;

import java.util.Collection;
import java.util.List;

/**
 * The face library as the capture component sees it (an internal service of this bundle, registered by
 * {@link LibraryRecognizer} only while the faces bundle's {@code FaceLibrary} is present), so that face capture works on a box
 * without the faces bundle: recognition is then simply off.
 */
interface Recognizer {

    /** One enrolled face that matched; {@code score} 0..100. */
    record Match(String faceToken, String imageId, List<String> groups, float score) {
    }

    /** Best first, faces bound to one of {@code groups} (all faces when empty), score >= threshold. */
    List<Match> search(float[] descriptor, String embedderId, Collection<String> groups, int topN, float threshold);
}
