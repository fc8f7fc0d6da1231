package org.megbox.engine;

/**
 * Why a stored channel rule does or does not analyse video right now. A rule is never dropped because
 * something it needs is missing: it waits, reports why, and re-arms when the thing returns.
 */
public enum RuleStatus {
    /** Analysing frames of its channel. */
    RUNNING,
    /** The rule ({@code ruleEnable}) or its channel's surveillance ({@code surveillanceEnabled}) is off. */
    DISABLED,
    /** No warehouse with the rule's {@code algType} is present; the rule re-arms when one arrives. */
    WAITING_FOR_WAREHOUSE,
    /** The rule's channel does not exist (any more); the rule re-arms when it comes back. */
    WAITING_FOR_CHANNEL,
    /**
     * The warehouse is present, but nothing can produce detections for the rule: the warehouse
     * registers no {@code AnalyzerFactory} and no {@link FrameDetector} covers the rule's events and targets.
     */
    NO_ANALYZER,
    /** The warehouse present now (an update) declares a descriptor the stored rule no longer fits. */
    INVALID_FOR_WAREHOUSE
}
