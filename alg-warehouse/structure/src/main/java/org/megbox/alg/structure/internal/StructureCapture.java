package org.megbox.alg.structure.internal;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.engine.AlarmEventSink;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.StructureSurveillanceService;
import org.megbox.inference.detect.CocoDetector;
import org.megbox.video.FrameSubscription;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannelListener;
import org.megbox.video.VideoChannels;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Structure captures (alg_type 1, spec §20): on every channel whose structuring surveillance is on (§7
 * {@code PUT /videos/{videoNo}/surveillances}, {@code surveillanceEnabled}), persons, cars and cycles are detected by
 * the COCO detector shipped in this bundle (NanoDet; the same model bytes as the perimeter warehouse's, so
 * InferenceEngineService shares one session), tracked, and each track yields <b>one</b> capture — its best-scoring
 * frame — handed to every {@link AlarmEventSink} as an {@link AlarmEvent} with {@code algType} 1, event type
 * {@value #EVENT_TYPE} and the target type {@code person}/{@code car}/{@code cycle}, which the events bundle stores
 * and lists under §20 {@code GET /captures/human|vehicle|cycle}.
 *
 * <p>When the engine holds a §20.1 setting for the channel ({@code POST /structures/{videoNo}/surveillances}, read
 * through the optional {@link StructureSurveillanceService}), that setting decides instead of the §7 switch: the
 * channel captures while the setting is on and names at least one target this component produces, and only those
 * targets ({@code human} → person, {@code motorVehicle} → car, {@code nonMotorVehicle} → cycle; {@code face} and
 * {@code plate} have no detector here). A channel without a §20.1 setting keeps following its §7 switch.
 *
 * <p>Coupling kept low: this component subscribes to the channel's frames itself (the video bundle shares one decoder
 * per channel among subscribers); it needs no change in the rule engine. Cost: when a channel also runs perimeter
 * rules, the detector runs twice per analysed frame (once here, once for the rules).
 */
@Component(immediate = true, service = VideoChannelListener.class)
public final class StructureCapture implements VideoChannelListener {

    private static final Logger LOG = LoggerFactory.getLogger(StructureCapture.class);

    static final CocoDetector.Model MODEL = CocoDetector.Model.NANODET;
    /** The descriptor's alg_frame_rate. */
    static final double FPS = 10.0;
    static final int ALG_TYPE = 1;
    static final String EVENT_TYPE = "capture";

    private final VideoChannels video;
    private final InferenceEngineService inference;
    private final URL model;
    private final List<AlarmEventSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<Integer, Worker> workers = new TreeMap<>();
    private final AtomicLong captures = new AtomicLong();
    private final StructureSurveillanceService.Listener settingListener = this::settingChanged;
    private volatile StructureSurveillanceService structures;
    private CocoDetector detector;
    private boolean active = true;

    @Activate
    public StructureCapture(@Reference VideoChannels video, @Reference InferenceEngineService inference,
            BundleContext context) {
        this(video, inference, context.getBundle().getEntry(MODEL.resource()));
    }

