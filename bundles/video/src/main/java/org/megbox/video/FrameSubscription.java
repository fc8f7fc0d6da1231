package org.megbox.video;

import java.time.Duration;
import org.megbox.api.analysis.Frame;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A consumer's view of one channel's frames: a one-slot mailbox holding only the newest converted frame.
 * An older frame that was not taken is replaced, never queued, so a slow consumer always gets the present
 * and never a backlog. Obtained from {@link VideoChannels#subscribe}; close it when done so the decoder
 * stops converting frames for it.
 *
 * <p>A subscription outlives its channel: while the channel is absent (deleted, not yet created) or not
 * connected, {@link #awaitNewer} simply times out; frames flow again once the channel with that number
 * decodes again. {@link Frame#frameId()} grows monotonically per channel number for the life of the box
 * (it counts decoded frames, so gaps show the frames that were not converted or were dropped).
 *
 * <p><b>Buffer lifetime:</b> the pixels of a frame returned by this subscription stay valid and unchanged
 * until this subscription's next {@link #awaitNewer} call or {@link #close()}; then the decoder may reuse
 * the buffer. A consumer that keeps pixels longer (for example a picture written later on another thread)
 * copies them first. The buffer is read-only.
 *
 * <p>Thread-safety: one thread per subscription calls {@link #awaitNewer}; {@link #requestRate} and
 * {@link #close} may be called from any thread.
 */
@ProviderType
public interface FrameSubscription extends AutoCloseable {

    int videoNo();

    /**
     * The newest frame with an id greater than {@code lastFrameId}, waiting up to {@code timeout} for one.
     * Releases the frame this subscription returned before.
     *
     * @param lastFrameId the id of the last frame the caller saw, or -1 / 0 for any frame
     * @return the frame, or null when none came within the timeout or the subscription is closed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Frame awaitNewer(long lastFrameId, Duration timeout) throws InterruptedException;

    /**
     * The highest rate, in frames per second of video time, at which this consumer wants frames; the decoder
     * converts a frame when at least one subscriber is due. {@code Double.POSITIVE_INFINITY} asks for every
     * decoded frame; 0 pauses this subscription (no conversion for it).
     *
     * @throws IllegalArgumentException for a negative or NaN rate
     */
    void requestRate(double fps);

    double requestedRate();

    /**
     * Asks to be told whenever a frame is put into this subscription's mailbox, so that a consumer on a shared
     * thread pool takes it at once instead of polling (a poll finds a frame up to one poll period late). The
     * listener runs on the decoder thread: it must only hand work off (schedule a task), never block or take
     * the frame itself. One listener per subscription; a later call replaces it, null removes it.
     *
     * @return whether this subscription calls the listener; false (the default) means the consumer has to poll
     * @since 1.3
     */
    default boolean onArrival(Runnable listener) {
        return false;
    }

    /** Frames published for this subscription that it never took because a newer one replaced them. */
    long dropped();

    /** Stops this subscription; a waiting {@link #awaitNewer} returns null. Idempotent. */
    @Override
    void close();
}
