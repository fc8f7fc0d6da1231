package org.megbox.api.event;

import java.util.List;
import java.util.Objects;

/**
 * One enrolled face a captured face was compared with (spec §8 {@code top1..top5}).
 *
 * @param faceToken the enrolled face
 * @param imageId the original image it was enrolled from
 * @param searchScore similarity on the spec's 0..100 scale
 * @param groups the face groups the enrolled face is bound to
 * @param alertGroups those of the channel's bound groups whose {@code searchThresholdHigh} the score reached
 */
public record FaceMatch(String faceToken, String imageId, float searchScore, List<String> groups,
        List<String> alertGroups) {

    public FaceMatch {
        Objects.requireNonNull(faceToken, "faceToken");
        imageId = imageId == null ? "" : imageId;
        groups = List.copyOf(groups);
        alertGroups = List.copyOf(alertGroups);
    }
}
