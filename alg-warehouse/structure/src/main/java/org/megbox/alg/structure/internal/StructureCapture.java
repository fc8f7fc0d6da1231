package org.megbox.alg.structure.internal;

import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.engine.AlarmEventSink;
import org.megbox.engine.CaptureChannels;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.StructureSurveillanceService;
import org.megbox.engine.TrackIdRange;
import org.megbox.engine.TrackIdService;
import org.megbox.engine.TrackIds;
import org.megbox.inference.detect.CocoDetector;
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

    private final InferenceEngineService inference;
    private final URL model;
    private final AtomicLong captures = new AtomicLong();
    private final CaptureChannels<Void> channels;
    private CocoDetector detector;

    /**
     * Track ids come from the box's §23.4 {@link TrackIdRange#STRUCTURE} range: unique across channels, increasing
     * across restarts.
     */
    @Activate
    public StructureCapture(@Reference VideoChannels video, @Reference InferenceEngineService inference,
            @Reference TrackIdService trackIds, BundleContext context) {
        this(video, inference, context.getBundle().getEntry(MODEL.resource()), trackIds.ids(TrackIdRange.STRUCTURE));
    }

    /** With in-memory ids from the start of the structure range (tests). */
    StructureCapture(VideoChannels video, InferenceEngineService inference, URL model) {
        this(video, inference, model, TrackIds.counting(TrackIdRange.STRUCTURE.first()));
    }

    StructureCapture(VideoChannels video, InferenceEngineService inference, URL model, TrackIds trackIds) {
        this.inference = inference;
        this.model = model;
        this.channels = new CaptureChannels<>(LOG, "structure", video, FPS, trackIds, new Warehouse());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(AlarmEventSink sink) {
        channels.addSink(sink);
    }

    void removeSink(AlarmEventSink sink) {
        channels.removeSink(sink);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setStructures(StructureSurveillanceService service) {
        channels.bind(service);
    }

    void unsetStructures(StructureSurveillanceService service) {
        channels.unbind(service);
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

    /** Whether a §20.1 setting names a target this component produces. */
    static boolean wants(StructureSurveillance s) {
        return s.detects("human") || s.detects("motorVehicle") || s.detects("nonMotorVehicle");
    }

    /** Whether a capture of {@code targetType} is handed on (always without a §20.1 setting). */
    boolean wantedTarget(int videoNo, String targetType) {
        Optional<StructureSurveillance> s = channels.setting(videoNo);
        return s.isEmpty() || s.get().detects(specTarget(targetType));
    }

    // ---- channels

    @Override
    public void channelAdded(VideoChannel channel) {
        channels.channelAdded(channel);
    }

    @Override
    public void channelUpdated(VideoChannel previous, VideoChannel current) {
        channels.channelUpdated(previous, current);
    }

    @Override
    public void channelRemoved(VideoChannel channel) {
        channels.channelRemoved(channel);
    }

    @Override
    public void trackReset(int videoNo) {
        channels.trackReset(videoNo);
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

    boolean capturing(int videoNo) {
        return channels.capturing(videoNo);
    }

    @Deactivate
    void deactivate() {
        channels.close();
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
                CaptureChannels.corners(c.box()), f.frameId(), millis);
        captures.incrementAndGet();
        channels.publish(e, f);
    }

    /** This warehouse's part of the channel workers: the COCO detector (one, shared by the channels). */
    private final class Warehouse implements CaptureChannels.Warehouse<Void> {

        @Override
        public boolean wants(StructureSurveillance setting) {
            return StructureCapture.wants(setting);
        }

        @Override
        public CaptureChannels.FrameAnalysis<Void> open(int videoNo) {
            CocoDetector d = detector();
            return frame -> CaptureChannels.Sightings.of(d.detect(frame));
        }

        @Override
        public void deliver(CaptureTracker.Capture<Void> capture) {
            StructureCapture.this.deliver(capture);
        }

        @Override
        public String capturing() {
            return "persons, cars and cycles at " + FPS + " fps";
        }
    }
}
