package org.megbox.video;

import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * Request shapes the spec repeats wherever face groups are bound to a channel (§7 video surveillances,
 * §20.1 structure surveillances): one declaration, shared by every endpoint that takes them.
 */
public final class SurveillanceSchemas {

    /** A time of day as the spec writes it: {@code HHMMSS}, 24 h. */
    public static final String HHMMSS = "([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]";

    /** One bound face group with its validity window and thresholds. */
    public static final Schema GROUP = Schema.of(
            Field.string("groupName").required().bytes(1, 128),
            Field.string("startTime").required().pattern(HHMMSS),
            Field.string("endTime").required().pattern(HHMMSS),
            Field.number("searchThresholdHigh").required().range(0, 100),
            Field.number("searchThresholdLow").required().range(0, 100));

    /** The global stranger setting. */
    public static final Schema GLOBAL_STRANGER = Schema.of(
            Field.bool("enable").required(),
            Field.integer("searchThresholdLow").required().range(0, 100),
            Field.string("startTime").required().pattern(HHMMSS),
            Field.string("endTime").required().pattern(HHMMSS));

    private SurveillanceSchemas() {
    }
}
