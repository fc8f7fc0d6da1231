package org.megbox.api.warehouse;

import java.util.List;
import java.util.Set;

/**
 * Whether a warehouse really analyses video yet. A warehouse that only declares its capabilities says
 * so here instead of pretending to detect; {@code note} tells the operator why (e.g. no model).
 *
 * <p>{@code events} (since 1.1.0, descriptor field {@code analyzer.events}) names the alertor types the warehouse
 * really analyses when only some of its declared events are backed by a model: the engine does not run a rule that
 * uses any other of its events (the rule reports {@code NO_ANALYZER}). {@code null} (the field absent) means every
 * declared event is analysed when {@code available}.
 */
public record AnalyzerSupport(boolean available, String note, List<String> events) {

    public AnalyzerSupport {
        events = events == null ? null : List.copyOf(events);
    }

    /** Without an event list: every declared event is analysed when {@code available} (1.0.0 shape). */
    public AnalyzerSupport(boolean available, String note) {
        this(available, note, null);
    }

    public static AnalyzerSupport none(String why) {
        return new AnalyzerSupport(false, why);
    }

    /** Whether the warehouse really analyses alertor type {@code eventType}. */
    public boolean analyses(String eventType) {
        return available && (events == null || events.contains(eventType));
    }

    /** The declared event types among {@code eventTypes} that are not really analysed, in their order. */
    public List<String> unanalysed(Set<String> eventTypes) {
        return eventTypes.stream().filter(t -> !analyses(t)).sorted().toList();
    }
}