    StructureCapture(VideoChannels video, InferenceEngineService inference, URL model) {
        this.video = video;
        this.inference = inference;
        this.model = model;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(AlarmEventSink sink) {
        sinks.add(sink);
    }

    void removeSink(AlarmEventSink sink) {
        sinks.remove(sink);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setStructures(StructureSurveillanceService service) {
        structures = service;
        service.addListener(settingListener);
        video.channels().forEach(c -> settingChanged(c.videoNo()));
    }

    void unsetStructures(StructureSurveillanceService service) {
        service.removeListener(settingListener);
        if (structures == service) {
            structures = null;
        }
        video.channels().forEach(c -> settingChanged(c.videoNo()));
    }

    // ---- the §20.1 setting

    /** The spec's target name for a target type of this component. */
    static String specTarget(String targetType) {
        return switch (targetType) {
            case "person" -> "human";
            case "car" -> "motorVehicle";
            case "cycle" -> "nonMotorVehicle";
            default -> targetType;
        };
    }

    private Optional<StructureSurveillance> setting(int videoNo) {
        StructureSurveillanceService s = structures;
        return s == null ? Optional.empty() : s.get(videoNo);
    }

    /** Whether the channel captures: its §20.1 setting when there is one, else the §7 switch. */
    boolean wanted(int videoNo, boolean channelSwitch) {
        Optional<StructureSurveillance> s = setting(videoNo);
        if (s.isEmpty()) {
            return channelSwitch;
        }
        return s.get().detects("human") || s.get().detects("motorVehicle") || s.get().detects("nonMotorVehicle");
    }

    /** Whether a capture of {@code targetType} is handed on (always without a §20.1 setting). */
    boolean wantedTarget(int videoNo, String targetType) {
        Optional<StructureSurveillance> s = setting(videoNo);
        return s.isEmpty() || s.get().detects(specTarget(targetType));
    }

    void settingChanged(int videoNo) {
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

    /** Starts or stops the channel's capture worker. */
    synchronized void reconcile(int videoNo, boolean on) {
        Worker w = workers.get(videoNo);
        if (on && w == null && active) {
            CocoDetector d;
            try {
                d = detector();
            } catch (RuntimeException e) {
                LOG.warn("structure: channel {}: no capture: {}", videoNo, e.getMessage());
                return;
            }
            w = new Worker(videoNo, d);
            workers.put(videoNo, w);
            w.start();
            LOG.info("structure: channel {}: capturing persons, cars and cycles at {} fps", videoNo, FPS);
        } else if (!on && w != null) {
            workers.remove(videoNo);
            w.shutdown();
            LOG.info("structure: channel {}: capture stopped", videoNo);
        }
    }

    synchronized CocoDetector detector() {
        if (detector == null) {
            if (model == null) {
                throw new IllegalStateException("the structure bundle ships no " + MODEL.resource());
            }
            try {
                detector = CocoDetector.open(inference, MODEL, model, CocoDetector.Settings.defaults(MODEL));
            } catch (InferenceException e) {
                throw new IllegalStateException("cannot load " + MODEL.resource() + ": " + e.getMessage(), e);
            }
        }
        return detector;
    }

    /** Captures handed to the sinks so far. */
    long captures() {
        return captures.get();
    }

    synchronized boolean capturing(int videoNo) {
        return workers.containsKey(videoNo);
    }

    @Deactivate
    void deactivate() {
        List<Worker> stopping;
        synchronized (this) {
            active = false;
            stopping = List.copyOf(workers.values());
            workers.clear();
        }
        stopping.forEach(Worker::shutdown);
        synchronized (this) {
            if (detector != null) {
                detector.close();
                detector = null;
            }
        }
    }

    void deliver(CaptureTracker.Capture<Void> c) {
        Frame f = c.frame();
        if (!wantedTarget(f.videoNo(), c.targetType())) {
            return;
        }
        long millis = f.recvTimestampMillis() > 0 ? f.recvTimestampMillis() : f.ptsMillis();
        AlarmEvent e = new AlarmEvent(f.videoNo(), ALG_TYPE, EVENT_TYPE, 0, "", 0, c.targetType(), c.trackId(),
                corners(c.box()), f.frameId(), millis);
        captures.incrementAndGet();
        if (sinks.isEmpty()) {
            LOG.debug("structure: no AlarmEventSink: {}", e);
        }
        for (AlarmEventSink s : sinks) {
            try {
                s.accept(e, f);
            } catch (RuntimeException ex) {
                LOG.warn("AlarmEventSink {} failed", s, ex);
            }
        }
    }

    static List<Point> corners(Box b) {
        return List.of(new Point(b.x1(), b.y1()), new Point(b.x2(), b.y1()), new Point(b.x2(), b.y2()),
                new Point(b.x1(), b.y2()));
    }

    /** One channel: its own subscription and thread, detector, tracker, captures. */
    private final class Worker extends Thread {
        final int videoNo;
        final CocoDetector detector;
        final FrameSubscription subscription;
        final AtomicBoolean reset = new AtomicBoolean();
        volatile boolean running = true;

        Worker(int videoNo, CocoDetector detector) {
            super("megbox-structure-" + videoNo);
            setDaemon(true);
            this.videoNo = videoNo;
            this.detector = detector;
            this.subscription = video.subscribe(videoNo, FPS);
        }

        @Override
        public void run() {
            CaptureTracker<Void> tracker = new CaptureTracker<>();
            long last = -1;
            boolean failing = false;
            try {
                while (running) {
                    Frame frame = subscription.awaitNewer(last, Duration.ofSeconds(1));
                    if (reset.getAndSet(false)) {
                        tracker.flush().forEach(StructureCapture.this::deliver);
                        tracker = new CaptureTracker<>();
                    }
                    if (frame == null) {
                        continue;
                    }
                    last = frame.frameId();
                    List<Detection> detections;
                    try {
                        detections = detector.detect(frame);
                        failing = false;
                    } catch (InferenceException | RuntimeException e) {
                        if (!failing) {
                            LOG.warn("structure: channel {}: detector failed", videoNo, e);
                            failing = true;
                        }
                        continue;
                    }
                    tracker.update(frame, detections).forEach(StructureCapture.this::deliver);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                tracker.flush().forEach(StructureCapture.this::deliver);
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
