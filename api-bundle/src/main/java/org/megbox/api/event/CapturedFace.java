package org.megbox.api.event;

import java.util.List;

/**
 * What the face warehouse knows about the face of a capture (spec §8/§9/§20.2.1 face fields): attributes a model
 * estimated, the liveness score when anti-spoofing ran, and the comparison with the channel's bound face groups.
 *
 * @param age estimated age in years, null when no model estimated it
 * @param gender 0 male, 1 female (the §8 {@code faceAttr} coding), null when unknown
 * @param livenessScore 0..100, null when no liveness check ran
 * @param matches the best matches, best first (at most five; empty when the face was compared with nothing or
 *     nothing came close)
 * @param alert whether a match reached the {@code searchThresholdHigh} of a bound group: the capture is an alert
 * @param stranger whether the face is a stranger by the channel's global stranger setting (also an alert)
 * @param enterTimestamp when the face was first seen, Unix ms (§9 {@code enterTimestamp}); null when unknown
 * @param leaveTimestamp when it was last seen, Unix ms (§9 {@code leaveTimestamp}); null when unknown
 */
public record CapturedFace(Integer age, Integer gender, Float livenessScore, List<FaceMatch> matches, boolean alert,
        boolean stranger, Long enterTimestamp, Long leaveTimestamp) {

    public CapturedFace {
        matches = matches == null ? List.of() : List.copyOf(matches);
    }

    /** A face without its first/last sighting times. */
    public CapturedFace(Integer age, Integer gender, Float livenessScore, List<FaceMatch> matches, boolean alert,
            boolean stranger) {
        this(age, gender, livenessScore, matches, alert, stranger, null, null);
    }

    /** The same face seen from {@code enter} to {@code leave}. */
    public CapturedFace seen(long enter, long leave) {
        return new CapturedFace(age, gender, livenessScore, matches, alert, stranger, enter, leave);
    }

    /** The best match, if any. */
    public java.util.Optional<FaceMatch> top1() {
        return matches.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(matches.get(0));
    }
}
