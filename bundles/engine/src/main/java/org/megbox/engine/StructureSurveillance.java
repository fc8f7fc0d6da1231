package org.megbox.engine;

import java.util.List;
import java.util.Optional;

/**
 * A channel's §20.1 structuring surveillance setting ({@code POST /structures/{videoNo}/surveillances}) as far as an
 * analyser needs it.
 *
 * @param videoNo the channel
 * @param surveillanceEnabled the setting's switch
 * @param surveillanceType 0 face mode, 1 structured mode
 * @param detectTargetList the targets of the active mode in the spec's names ({@code face}, {@code human},
 *                         {@code motorVehicle}, {@code nonMotorVehicle}, {@code plate})
 * @param groups (since 1.2) the face groups bound in face mode ({@code faces.group[]}), empty otherwise
 * @param globalStranger (since 1.2) {@code faces.globalStranger}, empty when not sent or not in face mode
 * @param livenessThreshold (since 1.2) {@code faces.livenessThreshold} when {@code faces.livenessEnabled}, else 0
 */
public record StructureSurveillance(int videoNo, boolean surveillanceEnabled, int surveillanceType,
        List<String> detectTargetList, List<FaceGroupBinding> groups, Optional<GlobalStranger> globalStranger,
        double livenessThreshold) {

    public StructureSurveillance {
        detectTargetList = List.copyOf(detectTargetList);
        groups = groups == null ? List.of() : List.copyOf(groups);
        globalStranger = globalStranger == null ? Optional.empty() : globalStranger;
    }

    /** A setting without face recognition parameters. */
    public StructureSurveillance(int videoNo, boolean surveillanceEnabled, int surveillanceType,
            List<String> detectTargetList) {
        this(videoNo, surveillanceEnabled, surveillanceType, detectTargetList, List.of(), Optional.empty(), 0);
    }

    /** Whether the setting is on and names {@code target} (a spec name). */
    public boolean detects(String target) {
        return surveillanceEnabled && detectTargetList.contains(target);
    }
}
