package org.megbox.engine.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.api.rule.AlertRule;
import org.megbox.api.rule.AlertorConfig;
import org.megbox.api.rule.RuleArea;
import org.megbox.api.warehouse.AreaType;
import org.megbox.engine.internal.Geometry.Crossing;

/**
 * One channel rule compiled for the hot path: its mask areas, and one evaluator per (area, alertor, event type).
 * Fed the channel's tracks frame by frame, it returns the events raised. Generic over warehouses: the event type
 * selects only the <em>kind</em> of condition (see {@link #kindOf}); all thresholds come from the alertor fields.
 * Time is the frame's timestamp, never the wall clock. Not thread-safe (one channel, one thread at a time).
 */
final class RuleEvaluator {

    /**
     * Hysteresis of a tripwire: a foot point closer than this (normalised, ~1% of the picture) to a line is
     * "on the line" and does not count as a side, so detector jitter around a line raises no crossings.
     */
    static final double LINE_HYSTERESIS = 0.01;

    /** How long a double tripwire's second line may follow the first. */
    static final long DOUBLE_LINE_WINDOW_MILLIS = 10_000;

    /** The kind of condition an event type is evaluated with. */
    enum Kind {
        /** A target of an allowed type inside the area for {@code duration} (intrusion, park, and any event without its own kind). */
        DWELL,
        /** Like DWELL, but the time inside adds up over the track's life, exits included (wander). */
        CUMULATIVE_DWELL,
        /** A target that stayed inside for {@code duration} leaves the area (exit). */
        LEAVE,
        /** On/over the wall polygon: foot point inside; with personPreOverWall also the top of the box (overwall). */
        OVERWALL,
        /** Number of targets in the area ≥ obj_count (gathering). */
        COUNT_AT_LEAST,
        /** Number of targets in the area outside [target_min_num, target_max_num] (person_off_duty_querying). */
        COUNT_OUTSIDE,
        /** Fewer targets than expected_num (lose_fire_equipment). */
        COUNT_BELOW_EXPECTED,
        /** Share of the area covered by targets > duty_ratio (sundry_detect). */
        COVERAGE
    }

    /** The event kinds the engine evaluates from plain object detections (a generic detector suffices). */
    static final Set<String> GENERIC_TYPES = Set.of("intrusion", "tripwire", "wander", "overwall", "park", "exit",
            "gathering", "person_off_duty_querying", RuleValidator.MASK_AREA);

    static Kind kindOf(String eventType) {
        return switch (eventType) {
            case "wander" -> Kind.CUMULATIVE_DWELL;
            case "exit" -> Kind.LEAVE;
            case "overwall" -> Kind.OVERWALL;
            case "gathering" -> Kind.COUNT_AT_LEAST;
            case "person_off_duty_querying" -> Kind.COUNT_OUTSIDE;
            case "lose_fire_equipment" -> Kind.COUNT_BELOW_EXPECTED;
            case "sundry_detect" -> Kind.COVERAGE;
            default -> Kind.DWELL;
        };
    }

    private record Mask(List<Point> polygon, Set<String> targets) {
    }

    private final AlertRule rule;
    private final List<Mask> masks = new ArrayList<>();
    private final List<AreaAlertor> evaluators = new ArrayList<>();

    RuleEvaluator(AlertRule rule, ZoneId zone) {
        this.rule = rule;
        Map<Integer, AlertorConfig> alertors = new HashMap<>();
        for (AlertorConfig a : rule.alertors()) {
            alertors.put(a.alertorId(), a);
        }
        for (RuleArea area : rule.areas()) {
            for (int id : area.alertorIds()) {
                AlertorConfig a = alertors.get(id);
                if (a == null) {
                    continue;
                }
                if (a.alertorTypes().contains(RuleValidator.MASK_AREA)) {
                    masks.add(new Mask(area.lines().get(0), Set.copyOf(a.targetTypes())));
                    continue;
                }
                AlertorSettings settings = AlertorSettings.of(a, zone);
                for (String type : a.alertorTypes()) {
                    evaluators.add(new AreaAlertor(area, type, settings));
                }
            }
        }
    }

    AlertRule rule() {
        return rule;
    }

