/**
 * What the rule engine offers other bundles: the state of every stored channel rule
 * ({@link org.megbox.engine.RuleStatusService}), the sink it hands raised events to
 * ({@link org.megbox.engine.AlarmEventSink}, implemented by the events bundle) and the seam through
 * which a generic object detector feeds it ({@link org.megbox.engine.FrameDetector}); since 1.1 the stored
 * §20.1 structuring surveillance settings ({@link org.megbox.engine.StructureSurveillanceService}); since 1.2
 * the settings' bound face groups and global stranger, and the {@link org.megbox.engine.CaptureTracker} shared by
 * the capture warehouses; since 1.3 their per-channel capture workers ({@link org.megbox.engine.CaptureChannels});
 * since 1.4 the box's durable, accumulating §23.4 track ids ({@link org.megbox.engine.TrackIdService}).
 */
@Export
@Version("1.4.0")
package org.megbox.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
