package org.megbox.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.video.FrameSubscription;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannelListener;
import org.megbox.video.VideoChannels;
import org.osgi.annotation.versioning.ConsumerType;
import org.slf4j.Logger;

/**
 * The per-channel capture workers of one capture warehouse (structure, face), which differ only in what they find in
 * a frame and what becomes of a capture ({@link Warehouse}). A channel captures while its §20.1 setting
 * ({@link StructureSurveillanceService}, optional) asks the warehouse for it, or, for a channel without a §20.1
 * setting, while its §7 surveillance switch is on. A capturing channel has its own worker thread with its own frame
 * subscription at the warehouse's rate and its own {@link CaptureTracker}, all on the warehouse's {@link TrackIds}
 * (§23.4: unique across channels, increasing across restarts): each finished track is handed to
 * {@link Warehouse#deliver} on that thread. {@code trackReset} ends the channel's tracks (their captures are
 * delivered) and starts afresh; a channel that stops, and {@link #close()}, deliver the tracks still open. The
 * warehouse hands its events to the {@link AlarmEventSink}s through {@link #publish}.
 *
 * <p>The warehouse's DS component implements {@link VideoChannelListener} and passes the calls on to this object
 * (and its optional {@link StructureSurveillanceService} reference to {@link #bind}/{@link #unbind}, its
 * {@link AlarmEventSink} references to {@link #addSink}/{@link #removeSink}).
 * Thread-safe. (Engine API 1.3.)
 *
 * @param <P> the payload the warehouse keeps with a sighting (e.g. a face descriptor); {@code Void} when none
 */
public final class CaptureChannels<P> implements VideoChannelListener {

    /** What one capture warehouse contributes. */
    @ConsumerType
    public interface Warehouse<P> {

        /** Whether a §20.1 setting asks this warehouse to capture (a channel without one follows its §7 switch). */
        boolean wants(StructureSurveillance setting);

        /**
         * The analysis for the worker about to start on a channel (called while starting it); a
         * {@link RuntimeException} keeps the channel idle until its settings change again (logged).
         */
        FrameAnalysis<P> open(int videoNo);

        /** A finished track's capture, on the channel's worker thread. */
        void deliver(CaptureTracker.Capture<P> capture);

        /** What the start log line says is captured, e.g. {@code "faces at 10.0 fps"}. */
        String capturing();
    }

    /** What one warehouse finds in a frame; called on the channel's worker thread only. */
    @ConsumerType
    @FunctionalInterface
    public interface FrameAnalysis<P> {

        /**
         * The sightings of one frame, the tracker's input. An exception skips the frame (logged once per run of
         * failing frames).
         */
        Sightings<P> analyse(Frame frame) throws Exception;
    }

    /**
     * One frame's detections (boxes normalised to the frame) and, index by index, their payloads ({@code null}: no
     * payloads).
     */
    public record Sightings<P>(List<Detection> detections, List<P> payloads) {

        /** Detections without payloads. */
        public static <P> Sightings<P> of(List<Detection> detections) {
            return new Sightings<>(detections, null);
        }
    }

    private final Logger log;
    private final String name;
    private final VideoChannels video;
    private final double fps;
    private final TrackIds trackIds;
    private final Warehouse<P> warehouse;
    private final StructureSurveillanceService.Listener settingListener = this::settingChanged;
    private final Map<Integer, Worker> workers = new TreeMap<>();
    private final List<AlarmEventSink> sinks = new CopyOnWriteArrayList<>();
    private volatile StructureSurveillanceService structures;
    private boolean active = true;

    /**
     * @param log the warehouse's logger (start, stop and failure lines go there)
     * @param name the warehouse's short name: log prefix and worker thread name {@code megbox-<name>-<videoNo>}
     * @param fps the rate the channels' frames are subscribed at (the descriptor's alg_frame_rate)
     * @param trackIds the warehouse's track ids, shared by its channels: the box's
     *        {@link TrackIdService#ids(TrackIdRange)} (engine API 1.4)
     */
    public CaptureChannels(Logger log, String name, VideoChannels video, double fps, TrackIds trackIds,
            Warehouse<P> warehouse) {
        this.log = log;
        this.name = name;
        this.video = video;
        this.fps = fps;
        this.trackIds = trackIds;
        this.warehouse = warehouse;
    }

    /**
     * With in-memory track ids counting up after {@code idBase}, shared by the channels while this object lives
     * (they start again with a new one; tests).
     */
    public CaptureChannels(Logger log, String name, VideoChannels video, double fps, long idBase,
            Warehouse<P> warehouse) {
        this(log, name, video, fps, TrackIds.counting(idBase + 1), warehouse);
    }

    // ---- the sinks

    public void addSink(AlarmEventSink sink) {
        sinks.add(sink);
    }

    public void removeSink(AlarmEventSink sink) {
        sinks.remove(sink);
    }

    /** Hands a capture's event and its frame to every sink; a sink that fails is logged, the others still get it. */
    public void publish(AlarmEvent event, Frame frame) {
        if (sinks.isEmpty()) {
            log.debug("{}: no AlarmEventSink: {}", name, event);
        }
        for (AlarmEventSink s : sinks) {
            try {
                s.accept(event, frame);
            } catch (RuntimeException ex) {
                log.warn("AlarmEventSink {} failed", s, ex);
            }
        }
    }

