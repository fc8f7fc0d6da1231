package org.megbox.alg.face.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.event.CapturedFace;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.api.geometry.Box;
import org.megbox.api.warehouse.TargetType;
import org.megbox.engine.AlarmEventSink;
import org.megbox.engine.CaptureChannels;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.FaceGroupBinding;
import org.megbox.engine.GlobalStranger;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.StructureSurveillanceService;
import org.megbox.engine.TrackIdRange;
import org.megbox.engine.TrackIdService;
import org.megbox.engine.TrackIds;
import org.megbox.video.FaceSurveillance;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannelListener;
import org.megbox.video.VideoChannels;
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
 * Face captures (alg_type 0, spec §9 and §20.2.1) and recognition against the channel's bound face groups (§8).
 *
 * <p>On every channel whose setting asks for faces — its §20.1 setting ({@code POST /structures/{videoNo}/surveillances},
 * read through the engine's optional {@link StructureSurveillanceService}) names the target {@code face}; a channel
 * without a §20.1 setting follows its §7 surveillance switch ({@code PUT /videos/{videoNo}/surveillances}
 * {@code surveillanceEnabled}, the face surveillance of §7) — this component subscribes to the channel's frames at
 * the descriptor's alg_frame_rate, runs the box's {@link FaceAnalysisService} (detection, quality gates, descriptor,
 * age and gender), follows every face with the engine's {@link CaptureTracker} and, when a face's track ends, hands
 * <b>one</b> capture — its best-quality frame and the face box — to every {@link AlarmEventSink} as an
 * {@link AlarmEvent} with {@code algType} 0, event type {@value #EVENT_TYPE}, target type {@code face} and a
 * {@link CapturedFace}. Only faces whose best sighting passed the pipeline's quality gates become captures (the
 * spec's default high-quality capture mode; blurred, tiny or turned-away faces are not captures).
 *
 * <p>Each capture is compared ({@link Recognition}) with the face groups bound to the channel — by its §20.1
 * face-mode setting when it has one, else by its §7 surveillance ({@link VideoChannels#faceSurveillance}) — through
 * the face library ({@link Recognizer}, present only while the faces bundle is): a match at or above a group's
 * {@code searchThresholdHigh} makes the capture an alert carrying faceToken, imageId, searchScore and alertGroup; the
 * global stranger setting makes an unknown face a stranger alert. Without the faces bundle faces are still captured,
 * just not recognised.
 *
 * <p>Anti-spoofing: when the same setting asks for liveness (§20.1 {@code faces.livenessEnabled} with its
 * {@code livenessThreshold}; §7 {@code livenessThreshold} above 0), the capture's face is checked by the
 * {@link LivenessCheck} models and gets a {@code livenessScore}; a score below the threshold is a non-live face:
 * the capture is kept, with its matches, but raises no alert and is no stranger ({@link Recognition#withLiveness}).
 */
@Component(immediate = true, service = VideoChannelListener.class)
public final class FaceCapture implements VideoChannelListener {

    private static final Logger LOG = LoggerFactory.getLogger(FaceCapture.class);

    /** The descriptor's alg_frame_rate. */
    static final double FPS = 10.0;
    static final int ALG_TYPE = 0;
    static final String EVENT_TYPE = "capture";
    static final String FACE = TargetType.FACE.wireName();

    private final VideoChannels video;
    private final FaceAnalysisService analysis;
    private final AtomicLong captures = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final CaptureChannels<FaceSighting> channels;
    private volatile Recognizer recognizer;
    private volatile LivenessCheck liveness;
    private volatile ZoneId zone = ZoneId.systemDefault();

    /**
     * Face track ids come from the box's §23.4 {@link TrackIdRange#FACE} range: unique across channels, increasing
     * across restarts.
     */
    @Activate
    public FaceCapture(@Reference VideoChannels video, @Reference FaceAnalysisService analysis,
            @Reference TrackIdService trackIds) {
        this(video, analysis, trackIds.ids(TrackIdRange.FACE));
    }

    /** With in-memory ids from the start of the face range (tests). */
    FaceCapture(VideoChannels video, FaceAnalysisService analysis) {
        this(video, analysis, TrackIds.counting(TrackIdRange.FACE.first()));
    }

    FaceCapture(VideoChannels video, FaceAnalysisService analysis, TrackIds trackIds) {
        this.video = video;
        this.analysis = analysis;
        this.channels = new CaptureChannels<>(LOG, "face", video, FPS, trackIds, new Warehouse());
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
    void setRecognizer(Recognizer r) {
        recognizer = r;
    }

    void unsetRecognizer(Recognizer r) {
        if (recognizer == r) {
            recognizer = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLiveness(LivenessCheck l) {
        liveness = l;
    }

    void unsetLiveness(LivenessCheck l) {
        if (liveness == l) {
            liveness = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setStructures(StructureSurveillanceService service) {
        channels.bind(service);
    }

    void unsetStructures(StructureSurveillanceService service) {
        channels.unbind(service);
    }

    /** Tests pin the zone the bindings' HHMMSS windows are read in. */
    void zone(ZoneId z) {
        zone = z;
    }

    // ---- the settings

    /** What recognition and anti-spoofing use on a channel: from its §20.1 setting, or else from its §7 one. */
    record FaceSetting(List<FaceGroupBinding> groups, Optional<GlobalStranger> globalStranger,
            double livenessThreshold) {
    }

    FaceSetting faceSetting(int videoNo) {
        Optional<StructureSurveillance> s = channels.setting(videoNo);
        if (s.isPresent()) {
            return new FaceSetting(s.get().groups(), s.get().globalStranger(), s.get().livenessThreshold());
        }
        Optional<FaceSurveillance> v = video.faceSurveillance(videoNo);
        if (v.isEmpty()) {
            return new FaceSetting(List.of(), Optional.empty(), 0);
        }
        List<FaceGroupBinding> groups = v.get().group().stream().map(g -> new FaceGroupBinding(g.groupName(),
                g.startTime(), g.endTime(), g.searchThresholdHigh(), g.searchThresholdLow())).toList();
        Optional<GlobalStranger> stranger = v.get().enabledStranger().map(g -> new GlobalStranger(g.enable(),
                g.searchThresholdLow(), g.startTime(), g.endTime()));
        return new FaceSetting(groups, stranger, v.get().livenessThreshold());
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

    boolean capturing(int videoNo) {
        return channels.capturing(videoNo);
    }

    /** Captures handed to the sinks so far. */
    long captures() {
        return captures.get();
    }

    /** Of those, alerts (a bound group matched, or a stranger). */
    long alerts() {
        return alerts.get();
    }

    @Deactivate
    void deactivate() {
        channels.close();
    }

    // ---- one frame, one capture

    /** The faces of one analysed frame as tracker input: normalised boxes ranked by capture quality. */
    static List<Detection> detections(Frame frame, List<AnalyzedFace> faces) {
        List<Detection> out = new ArrayList<>(faces.size());
        for (AnalyzedFace f : faces) {
            Box b = f.face().box();
            Box n = new Box(b.x1() / frame.width(), b.y1() / frame.height(), b.x2() / frame.width(),
                    b.y2() / frame.height());
            out.add(new Detection(FACE, FaceSighting.rank(f), n));
        }
        return out;
    }

    void deliver(CaptureTracker.Capture<FaceSighting> c) {
        FaceSighting sighting = c.payload();
        if (sighting == null || sighting.descriptor().isEmpty()) {
            return; // its best sighting failed the quality gates: no capture
        }
        Frame f = c.frame();
        long millis = f.recvTimestampMillis() > 0 ? f.recvTimestampMillis() : f.ptsMillis();
        FaceSetting s = faceSetting(f.videoNo());
        List<FaceGroupBinding> bindings = s.groups();
        Optional<GlobalStranger> stranger = s.globalStranger();
        LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(millis), zone);
        CapturedFace face;
        try {
            face = Recognition.recognise(sighting, bindings, stranger, time, recognizer, analysis.embedderId());
        } catch (RuntimeException e) {
            // the library failing must not lose the capture
            LOG.warn("face: channel {}: recognition failed: {}", f.videoNo(), e.toString());
            face = Recognition.recognise(sighting, List.of(), Optional.empty(), time, null, analysis.embedderId());
        }
        if (s.livenessThreshold() > 0) {
            face = checkLiveness(f, sighting, face, s.livenessThreshold());
        }
        face = face.seen(c.firstSeenMillis(), c.lastSeenMillis());
        AlarmEvent e = new AlarmEvent(f.videoNo(), ALG_TYPE, EVENT_TYPE, 0, "", 0, FACE, c.trackId(),
                CaptureChannels.corners(c.box()), f.frameId(), millis, face);
        captures.incrementAndGet();
        if (face.alert() || face.stranger()) {
            alerts.incrementAndGet();
        }
        channels.publish(e, f);
    }

    /** The face with its liveness score and verdict; unchanged (no score) when no check is available or it fails. */
    private CapturedFace checkLiveness(Frame f, FaceSighting sighting, CapturedFace face, double threshold) {
        LivenessCheck check = liveness;
        if (check == null || sighting.face() == null) {
            return face;
        }
        try {
            LivenessCheck.Verdict v = check.check(f, sighting.face());
            LOG.debug("face: channel {}: liveness {} (antispoof {}, liveness {})", f.videoNo(), v.score(), v.real(),
                    v.live());
            return Recognition.withLiveness(face, v.score(), threshold);
        } catch (RuntimeException e) {
            LOG.warn("face: channel {}: liveness check failed: {}", f.videoNo(), e.toString());
            return face;
        }
    }

    /** This warehouse's part of the channel workers: the face analysis and what a sighting keeps. */
    private final class Warehouse implements CaptureChannels.Warehouse<FaceSighting> {

        @Override
        public boolean wants(StructureSurveillance setting) {
            return setting.detects(FACE);
        }

        @Override
        public CaptureChannels.FrameAnalysis<FaceSighting> open(int videoNo) {
            return frame -> {
                List<AnalyzedFace> faces = analysis.analyze(frame);
                List<FaceSighting> sightings = faces.stream().map(FaceSighting::of).toList();
                return new CaptureChannels.Sightings<>(detections(frame, faces), sightings);
            };
        }

        @Override
        public void deliver(CaptureTracker.Capture<FaceSighting> capture) {
            FaceCapture.this.deliver(capture);
        }

        @Override
        public String capturing() {
            return "faces at " + FPS + " fps (" + analysis.embedderId() + ")";
        }
    }
}
