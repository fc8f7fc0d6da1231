package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Detection;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.api.rule.AlertRule;
import org.megbox.api.rule.AlertorConfig;
import org.megbox.api.rule.RuleArea;

/**
 * Every alertor field honoured: each test shows the field changing the outcome, so it fails if the field were
 * ignored. Time is the frame timestamp (8 fps, 125 ms apart); no test sleeps.
 */
class RuleEvaluatorTest {

    static final List<Point> SQUARE = List.of(new Point(0.3, 0.3), new Point(0.7, 0.3), new Point(0.7, 0.7),
            new Point(0.3, 0.7));
    /** Midnight UTC + 12 h: noon, inside any day schedule. */
    static final long NOON = 12 * 3600_000L;

    /** A person box of area 0.1 × 0.2 = 0.02 standing with its feet at (x, y). */
    static Detection person(double x, double y) {
        return new Detection("person", 0.9f, new Box(x - 0.05, y - 0.2, x + 0.05, y));
    }

    static Detection car(double x, double y) {
        return new Detection("car", 0.9f, new Box(x - 0.1, y - 0.1, x + 0.1, y));
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("target_min", 0.01);
        m.put("target_max", 0.5);
        m.put("duration", 0L);
        m.put("cooldown_duration", 0L);
        m.put("timeRange", List.of(0L, 86400L));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static AlertorConfig alertor(int id, String type, List<String> targets, Map<String, Object> params) {
        return new AlertorConfig(id, List.of(type), targets, params);
    }

    static AlertRule rule(List<RuleArea> areas, AlertorConfig... alertors) {
        return new AlertRule(1, 1, 14, true, areas, List.of(alertors));
    }

    static RuleArea polygon(int id, List<Point> points, Integer... alertors) {
        return new RuleArea(id, "polygon", List.of(alertors), List.of(points));
    }

    static RuleArea line(int id, String type, List<List<Point>> lines, Integer... alertors) {
        return new RuleArea(id, type, List.of(alertors), lines);
    }

    /** Feeds frames through a real tracker (birth after one hit, so scripts stay short) and the evaluator. */
    static final class Scenario {
        final Tracker tracker = new Tracker(1, 8, 0.05);
        final RuleEvaluator evaluator;
        final List<AlarmEvent> events = new ArrayList<>();
        long now;
        long frame;

        Scenario(AlertRule rule) {
            this(rule, NOON);
        }

        Scenario(AlertRule rule, long start) {
            this.evaluator = new RuleEvaluator(rule, ZoneOffset.UTC);
            this.now = start;
        }

        /** One frame at the current time, then 125 ms pass. */
        Scenario frame(Detection... detections) {
            events.addAll(evaluator.evaluate(now, ++frame, tracker.update(now, List.of(detections))));
            now += 125;
            return this;
        }

        /** {@code seconds} of frames showing the same detections. */
        Scenario hold(double seconds, Detection... detections) {
            long frames = Math.round(seconds * 8);
            for (long i = 0; i < frames; i++) {
                frame(detections);
            }
            return this;
        }

        /**
         * Stays inside the square at (0.5, 0.6) for {@code inside} seconds, walks out below it in 4 frames, stays
         * out at (0.5, 0.8) for {@code outside} seconds and walks back in 4 frames (the tracker keeps the id).
         */
        Scenario inThenOut(double inside, double outside) {
            hold(inside, person(0.5, 0.6));
            walk(0.5, 0.6, 0.5, 0.8, 4);
            hold(outside, person(0.5, 0.8));
            for (int i = 1; i <= 4; i++) {
                frame(person(0.5, 0.8 - 0.05 * i));
            }
            return this;
        }

        /** A walk of {@code steps} frames from (x0, y0) to (x1, y1). */
        Scenario walk(double x0, double y0, double x1, double y1, int steps) {
            for (int i = 0; i <= steps; i++) {
                frame(person(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps));
            }
            return this;
        }
    }

    static Scenario intrusion(Object... params) {
        return new Scenario(rule(List.of(polygon(1, SQUARE, 1)),
                alertor(1, "intrusion", List.of("person"), params(params))));
    }

    @Test
    void intrusionAfterDurationOncePerTarget() {
        Scenario s = intrusion("duration", 2L);
        s.hold(1.5, person(0.5, 0.5));
        assertThat(s.events).isEmpty();
        s.hold(10, person(0.5, 0.5));
        assertThat(s.events).hasSize(1);
        AlarmEvent e = s.events.get(0);
        assertThat(e.eventType()).isEqualTo("intrusion");
        assertThat(e.areaId()).isEqualTo(1);
        assertThat(e.areaType()).isEqualTo("polygon");
        assertThat(e.alertorId()).isEqualTo(1);
        assertThat(e.targetType()).isEqualTo("person");
        assertThat(e.targetId()).isPositive();
        assertThat(e.targetPoints()).hasSize(4).contains(new Point(0.45, 0.3));
        assertThat(e.timestampMillis() - NOON).isBetween(2000L, 2125L);
    }

    @Test
    void outsideTheAreaNothing() {
        Scenario s = intrusion().hold(3, person(0.9, 0.9));
        assertThat(s.events).isEmpty();
    }

    @Test
    void cooldownBetweenEvents() {
        // the same person enters twice, 3 s apart; cooldown 5 s → one event
        Scenario s = intrusion("cooldown_duration", 5L);
        s.inThenOut(1, 1).hold(0.5, person(0.5, 0.6)).walk(0.5, 0.6, 0.5, 0.8, 4);
        assertThat(s.events).hasSize(1);
        // after the cooldown the next entry alerts again
        s.hold(4, person(0.5, 0.8)).walk(0.5, 0.8, 0.5, 0.6, 4);
        assertThat(s.events).hasSize(2);
        // without a cooldown both entries of the first sequence alert
        Scenario none = intrusion("cooldown_duration", 0L);
        none.inThenOut(1, 1).hold(0.5, person(0.5, 0.6)).walk(0.5, 0.6, 0.5, 0.8, 4);
        assertThat(none.events).hasSize(2);
    }

    @Test
    void targetTypesFilter() {
        assertThat(intrusion().hold(2, car(0.5, 0.5)).events).isEmpty();
        Scenario cars = new Scenario(rule(List.of(polygon(1, SQUARE, 1)),
                alertor(1, "intrusion", List.of("person", "car"), params())));
        assertThat(cars.hold(2, car(0.5, 0.5)).events).extracting(AlarmEvent::targetType).containsExactly("car");
    }

    @Test
    void targetSizeFilter() {
        // the person box covers 0.02 of the frame
        assertThat(intrusion("target_min", 0.03).hold(2, person(0.5, 0.5)).events).isEmpty();
        assertThat(intrusion("target_max", 0.015).hold(2, person(0.5, 0.5)).events).isEmpty();
        assertThat(intrusion("target_min", 0.015, "target_max", 0.025).hold(2, person(0.5, 0.5)).events).hasSize(1);
    }

    @Test
    void timeRangeInTheBoxTimeZone() {
        // armed 13:00-14:00 (UTC here); at noon nothing, at 13:30 an event
        assertThat(intrusion("timeRange", List.of(46800L, 50400L)).hold(2, person(0.5, 0.5)).events).isEmpty();
        Scenario later = new Scenario(rule(List.of(polygon(1, SQUARE, 1)),
                alertor(1, "intrusion", List.of("person"), params("timeRange", List.of(46800L, 50400L)))),
                NOON + 5400_000L);
        assertThat(later.hold(2, person(0.5, 0.5)).events).hasSize(1);
        // spanning midnight: 22:00-06:00 is armed at 23:00, not at noon
        Scenario night = new Scenario(rule(List.of(polygon(1, SQUARE, 1)),
                alertor(1, "intrusion", List.of("person"), params("timeRange", List.of(79200L, 21600L)))),
                23 * 3600_000L);
        assertThat(night.hold(1, person(0.5, 0.5)).events).hasSize(1);
        assertThat(intrusion("timeRange", List.of(79200L, 21600L)).hold(1, person(0.5, 0.5)).events).isEmpty();
    }

    @Test
    void durationRestartsWhenTheConditionBreaksUnlessWithinInterruptEndurance() {
        // 1.5 s in, 0.5 s out, 1.5 s in: never 2 s in one go
        Scenario strict = intrusion("duration", 2L);
        strict.inThenOut(1.5, 0.25).hold(1.5, person(0.5, 0.6));
        assertThat(strict.events).isEmpty();
        // an interruption of up to 1 s is tolerated: the duration keeps running
        Scenario tolerant = intrusion("duration", 2L, "interrupt_endurance", 1L);
        tolerant.inThenOut(1.5, 0.25).hold(1.5, person(0.5, 0.6));
        assertThat(tolerant.events).hasSize(1);
    }

    @Test
    void maskAreaHidesItsTargets() {
        List<Point> maskPolygon = List.of(new Point(0.4, 0.4), new Point(0.6, 0.4), new Point(0.6, 0.6),
                new Point(0.4, 0.6));
        AlertRule masked = rule(List.of(polygon(1, SQUARE, 1), polygon(2, maskPolygon, 2)),
                alertor(1, "intrusion", List.of("person", "car"), params()),
                new AlertorConfig(2, List.of("mask_area"), List.of("person"), Map.of()));
        assertThat(new Scenario(masked).hold(1, person(0.5, 0.5)).events).isEmpty();
        // outside the mask, or a type the mask is not for: alerts
        assertThat(new Scenario(masked).hold(1, person(0.35, 0.65)).events).hasSize(1);
        assertThat(new Scenario(masked).hold(1, car(0.5, 0.5)).events).hasSize(1);
    }

    static final List<Point> HORIZONTAL = List.of(new Point(0.2, 0.5), new Point(0.8, 0.5));

    static Scenario tripwire(String areaType, List<List<Point>> lines, Object... params) {
        return new Scenario(rule(List.of(line(1, areaType, lines, 1)),
                alertor(1, "tripwire", List.of("person"), params(params))));
    }

    @Test
    void singleLineAlertsOnlyInTheArrowsDirection() {
        // drawn left to right: the arrow points down the screen
        assertThat(tripwire("single_line", List.of(HORIZONTAL)).walk(0.5, 0.3, 0.5, 0.7, 8).events)
                .hasSize(1).first().extracting(AlarmEvent::eventType).isEqualTo("tripwire");
        assertThat(tripwire("single_line", List.of(HORIZONTAL)).walk(0.5, 0.7, 0.5, 0.3, 8).events).isEmpty();
    }

    @Test
    void singleLineBothAlertsEitherWay() {
        Scenario s = tripwire("single_line_both", List.of(HORIZONTAL));
        s.walk(0.5, 0.3, 0.5, 0.7, 8).walk(0.5, 0.7, 0.5, 0.3, 8);
        assertThat(s.events).hasSize(2);
    }

    @Test
    void touchingTheLineAndTurningBackIsNoCrossing() {
        Scenario s = tripwire("single_line_both", List.of(HORIZONTAL));
        s.walk(0.5, 0.3, 0.5, 0.5, 4).walk(0.5, 0.5, 0.5, 0.3, 4);
        assertThat(s.events).isEmpty();
    }

    @Test
    void jitterAroundTheLineIsNoCrossing() {
        // a person standing on the line, the detector's foot point wobbling ±0.5% around it
        Scenario s = tripwire("single_line_both", List.of(HORIZONTAL));
        for (int i = 0; i < 40; i++) {
            s.frame(person(0.5, i % 2 == 0 ? 0.495 : 0.505));
        }
        assertThat(s.events).isEmpty();
        // a real crossing from there still counts once
        s.walk(0.5, 0.505, 0.5, 0.7, 6);
        assertThat(s.events).isEmpty(); // started on the line: the side it came from is unknown
        s.walk(0.5, 0.7, 0.5, 0.3, 8);
        assertThat(s.events).hasSize(1);
    }

    @Test
    void passingBesideTheLineIsNoCrossing() {
        assertThat(tripwire("single_line_both", List.of(HORIZONTAL)).walk(0.9, 0.3, 0.9, 0.7, 8).events).isEmpty();
    }

    static final List<List<Point>> TWO_LINES = List.of(HORIZONTAL,
            List.of(new Point(0.2, 0.6), new Point(0.8, 0.6)));

    @Test
    void doubleTripwireNeedsLineOneThenLineTwo() {
        assertThat(tripwire("multi_line", TWO_LINES).walk(0.5, 0.3, 0.5, 0.8, 10).events).hasSize(1);
        // only the first line
        assertThat(tripwire("multi_line", TWO_LINES).walk(0.5, 0.3, 0.5, 0.55, 10).events).isEmpty();
        // the wrong way round for a one-way double line
        assertThat(tripwire("multi_line", TWO_LINES).walk(0.5, 0.8, 0.5, 0.3, 10).events).isEmpty();
        // two-way: either order
        assertThat(tripwire("multi_line_both", TWO_LINES).walk(0.5, 0.8, 0.5, 0.3, 10).events).hasSize(1);
    }

    @Test
    void doubleTripwireWithinABoundedTime() {
        Scenario slow = tripwire("multi_line", TWO_LINES);
        slow.walk(0.5, 0.45, 0.5, 0.55, 2).hold(11, person(0.5, 0.55)).walk(0.5, 0.55, 0.5, 0.65, 2);
        assertThat(slow.events).isEmpty();
        Scenario quick = tripwire("multi_line", TWO_LINES);
        quick.walk(0.5, 0.45, 0.5, 0.55, 2).hold(5, person(0.5, 0.55)).walk(0.5, 0.55, 0.5, 0.65, 2);
        assertThat(quick.events).hasSize(1);
    }

    @Test
    void tripwireCooldown() {
        Scenario s = tripwire("single_line_both", List.of(HORIZONTAL), "cooldown_duration", 10L);
        s.walk(0.5, 0.3, 0.5, 0.7, 8).walk(0.5, 0.7, 0.5, 0.3, 8);
        assertThat(s.events).hasSize(1);
    }

    @Test
    void wanderAddsUpTimeInsideAcrossExits() {
        AlertRule wander = rule(List.of(polygon(1, SQUARE, 1, 2)),
                alertor(1, "wander", List.of("person"), params("duration", 3L)),
                alertor(2, "intrusion", List.of("person"), params("duration", 3L)));
        Scenario s = new Scenario(wander);
        for (int i = 0; i < 3; i++) {
            s.inThenOut(1.5, 0.5);
        }
        // 4.5 s inside in total, never 3 s in one go: wander alerts, intrusion does not
        assertThat(s.events).extracting(AlarmEvent::eventType).containsExactly("wander");
    }

    @Test
    void overwallFootOnTheWallAndPreWarning() {
        List<Point> wall = List.of(new Point(0.0, 0.2), new Point(1.0, 0.2), new Point(1.0, 0.4), new Point(0.0, 0.4));
        // the person stands below the wall, reaching up: head in the wall zone, feet not
        Detection reaching = new Detection("person", 0.9f, new Box(0.45, 0.35, 0.55, 0.6));
        AlertRule plain = rule(List.of(polygon(1, wall, 1)),
                alertor(1, "overwall", List.of("person"), params("personPreOverWall", 0L)));
        AlertRule pre = rule(List.of(polygon(1, wall, 1)),
                alertor(1, "overwall", List.of("person"), params("personPreOverWall", 1L)));
        assertThat(new Scenario(plain).hold(1, reaching).events).isEmpty();
        assertThat(new Scenario(pre).hold(1, reaching).events).hasSize(1);
        // on the wall: feet inside
        assertThat(new Scenario(plain).hold(1, person(0.5, 0.3)).events).hasSize(1);
    }

    @Test
    void parkAndExitForCars() {
        AlertRule park = rule(List.of(polygon(1, SQUARE, 1)), alertor(1, "park", List.of("car"), params("duration", 5L)));
        assertThat(new Scenario(park).hold(4, car(0.5, 0.5)).events).isEmpty();
        assertThat(new Scenario(park).hold(6, car(0.5, 0.5)).events).extracting(AlarmEvent::eventType)
                .containsExactly("park");

        AlertRule exit = rule(List.of(polygon(1, SQUARE, 1)), alertor(1, "exit", List.of("car"), params("duration", 3L)));
        Scenario left = new Scenario(exit).hold(4, car(0.5, 0.5));
        assertThat(left.events).isEmpty();
        for (int i = 1; i <= 8; i++) {
            left.frame(car(0.5 + 0.05 * i, 0.5));
        }
        assertThat(left.events).extracting(AlarmEvent::eventType).containsExactly("exit");
        // passing through without stopping is no "leaving"
        Scenario through = new Scenario(exit);
        for (int i = 0; i <= 16; i++) {
            through.frame(car(0.1 + 0.05 * i, 0.5));
        }
        assertThat(through.events).isEmpty();
    }

    static Detection[] persons(int n) {
        Detection[] d = new Detection[n];
        for (int i = 0; i < n; i++) {
            d[i] = person(0.35 + 0.1 * i, 0.5 + 0.05 * (i % 2));
        }
        return d;
    }

    @Test
    void gatheringFromObjCount() {
        AlertRule gathering = rule(List.of(polygon(1, SQUARE, 1)),
                alertor(1, "gathering", List.of("crowd"), params("obj_count", 3L, "duration", 1L)));
        assertThat(new Scenario(gathering).hold(3, persons(2)).events).isEmpty();
        List<AlarmEvent> events = new Scenario(gathering).hold(3, persons(3)).events;
        assertThat(events).hasSize(1);
        assertThat(events.get(0).targetType()).isEqualTo("crowd");
        assertThat(events.get(0).targetId()).isZero();
    }

    @Test
    void offDutyWhenTheCountLeavesItsRange() {
        AlertRule duty = rule(List.of(polygon(1, SQUARE, 1)), alertor(1, "person_off_duty_querying",
                List.of("person"), params("target_min_num", 1L, "target_max_num", 2L, "duration", 2L)));
        assertThat(new Scenario(duty).hold(5, persons(1)).events).isEmpty();
        assertThat(new Scenario(duty).hold(5).events).hasSize(1); // nobody at the post
        assertThat(new Scenario(duty).hold(1).events).isEmpty(); // not for long enough
        assertThat(new Scenario(duty).hold(5, persons(3)).events).hasSize(1); // too many
    }

    @Test
    void expectedNumOfFireEquipment() {
        Detection extinguisher = new Detection("fire_equipment", 0.9f, new Box(0.4, 0.4, 0.5, 0.6));
        AlertRule fire = rule(List.of(polygon(1, SQUARE, 1)), alertor(1, "lose_fire_equipment",
                List.of("fire_equipment"), params("expected_num", 2L, "duration", 1L)));
        assertThat(new Scenario(fire).hold(2, extinguisher).events).hasSize(1);
        AlertRule one = rule(List.of(polygon(1, SQUARE, 1)), alertor(1, "lose_fire_equipment",
                List.of("fire_equipment"), params("expected_num", 1L, "duration", 1L)));
        assertThat(new Scenario(one).hold(2, extinguisher).events).isEmpty();
    }

    @Test
    void dutyRatioOfSundries() {
        Detection pile = new Detection("sundry", 0.9f, new Box(0.3, 0.3, 0.5, 0.7)); // half the square
        AlertRule low = rule(List.of(polygon(1, SQUARE, 1)), alertor(1, "sundry_detect", List.of("sundry"),
                params("duty_ratio", 0.3, "target_max", 1.0, "duration", 1L)));
        AlertRule high = rule(List.of(polygon(1, SQUARE, 1)), alertor(1, "sundry_detect", List.of("sundry"),
                params("duty_ratio", 0.7, "target_max", 1.0, "duration", 1L)));
        assertThat(new Scenario(low).hold(2, pile).events).hasSize(1);
        assertThat(new Scenario(high).hold(2, pile).events).isEmpty();
    }

    @Test
    void otherEventsAreTimedPresenceOfWhatTheWarehouseReports() {
        // e.g. a safety warehouse's analyzer reports persons without a helmet as "person" detections
        AlertRule helmet = rule(List.of(polygon(1, SQUARE, 1)),
                alertor(1, "no_safetycap", List.of("person"), params("duration", 1L)));
        assertThat(new Scenario(helmet).hold(2, person(0.5, 0.5)).events).extracting(AlarmEvent::eventType)
                .containsExactly("no_safetycap");
    }

    @Test
    void genericTypes() {
        assertThat(RuleEvaluator.generic(rule(List.of(), alertor(1, "intrusion", List.of("person"), params())))).isTrue();
        assertThat(RuleEvaluator.generic(rule(List.of(), alertor(1, "no_uniform", List.of("person"), params())))).isFalse();
    }
}
