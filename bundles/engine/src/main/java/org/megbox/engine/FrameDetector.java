package org.megbox.engine;

import java.util.List;
import java.util.Set;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A generic object detector (e.g. the inference bundle's COCO detector) the engine may run once per frame
 * of a channel, shared by every rule of that channel whose warehouse registers no {@code AnalyzerFactory}.
 * The engine does the rest itself: tracking, areas/lines/masks, timers. Such a rule runs only when the
 * engine evaluates all of its alertor types generically (intrusion, tripwire, wander, overwall, park, exit,
 * gathering, person_off_duty_querying, mask_area) and the detector reports at least one of its targets.
 *
 * <p>Register with service property {@link #TARGET_TYPES} too (String[] of §26.6 target types), or answer
 * {@link #targetTypes()}. Called from one analysis thread per channel at a time; must be thread-safe
 * across channels.
 */
@ConsumerType
public interface FrameDetector {

    /** Optional service property: the §26.6 target types the detector reports. */
    String TARGET_TYPES = "megbox.target_types";

    /** The §26.6 target types this detector can report (e.g. person, car, cycle). */
    Set<String> targetTypes();

    /** Objects in the frame, boxes normalised 0..1. */
    List<Detection> detect(Frame frame);
}
