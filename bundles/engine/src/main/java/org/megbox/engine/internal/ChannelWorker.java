package org.megbox.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.video.FrameSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses one channel: at the rate its rules need, takes the newest frame from the channel's one-slot mailbox
 * (never a backlog) and runs each {@link AnalysisGroup} on it. Runs as a self-rescheduling task on the engine's
 * bounded pool, so a channel occupies a thread only while a frame is being analysed, and never two at once.
 */
final class ChannelWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
    /** How soon to look again when the mailbox was empty. */
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

    private final int videoNo;
    private final Object plan;
    private final FrameSubscription subscription;
    private final List<AnalysisGroup> groups;
    private final ScheduledExecutorService pool;
    private final BiConsumer<AlarmEvent, Frame> sink;
    private final long periodNanos;
    private long lastFrameId = -1;
    private boolean stopped;
    private volatile boolean resetRequested;
    private ScheduledFuture<?> next;
    private long framesAnalysed;

    ChannelWorker(int videoNo, Object plan, double fps, FrameSubscription subscription, List<AnalysisGroup> groups,
            ScheduledExecutorService pool, BiConsumer<AlarmEvent, Frame> sink) {
        this.videoNo = videoNo;
        this.plan = plan;
        this.subscription = subscription;
        this.groups = List.copyOf(groups);
        this.pool = pool;
        this.sink = sink;
        this.periodNanos = (long) (1_000_000_000L / fps);
    }

    /** What this worker was built from: an equal plan needs no new worker. */
    Object plan() {
        return plan;
    }

    int videoNo() {
        return videoNo;
    }

    synchronized void start() {
        next = pool.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
    }

    /** One step: take the newest frame if there is a new one, analyse it, schedule the next step. */
    void tick() {
        long delay;
        synchronized (this) {
            if (stopped) {
                return;
            }
            long t0 = System.nanoTime();
            boolean analysed = false;
            try {
                analysed = step();
            } catch (RuntimeException | Error e) {
                // never let one bad frame end the channel's analysis: log, and go on with the next frame
                LOG.error("channel {}: analysis step failed", videoNo, e);
            }
            long spent = System.nanoTime() - t0;
            delay = analysed ? Math.max(0, periodNanos - spent) : Math.min(periodNanos, IDLE_POLL_NANOS);
            if (!stopped) {
                next = pool.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Analyses the newest frame if one came since the last; for tests and {@link #tick}. */
    synchronized boolean step() {
        Frame frame;
        try {
            frame = subscription.awaitNewer(lastFrameId, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (frame == null) {
            return false;
        }
        lastFrameId = frame.frameId();
        if (resetRequested) {
            resetRequested = false;
            groups.forEach(AnalysisGroup::reset);
        }
        for (AnalysisGroup g : groups) {
            try {
                for (AlarmEvent e : g.analyse(frame)) {
                    sink.accept(e, frame);
                }
            } catch (RuntimeException e) {
                LOG.warn("channel {}: analysis of frame {} failed", videoNo, frame.frameId(), e);
            }
        }
        framesAnalysed++;
        return true;
    }

    /** {@code trackReset}: applied before the next frame is analysed. */
    void requestReset() {
        resetRequested = true;
    }

    synchronized long framesAnalysed() {
        return framesAnalysed;
    }

    /** Stops after the frame being analysed (if any), closes the analyzers and the subscription. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
        for (AnalysisGroup g : groups) {
            try {
                g.close();
            } catch (RuntimeException e) {
                LOG.warn("channel {}: closing an analyzer failed", videoNo, e);
            }
        }
        subscription.close();
    }
}
