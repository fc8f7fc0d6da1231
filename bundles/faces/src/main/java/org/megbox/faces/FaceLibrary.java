package org.megbox.faces;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The enrolled faces, searchable by descriptor; registered by the faces bundle. */
public interface FaceLibrary {

    /** One enrolled face that matched; {@code score} on the spec's 0-100 scale. */
    record Match(String faceToken, String imageId, List<String> groups, float score) {}

    /**
     * Best first, only faces bound to one of {@code groups} (all faces when groups is empty), score >= threshold.
     * A descriptor of another embedder than the library's ({@code embedderId}) finds nothing.
     */
    List<Match> search(float[] descriptor, String embedderId, Collection<String> groups, int topN, float threshold);

    /** The JPEG crop of an enrolled face. */
    Optional<byte[]> faceCrop(String faceToken);
}
