package org.megbox.config;

import java.util.Objects;

/** The device-wide common parameters of {@code POST/GET /configs}: an immutable snapshot. */
public record DeviceConfig(ModelSwitches modelSw, FunctionModules funcModule) {

    public DeviceConfig {
        Objects.requireNonNull(modelSw, "modelSw");
        Objects.requireNonNull(funcModule, "funcModule");
    }

    /**
     * Whether going from {@code previous} to {@code next} re-initialises the device: the spec says a
     * change of {@code workMode} or {@code libMode} clears the whole face library, group bindings and
     * the surveillance settings tied to the library (L577–583, L626–628).
     */
    public static boolean reinitialises(DeviceConfig previous, DeviceConfig next) {
        return previous.modelSw().workMode() != next.modelSw().workMode()
                || previous.modelSw().libMode() != next.modelSw().libMode();
    }
}
