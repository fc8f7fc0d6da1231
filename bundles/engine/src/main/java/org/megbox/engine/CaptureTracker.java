package org.megbox.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.geometry.Box;

/**
 * The capture tracker of one channel, shared by the capture warehouses (structure, face): greedy IoU association
 * per target type, a track is <em>confirmed</em> after {@link #MIN_HITS} sightings and ends after
 * {@link #MAX_MISSES} frames without one. Each track keeps the frame where its detection scored best (a private
 * copy of the pixels, in one buffer per track that is reused) together with that sighting's payload (what the
 * caller knows about it, e.g. a face descriptor; null when none is given); when a confirmed track ends it yields
 * exactly one {@link Capture}: its best frame, box and payload. Unconfirmed tracks (detector flicker) yield
 * nothing. At most {@link #MAX_TRACKS} live tracks (bounding the frame copies). Not thread-safe: one channel, one
 * thread. (Moved here from the structure warehouse in engine API 1.2.)
 *
 * @param <P> the payload kept with the best sighting
 */
public final class CaptureTracker<P> {

    public static final int MIN_HITS = 3;
    public static final int MAX_MISSES = 5;
    public static final int MAX_TRACKS = 24;
    public static final double MIN_IOU = 0.3;
    /** A new best must beat the kept one by this much to be copied (saves copying on jitter). */
    public static final float BETTER_BY = 0.02f;
    /**
     * The id base of {@link #CaptureTracker()}: in-memory ids, as every tracker had before engine API 1.4. The box's
     * warehouses take durable ids from {@link TrackIdService} instead ({@link TrackIdRange}).
     */
    public static final long ID_BASE = 1_000_000;

    /**
     * One capture: the best sighting of a finished track, with its payload, and when the track was first and last
     * seen (the frames' receive time, else their pts; milliseconds).
     */
    public record Capture<P>(long trackId, String targetType, float score, Box box, Frame frame, P payload,
            long firstSeenMillis, long lastSeenMillis) {

        /** A capture whose first and last sightings are its best frame's. */
        public Capture(long trackId, String targetType, float score, Box box, Frame frame, P payload) {
            this(trackId, targetType, score, box, frame, payload, millis(frame), millis(frame));
        }
    }

    static long millis(Frame f) {
        return f.recvTimestampMillis() > 0 ? f.recvTimestampMillis() : f.ptsMillis();
    }

    private static final class Track<P> {
        final long id;
        final String type;
        Box box;
        int hits;
        int misses;
        float bestScore = -1;
        Box bestBox;
        Frame bestFrame;
        P bestPayload;
        long firstSeen = Long.MIN_VALUE;
        long lastSeen;
        ByteBuffer pixels;

        Track(long id, String type) {
            this.id = id;
            this.type = type;
        }
    }

    private final List<Track<P>> tracks = new ArrayList<>();
    private final long idBase;
    private final TrackIds ids;

    public CaptureTracker() {
        this(ID_BASE);
    }

    /** A tracker whose track ids count up after {@code idBase}, in memory only (they start again with a new one). */
    public CaptureTracker(long idBase) {
        this.idBase = idBase;
        this.ids = TrackIds.counting(idBase + 1);
    }

    /** A tracker whose track ids come from {@code ids} (e.g. the box's durable range, shared by all channels). */
    public CaptureTracker(TrackIds ids) {
        this.idBase = 0;
        this.ids = ids;
    }

    /** The base given to {@link #CaptureTracker(long)}; 0 for a tracker on {@link TrackIds}. */
    public long idBase() {
        return idBase;
    }

    /** Feeds one frame's detections; returns the captures of tracks that ended with it. */
    public List<Capture<P>> update(Frame frame, List<Detection> detections) {
        return update(frame, detections, null);
    }

    /**
     * Feeds one frame's detections with one payload per detection (same order; {@code payloads} may be null);
     * returns the captures of tracks that ended with it.
     */
    public List<Capture<P>> update(Frame frame, List<Detection> detections, List<P> payloads) {
        if (payloads != null && payloads.size() != detections.size()) {
            throw new IllegalArgumentException(payloads.size() + " payloads for " + detections.size() + " detections");
        }
        boolean[] used = new boolean[detections.size()];
        for (Track<P> t : tracks) {
            int best = -1;
            double bestIou = MIN_IOU;
            for (int i = 0; i < detections.size(); i++) {
                Detection d = detections.get(i);
                if (!used[i] && d.targetType().equals(t.type)) {
                    double iou = iou(t.box, d.box());
                    if (iou >= bestIou) {
                        bestIou = iou;
                        best = i;
                    }
                }
            }
            if (best < 0) {
                t.misses++;
            } else {
                used[best] = true;
                see(t, detections.get(best), payloads == null ? null : payloads.get(best), frame);
            }
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i] && tracks.size() < MAX_TRACKS) {
                Track<P> t = new Track<>(ids.next(), detections.get(i).targetType());
                tracks.add(t);
                see(t, detections.get(i), payloads == null ? null : payloads.get(i), frame);
            }
        }
        List<Capture<P>> out = new ArrayList<>();
        for (Iterator<Track<P>> it = tracks.iterator(); it.hasNext();) {
            Track<P> t = it.next();
            if (t.misses > MAX_MISSES) {
                it.remove();
                capture(t, out);
            }
        }
        return out;
    }

    /** Ends every track (the channel stops or its trackers are reset): the confirmed ones are captured. */
    public List<Capture<P>> flush() {
        List<Capture<P>> out = new ArrayList<>();
        tracks.forEach(t -> capture(t, out));
        tracks.clear();
        return out;
    }

    /** Live tracks (confirmed or not). */
    public int live() {
        return tracks.size();
    }

    private static <P> void capture(Track<P> t, List<Capture<P>> out) {
        if (t.hits >= MIN_HITS && t.bestFrame != null) {
            out.add(new Capture<>(t.id, t.type, t.bestScore, t.bestBox, t.bestFrame, t.bestPayload, t.firstSeen,
                    t.lastSeen));
        }
    }

    private static <P> void see(Track<P> t, Detection d, P payload, Frame frame) {
        t.box = d.box();
        t.hits++;
        t.misses = 0;
        t.lastSeen = millis(frame);
        if (t.firstSeen == Long.MIN_VALUE) {
            t.firstSeen = t.lastSeen;
        }
        if (d.score() > t.bestScore + BETTER_BY) {
            t.bestScore = d.score();
            t.bestBox = d.box();
            t.bestPayload = payload;
            t.bestFrame = copy(frame, t);
        }
    }

    private static Frame copy(Frame f, Track<?> t) {
        int size = f.width() * f.height() * 3;
        if (t.pixels == null || t.pixels.capacity() < size) {
            t.pixels = ByteBuffer.allocate(size);
        }
        ByteBuffer src = f.bgr().duplicate();
        src.clear().limit(size);
        t.pixels.clear();
        t.pixels.put(src).flip();
        return new Frame(f.videoNo(), f.frameId(), f.ptsMillis(), f.recvTimestampMillis(), f.width(), f.height(),
                t.pixels.asReadOnlyBuffer());
    }

    /** Intersection over union of two boxes (0 when they do not overlap). */
    public static double iou(Box a, Box b) {
        double iw = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double ih = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / ((a.x2() - a.x1()) * (a.y2() - a.y1()) + (b.x2() - b.x1()) * (b.y2() - b.y1()) - inter);
    }
}
