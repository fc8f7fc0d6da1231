package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Detection;
import org.megbox.api.geometry.Box;

/** Synthetic detection sequences: ids stay with their objects through crossings and gaps. */
class TrackerTest {

    static Detection det(String type, double cx, double cy, double w, double h) {
        return new Detection(type, 0.9f, new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
    }

    static Detection person(double cx, double cy) {
        return det("person", cx, cy, 0.08, 0.2);
    }

    /** The id of the live track nearest (by centre) to x, y. */
    static long idNear(List<Track> live, double x, double y) {
        Track best = null;
        double bestD = Double.MAX_VALUE;
        for (Track t : live) {
            double d = Math.hypot(Geometry.centre(t.box()).x() - x, Geometry.centre(t.box()).y() - y);
            if (d < bestD) {
                bestD = d;
                best = t;
            }
        }
        return best == null ? -1 : best.id();
    }

    @Test
    void birthAfterMinHitsAndStableIdWhileMoving() {
        Tracker tracker = new Tracker();
        List<Track> live = tracker.update(0, List.of(person(0.1, 0.5)));
        assertThat(live).isEmpty(); // tentative
        live = tracker.update(125, List.of(person(0.12, 0.5)));
        assertThat(live).hasSize(1);
        long id = live.get(0).id();
        for (int i = 2; i < 30; i++) {
            live = tracker.update(i * 125L, List.of(person(0.1 + 0.02 * i, 0.5)));
            assertThat(live).extracting(Track::id).containsExactly(id);
            assertThat(live.get(0).seen()).isTrue();
        }
        assertThat(live.get(0).vx()).isBetween(0.12, 0.20); // 0.02 per 125 ms = 0.16 per second
    }

    @Test
    void aSingleFalseDetectionNeverBecomesATrack() {
        Tracker tracker = new Tracker();
        tracker.update(0, List.of(person(0.5, 0.5)));
        assertThat(tracker.update(125, List.of())).isEmpty();
        assertThat(tracker.update(250, List.of())).isEmpty();
    }

    @Test
    void deathAfterMaxMisses() {
        Tracker tracker = new Tracker(2, 3, 0.1);
        tracker.update(0, List.of(person(0.5, 0.5)));
        long id = tracker.update(100, List.of(person(0.5, 0.5))).get(0).id();
        for (int i = 2; i <= 4; i++) {
            List<Track> live = tracker.update(i * 100L, List.of());
            assertThat(live).extracting(Track::id).containsExactly(id);
            assertThat(live.get(0).seen()).isFalse();
        }
        assertThat(tracker.update(500, List.of())).isEmpty();
    }

    @Test
    void twoPersonsCrossingKeepTheirIds() {
        Tracker tracker = new Tracker();
        Map<Long, List<Double>> pathById = new HashMap<>();
        long leftId = -1;
        long rightId = -1;
        for (int i = 0; i <= 40; i++) {
            double a = 0.1 + 0.02 * i; // walks right
            double b = 0.9 - 0.02 * i; // walks left, same height: boxes overlap fully mid-way
            List<Track> live = tracker.update(i * 125L, List.of(person(a, 0.5), person(b, 0.52)));
            if (i == 2) {
                leftId = idNear(live, a, 0.5);
                rightId = idNear(live, b, 0.52);
                assertThat(leftId).isNotEqualTo(rightId);
            }
            if (i >= 2) {
                assertThat(live).hasSize(2);
                for (Track t : live) {
                    pathById.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(Geometry.centre(t.box()).x());
                }
            }
        }
        // after crossing, the one that started left is on the right and kept its id
        List<Double> left = pathById.get(leftId);
        List<Double> right = pathById.get(rightId);
        assertThat(left.get(left.size() - 1)).isGreaterThan(0.8);
        assertThat(right.get(right.size() - 1)).isLessThan(0.2);
        assertThat(pathById).hasSize(2);
    }

    @Test
    void occlusionGapKeepsTheIdThroughPrediction() {
        Tracker tracker = new Tracker();
        long id = -1;
        for (int i = 0; i < 40; i++) {
            double x = 0.1 + 0.015 * i;
            boolean hidden = i >= 15 && i < 21; // 6 frames behind a pillar while moving
            List<Track> live = tracker.update(i * 125L, hidden ? List.of() : List.of(person(x, 0.5)));
            if (i == 5) {
                id = live.get(0).id();
            }
            if (i > 5) {
                assertThat(live).extracting(Track::id).containsExactly(id);
                assertThat(live.get(0).seen()).isEqualTo(!hidden);
            }
            if (hidden) {
                // the coasting box follows the motion
                assertThat(Geometry.centre(live.get(0).box()).x()).isCloseTo(x, org.assertj.core.api.Assertions.within(0.03));
            }
        }
    }

    @Test
    void occludedWhileAnotherPassesDoesNotStealTheId() {
        Tracker tracker = new Tracker();
        long standing = -1;
        for (int i = 0; i < 30; i++) {
            List<Detection> dets = new ArrayList<>();
            boolean hidden = i >= 12 && i < 16;
            if (!hidden) {
                dets.add(person(0.5, 0.5)); // stands still, hidden by the passer for 4 frames
            }
            dets.add(person(0.1 + 0.03 * i, 0.55));
            List<Track> live = tracker.update(i * 125L, dets);
            if (i == 3) {
                standing = idNear(live, 0.5, 0.5);
            }
            if (i > 16) {
                assertThat(idNear(live, 0.5, 0.5)).isEqualTo(standing);
            }
        }
        assertThat(standing).isPositive();
    }

    @Test
    void typesAreNeverMixed() {
        Tracker tracker = new Tracker();
        tracker.update(0, List.of(det("car", 0.5, 0.5, 0.2, 0.1)));
        List<Track> live = tracker.update(100, List.of(det("person", 0.5, 0.5, 0.2, 0.1)));
        assertThat(live).isEmpty();
        live = tracker.update(200, List.of(det("person", 0.5, 0.5, 0.2, 0.1)));
        assertThat(live).extracting(Track::targetType).containsExactly("person");
    }

    @Test
    void resetForgetsTracksAndNeverReusesIds() {
        Tracker tracker = new Tracker();
        tracker.update(0, List.of(person(0.5, 0.5)));
        long first = tracker.update(100, List.of(person(0.5, 0.5))).get(0).id();
        tracker.reset();
        assertThat(tracker.live()).isEmpty();
        tracker.update(200, List.of(person(0.5, 0.5)));
        long second = tracker.update(300, List.of(person(0.5, 0.5))).get(0).id();
        assertThat(second).isNotEqualTo(first);
    }
}
