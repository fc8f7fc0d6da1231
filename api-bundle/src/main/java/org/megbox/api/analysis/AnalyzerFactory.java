package org.megbox.api.analysis;

import org.megbox.api.rule.AlertRule;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by a warehouse bundle that really analyses video, with service property
 * {@code megbox.alg_type} equal to its descriptor's alg_type. A warehouse without one only declares
 * capabilities, and the box says so instead of pretending to detect.
 */
@ConsumerType
public interface AnalyzerFactory {

    /** Builds the analyzer for a rule that already passed validation against the descriptor. */
    Analyzer open(AlertRule rule);
}
