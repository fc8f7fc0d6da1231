package org.megbox.api.analysis;

import java.util.List;
import org.megbox.api.event.AlarmEvent;

/** What an analyzer returns for one frame: what it saw and which events the rule raised. */
public record AnalysisResult(List<Detection> detections, List<AlarmEvent> events) {

    public static final AnalysisResult EMPTY = new AnalysisResult(List.of(), List.of());

    public AnalysisResult {
        detections = List.copyOf(detections);
        events = List.copyOf(events);
    }
}
