package org.megbox.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.megbox.api.geometry.Point;
import org.megbox.api.rule.AlertRule;
import org.megbox.api.rule.AlertorConfig;
import org.megbox.api.rule.RuleArea;
import org.megbox.api.warehouse.AlertorTypeSpec;
import org.megbox.api.warehouse.AreaType;
import org.megbox.api.warehouse.EventType;
import org.megbox.api.warehouse.IntRange;
import org.megbox.api.warehouse.ParamSpec;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;

/**
 * Checks a §26.1.1 {@code multiAlert} rule against the descriptor of the warehouse its {@code algType} names,
 * and nothing else: an ISV warehouse gets the same validation as the shipped ones. The generic structure was
 * checked before by {@link RuleSchemas#MULTI_ALERT}. Every problem names its field with the full JSON path, e.g.
 * {@code MISSING_ARGUMENT:alertRules.customizedOptions.alertor_configs[0].duration}; missing fields (104002) are
 * reported before illegal ones (104001). Stateless.
 */
final class RuleValidator {

    static final String MASK_AREA = EventType.MASK_AREA.wireName();
    static final String FIGHT = EventType.FIGHT.wireName();
    private static final String OPTS = "alertRules.customizedOptions.";

    /** A rule fit for the engine, and its normalised {@code alertRules} object as stored and printed by GET. */
    record ValidatedRule(AlertRule rule, ObjectNode alertRules) {
    }

    private static final class Problems {
        final Set<String> missing = new LinkedHashSet<>();
        final Set<String> illegal = new LinkedHashSet<>();

        void throwIfAny() {
            if (!missing.isEmpty()) {
                throw new ApiException(ErrorCode.MISSING_ARGUMENT, List.copyOf(missing));
            }
            if (!illegal.isEmpty()) {
                throw new ApiException(ErrorCode.ILLEGAL_ARGUMENT, List.copyOf(illegal));
            }
        }
    }

    private RuleValidator() {
    }

    /**
     * Validates a body that already passed {@link RuleSchemas#MULTI_ALERT}.
     *
     * @param descriptor the warehouse present for the body's algType, or empty: then 104001 {@code algType}
     *                   (a rule is only accepted when it can be checked; a stored rule whose warehouse leaves
     *                   later stays stored and waits)
     */
    static ValidatedRule validate(int videoNo, JsonNode body, Optional<WarehouseDescriptor> descriptor,
            ObjectMapper mapper) {
        RuleSchemas.MULTI_ALERT.validate(body);
        if (descriptor.isEmpty()) {
            throw ApiException.illegal("algType");
        }
        WarehouseDescriptor d = descriptor.get();
        JsonNode alertRules = body.get("alertRules");
        JsonNode options = alertRules.get("customizedOptions");
        Problems p = new Problems();

        // alertors first: areas refer to them
        JsonNode alertorNodes = options.path("alertor_configs");
        Map<Integer, List<AlertorTypeSpec>> typesById = new HashMap<>();
        List<AlertorConfig> alertors = new ArrayList<>();
        ArrayNode alertorsOut = mapper.createArrayNode();
        for (int i = 0; i < alertorNodes.size(); i++) {
            String path = OPTS + "alertor_configs[" + i + "]";
            JsonNode a = alertorNodes.get(i);
            int id = a.get("alertor_id").asInt();
            if (typesById.containsKey(id)) {
                p.illegal.add(path + ".alertor_id");
            }
            List<AlertorTypeSpec> specs = alertorTypes(a.get("alertor_type"), d, path, p);
            typesById.put(id, specs);
            List<String> targets = targetTypes(a.get("target_type"), specs, path, p);
            Map<String, Object> params = params(a, specs, path, p);
            ObjectNode out = mapper.createObjectNode();
            out.put("alertor_id", id);
            out.set("alertor_type", a.get("alertor_type").deepCopy());
            out.set("target_type", a.get("target_type").deepCopy());
            for (String name : params.keySet()) {
                if (a.hasNonNull(name)) {
                    out.set(name, a.get(name).deepCopy());
                }
            }
            alertorsOut.add(out);
            alertors.add(new AlertorConfig(id, specs.stream().map(AlertorTypeSpec::type).toList(), targets,
                    withDefaults(params, specs)));
        }

        JsonNode areaNodes = options.get("area_list");
        List<RuleArea> areas = new ArrayList<>();
        ArrayNode areasOut = mapper.createArrayNode();
        Set<Integer> areaIds = new HashSet<>();
        int roiCount = 0;
        int maskCount = 0;
        boolean fight = typesById.values().stream().flatMap(List::stream).anyMatch(s -> s.type().equals(FIGHT));
        for (int i = 0; i < areaNodes.size(); i++) {
            String path = OPTS + "area_list[" + i + "]";
            JsonNode a = areaNodes.get(i);
            int areaId = a.get("area_id").asInt();
            if (!areaIds.add(areaId)) {
                p.illegal.add(path + ".area_id");
            }
            String typeName = a.get("area_type").asText();
            Optional<AreaType> type = AreaType.of(typeName);
            if (type.isEmpty()) {
                p.illegal.add(path + ".area_type");
            }
            List<Integer> ids = new ArrayList<>();
            JsonNode idNodes = a.get("alertor_ids");
            if (idNodes.isEmpty()) {
                p.illegal.add(path + ".alertor_ids");
            }
            int masks = 0;
            for (int j = 0; j < idNodes.size(); j++) {
                int id = idNodes.get(j).asInt();
                List<AlertorTypeSpec> specs = typesById.get(id);
                if (specs == null || ids.contains(id)) {
                    p.illegal.add(path + ".alertor_ids[" + j + "]");
                    continue;
                }
                ids.add(id);
                if (specs.stream().anyMatch(s -> s.type().equals(MASK_AREA))) {
                    masks++;
                }
                for (AlertorTypeSpec s : specs) {
                    if (!s.areaTypes().contains(typeName)) {
                        p.illegal.add(path + ".area_type");
                    }
                }
            }
            boolean mask = masks > 0;
            if (mask && masks != ids.size()) {
                // a mask area ignores detections; it cannot also be an alert area
                p.illegal.add(path + ".alertor_ids");
            }
            if (mask) {
                maskCount++;
                if (fight) {
                    p.illegal.add(path + ".alertor_ids"); // §26.6: fight does not support mask areas
                }
            } else {
                roiCount++;
            }
            List<List<Point>> lines = type.map(t -> points(a.get("points"), t, mask, d, path, p)).orElse(List.of());
            ObjectNode out = mapper.createObjectNode();
            out.put("area_type", typeName);
            out.put("area_id", areaId);
            out.set("alertor_ids", idNodes.deepCopy());
            out.set("points", a.get("points").deepCopy());
            areasOut.add(out);
            areas.add(new RuleArea(areaId, typeName, ids, lines));
        }
        if (roiCount > d.areaMaxNum() || maskCount > d.maskAreaNum()) {
            p.illegal.add(OPTS + "area_list");
        }
        p.throwIfAny();

        ObjectNode rulesOut = mapper.createObjectNode();
        rulesOut.put("proc", "init_rules");
        for (String f : List.of("width", "height", "fps")) {
            if (alertRules.hasNonNull(f)) {
                rulesOut.set(f, alertRules.get(f).deepCopy());
            }
        }
        ObjectNode optionsOut = rulesOut.putObject("customizedOptions");
        optionsOut.set("area_list", areasOut);
        optionsOut.set("alertor_configs", alertorsOut);
        AlertRule rule = new AlertRule(videoNo, body.get("ruleIndex").asInt(), d.algType(),
                body.get("ruleEnable").asBoolean(), areas, alertors);
        return new ValidatedRule(rule, rulesOut);
    }

