package org.megbox.warehouses.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.megbox.api.warehouse.AlertorTypeSpec;
import org.megbox.api.warehouse.AlgType;
import org.megbox.api.warehouse.AreaType;
import org.megbox.api.warehouse.EventType;
import org.megbox.api.warehouse.IntRange;
import org.megbox.api.warehouse.ParamSpec;
import org.megbox.api.warehouse.ValueType;
import org.megbox.api.warehouse.WarehouseDescriptor;

/**
 * The rules a descriptor must satisfy before the box serves it (docs/isv-guide.md lists them). Every
 * problem is reported, each with its JSON path. Stateless and thread-safe.
 *
 * <p>Dictionary consistency: a number or string the §26.6 dictionary already defines must be used with
 * its dictionary meaning (alg_type 14 is {@code alert_alarm}, type_num 28 is {@code intrusion}); other
 * numbers are free for vendors. Which warehouse declares a dictionary event is not restricted (fire_alarm
 * declares flame, which the dictionary files under safety_alarm).
 */
public final class DescriptorValidator {

    static final Pattern NAME = Pattern.compile("[a-z_]+");
    static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final int MAX_POINTS = 100;
    static final double MAX_FRAME_RATE = 120.0;

    /** §26.1.1 fields whose type the engine relies on; a descriptor may not retype them. */
    static final Map<String, ValueType> WELL_KNOWN = Map.ofEntries(
            Map.entry("target_min", ValueType.DOUBLE),
            Map.entry("target_max", ValueType.DOUBLE),
            Map.entry("duration", ValueType.INT),
            Map.entry("cooldown_duration", ValueType.INT),
            Map.entry("timeRange", ValueType.ARRAY_INT),
            Map.entry("allowed_colors", ValueType.ARRAY_STRING),
            Map.entry("expected_num", ValueType.INT),
            Map.entry("target_min_num", ValueType.INT),
            Map.entry("target_max_num", ValueType.INT),
            Map.entry("obj_count", ValueType.INT),
            Map.entry("duty_ratio", ValueType.DOUBLE),
            Map.entry("interrupt_endurance", ValueType.INT),
            Map.entry("personPreOverWall", ValueType.INT));

    /** Structural fields of {@code alertor_configs[]}; they are not parameters. */
    static final Set<String> RESERVED = Set.of("alertor_id", "alertor_type", "target_type");

    private DescriptorValidator() {
    }

    public static void validate(WarehouseDescriptor d) throws DescriptorException {
        List<String> problems = problems(d);
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
    }

    /** Every problem of {@code d}, each {@code "<json path>: <what is wrong>"}; empty when valid. */
    public static List<String> problems(WarehouseDescriptor d) {
        List<String> out = new ArrayList<>();
        if (d.algType() < 0) {
            out.add("alg_type: must be >= 0, was " + d.algType());
        }
        if (d.itemsType() == null || !NAME.matcher(d.itemsType()).matches()) {
            out.add("items_type: must be a non-empty [a-z_]+ string, was \"" + d.itemsType() + "\"");
        }
        Optional<AlgType> known = AlgType.of(d.algType());
        if (known.isPresent() && !known.get().wireName().equals(d.itemsType())) {
            out.add("items_type: alg_type " + d.algType() + " is \"" + known.get().wireName()
                    + "\" in the §26.6 dictionary, was \"" + d.itemsType() + "\"");
        }
        for (AlgType t : AlgType.values()) {
            if (t.wireName().equals(d.itemsType()) && t.index() != d.algType()) {
                out.add("alg_type: items_type \"" + d.itemsType() + "\" is alg_type " + t.index()
                        + " in the §26.6 dictionary, was " + d.algType());
            }
        }
        if (d.version() == null || d.version().isBlank() || d.version().length() > 64) {
            out.add("version: must be a non-empty string of at most 64 characters");
        }
        if (!(d.algFrameRate() > 0 && d.algFrameRate() <= MAX_FRAME_RATE)) {
            out.add("alg_frame_rate: must be > 0 and <= " + MAX_FRAME_RATE + ", was " + d.algFrameRate());
        }
        if (d.maskAreaNum() < 0 || d.maskAreaNum() > 16) {
            out.add("mask_area_num: must be 0..16, was " + d.maskAreaNum());
        }
        if (d.areaMaxNum() < 1 || d.areaMaxNum() > 64) {
            out.add("area_max_num: must be 1..64, was " + d.areaMaxNum());
        }
        pointsRange(d.roiAreaPointsRange(), "roi_area_points_range", out);
        pointsRange(d.maskAreaPointsRange(), "mask_area_points_range", out);
        if (d.analyzer() == null) {
            out.add("analyzer: required");
        }

        Map<String, Integer> types = new HashMap<>();
        Map<Integer, Integer> numbers = new HashMap<>();
        for (int i = 0; i < d.alertorTypes().size(); i++) {
            AlertorTypeSpec a = d.alertorTypes().get(i);
            String path = "alertor_type[" + i + "]";
            Integer first = types.putIfAbsent(a.type(), i);
            if (first != null) {
                out.add(path + ".type: \"" + a.type() + "\" is already declared by alertor_type[" + first + "]");
            }
            first = numbers.putIfAbsent(a.typeNum(), i);
            if (first != null) {
                out.add(path + ".type_num: " + a.typeNum() + " is already declared by alertor_type[" + first + "]");
            }
            alertor(a, path, out);
            if (EventType.MASK_AREA.wireName().equals(a.type()) && d.maskAreaNum() == 0) {
                out.add(path + ": declares mask_area but mask_area_num is 0");
            }
        }
        if (d.analyzer() != null && d.analyzer().events() != null) {
            for (int i = 0; i < d.analyzer().events().size(); i++) {
                String e = d.analyzer().events().get(i);
                if (!types.containsKey(e)) {
                    out.add("analyzer.events[" + i + "]: \"" + e + "\" is not a declared alertor_type");
                }
            }
        }
        return out;
    }

