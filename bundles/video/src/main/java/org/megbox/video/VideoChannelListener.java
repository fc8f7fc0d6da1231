package org.megbox.video;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told about channel changes. Channel changes are called on the thread of the request
 * that made them, after the change was committed and published; status changes come from the channel's
 * decoder thread. Implementations return quickly and do not block; an exception is logged and ignored.
 * Every method has an empty default, so a listener implements only what it needs.
 */
@ConsumerType
public interface VideoChannelListener {

    /**
     * A channel was created ({@code POST /videos}). A listener that is registered while channels exist (every
     * listener, when the box starts with stored channels) is first told about each of them this way.
     */
    default void channelAdded(VideoChannel channel) {
    }

    /** A channel's settings changed ({@code PUT /videos/{videoNo}}, {@code PUT .../surveillances}). */
    default void channelUpdated(VideoChannel previous, VideoChannel current) {
    }

    /** A channel was deleted ({@code DELETE /videos/{videoNo}}); its decoder is stopping. */
    default void channelRemoved(VideoChannel channel) {
    }

    /** The channel's connection status changed. */
    default void statusChanged(int videoNo, ConnectionStatus previous, ConnectionStatus current) {
    }

    /** {@code GET /videos/{videoNo}/trackReset}: trackers of this channel start afresh (new target ids). */
    default void trackReset(int videoNo) {
    }
}
