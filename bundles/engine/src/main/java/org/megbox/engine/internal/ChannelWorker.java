package org.megbox.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.engine.latency.StageLog;
import org.megbox.video.FrameSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses one channel: at the rate its rules need, takes the newest frame from the channel's one-slot mailbox
 * (never a backlog) and runs each {@link AnalysisGroup} on it. Runs as tasks on the engine's bounded pool, so a
 * channel occupies a thread only while a frame is being analysed, and never two at once.
 *
 * <p>When the subscription says when a frame arrives ({@link FrameSubscription#onArrival}), a task is queued at
 * each arrival (at most one queued or running; an arrival during a run queues the next behind the other
 * channels' tasks), so a frame waits for a free thread, never for a timer; the decoder only publishes frames at
 * the subscribed rate, which paces the analysis. Otherwise the worker polls: a self-rescheduling task at the
 * rate, or every {@value #IDLE_POLL_MILLIS} ms while the mailbox is empty.
 */
final class ChannelWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
    /** Per-stage timing of the frames that raise events (the logger org.megbox.latency.engine, DEBUG). */
    private static final StageLog STAGES = StageLog.of("engine");
    /** How soon to look again when the mailbox was empty. */
    private static final long IDLE_POLL_MILLIS = 40;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS);
    /** States of the arrival-driven mode: nothing queued; a task queued; a task running; running, frame waiting. */
    private static final int IDLE = 0;
    private static final int QUEUED = 1;
    private static final int RUNNING = 2;
    private static final int RUNNING_FRAME_WAITING = 3;

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
    private final AtomicInteger arrivalState = new AtomicInteger(IDLE);

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
        if (subscription.onArrival(this::frameArrived)) {
            frameArrived(); // a frame may be in the mailbox already
        } else {
            next = pool.schedule(this::tick, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Decoder thread: a frame is in the mailbox. Queues a run unless one is queued; never blocks. */
    private void frameArrived() {
        while (true) {
            int s = arrivalState.get();
            if (s == IDLE && arrivalState.compareAndSet(IDLE, QUEUED)) {
                submit();
                return;
            }
            if (s == RUNNING && arrivalState.compareAndSet(RUNNING, RUNNING_FRAME_WAITING)) {
                return;
            }
            if (s == QUEUED || s == RUNNING_FRAME_WAITING) {
                return; // the queued (or next) run takes the newest frame
            }
        }
    }

    private void submit() {
        try {
            pool.execute(this::runOnArrival);
        } catch (RejectedExecutionException e) {
            arrivalState.set(IDLE); // the engine is stopping
        }
    }

    /** One arrival-driven run: analyses the newest frame; queues itself again if another arrived meanwhile. */
    private void runOnArrival() {
        arrivalState.set(RUNNING);
        synchronized (this) {
            if (!stopped) {
                try {
                    step();
                } catch (RuntimeException | Error e) {
                    LOG.error("channel {}: analysis step failed", videoNo, e);
                }
            }
        }
        if (!arrivalState.compareAndSet(RUNNING, IDLE)) {
            arrivalState.set(QUEUED); // behind the other channels' queued runs
            submit();
        }
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
        boolean timed = STAGES.on();
        long takenNanos = timed ? System.nanoTime() : 0;
        lastFrameId = frame.frameId();
        if (resetRequested) {
            resetRequested = false;
            groups.forEach(AnalysisGroup::reset);
        }
        for (AnalysisGroup g : groups) {
            try {
                for (AlarmEvent e : g.analyse(frame, timed)) {
                    sink.accept(e, frame);
                    if (timed) {
                        logStages(frame, e, takenNanos, g);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("channel {}: analysis of frame {} failed", videoNo, frame.frameId(), e);
            }
        }
        framesAnalysed++;
        return true;
    }

    /** One line per event: the frame's arrival (recv_ts) and the wall-clock ms of each stage it went through. */
    private void logStages(Frame frame, AlarmEvent e, long takenNanos, AnalysisGroup g) {
        STAGES.logger().debug("stages videoNo={} frameId={} recv={} taken={} detected={} evaluated={} handed={}"
                + " targetId={}", videoNo, frame.frameId(), frame.recvTimestampMillis(), StageLog.wall(takenNanos),
                StageLog.wall(g.detectedNanos()), StageLog.wall(g.evaluatedNanos()), StageLog.wall(System.nanoTime()),
                e.targetId());
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
        subscription.onArrival(null);
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
