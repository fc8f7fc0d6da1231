package org.megbox.api.rule;

import java.util.List;

/** One rule of a channel ({@code ruleIndex} 1..2 of §26.1.1), bound to one warehouse by algType. */
public record AlertRule(int videoNo, int ruleIndex, int algType, boolean enabled, List<RuleArea> areas,
        List<AlertorConfig> alertors) {

    public AlertRule {
        areas = List.copyOf(areas);
        alertors = List.copyOf(alertors);
    }
}
