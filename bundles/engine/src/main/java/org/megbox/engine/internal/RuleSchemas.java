package org.megbox.engine.internal;

import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * The declared generic structure of the §25/§26 request bodies, one {@link Schema} per endpoint. What depends
 * on the warehouse (event and target types, area types, point counts, parameters) is checked afterwards by
 * {@link RuleValidator} against the present warehouse's descriptor.
 */
final class RuleSchemas {

    /** {@code area_list[]} element: {@code points} is a point list, or two for double tripwires (checked by the validator). */
    static final Schema AREA = Schema.of(
            Field.string("area_type").required(),
            Field.integer("area_id").required(),
            Field.array("alertor_ids", Field.integer("id")).required(),
            Field.array("points", null).required());

    /** {@code alertor_configs[]} element: the structural fields; every other field comes from the descriptor. */
    static final Schema ALERTOR = Schema.of(
            Field.integer("alertor_id").required(),
            Field.array("alertor_type", Field.string("type")).required().items(1, 64),
            Field.array("target_type", Field.string("type")).required());

    static final Schema CUSTOMIZED_OPTIONS = Schema.of(
            Field.array("area_list", Field.object("area", AREA)).required(),
            Field.array("alertor_configs", Field.object("alertor", ALERTOR)));

    static final Schema ALERT_RULES = Schema.of(
            Field.string("proc").required().oneOf("init_rules"),
            Field.integer("width").range(0, 1920),
            Field.integer("height").range(0, 1080),
            Field.number("fps").range(0, 120),
            Field.object("customizedOptions", CUSTOMIZED_OPTIONS).required());

    /** {@code POST /multiAlgVideos/{videoNo}/multiAlert} (§26.1.1). */
    static final Schema MULTI_ALERT = Schema.of(
            Field.bool("surveillanceEnabled").required(),
            Field.bool("alertRulesValidity"),
            Field.integer("algType").required().range(0, Integer.MAX_VALUE),
            Field.integer("ruleIndex").required().range(1, 2),
            Field.bool("ruleEnable").required(),
            Field.object("alertRules", ALERT_RULES).required());

    /** {@code POST /multiAlgVideos/{videoNo}/surveillanceEnable} (§26.3) and the switch of §25.1.1. */
    static final Schema SURVEILLANCE_ENABLE = Schema.of(
            Field.bool("surveillanceEnabled").required());

    /** A §25 point in pixels of a 1920×1080 picture. */
    static final Schema PIXEL_POINT = Schema.of(
            Field.integer("x").required().range(0, 1920),
            Field.integer("y").required().range(0, 1080));

    static final Schema LEGACY_RULES = Schema.of(
            Field.bool("enable").required(),
            Field.integer("alertType").required().range(1, 13),
            Field.integer("alertSubType").required().range(1, 6),
            Field.integer("areaType").required().range(1, 5),
            Field.bool("personPreOverWall"),
            Field.array("detectTargetList", Field.string("t").oneOf("motorVehicle", "nonMotorVehicle")).items(1, 2),
            Field.array("targetRange", Field.integer("v").range(1, 100)).required().items(2, 2),
            Field.array("timeRange", Field.integer("v").range(0, 86400)).required().items(2, 2),
            Field.integer("stayDuration").range(0, 1800),
            Field.integer("cooldownDuration").required().range(1, 60),
            Field.array("alertArea", Field.array("area", Field.object("point", PIXEL_POINT)).items(2, 5))
                    .required().items(1, 4),
            Field.array("maskArea", Field.array("area", Field.object("point", PIXEL_POINT)).items(3, 5)).items(0, 2));

    /** {@code POST /alertVideos/{videoNo}/surveillances} (§25.1.1). */
    static final Schema LEGACY_SURVEILLANCE = Schema.of(
            Field.bool("surveillanceEnabled").required(),
            Field.bool("alertRulesValidity"),
            Field.integer("algType").range(0, Integer.MAX_VALUE),
            Field.object("alertRules", LEGACY_RULES));

    private RuleSchemas() {
    }
}
