package org.megbox.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.megbox.api.warehouse.AlgType;
import org.megbox.rest.ApiException;

/**
 * §25 alert mode ({@code POST /alertVideos/{videoNo}/surveillances}) mapped onto the §26 rule model: a §25 rule
 * is stored as rule index 1 of its channel for the alert warehouse (14 {@code alert_alarm}; §25's default
 * algType 10 is the retired SDK form whose events now live in 14). See docs/api-notes.md, section "Rules".
 */
final class LegacyRules {

    /** The §26 rule index a §25 rule occupies. */
    static final int RULE_INDEX = 1;

    private static final String R = "alertRules.";

    /** alertType 1..13 → the §26.6 event string. */
    private static final Map<Integer, String> EVENT = Map.ofEntries(Map.entry(1, "tripwire"), Map.entry(2, "intrusion"),
            Map.entry(3, "tripwire"), Map.entry(4, "park"), Map.entry(5, "exit"), Map.entry(6, "wander"),
            Map.entry(7, "overwall"), Map.entry(8, "fall"), Map.entry(9, "smoke"), Map.entry(10, "call"),
            Map.entry(11, "watch_phone"), Map.entry(12, "run"), Map.entry(13, "sleep"));

    /** alertType → allowed alertSubType (§25.1.1 L11718-11742). */
    private static final Map<Integer, Set<Integer>> SUB_TYPES = Map.ofEntries(Map.entry(1, Set.of(1)),
            Map.entry(7, Set.of(6)), Map.entry(2, Set.of(2, 3, 4)), Map.entry(3, Set.of(1)), Map.entry(5, Set.of(3)),
            Map.entry(4, Set.of(5)), Map.entry(6, Set.of(5)), Map.entry(8, Set.of(5)), Map.entry(9, Set.of(5)),
            Map.entry(10, Set.of(5)), Map.entry(11, Set.of(5)), Map.entry(12, Set.of(5)), Map.entry(13, Set.of(5)));

    /** alertSubType → allowed areaType (§25.1.1 L11760-11784). */
    private static final Map<Integer, Set<Integer>> AREA_TYPES = Map.of(6, Set.of(4), 1, Set.of(1, 2), 2, Set.of(5),
            3, Set.of(5), 4, Set.of(5), 5, Set.of(5));

    private static final String[] AREA_NAMES = {null, "single_line", "single_line_both", "multi_line", "multi_line_both",
        "polygon"};

    private LegacyRules() {
    }

    /** The rule's warehouse: §25 {@code algType} 10 (default), 11 or 14 all mean the alert warehouse 14. */
    static int algType(JsonNode body) {
        int algType = body.path("algType").asInt(AlgType.PERIMETER_ALARM.index());
        if (algType != AlgType.PERIMETER_ALARM.index() && algType != AlgType.BEHAVIOR_ALARM.index()
                && algType != AlgType.ALERT_ALARM.index()) {
            throw ApiException.illegal("algType");
        }
        return AlgType.ALERT_ALARM.index();
    }

