package org.megbox.engine;

/**
 * The §23.4 {@code trackId} ranges, one per kind of tracker, disjoint and all below 2^31 (clients may read ids as
 * 32-bit ints). Ids accumulate across restarts ({@link TrackIdService}); a range that is used up starts again at
 * its first id (at 1 000 tracks an hour the smallest range lasts 57 years). The rule engine's range starts above
 * the ids the box gave before engine API 1.4 (every start from 1, 1 000 001 and 3 000 001).
 */
public enum TrackIdRange {

    /** The rule engine's {@code target_id}s (§25.3/§25.4). */
    RULES(10_000_000L, 999_999_999L),
    /** The structure captures' {@code trackId}s (§20, §23). */
    STRUCTURE(1_000_000_000L, 1_499_999_999L),
    /** The face captures' {@code trackId}s (§9, §23). */
    FACE(1_500_000_000L, 1_999_999_999L);

    private final long first;
    private final long last;

    TrackIdRange(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /** The range's first id. */
    public long first() {
        return first;
    }

    /** The range's last id (inclusive). */
    public long last() {
        return last;
    }

    public boolean contains(long id) {
        return id >= first && id <= last;
    }
}
