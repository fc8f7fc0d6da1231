package org.megbox.engine.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The rule-related switches of one channel (store {@value RuleRepository#CHANNELS}, key {@code videoNo}):
 * {@code surveillanceEnabled} of §26.1.1/§26.3/§25.1.1 and the optional {@code alertRulesValidity}.
 * Without a record a channel's surveillance is off.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChannelSettings(
        @JsonProperty("videoNo") int videoNo,
        @JsonProperty("surveillanceEnabled") boolean surveillanceEnabled,
        @JsonProperty("alertRulesValidity") Boolean alertRulesValidity) {

    static final ChannelSettings OFF = new ChannelSettings(0, false, null);

    ChannelSettings withSurveillance(boolean enabled) {
        return new ChannelSettings(videoNo, enabled, alertRulesValidity);
    }
}
