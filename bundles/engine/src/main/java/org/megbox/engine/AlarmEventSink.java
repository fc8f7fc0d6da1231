package org.megbox.engine;

import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every event the engine raises (registered by the events bundle, which stores it with its
 * pictures and hands it to delivery). Called on an analysis thread: it must not block, so it copies
 * what it needs (the frame's pixels for the full picture and the crop) and queues the rest.
 * The frame's buffer is shared and read-only; it may be reused after the call returns.
 * With no sink present the engine logs each event at debug level and counts it.
 */
@ConsumerType
public interface AlarmEventSink {

    void accept(AlarmEvent event, Frame frame);
}
