package org.megbox.engine;

import java.util.Optional;

/**
 * The stored §20.1 structuring surveillance settings of the box's channels. A setting is published only after it was
 * committed to the box database; listeners are told afterwards, on the writer's thread.
 */
public interface StructureSurveillanceService {

    /** The channel's setting, empty when none was ever posted for it. */
    Optional<StructureSurveillance> get(int videoNo);

    /** Told the channel number after a channel's setting changed. */
    @FunctionalInterface
    interface Listener {
        void changed(int videoNo);
    }

    void addListener(Listener listener);

    void removeListener(Listener listener);
}