    private static void pointsRange(IntRange r, String path, List<String> out) {
        if (r == null) {
            out.add(path + ": required");
        } else if (r.min() < 3 || r.max() > MAX_POINTS) {
            out.add(path + ": must lie within [3, " + MAX_POINTS + "] (a polygon has at least 3 points), was ["
                    + r.min() + ", " + r.max() + "]");
        }
    }

    private static void alertor(AlertorTypeSpec a, String path, List<String> out) {
        if (!NAME.matcher(a.type()).matches()) {
            out.add(path + ".type: must be a non-empty [a-z_]+ string, was \"" + a.type() + "\"");
        }
        if (a.typeNum() < 1) {
            out.add(path + ".type_num: must be >= 1, was " + a.typeNum());
        }
        Optional<EventType> byNum = EventType.of(a.typeNum());
        if (byNum.isPresent() && byNum.get().wireName() == null) {
            out.add(path + ".type_num: " + a.typeNum() + " is a legacy SDK event without a type string in the"
                    + " §26.6 dictionary and cannot be declared");
        } else if (byNum.isPresent() && !byNum.get().wireName().equals(a.type())) {
            out.add(path + ".type: type_num " + a.typeNum() + " is \"" + byNum.get().wireName()
                    + "\" in the §26.6 dictionary, was \"" + a.type() + "\"");
        }
        Optional<EventType> byName = EventType.of(a.type());
        if (byName.isPresent() && byName.get().index() != a.typeNum()) {
            out.add(path + ".type_num: \"" + a.type() + "\" is " + byName.get().index()
                    + " in the §26.6 dictionary, was " + a.typeNum());
        }
        if (a.typeAttr() < 0 || a.typeAttr() > 2) {
            out.add(path + ".type_attr: must be 0 (no distinction), 1 (perimeter) or 2 (behaviour), was "
                    + a.typeAttr());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < a.targetTypes().size(); i++) {
            String t = a.targetTypes().get(i);
            if (!NAME.matcher(t).matches()) {
                out.add(path + ".target_type[" + i + "]: must be a non-empty [a-z_]+ string, was \"" + t + "\"");
            } else if (!seen.add(t)) {
                out.add(path + ".target_type[" + i + "]: \"" + t + "\" is listed twice");
            }
        }
        if (a.areaTypes().isEmpty()) {
            out.add(path + ".area_type: must name at least one area type");
        }
        seen.clear();
        for (int i = 0; i < a.areaTypes().size(); i++) {
            String t = a.areaTypes().get(i);
            if (AreaType.of(t).isEmpty()) {
                out.add(path + ".area_type[" + i + "]: unknown area type \"" + t
                        + "\" (single_line, single_line_both, multi_line, multi_line_both, polygon)");
            } else if (!seen.add(t)) {
                out.add(path + ".area_type[" + i + "]: \"" + t + "\" is listed twice");
            }
        }
        seen.clear();
        for (int i = 0; i < a.params().size(); i++) {
            ParamSpec p = a.params().get(i);
            String pp = path + ".params[" + i + "]";
            if (!seen.add(p.param())) {
                out.add(pp + ".param: \"" + p.param() + "\" is declared twice");
            }
            param(p, pp, out);
        }
    }

    static void param(ParamSpec p, String path, List<String> out) {
        if (!PARAM_NAME.matcher(p.param()).matches()) {
            out.add(path + ".param: must be an identifier, was \"" + p.param() + "\"");
        }
        if (RESERVED.contains(p.param())) {
            out.add(path + ".param: \"" + p.param() + "\" is a structural field of alertor_configs, not a parameter");
        }
        ValueType expected = WELL_KNOWN.get(p.param());
        if (expected != null && expected != p.valueType()) {
            out.add(path + ".value_type: \"" + p.param() + "\" is " + expected.wireName() + " in §26.1.1, was "
                    + p.valueType().wireName());
        }
        int before = out.size();
        List<Object> r = p.range();
        switch (p.valueType()) {
            case INT, DOUBLE, ARRAY_INT -> {
                boolean integral = p.valueType() != ValueType.DOUBLE;
                if (!r.isEmpty()) {
                    if (r.size() != 2 || !(r.get(0) instanceof Number lo) || !(r.get(1) instanceof Number hi)) {
                        out.add(path + ".range: must be [min, max] of two numbers (or empty), was " + r);
                    } else if (integral && (!isIntegral(lo) || !isIntegral(hi))) {
                        out.add(path + ".range: must hold integers for value_type " + p.valueType().wireName()
                                + ", was " + r);
                    } else if (lo.doubleValue() > hi.doubleValue()) {
                        out.add(path + ".range: min " + lo + " is greater than max " + hi);
                    }
                }
            }
            case STRING, ARRAY_STRING -> {
                Set<Object> distinct = new HashSet<>();
                for (int i = 0; i < r.size(); i++) {
                    if (!(r.get(i) instanceof String)) {
                        out.add(path + ".range[" + i + "]: must be a string (the allowed values), was " + r.get(i));
                    } else if (!distinct.add(r.get(i))) {
                        out.add(path + ".range[" + i + "]: \"" + r.get(i) + "\" is listed twice");
                    }
                }
            }
            default -> out.add(path + ".value_type: unsupported");
        }
        if (out.size() == before && p.defaultValue() != null && !p.accepts(p.defaultValue())) {
            out.add(path + ".default: " + p.defaultValue() + " is not a " + p.valueType().wireName()
                    + " within its own range " + r);
        }
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long;
    }
}
