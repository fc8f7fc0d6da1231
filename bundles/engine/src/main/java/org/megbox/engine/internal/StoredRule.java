package org.megbox.engine.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One channel rule as stored in the box database (store {@value RuleRepository#RULES}, key
 * {@code videoNo/ruleIndex}), in the spec's own spelling so the record is what the API speaks.
 *
 * @param alertRules the normalised §26 {@code alertRules} object (what {@code GET /multiAlgVideos} prints)
 * @param legacyAlertRules the §25 {@code alertRules} exactly as posted to {@code /alertVideos/{videoNo}/surveillances}
 *                         (what {@code GET /alertVideos} prints), or null for a rule posted in the §26 format;
 *                         such a rule was converted, so its {@code alertRules} are derived and not re-validated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredRule(
        @JsonProperty("videoNo") int videoNo,
        @JsonProperty("ruleIndex") int ruleIndex,
        @JsonProperty("algType") int algType,
        @JsonProperty("ruleEnable") boolean ruleEnable,
        @JsonProperty("alertRules") ObjectNode alertRules,
        @JsonProperty("legacyAlertRules") JsonNode legacyAlertRules) {

    static String key(int videoNo, int ruleIndex) {
        return String.format("%02d/%d", videoNo, ruleIndex);
    }

    /** The start of every key of channel {@code videoNo}. */
    static String channelPrefix(int videoNo) {
        return String.format("%02d/", videoNo);
    }

    String key() {
        return key(videoNo, ruleIndex);
    }

    boolean legacy() {
        return legacyAlertRules != null;
    }

    /** The §26.1.1 body this rule was (or would have been) posted with, for re-validation. */
    ObjectNode multiAlertBody(boolean surveillanceEnabled) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("surveillanceEnabled", surveillanceEnabled);
        body.put("algType", algType);
        body.put("ruleIndex", ruleIndex);
        body.put("ruleEnable", ruleEnable);
        body.set("alertRules", alertRules.deepCopy());
        return body;
    }
}