    /**
     * The §26 {@code alertRules} for a §25 {@code alertRules} object that passed {@link RuleSchemas#LEGACY_RULES}.
     * Throws 104001 naming the field for the combinations and ranges the schema cannot say.
     */
    static ObjectNode toMultiAlert(JsonNode legacy) {
        int alertType = legacy.get("alertType").asInt();
        int subType = legacy.get("alertSubType").asInt();
        int areaType = legacy.get("areaType").asInt();
        if (!SUB_TYPES.get(alertType).contains(subType)) {
            throw ApiException.illegal(R + "alertSubType");
        }
        if (!AREA_TYPES.get(subType).contains(areaType)) {
            throw ApiException.illegal(R + "areaType");
        }
        JsonNode range = legacy.get("targetRange");
        if (range.get(0).asInt() >= range.get(1).asInt()) {
            throw ApiException.illegal(R + "targetRange");
        }
        if (legacy.get("timeRange").get(0).asInt() == legacy.get("timeRange").get(1).asInt()) {
            throw ApiException.illegal(R + "timeRange");
        }
        boolean line = areaType != 5;
        int stay = legacy.path("stayDuration").asInt(line ? 0 : 5);
        int maxStay = alertType == 4 || alertType == 6 ? 1800 : 120; // §25: no-parking, loitering up to 1800 s
        if (legacy.hasNonNull("stayDuration") && stay > maxStay) {
            throw ApiException.illegal(R + "stayDuration");
        }
        JsonNode area = legacy.get("alertArea");
        boolean doubleLine = areaType == 3 || areaType == 4;
        if ((line && area.size() > 2) || (doubleLine && area.size() != 2)) {
            throw ApiException.illegal(R + "alertArea");
        }
        for (int i = 0; i < area.size(); i++) {
            if (!line && area.get(i).size() < 3) {
                throw ApiException.illegal(R + "alertArea[" + i + "]");
            }
        }
        List<String> targets = targets(alertType, legacy.get("detectTargetList"));

        ObjectNode rules = Json.MAPPER.createObjectNode();
        rules.put("proc", "init_rules");
        rules.put("width", 1920);
        rules.put("height", 1080);
        ObjectNode options = rules.putObject("customizedOptions");
        ArrayNode areas = options.putArray("area_list");
        ArrayNode alertors = options.putArray("alertor_configs");

        ObjectNode a = alertors.addObject();
        a.put("alertor_id", 1);
        ArrayNode types = a.putArray("alertor_type");
        if (alertType == 2 && subType == 3) {
            types.add("exit");
        } else {
            types.add(EVENT.get(alertType));
            if (alertType == 2 && subType == 4) {
                types.add("exit");
            }
        }
        targets.forEach(a.putArray("target_type")::add);
        a.put("target_min", range.get(0).asInt() / 100.0);
        a.put("target_max", range.get(1).asInt() / 100.0);
        a.put("cooldown_duration", legacy.get("cooldownDuration").asInt());
        a.put("duration", stay);
        a.set("timeRange", legacy.get("timeRange").deepCopy());
        if (alertType == 7) {
            a.put("personPreOverWall", legacy.path("personPreOverWall").asBoolean(false) ? 1 : 0);
        }

        int areaId = 1;
        if (doubleLine) {
            ObjectNode out = areas.addObject();
            out.put("area_type", AREA_NAMES[areaType]);
            out.put("area_id", areaId++);
            out.putArray("alertor_ids").add(1);
            ArrayNode lines = out.putArray("points");
            area.forEach(l -> lines.add(normalise(l)));
        } else {
            for (JsonNode l : area) {
                ObjectNode out = areas.addObject();
                out.put("area_type", AREA_NAMES[areaType]);
                out.put("area_id", areaId++);
                out.putArray("alertor_ids").add(1);
                out.set("points", normalise(l));
            }
        }
        JsonNode masks = legacy.path("maskArea");
        if (masks.size() > 0) {
            ObjectNode m = alertors.addObject();
            m.put("alertor_id", 2);
            m.putArray("alertor_type").add(RuleValidator.MASK_AREA);
            targets.forEach(m.putArray("target_type")::add);
            for (JsonNode l : masks) {
                ObjectNode out = areas.addObject();
                out.put("area_type", "polygon");
                out.put("area_id", areaId++);
                out.putArray("alertor_ids").add(2);
                out.set("points", normalise(l));
            }
        }
        return rules;
    }

    /** §25 targets: persons, except vehicle types 3/4/5 whose detectTargetList picks car and/or cycle (default both). */
    private static List<String> targets(int alertType, JsonNode detectTargetList) {
        if (alertType != 3 && alertType != 4 && alertType != 5) {
            return List.of("person");
        }
        if (detectTargetList == null || detectTargetList.isNull() || detectTargetList.isEmpty()) {
            return List.of("car", "cycle");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : detectTargetList) {
            String mapped = t.asText().equals("motorVehicle") ? "car" : "cycle";
            if (!out.contains(mapped)) {
                out.add(mapped);
            }
        }
        return out;
    }

    /** §25 pixels of a 1920×1080 picture → §26 normalised coordinates. */
    private static ArrayNode normalise(JsonNode points) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode p : points) {
            ObjectNode n = out.addObject();
            n.put("x", p.get("x").asInt() / 1920.0);
            n.put("y", p.get("y").asInt() / 1080.0);
        }
        return out;
    }
}
