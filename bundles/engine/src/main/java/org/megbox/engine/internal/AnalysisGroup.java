package org.megbox.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.megbox.api.analysis.AnalysisResult;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.engine.TrackIds;

/**
 * The rules of one channel that share one detection source: one detection per frame, one tracker, then each
 * rule's evaluator. Events an analyzer raised itself are passed through unchanged.
 */
final class AnalysisGroup implements AutoCloseable {

    private final DetectionSource source;
    private final Tracker tracker;
    private final List<RuleEvaluator> evaluators;
    /** When the last {@link #analyse} had its detections and its rules' verdicts (nanoTime; 0 untimed). */
    private long detectedNanos;
    private long evaluatedNanos;

    /** With target ids from 1, in memory (tests). */
    AnalysisGroup(DetectionSource source, List<RuleEvaluator> evaluators) {
        this(source, evaluators, TrackIds.counting(1));
    }

    AnalysisGroup(DetectionSource source, List<RuleEvaluator> evaluators, TrackIds ids) {
        this.tracker = new Tracker(ids);
        this.source = source;
        this.evaluators = List.copyOf(evaluators);
    }

    /** The frame's time for every timer: when it was received (wall clock), else its presentation time. */
    static long millis(Frame frame) {
        return frame.recvTimestampMillis() > 0 ? frame.recvTimestampMillis() : frame.ptsMillis();
    }

    List<AlarmEvent> analyse(Frame frame) {
        return analyse(frame, false);
    }

    /** With {@code timed}, notes when detection and rules were done ({@link #detectedNanos}). */
    List<AlarmEvent> analyse(Frame frame, boolean timed) {
        AnalysisResult result = source.detect(frame);
        detectedNanos = timed ? System.nanoTime() : 0;
        long millis = millis(frame);
        List<Track> tracks = tracker.update(millis, result.detections());
        List<AlarmEvent> out = new ArrayList<>(result.events());
        for (RuleEvaluator e : evaluators) {
            out.addAll(e.evaluate(millis, frame.frameId(), tracks));
        }
        evaluatedNanos = timed ? System.nanoTime() : 0;
        return out;
    }

    long detectedNanos() {
        return detectedNanos;
    }

    long evaluatedNanos() {
        return evaluatedNanos;
    }

    /** {@code trackReset}: new target ids from the next frame on, and timers start afresh. */
    void reset() {
        tracker.reset();
        evaluators.forEach(RuleEvaluator::reset);
    }

    @Override
    public void close() {
        source.close();
    }
}