    /** The events raised by this frame. */
    List<AlarmEvent> evaluate(long millis, long frameId, List<Track> tracks) {
        List<Track> visible = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            if (!masked(t)) {
                visible.add(t);
            }
        }
        List<AlarmEvent> out = new ArrayList<>();
        for (AreaAlertor e : evaluators) {
            e.evaluate(millis, frameId, visible, out);
        }
        return out;
    }

    /** A detection whose foot point lies in a mask of its target type (or of all types) is ignored by every alertor. */
    private boolean masked(Track t) {
        for (Mask m : masks) {
            if ((m.targets().isEmpty() || m.targets().contains(t.targetType())) && Geometry.inside(t.footPoint(), m.polygon())) {
                return true;
            }
        }
        return false;
    }

    /** The point that decides whether a target is in an area: where persons and vehicles touch the ground, else the centre. */
    static Point anchor(Track t) {
        return switch (t.targetType()) {
            case "person", "car", "cycle", "fighter", "crowd" -> t.footPoint();
            default -> Geometry.centre(t.box());
        };
    }

    /** Per-target state of an alertor. */
    private static final class TargetState {
        long start = -1;       // start of the current episode (condition true)
        long firstFalse = -1;  // since when the condition fails within the episode
        boolean prevOk;        // the condition held in the previous frame
        long accumulated;      // CUMULATIVE_DWELL: time inside over the track's life
        long lastSeen = -1;
        boolean fired;         // the episode already raised its event
        boolean stayed;        // LEAVE: inside long enough to count as parked
        Point lineAnchor;      // last foot point not exactly on a line
        long line1At = -1;
        long line2At = -1;
    }

    /** One (area, alertor, event type): condition, duration, interrupt endurance, cooldown, time range. */
    private final class AreaAlertor {
        private final RuleArea area;
        private final AreaType areaType;
        private final String eventType;
        private final Kind kind;
        private final AlertorSettings s;
        private final Map<Long, TargetState> targets = new HashMap<>();
        private final TargetState areaState = new TargetState();
        private long lastEvent = Long.MIN_VALUE;

        AreaAlertor(RuleArea area, String eventType, AlertorSettings settings) {
            this.area = area;
            this.areaType = AreaType.of(area.areaType()).orElse(AreaType.POLYGON);
            this.eventType = eventType;
            this.kind = kindOf(eventType);
            this.s = settings;
        }

        private boolean eligible(Track t) {
            return s.targets().contains(t.targetType()) && Geometry.sizeWithin(t.box(), s.targetMin(), s.targetMax());
        }

        private boolean coolingDown(long millis) {
            return lastEvent != Long.MIN_VALUE && millis - lastEvent < s.cooldownMillis();
        }

        void evaluate(long millis, long frameId, List<Track> tracks, List<AlarmEvent> out) {
            if (!s.active(millis)) {
                targets.clear(); // outside the schedule nothing accumulates
                resetArea();
                return;
            }
            if (areaType.isLine()) {
                lines(millis, frameId, tracks, out);
                return;
            }
            switch (kind) {
                case COUNT_AT_LEAST, COUNT_OUTSIDE, COUNT_BELOW_EXPECTED, COVERAGE -> count(millis, frameId, tracks, out);
                default -> dwell(millis, frameId, tracks, out);
            }
        }

        private void resetArea() {
            areaState.start = -1;
            areaState.firstFalse = -1;
            areaState.fired = false;
        }

        private List<Point> polygon() {
            return area.lines().get(0);
        }

        private boolean condition(Track t) {
            if (!eligible(t)) {
                return false;
            }
            if (kind == Kind.OVERWALL) {
                return Geometry.inside(t.footPoint(), polygon())
                        || (s.personPreOverWall() && Geometry.inside(Geometry.topCentre(t.box()), polygon()));
            }
            return Geometry.inside(anchor(t), polygon());
        }

        /**
         * Starts or continues the episode when the condition holds; when it fails, ends the episode once it has
         * failed for {@code interrupt_endurance} (at once when that is 0).
         *
         * @return true when an episode ended in this frame
         */
        private boolean step(TargetState st, boolean ok, long millis) {
            if (ok) {
                if (st.start < 0) {
                    st.start = millis;
                    st.stayed = false;
                    if (kind != Kind.CUMULATIVE_DWELL) {
                        st.fired = false; // wander alerts once per track, the others once per episode
                    }
                }
                st.firstFalse = -1;
                return false;
            }
            if (st.start < 0) {
                return false;
            }
            if (st.firstFalse < 0) {
                st.firstFalse = millis;
            }
            if (millis - st.firstFalse >= s.interruptMillis()) {
                st.start = -1;
                st.firstFalse = -1;
                return true;
            }
            return false;
        }

        private void dwell(long millis, long frameId, List<Track> tracks, List<AlarmEvent> out) {
            Set<Long> present = new HashSet<>();
            for (Track t : tracks) {
                present.add(t.id());
                TargetState st = targets.computeIfAbsent(t.id(), k -> new TargetState());
                boolean ok = condition(t);
                if (ok && st.prevOk && st.lastSeen >= 0) {
                    st.accumulated += millis - st.lastSeen;
                }
                st.lastSeen = millis;
                st.prevOk = ok;
                boolean stayed = st.stayed;
                boolean ended = step(st, ok, millis);
                if (ended) {
                    if (kind == Kind.LEAVE && stayed && eligible(t) && !coolingDown(millis)) {
                        emit(millis, frameId, t, out);
                    }
                    continue;
                }
                if (st.start < 0) {
                    continue;
                }
                long held = kind == Kind.CUMULATIVE_DWELL ? st.accumulated : millis - st.start;
                if (held < s.durationMillis()) {
                    continue;
                }
                if (kind == Kind.LEAVE) {
                    st.stayed = true;
                } else if (ok && !st.fired && !coolingDown(millis)) {
                    st.fired = true;
                    emit(millis, frameId, t, out);
                }
            }
            targets.keySet().retainAll(present);
        }

        private void lines(long millis, long frameId, List<Track> tracks, List<AlarmEvent> out) {
            Set<Long> present = new HashSet<>();
            boolean both = areaType == AreaType.SINGLE_LINE_BOTH || areaType == AreaType.MULTI_LINE_BOTH;
            for (Track t : tracks) {
                present.add(t.id());
                TargetState st = targets.computeIfAbsent(t.id(), k -> new TargetState());
                if (!t.seen() || !eligible(t)) {
                    continue; // crossings are judged on measured positions only
                }
                Point foot = t.footPoint();
                Point from = st.lineAnchor;
                boolean onAny = area.lines().stream().anyMatch(l -> Geometry.distance(foot, l) < LINE_HYSTERESIS);
                if (!onAny) {
                    st.lineAnchor = foot;
                }
                if (from == null || onAny) {
                    continue;
                }
                Crossing c1 = Geometry.crossing(from, foot, area.lines().get(0));
                boolean hit1 = c1 == Crossing.POSITIVE || (both && c1 == Crossing.NEGATIVE);
                if (area.lines().size() == 1) {
                    if (hit1 && !coolingDown(millis)) {
                        emit(millis, frameId, t, out);
                    }
                    continue;
                }
                Crossing c2 = Geometry.crossing(from, foot, area.lines().get(1));
                boolean hit2 = c2 == Crossing.POSITIVE || (both && c2 == Crossing.NEGATIVE);
                if (hit1) {
                    st.line1At = millis;
                }
                if (hit2) {
                    st.line2At = millis;
                }
                boolean oneThenTwo = st.line1At >= 0 && st.line2At >= st.line1At
                        && st.line2At - st.line1At <= DOUBLE_LINE_WINDOW_MILLIS;
                boolean twoThenOne = both && st.line2At >= 0 && st.line1At >= st.line2At
                        && st.line1At - st.line2At <= DOUBLE_LINE_WINDOW_MILLIS;
                if ((hit1 || hit2) && (oneThenTwo || twoThenOne)) {
                    st.line1At = -1;
                    st.line2At = -1;
                    if (!coolingDown(millis)) {
                        emit(millis, frameId, t, out);
                    }
                }
            }
            targets.keySet().retainAll(present);
        }

        private void count(long millis, long frameId, List<Track> tracks, List<AlarmEvent> out) {
            List<Box> boxes = new ArrayList<>();
            for (Track t : tracks) {
                if (eligible(t) && Geometry.inside(anchor(t), polygon())) {
                    boxes.add(t.box());
                }
            }
            int n = boxes.size();
            boolean ok = switch (kind) {
                case COUNT_AT_LEAST -> n >= s.objCount();
                case COUNT_OUTSIDE -> n < s.targetMinNum() || n > s.targetMaxNum();
                case COUNT_BELOW_EXPECTED -> n < s.expectedNum();
                case COVERAGE -> !boxes.isEmpty() && Geometry.coverage(polygon(), boxes) > s.dutyRatio();
                default -> false;
            };
            TargetState st = areaState;
            step(st, ok, millis);
            if (ok) {
                if (!st.fired && millis - st.start >= s.durationMillis() && !coolingDown(millis)) {
                    st.fired = true;
                    List<Point> points = boxes.isEmpty() ? polygon() : Geometry.corners(Geometry.union(boxes));
                    String type = s.targets().stream().sorted().findFirst().orElse("");
                    if (kind == Kind.COUNT_AT_LEAST && s.targets().contains("crowd")) {
                        type = "crowd";
                    }
                    lastEvent = millis;
                    out.add(event(millis, frameId, type, 0, points));
                }
            }
        }

        private void emit(long millis, long frameId, Track t, List<AlarmEvent> out) {
            lastEvent = millis;
            out.add(event(millis, frameId, t.targetType(), t.id(), Geometry.corners(t.box())));
        }

        private AlarmEvent event(long millis, long frameId, String targetType, long targetId, List<Point> points) {
            return new AlarmEvent(rule.videoNo(), rule.algType(), eventType, area.areaId(), area.areaType(),
                    s.alertorId(), targetType, targetId, points, frameId, millis);
        }
    }

    /** For status/debug: whether the rule's event types are all evaluated from plain detections. */
    static boolean generic(AlertRule rule) {
        for (AlertorConfig a : rule.alertors()) {
            for (String t : a.alertorTypes()) {
                if (!GENERIC_TYPES.contains(t)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Drops per-target state of tracks that no longer exist (after a trackReset). */
    void reset() {
        for (AreaAlertor e : evaluators) {
            e.targets.clear();
            e.resetArea();
        }
    }
}
