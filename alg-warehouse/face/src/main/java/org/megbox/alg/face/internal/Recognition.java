package org.megbox.alg.face.internal;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.event.FaceMatch;
import org.megbox.api.face.FaceAttributes;
import org.megbox.engine.FaceGroupBinding;
import org.megbox.engine.GlobalStranger;

/**
 * What a captured face is, compared with the channel's bound face groups (§7/§20.1 {@code group[]},
 * {@code globalStranger}):
 * <ul>
 * <li>only bindings whose window contains the capture's time of day count;</li>
 * <li>the face is searched in their groups, keeping up to {@value #TOP_N} matches at or above the lowest
 * {@code searchThresholdLow} among them (the spec: the alert lists the scores above the low threshold);</li>
 * <li>a match is an alert for each bound group it belongs to whose {@code searchThresholdHigh} its score reached
 * ({@code alertGroup});</li>
 * <li>with the global stranger setting on and inside its window, a face whose best score over the whole library is
 * below its {@code searchThresholdLow} (or that matches nobody) is a stranger — unless it raised an alert.</li>
 * </ul>
 * A face without a descriptor (its quality was rejected) is neither: it is compared with nothing.
 */
final class Recognition {

    static final int TOP_N = 5;

    private Recognition() {
    }

    static CapturedFace recognise(FaceSighting face, List<FaceGroupBinding> bindings, Optional<GlobalStranger> stranger,
            LocalTime time, Recognizer recognizer, String embedderId) {
        Optional<FaceAttributes> attr = face.attributes();
        Integer age = attr.map(FaceAttributes::age).orElse(null);
        Integer gender = attr.map(FaceAttributes::gender).orElse(null);
        if (face.descriptor().isEmpty() || recognizer == null) {
            return new CapturedFace(age, gender, null, List.of(), false, false);
        }
        float[] descriptor = face.descriptor().get();
        List<FaceGroupBinding> active = bindings.stream().filter(b -> b.activeAt(time)).toList();
        List<FaceMatch> matches = new ArrayList<>();
        boolean alert = false;
        if (!active.isEmpty()) {
            Set<String> groups = new LinkedHashSet<>();
            double low = 100;
            for (FaceGroupBinding b : active) {
                groups.add(b.groupName());
                low = Math.min(low, b.searchThresholdLow());
            }
            for (Recognizer.Match m : recognizer.search(descriptor, embedderId, groups, TOP_N, (float) low)) {
                List<String> alertGroups = new ArrayList<>();
                for (FaceGroupBinding b : active) {
                    if (m.groups().contains(b.groupName()) && m.score() >= b.searchThresholdHigh()
                            && !alertGroups.contains(b.groupName())) {
                        alertGroups.add(b.groupName());
                    }
                }
                alert |= !alertGroups.isEmpty();
                matches.add(new FaceMatch(m.faceToken(), m.imageId(), m.score(), m.groups(), alertGroups));
            }
        }
        boolean isStranger = false;
        if (!alert && stranger.isPresent() && stranger.get().activeAt(time)) {
            List<Recognizer.Match> best = recognizer.search(descriptor, embedderId, List.of(), 1, 0);
            isStranger = best.isEmpty() || best.get(0).score() < stranger.get().searchThresholdLow();
        }
        return new CapturedFace(age, gender, null, matches, alert, isStranger);
    }

    /**
     * The face with its {@code livenessScore} (0..100). Below {@code threshold} the face is judged not live (a photo,
     * a screen): it stays a capture with its matches for the record, but raises no alert — no alert group, no
     * stranger.
     */
    static CapturedFace withLiveness(CapturedFace face, float score, double threshold) {
        if (score >= threshold) {
            return new CapturedFace(face.age(), face.gender(), score, face.matches(), face.alert(), face.stranger(),
                    face.enterTimestamp(), face.leaveTimestamp());
        }
        List<FaceMatch> matches = face.matches().stream().map(m -> new FaceMatch(m.faceToken(), m.imageId(),
                m.searchScore(), m.groups(), List.of())).toList();
        return new CapturedFace(face.age(), face.gender(), score, matches, false, false, face.enterTimestamp(),
                face.leaveTimestamp());
    }
}
