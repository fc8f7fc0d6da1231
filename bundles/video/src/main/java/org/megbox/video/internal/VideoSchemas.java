package org.megbox.video.internal;

import org.megbox.video.SurveillanceSchemas;

import org.megbox.rest.Field;
import org.megbox.rest.Schema;
import org.megbox.video.VideoChannels;

/**
 * The declared constraints of the §7 request bodies (spec L3713–4415), one {@link Schema} per endpoint.
 * 104002 names a missing required field, 104001 every illegal one; nothing is stored when either is thrown.
 */
final class VideoSchemas {

    private VideoSchemas() {
    }

    /** "1–50 bytes; letters, digits, underscore" (the recommended {4,16} is advice, not a rule). */
    static final Field VIDEO_NAME = Field.string("videoName").required().bytes(1, 50).pattern("[A-Za-z0-9_]+");

    /**
     * The main stream: at most 128 bytes (longer is an error, L3745). Accepted: RTSP (what the spec means),
     * also RTSPS/RTMP/HTTP(S) and a local file (an absolute path or {@code file:} URL, used for demos and
     * tests); anything else cannot be decoded and is refused rather than stored as a channel that never works.
     */
    static final Field URL = Field.string("url").required().bytes(1, 128)
            .pattern("(?i)(rtsps?|rtmp|https?)://\\S+|file:\\S+|/\\S*");

    /** Stored and reported, never decoded; may be empty (the spec's own example sends {@code "rtsp://"}). */
    static final Field SUB_URL = Field.string("subUrl").bytes(0, 128);

    /** "max 31 chars" / "max 63 chars": counted in characters as the spec says. */
    static final Field USERNAME = Field.string("username").check(v -> v.asText().codePointCount(0,
            v.asText().length()) <= 31);
    static final Field PASSWORD = Field.string("password").check(v -> v.asText().codePointCount(0,
            v.asText().length()) <= 63);

    /**
     * "0, 90, 180, 270; other values treated as 0" (L3750) versus §23.5's example naming {@code rotation} an
     * illegal argument: this box refuses other values with 104001, so a client's mistake is visible instead of
     * silently showing an unrotated picture (docs/api-notes.md, Videos).
     */
    static final Field ROTATION = Field.integer("rotation").required().oneOf(0, 90, 180, 270);

    /** {@code POST /videos}. */
    static final Schema ADD = Schema.of(
            Field.integer("videoNo").required().range(1, VideoChannels.MAX_CHANNELS),
            VIDEO_NAME, URL, SUB_URL, USERNAME, PASSWORD, ROTATION);

    /** {@code PUT /videos/{videoNo}}: the same fields; videoNo comes from the path (a body videoNo is ignored). */
    static final Schema EDIT = Schema.of(VIDEO_NAME, URL, SUB_URL, USERNAME, PASSWORD, ROTATION);


    static final Schema FILTER = Schema.of(
            Field.integer("roll").required().range(0, 180),
            Field.integer("yaw").required().range(0, 100),
            Field.integer("pitch").required().range(0, 100),
            // integer in PUT, float in GET: numbers are accepted, the range is what matters
            Field.number("blurness").required().range(0, 100),
            Field.integer("highBrightness").range(50, 100),
            Field.integer("lowBrightness").range(0, 49),
            Field.integer("deviation").range(0, 100),
            Field.integer("faceMin").required().range(20, 380));

    /** One bound group; "no cross-day" (GET /videos): endTime before startTime is refused, both 000000 = 24 h. */
    static final Schema GROUP = SurveillanceSchemas.GROUP;

    static final Schema GLOBAL_STRANGER = SurveillanceSchemas.GLOBAL_STRANGER;

    /** {@code PUT /videos/{videoNo}/surveillances}: every field optional; what is sent replaces what was stored. */
    static final Schema SURVEILLANCE = Schema.of(
            Field.bool("surveillanceEnabled"),
            Field.object("filter", FILTER),
            Field.array("group", Field.object("group", GROUP).check(VideoSchemas::notCrossDay)).items(0, 20),
            Field.object("globalStranger", GLOBAL_STRANGER).check(VideoSchemas::notCrossDay),
            Field.number("livenessThreshold").range(0, 100),
            Field.bool("bestStrangerUpload"));

    /**
     * No window across midnight: endTime after startTime, or endTime "000000" (until midnight; both "000000" is
     * the spec's all day). Fields of the wrong shape are left to their own checks.
     */
    static boolean notCrossDay(com.fasterxml.jackson.databind.JsonNode o) {
        com.fasterxml.jackson.databind.JsonNode s = o.get("startTime");
        com.fasterxml.jackson.databind.JsonNode e = o.get("endTime");
        if (s == null || e == null || !s.isTextual() || !e.isTextual()) {
            return true;
        }
        String a = s.asText();
        String b = e.asText();
        if (!a.matches(SurveillanceSchemas.HHMMSS) || !b.matches(SurveillanceSchemas.HHMMSS)) {
            return true;
        }
        return b.equals("000000") || b.compareTo(a) > 0;
    }
}