    private static List<AlertorTypeSpec> alertorTypes(JsonNode types, WarehouseDescriptor d, String path,
            Problems p) {
        List<AlertorTypeSpec> specs = new ArrayList<>();
        for (int j = 0; j < types.size(); j++) {
            Optional<AlertorTypeSpec> s = d.alertorType(types.get(j).asText());
            if (s.isEmpty() || specs.contains(s.get())) {
                p.illegal.add(path + ".alertor_type[" + j + "]");
            } else {
                specs.add(s.get());
            }
        }
        if (specs.size() > 1 && specs.stream().anyMatch(s -> s.type().equals(MASK_AREA))) {
            p.illegal.add(path + ".alertor_type"); // a mask alertor is nothing else
        }
        return specs;
    }

    /** Each target type must be supported by every event type of the alertor. */
    private static List<String> targetTypes(JsonNode targets, List<AlertorTypeSpec> specs, String path, Problems p) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < targets.size(); j++) {
            String t = targets.get(j).asText();
            boolean ok = !out.contains(t) && specs.stream().allMatch(s -> s.targetTypes().contains(t));
            if (ok) {
                out.add(t);
            } else {
                p.illegal.add(path + ".target_type[" + j + "]");
            }
        }
        return out;
    }

    /**
     * Every parameter the alertor's event types declare: present ones must fit type and range (of every
     * event that declares it), required ones must be present. Fields no event declares are ignored (the spec's
     * "未含时不填") and not stored.
     */
    private static Map<String, Object> params(JsonNode a, List<AlertorTypeSpec> specs, String path, Problems p) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (AlertorTypeSpec s : specs) {
            for (ParamSpec ps : s.params()) {
                String name = ps.param();
                JsonNode v = a.get(name);
                if (v == null || v.isNull()) {
                    if (ps.required()) {
                        p.missing.add(path + "." + name);
                    }
                    values.putIfAbsent(name, null);
                    continue;
                }
                Object value = Json.value(v);
                if (!ps.accepts(value)) {
                    p.illegal.add(path + "." + name);
                }
                values.put(name, value);
            }
        }
        crossField(values, path, p);
        return values;
    }

    private static void crossField(Map<String, Object> v, String path, Problems p) {
        if (v.get("target_min") instanceof Number min && v.get("target_max") instanceof Number max
                && min.doubleValue() >= max.doubleValue()) {
            p.illegal.add(path + ".target_min");
        }
        if (v.get("target_min_num") instanceof Number min && v.get("target_max_num") instanceof Number max
                && min.longValue() > max.longValue()) {
            p.illegal.add(path + ".target_min_num");
        }
        if (v.get("timeRange") instanceof List<?> range && (range.size() != 2 || range.get(0).equals(range.get(1)))) {
            p.illegal.add(path + ".timeRange"); // [start, end) seconds of day; start > end spans midnight
        }
    }

    /** The alertor's parameters with the descriptor's defaults where the body left an optional one out. */
    private static Map<String, Object> withDefaults(Map<String, Object> values, List<AlertorTypeSpec> specs) {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                for (AlertorTypeSpec s : specs) {
                    Optional<ParamSpec> ps = s.param(e.getKey());
                    if (ps.isPresent() && ps.get().defaultValue() != null) {
                        v = ps.get().defaultValue();
                        break;
                    }
                }
            }
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    /** {@code points}: one list of {x,y} (polygon, single line) or two (double tripwire), counts per descriptor. */
    private static List<List<Point>> points(JsonNode node, AreaType type, boolean mask, WarehouseDescriptor d,
            String path, Problems p) {
        String at = path + ".points";
        List<List<Point>> lines = new ArrayList<>();
        if (type.lineCount() == 2) {
            if (node.size() != 2) {
                p.illegal.add(at);
                return lines;
            }
            for (int k = 0; k < 2; k++) {
                JsonNode line = node.get(k);
                if (!line.isArray()) {
                    p.illegal.add(at + "[" + k + "]");
                    continue;
                }
                lines.add(pointList(line, at + "[" + k + "]", lineRange(d), p));
            }
            return lines;
        }
        IntRange range = type.isLine() ? lineRange(d) : mask ? d.maskAreaPointsRange() : d.roiAreaPointsRange();
        lines.add(pointList(node, at, range, p));
        return lines;
    }

    /** A tripwire has 2 points at least (§25: 2~5) and at most as many as an area may. */
    private static IntRange lineRange(WarehouseDescriptor d) {
        return new IntRange(2, Math.max(2, d.roiAreaPointsRange().max()));
    }

    private static List<Point> pointList(JsonNode list, String path, IntRange count, Problems p) {
        List<Point> out = new ArrayList<>();
        if (!count.contains(list.size())) {
            p.illegal.add(path);
        }
        for (int k = 0; k < list.size(); k++) {
            JsonNode pt = list.get(k);
            String at = path + "[" + k + "]";
            if (!pt.isObject()) {
                p.illegal.add(at);
                continue;
            }
            Double x = coordinate(pt.get("x"), at + ".x", p);
            Double y = coordinate(pt.get("y"), at + ".y", p);
            if (x != null && y != null) {
                out.add(new Point(x, y));
            }
        }
        return out;
    }

    private static Double coordinate(JsonNode v, String path, Problems p) {
        if (v == null || v.isNull()) {
            p.missing.add(path);
            return null;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            p.illegal.add(path);
            return null;
        }
        return v.asDouble();
    }

    /**
     * Builds the engine's rule from {@code alertRules} this bundle produced itself (the §25 conversion), without
     * checking them against a descriptor: §25 has its own ranges (e.g. stayDuration up to 1800 s) and area forms
     * (wall-climb on a double tripwire) that the §26 cards do not declare.
     */
    static AlertRule trusted(int videoNo, int ruleIndex, int algType, boolean enabled, JsonNode alertRules) {
        JsonNode options = alertRules.path("customizedOptions");
        List<AlertorConfig> alertors = new ArrayList<>();
        for (JsonNode a : options.path("alertor_configs")) {
            List<String> types = new ArrayList<>();
            a.path("alertor_type").forEach(t -> types.add(t.asText()));
            List<String> targets = new ArrayList<>();
            a.path("target_type").forEach(t -> targets.add(t.asText()));
            Map<String, Object> params = new HashMap<>();
            a.fields().forEachRemaining(e -> {
                if (!Set.of("alertor_id", "alertor_type", "target_type").contains(e.getKey())) {
                    params.put(e.getKey(), Json.value(e.getValue()));
                }
            });
            alertors.add(new AlertorConfig(a.path("alertor_id").asInt(), types, targets, params));
        }
        List<RuleArea> areas = new ArrayList<>();
        for (JsonNode a : options.path("area_list")) {
            List<Integer> ids = new ArrayList<>();
            a.path("alertor_ids").forEach(id -> ids.add(id.asInt()));
            JsonNode points = a.path("points");
            List<List<Point>> lines = new ArrayList<>();
            if (points.size() > 0 && points.get(0).isArray()) {
                points.forEach(line -> lines.add(trustedPoints(line)));
            } else {
                lines.add(trustedPoints(points));
            }
            areas.add(new RuleArea(a.path("area_id").asInt(), a.path("area_type").asText(), ids, lines));
        }
        return new AlertRule(videoNo, ruleIndex, algType, enabled, areas, alertors);
    }

    private static List<Point> trustedPoints(JsonNode list) {
        List<Point> out = new ArrayList<>();
        list.forEach(p -> out.add(new Point(p.path("x").asDouble(), p.path("y").asDouble())));
        return out;
    }
}
