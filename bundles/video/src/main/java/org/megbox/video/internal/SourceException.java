package org.megbox.video.internal;

import org.megbox.video.ConnectionStatus;

/** Opening or reading a source failed; {@link #reason()} is the status the channel reports for it. */
final class SourceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ConnectionStatus reason;

    SourceException(ConnectionStatus reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    ConnectionStatus reason() {
        return reason;
    }
}
