package org.megbox.api.analysis;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs one rule of one channel. The engine calls {@link #analyze} from one thread at a time, at the
 * warehouse's {@code alg_frame_rate}, and closes the analyzer when the rule changes, the channel goes
 * or the warehouse bundle leaves.
 */
@ConsumerType
public interface Analyzer extends AutoCloseable {

    AnalysisResult analyze(Frame frame);

    @Override
    void close();
}
