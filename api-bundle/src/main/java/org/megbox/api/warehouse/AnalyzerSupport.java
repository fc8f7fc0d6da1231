package org.megbox.api.warehouse;

/**
 * Whether a warehouse really analyses video yet. A warehouse that only declares its capabilities says
 * so here instead of pretending to detect; {@code note} tells the operator why (e.g. no model).
 */
public record AnalyzerSupport(boolean available, String note) {

    public static AnalyzerSupport none(String why) {
        return new AnalyzerSupport(false, why);
    }
}
