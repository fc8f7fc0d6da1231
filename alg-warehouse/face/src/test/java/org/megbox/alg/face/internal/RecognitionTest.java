package org.megbox.alg.face.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.face.FaceAttributes;
import org.megbox.api.face.FaceQuality;
import org.megbox.engine.FaceGroupBinding;
import org.megbox.engine.GlobalStranger;

/** The decision rules of §7/§20.1 bound groups and the global stranger, over a library that answers scripted scores. */
class RecognitionTest {

    static final LocalTime NOON = LocalTime.NOON;
    static final FaceSighting FACE = new FaceSighting(null, new FaceQuality(120, 80, 0, 0, 0, null),
            Optional.of(new float[] {1, 0}), Optional.of(new FaceAttributes(33, 1, 0.9f)));

    /** A library holding tok-a (groups staff, vip) at score 82 and tok-b (staff) at 40, filtering as FaceLibrary says. */
    static final class Library implements Recognizer {
        final List<Collection<String>> searchedGroups = new ArrayList<>();

        @Override
        public List<Match> search(float[] descriptor, String embedderId, Collection<String> groups, int topN,
                float threshold) {
            searchedGroups.add(List.copyOf(groups));
            return List.of(new Match("tok-a", "img-a", List.of("staff", "vip"), 82),
                    new Match("tok-b", "img-b", List.of("staff"), 40)).stream()
                    .filter(m -> groups.isEmpty() || m.groups().stream().anyMatch(groups::contains))
                    .filter(m -> m.score() >= threshold).limit(topN).toList();
        }
    }

    @Test
    void aMatchAboveTheHighThresholdOfABoundGroupIsAnAlertForThatGroup() {
        Library lib = new Library();
        CapturedFace f = Recognition.recognise(FACE, List.of(new FaceGroupBinding("staff", "000000", "000000", 75, 30),
                new FaceGroupBinding("vip", "000000", "000000", 90, 30)), Optional.empty(), NOON, lib, "e");
        assertThat(f.alert()).isTrue();
        assertThat(f.stranger()).isFalse();
        assertThat(f.age()).isEqualTo(33);
        assertThat(f.gender()).isEqualTo(1);
        // tok-b (40) is above the low threshold 30: listed, but no alert group
        assertThat(f.matches()).extracting(m -> m.faceToken()).containsExactly("tok-a", "tok-b");
        assertThat(f.matches().get(0).alertGroups()).containsExactly("staff");
        assertThat(f.matches().get(0).groups()).containsExactly("staff", "vip");
        assertThat(f.matches().get(1).alertGroups()).isEmpty();
        assertThat(lib.searchedGroups).containsExactly(List.of("staff", "vip"));
    }

    @Test
    void aBindingOutsideItsWindowIsNotSearched() {
        Library lib = new Library();
        CapturedFace f = Recognition.recognise(FACE, List.of(new FaceGroupBinding("staff", "080000", "110000", 75, 30)),
                Optional.empty(), NOON, lib, "e");
        assertThat(f.alert()).isFalse();
        assertThat(f.matches()).isEmpty();
        assertThat(lib.searchedGroups).isEmpty();
    }

    @Test
    void strangerByTheGlobalSettingOnlyWhenNobodyComesClose() {
        Library lib = new Library();
        GlobalStranger on = new GlobalStranger(true, 90, "000000", "000000");
        // best over the whole library is 82 < 90: a stranger (nothing bound)
        assertThat(Recognition.recognise(FACE, List.of(), Optional.of(on), NOON, lib, "e").stranger()).isTrue();
        GlobalStranger low = new GlobalStranger(true, 50, "000000", "000000");
        assertThat(Recognition.recognise(FACE, List.of(), Optional.of(low), NOON, lib, "e").stranger()).isFalse();
        GlobalStranger off = new GlobalStranger(false, 90, "000000", "000000");
        assertThat(Recognition.recognise(FACE, List.of(), Optional.of(off), NOON, lib, "e").stranger()).isFalse();
        // an alert is never a stranger
        CapturedFace alert = Recognition.recognise(FACE, List.of(new FaceGroupBinding("staff", "000000", "000000", 75,
                30)), Optional.of(on), NOON, lib, "e");
        assertThat(alert.alert()).isTrue();
        assertThat(alert.stranger()).isFalse();
    }

    @Test
    void withoutLibraryOrDescriptorNothingIsCompared() {
        List<FaceGroupBinding> staff = List.of(new FaceGroupBinding("staff", "000000", "000000", 75, 30));
        Optional<GlobalStranger> on = Optional.of(new GlobalStranger(true, 90, "000000", "000000"));
        CapturedFace noLib = Recognition.recognise(FACE, staff, on, NOON, null, "e");
        assertThat(noLib.alert() || noLib.stranger()).isFalse();
        assertThat(noLib.age()).isEqualTo(33);
        FaceSighting rejected = new FaceSighting(null, new FaceQuality(10, 5, 0, 0, 0, "size"), Optional.empty(),
                Optional.empty());
        CapturedFace none = Recognition.recognise(rejected, staff, on, NOON, new Library(), "e");
        assertThat(none.matches()).isEmpty();
        assertThat(none.alert() || none.stranger()).isFalse();
        assertThat(none.age()).isNull();
    }

    @Test
    void livenessAtOrAboveTheThresholdKeepsTheVerdict() {
        CapturedFace f = Recognition.recognise(FACE, List.of(new FaceGroupBinding("staff", "000000", "000000", 75, 30)),
                Optional.empty(), NOON, new Library(), "e");
        CapturedFace live = Recognition.withLiveness(f, 60f, 60);
        assertThat(live.livenessScore()).isEqualTo(60f);
        assertThat(live.alert()).isTrue();
        assertThat(live.matches()).isEqualTo(f.matches());
    }

    @Test
    void livenessBelowTheThresholdDropsAlertGroupsAndStranger() {
        CapturedFace alert = Recognition.recognise(FACE, List.of(new FaceGroupBinding("staff", "000000", "000000", 75,
                30)), Optional.empty(), NOON, new Library(), "e");
        CapturedFace spoof = Recognition.withLiveness(alert, 59.9f, 60);
        assertThat(spoof.livenessScore()).isEqualTo(59.9f);
        assertThat(spoof.alert()).isFalse();
        assertThat(spoof.matches()).extracting(m -> m.faceToken()).containsExactly("tok-a", "tok-b");
        assertThat(spoof.matches()).allSatisfy(m -> assertThat(m.alertGroups()).isEmpty());
        assertThat(spoof.age()).isEqualTo(33);

        CapturedFace stranger = new CapturedFace(33, 1, null, List.of(), false, true, 5L, 9L);
        CapturedFace notLive = Recognition.withLiveness(stranger, 10f, 60);
        assertThat(notLive.stranger()).isFalse();
        assertThat(notLive.enterTimestamp()).isEqualTo(5L);
        assertThat(notLive.leaveTimestamp()).isEqualTo(9L);
    }
}
