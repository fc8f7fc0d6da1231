package org.megbox.engine.internal;

import java.util.List;
import org.megbox.api.analysis.AnalysisResult;
import org.megbox.api.analysis.Analyzer;
import org.megbox.api.analysis.Frame;
import org.megbox.engine.FrameDetector;

/**
 * Where a channel group's detections come from: a warehouse's {@link Analyzer} (which may also raise events of
 * its own) or a generic {@link FrameDetector}. Called from one analysis thread at a time.
 */
interface DetectionSource extends AutoCloseable {

    AnalysisResult detect(Frame frame);

    @Override
    void close();

    static DetectionSource of(Analyzer analyzer) {
        return new DetectionSource() {
            @Override
            public AnalysisResult detect(Frame frame) {
                return analyzer.analyze(frame);
            }

            @Override
            public void close() {
                analyzer.close();
            }
        };
    }

    static DetectionSource of(FrameDetector detector) {
        return new DetectionSource() {
            @Override
            public AnalysisResult detect(Frame frame) {
                return new AnalysisResult(detector.detect(frame), List.of());
            }

            @Override
            public void close() {
                // the detector service is shared; nothing of it belongs to this source
            }
        };
    }
}
