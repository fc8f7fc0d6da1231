package org.megbox.engine;

/**
 * The state of one stored channel rule.
 *
 * @param videoNo   channel 1..16
 * @param ruleIndex 1..2 ({@code ruleIndex} of §26.1.1)
 * @param algType   the warehouse the rule is written for
 * @param status    what the rule is doing
 * @param detail    a human sentence saying why (never null, may be empty)
 */
public record RuleState(int videoNo, int ruleIndex, int algType, RuleStatus status, String detail) {
}