    /** An event's target points for a capture box: its corners clockwise from the top left. */
    public static List<Point> corners(Box b) {
        return List.of(new Point(b.x1(), b.y1()), new Point(b.x2(), b.y1()), new Point(b.x2(), b.y2()),
                new Point(b.x1(), b.y2()));
    }

    // ---- the §20.1 settings

    /** The §20.1 settings appeared: from now on they decide for the channels they hold one for. */
    public void bind(StructureSurveillanceService service) {
        structures = service;
        service.addListener(settingListener);
        video.channels().forEach(c -> settingChanged(c.videoNo()));
    }

    /** The §20.1 settings went away: every channel follows its §7 switch again. */
    public void unbind(StructureSurveillanceService service) {
        service.removeListener(settingListener);
        if (structures == service) {
            structures = null;
        }
        video.channels().forEach(c -> settingChanged(c.videoNo()));
    }

    /** The channel's §20.1 setting; empty without one (or without the service). */
    public Optional<StructureSurveillance> setting(int videoNo) {
        StructureSurveillanceService s = structures;
        return s == null ? Optional.empty() : s.get(videoNo);
    }

    /** Whether the channel captures: its §20.1 setting when there is one, else the §7 switch. */
    public boolean wanted(int videoNo, boolean channelSwitch) {
        Optional<StructureSurveillance> s = setting(videoNo);
        return s.isEmpty() ? channelSwitch : warehouse.wants(s.get());
    }

    private void settingChanged(int videoNo) {
        Optional<VideoChannel> c = video.channel(videoNo);
        reconcile(videoNo, c.isPresent() && wanted(videoNo, c.get().surveillanceEnabled()));
    }

    // ---- channels

    @Override
    public void channelAdded(VideoChannel channel) {
        reconcile(channel.videoNo(), wanted(channel.videoNo(), channel.surveillanceEnabled()));
    }

    @Override
    public void channelUpdated(VideoChannel previous, VideoChannel current) {
        reconcile(current.videoNo(), wanted(current.videoNo(), current.surveillanceEnabled()));
    }

    @Override
    public void channelRemoved(VideoChannel channel) {
        reconcile(channel.videoNo(), false);
    }

    @Override
    public void trackReset(int videoNo) {
        Worker w;
        synchronized (this) {
            w = workers.get(videoNo);
        }
        if (w != null) {
            w.reset.set(true);
        }
    }

    /** Whether the channel has a capture worker. */
    public synchronized boolean capturing(int videoNo) {
        return workers.containsKey(videoNo);
    }

    /** Stops every worker (their open tracks are delivered) and starts no more. */
    public void close() {
        List<Worker> stopping;
        synchronized (this) {
            active = false;
            stopping = List.copyOf(workers.values());
            workers.clear();
        }
        stopping.forEach(Worker::shutdown);
    }

    /** Starts or stops the channel's capture worker. */
    private synchronized void reconcile(int videoNo, boolean on) {
        Worker w = workers.get(videoNo);
        if (on && w == null && active) {
            FrameAnalysis<P> analysis;
            try {
                analysis = warehouse.open(videoNo);
            } catch (RuntimeException e) {
                log.warn("{}: channel {}: no capture: {}", name, videoNo, e.getMessage());
                return;
            }
            w = new Worker(videoNo, analysis);
            workers.put(videoNo, w);
            w.start();
            log.info("{}: channel {}: capturing {}", name, videoNo, warehouse.capturing());
        } else if (!on && w != null) {
            workers.remove(videoNo);
            w.shutdown();
            log.info("{}: channel {}: capture stopped", name, videoNo);
        }
    }

    /** One channel: its own subscription and thread, tracker, captures. */
    private final class Worker extends Thread {
        final int videoNo;
        final FrameAnalysis<P> analysis;
        final FrameSubscription subscription;
        final AtomicBoolean reset = new AtomicBoolean();
        volatile boolean running = true;

        Worker(int videoNo, FrameAnalysis<P> analysis) {
            super("megbox-" + name + "-" + videoNo);
            setDaemon(true);
            this.videoNo = videoNo;
            this.analysis = analysis;
            this.subscription = video.subscribe(videoNo, fps);
        }

        @Override
        public void run() {
            CaptureTracker<P> tracker = new CaptureTracker<>(trackIds);
            long last = -1;
            boolean failing = false;
            try {
                while (running) {
                    Frame frame = subscription.awaitNewer(last, Duration.ofSeconds(1));
                    if (reset.getAndSet(false)) {
                        tracker.flush().forEach(warehouse::deliver);
                        tracker = new CaptureTracker<>(trackIds);
                    }
                    if (frame == null) {
                        continue;
                    }
                    last = frame.frameId();
                    Sightings<P> found;
                    try {
                        found = analysis.analyse(frame);
                        failing = false;
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        if (!failing) {
                            log.warn("{}: channel {}: analysis failed", name, videoNo, e);
                            failing = true;
                        }
                        continue;
                    }
                    tracker.update(frame, found.detections(), found.payloads()).forEach(warehouse::deliver);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                tracker.flush().forEach(warehouse::deliver);
            }
        }

        void shutdown() {
            running = false;
            subscription.close(); // a waiting awaitNewer returns null
            try {
                join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
