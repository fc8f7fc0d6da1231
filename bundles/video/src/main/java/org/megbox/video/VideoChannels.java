package org.megbox.video;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The box's video channels (spec §7): the configured channels as committed, their connection status and
 * ingest counters, and subscriptions to their decoded frames. Reads never block and never see a
 * half-applied change (they return the snapshot published after the last committed change).
 */
@ProviderType
public interface VideoChannels {

    /** Channel numbers are 1..{@value #MAX_CHANNELS}. */
    int MAX_CHANNELS = 16;

    /** Every configured channel, by ascending videoNo, each with its current status. */
    List<VideoChannel> channels();

    Optional<VideoChannel> channel(int videoNo);

    /** Ingest counters of a configured channel. */
    Optional<ChannelStats> stats(int videoNo);

    /**
     * Subscribes to the decoded frames of channel {@code videoNo} at up to {@code fps} frames per second of
     * video time (see {@link FrameSubscription#requestRate}). The channel need not exist yet.
     *
     * @throws IllegalArgumentException when videoNo is outside 1..{@value #MAX_CHANNELS} or fps is negative
     */
    FrameSubscription subscribe(int videoNo, double fps);

    /**
     * The face recognition settings of a configured channel's §7 surveillance (bound groups, global stranger,
     * liveness threshold); empty when the channel does not exist (or the provider keeps none).
     *
     * @since 1.2
     */
    default Optional<FaceSurveillance> faceSurveillance(int videoNo) {
        return Optional.empty();
    }
}
