package org.megbox.engine.internal;

import org.megbox.video.SurveillanceSchemas;

import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * The declared structure of the §20.1.1 body of {@code POST /structures/{videoNo}/surveillances}, with the spec's
 * ranges. Nested names appear in 104001/104002 as {@code structures.pushConfigs.pushInterval} and so on.
 */
final class StructureSchemas {

    static final String[] STRUCTURE_TARGETS = {"face", "human", "motorVehicle", "nonMotorVehicle", "plate"};
    static final String[] FACE_TARGETS = {"face", "human"};

    static final Schema QUALITY = Schema.of(
            Field.integer("faceQuality").range(0, 100),
            Field.integer("humanQuality").range(0, 100),
            Field.integer("motorVehicleQuality").range(0, 100),
            Field.integer("nonMotorVehicleQuality").range(0, 100),
            Field.integer("plateQuality").range(0, 100));

    static final Schema CAPTURE_CONFIGS = Schema.of(
            Field.integer("captureMode").required().oneOf(0, 1, 2),
            Field.object("quality", QUALITY));

    static final Schema STRUCTURE_PUSH = Schema.of(
            Field.integer("pushMode").oneOf(0, 1, 2, 3),
            Field.integer("pushInterval").range(500, 10000),
            Field.integer("maxPushNumber").range(1, 10));

    static final Schema STRUCTURES = Schema.of(
            Field.array("detectTargetList", Field.string("targetName").oneOf(STRUCTURE_TARGETS)).required().items(1, 5),
            Field.object("pushConfigs", STRUCTURE_PUSH),
            Field.object("captureConfigs", CAPTURE_CONFIGS));

    static final Schema FACE_PUSH = Schema.of(
            Field.integer("pushMode").oneOf(1, 2),
            Field.integer("retryCount").range(0, 5000),
            Field.integer("retryInterval").range(0, 60),
            Field.integer("strangerRetryCount").range(0, 5),
            Field.integer("pushInterval").range(500, 10000),
            Field.integer("maxPushNumber").range(1, 10));

    static final Schema FILTER = Schema.of(
            Field.integer("roll").required().range(0, 180),
            Field.integer("yaw").required().range(0, 100),
            Field.integer("pitch").required().range(0, 100),
            Field.number("blurness").required().range(0, 100),
            Field.integer("faceMin").required().range(20, 380),
            Field.integer("bodyMin").required().range(20, 380));

    // shared with §7 (org.megbox.video): one declaration of a bound group and the stranger setting
    static final Schema GROUP = SurveillanceSchemas.GROUP;

    static final Schema GLOBAL_STRANGER = SurveillanceSchemas.GLOBAL_STRANGER;

    static final Schema FACES = Schema.of(
            Field.bool("livenessEnabled").required(),
            Field.integer("livenessThreshold").range(0, 100),
            Field.object("pushConfigs", FACE_PUSH),
            Field.object("filter", FILTER),
            Field.array("detectTargetList", Field.string("targetName").oneOf(FACE_TARGETS)).required().items(1, 2),
            Field.object("captureConfigs", CAPTURE_CONFIGS),
            Field.array("group", Field.object("group", GROUP)).items(0, 20),
            Field.object("globalStranger", GLOBAL_STRANGER));

    /** {@code POST /structures/{videoNo}/surveillances} (§20.1.1). */
    static final Schema SURVEILLANCES = Schema.of(
            Field.bool("surveillanceEnabled").required(),
            Field.bool("attributeEnabled"),
            Field.integer("surveillanceType").oneOf(0, 1),
            Field.integer("ruleIndex").range(1, 2),
            Field.bool("ruleEnable"),
            Field.object("structures", STRUCTURES),
            Field.object("faces", FACES),
            Field.bool("bestStrangerUpload"));

    private StructureSchemas() {
    }
}
