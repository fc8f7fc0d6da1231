/**
 * Video channels (spec §7) and their decoded frames, for the bundles that analyse them.
 *
 * <p>{@link org.megbox.video.VideoChannels} lists the configured channels with their connection status and
 * ingest counters, and hands out {@link org.megbox.video.FrameSubscription}s: each channel is decoded once,
 * by one decoder thread, and every subscriber of that channel shares the decoded frames. A subscriber states
 * the rate it wants; the decoder decodes every packet but converts to BGR only as often as the highest rate
 * anyone asked for. {@link org.megbox.video.VideoChannelListener} services are told about added, changed and
 * removed channels, status changes and {@code trackReset}. {@link org.megbox.video.FaceSurveillance} (1.2) is what a
 * channel's §7 surveillance binds for face recognition. {@link org.megbox.video.FrameSubscription#onArrival} (1.3)
 * tells a consumer when a frame is in its mailbox. No FFmpeg type crosses this API.
 */
@Export
@Version("1.3.0")
package org.megbox.video;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
