package org.megbox.wsserver.internal;

import java.util.function.LongSupplier;

/** §23.1.2 ping-pong: the connection is dead when no pong came for the limit (10 s) since the last one or the open. */
final class LivenessWatch {

    private final LongSupplier clockMillis;
    private final long limitMillis;
    private volatile long lastPongMillis;

    LivenessWatch(LongSupplier clockMillis, long limitMillis) {
        this.clockMillis = clockMillis;
        this.limitMillis = limitMillis;
        this.lastPongMillis = clockMillis.getAsLong();
    }

    void pong() {
        lastPongMillis = clockMillis.getAsLong();
    }

    boolean dead() {
        return clockMillis.getAsLong() - lastPongMillis > limitMillis;
    }
}
