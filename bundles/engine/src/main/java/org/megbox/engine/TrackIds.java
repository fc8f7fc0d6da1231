package org.megbox.engine;

import java.util.concurrent.atomic.AtomicLong;
import org.osgi.annotation.versioning.ConsumerType;

/** Hands out track ids, each once. Thread-safe: trackers of several channels may share one. (Engine API 1.4.) */
@ConsumerType
@FunctionalInterface
public interface TrackIds {

    /** The next id: larger than every id handed out before (until the range wraps around). */
    long next();

    /** Ids counting up from {@code first}, kept in memory only: they start again with every new object (tests). */
    static TrackIds counting(long first) {
        AtomicLong next = new AtomicLong(first);
        return next::getAndIncrement;
    }
}
