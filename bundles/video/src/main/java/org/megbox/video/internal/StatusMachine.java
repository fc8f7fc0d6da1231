package org.megbox.video.internal;

import java.util.function.BiConsumer;
import org.megbox.video.ConnectionStatus;

/**
 * A channel's connection status: {@code CONNECTED} only while frames arrive. The decoder reports what it
 * sees ({@link #frame}, {@link #failed}); reopening a source changes nothing by itself (a file that loops
 * reopens without the status flickering, a failed source stays failed until frames really arrive); {@link #checkStall} (run periodically and by the
 * decoder) turns a connection whose last frame is older than the stall limit into {@code CONNECT_FAILED},
 * whether or not the decoder is still blocked in a read. Thread-safe; the listener is called outside no lock
 * but in order for one machine, on the thread that caused the change.
 */
final class StatusMachine {

    private final long stallMillis;
    private final BiConsumer<ConnectionStatus, ConnectionStatus> onChange;
    private ConnectionStatus status = ConnectionStatus.CONNECTING;
    private long lastFrameMillis;

    StatusMachine(long stallMillis, BiConsumer<ConnectionStatus, ConnectionStatus> onChange) {
        this.stallMillis = stallMillis;
        this.onChange = onChange;
    }

    synchronized ConnectionStatus status() {
        return status;
    }

    synchronized long lastFrameMillis() {
        return lastFrameMillis;
    }

    /** A frame was decoded at {@code nowMillis}. */
    void frame(long nowMillis) {
        ConnectionStatus before;
        synchronized (this) {
            lastFrameMillis = nowMillis;
            before = status;
            if (before == ConnectionStatus.CONNECTED) {
                return;
            }
            status = ConnectionStatus.CONNECTED;
        }
        onChange.accept(before, ConnectionStatus.CONNECTED);
    }

    /** Opening or reading failed for the given reason. */
    void failed(ConnectionStatus reason) {
        if (reason == ConnectionStatus.CONNECTED || reason == ConnectionStatus.CONNECTING) {
            throw new IllegalArgumentException("not a failure: " + reason);
        }
        change(s -> reason);
    }

    /** CONNECTED with no frame for longer than the stall limit becomes CONNECT_FAILED; CONNECTING likewise
     *  once {@code sinceMillis} (when opening began) is that old. */
    void checkStall(long nowMillis, long openingSinceMillis) {
        change(s -> {
            if (s == ConnectionStatus.CONNECTED && nowMillis - lastFrameMillis > stallMillis) {
                return ConnectionStatus.CONNECT_FAILED;
            }
            if (s == ConnectionStatus.CONNECTING && openingSinceMillis > 0
                    && nowMillis - openingSinceMillis > stallMillis) {
                return ConnectionStatus.CONNECT_FAILED;
            }
            return s;
        });
    }

    private void change(java.util.function.UnaryOperator<ConnectionStatus> f) {
        ConnectionStatus before;
        ConnectionStatus after;
        synchronized (this) {
            before = status;
            after = f.apply(before);
            if (after == before) {
                return;
            }
            status = after;
        }
        onChange.accept(before, after);
    }
}
