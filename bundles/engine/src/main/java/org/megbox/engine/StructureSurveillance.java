package org.megbox.engine;

import java.util.List;

/**
 * A channel's §20.1 structuring surveillance setting ({@code POST /structures/{videoNo}/surveillances}) as far as an
 * analyser needs it.
 *
 * @param videoNo the channel
 * @param surveillanceEnabled the setting's switch
 * @param surveillanceType 0 face mode, 1 structured mode
 * @param detectTargetList the targets of the active mode in the spec's names ({@code face}, {@code human},
 *                         {@code motorVehicle}, {@code nonMotorVehicle}, {@code plate})
 */
public record StructureSurveillance(int videoNo, boolean surveillanceEnabled, int surveillanceType,
        List<String> detectTargetList) {

    public StructureSurveillance {
        detectTargetList = List.copyOf(detectTargetList);
    }

    /** Whether the setting is on and names {@code target} (a spec name). */
    public boolean detects(String target) {
        return surveillanceEnabled && detectTargetList.contains(target);
    }
}
