package org.megbox.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.megbox.api.analysis.Detection;
import org.megbox.engine.TrackIds;

/**
 * Keeps a stable {@code target_id} per object across the frames of one channel: predict every track with its
 * constant-velocity estimate (alpha-beta filter, a fixed-gain Kalman filter), associate detections of the same
 * target type greedily by IoU with the predicted boxes, correct matched tracks, start tentative tracks for the
 * rest. A track is reported (and gets its id) after {@code minHits} consecutive sightings and dies after
 * {@code maxMisses} frames without one, coasting on its prediction meanwhile (so an object briefly hidden keeps
 * its id). Ids come from a {@link TrackIds} (the box's §23.4 rules range, shared by every channel and
 * accumulating across restarts). Not thread-safe: one channel's frames are analysed one at a time.
 */
final class Tracker {

    static final int DEFAULT_MIN_HITS = 2;
    static final int DEFAULT_MAX_MISSES = 8;
    static final double DEFAULT_MIN_IOU = 0.1;

    private final int minHits;
    private final int maxMisses;
    private final double minIou;
    private final List<Track> tracks = new ArrayList<>();
    private final TrackIds ids;
    private long lastMillis = Long.MIN_VALUE;

    /** A tracker with ids from 1, in memory (tests). */
    Tracker() {
        this(TrackIds.counting(1));
    }

    Tracker(TrackIds ids) {
        this(DEFAULT_MIN_HITS, DEFAULT_MAX_MISSES, DEFAULT_MIN_IOU, ids);
    }

    /** With ids from 1, in memory (tests). */
    Tracker(int minHits, int maxMisses, double minIou) {
        this(minHits, maxMisses, minIou, TrackIds.counting(1));
    }

    Tracker(int minHits, int maxMisses, double minIou, TrackIds ids) {
        this.ids = ids;
        this.minHits = minHits;
        this.maxMisses = maxMisses;
        this.minIou = minIou;
    }

    private record Pair(Track track, int detection, double iou) {
    }

    /**
     * Advances to the frame taken at {@code millis} with its detections.
     *
     * @return the confirmed live tracks (seen in this frame or coasting), in id order
     */
    List<Track> update(long millis, List<Detection> detections) {
        double dt = lastMillis == Long.MIN_VALUE ? 0 : Math.max(0, millis - lastMillis) / 1000.0;
        lastMillis = millis;
        for (Track t : tracks) {
            t.predict(dt);
        }
        List<Pair> pairs = new ArrayList<>();
        for (Track t : tracks) {
            for (int i = 0; i < detections.size(); i++) {
                Detection d = detections.get(i);
                if (!d.targetType().equals(t.targetType())) {
                    continue;
                }
                double iou = Geometry.iou(t.estimate(), d.box());
                if (iou >= minIou) {
                    pairs.add(new Pair(t, i, iou));
                }
            }
        }
        // best overlaps first; confirmed tracks win ties over tentative ones
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed()
                .thenComparing(p -> p.track().confirmed() ? 0 : 1));
        boolean[] used = new boolean[detections.size()];
        List<Track> matched = new ArrayList<>();
        for (Pair p : pairs) {
            if (used[p.detection()] || matched.contains(p.track())) {
                continue;
            }
            used[p.detection()] = true;
            matched.add(p.track());
            Detection d = detections.get(p.detection());
            p.track().update(d.box(), d.score(), dt);
        }
        List<Track> next = new ArrayList<>();
        for (Track t : tracks) {
            if (!matched.contains(t)) {
                t.miss();
                // a tentative track must be seen in consecutive frames
                if (!t.confirmed() || t.misses > maxMisses) {
                    continue;
                }
            } else if (!t.confirmed() && t.hits >= minHits) {
                t.assignId(ids.next());
            }
            next.add(t);
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i]) {
                Detection d = detections.get(i);
                Track t = new Track(d.targetType(), d.box(), d.score());
                if (minHits <= 1) {
                    t.assignId(ids.next());
                }
                next.add(t);
            }
        }
        tracks.clear();
        tracks.addAll(next);
        return live();
    }

    /** The confirmed live tracks, in id order. */
    List<Track> live() {
        return tracks.stream().filter(Track::confirmed).sorted(Comparator.comparingLong(Track::id)).toList();
    }

    /** {@code trackReset}: forgets every track; ids continue from where they were, so no id is ever reused. */
    void reset() {
        tracks.clear();
        lastMillis = Long.MIN_VALUE;
    }
}
