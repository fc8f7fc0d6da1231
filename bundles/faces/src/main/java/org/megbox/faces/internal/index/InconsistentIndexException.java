package org.megbox.faces.internal.index;

import java.io.IOException;

/** The files on disk are not one synced state (killed between a change and its sync, truncated, mixed). */
final class InconsistentIndexException extends IOException {
    private static final long serialVersionUID = 1L;

    InconsistentIndexException(String message) {
        super(message);
    }
}
