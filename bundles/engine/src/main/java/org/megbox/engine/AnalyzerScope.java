package org.megbox.engine;

/**
 * Optional service property of an {@code org.megbox.api.analysis.AnalyzerFactory} telling the engine how many
 * analyzers a channel needs.
 *
 * <ul>
 * <li>{@value #RULE} (the default, as the SPI says "one analyzer per channel rule"): each rule of the warehouse on
 * a channel gets its own analyzer, opened with that rule; use it when the analysis depends on the rule's
 * parameters (e.g. allowed uniform colours).</li>
 * <li>{@value #CHANNEL}: the analyzer only detects (its result does not depend on the rule), so the engine opens
 * <b>one</b> per channel, with the channel's first rule of the warehouse, and shares its detections between all
 * of them: one detection per frame.</li>
 * </ul>
 * Example: {@code @Component(property = {"megbox.alg_type:Integer=14", "megbox.analyzer.scope=channel"})}.
 */
public final class AnalyzerScope {

    /** The service property. */
    public static final String PROPERTY = "megbox.analyzer.scope";
    /** One analyzer per channel rule (default). */
    public static final String RULE = "rule";
    /** One analyzer per channel, shared by the warehouse's rules on it. */
    public static final String CHANNEL = "channel";

    private AnalyzerScope() {
    }
}
