package org.megbox.video;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The face recognition settings of a channel's §7 surveillance ({@code PUT /videos/{videoNo}/surveillances}) as
 * committed: the bound face groups, the global stranger setting and the liveness threshold. Values as the client
 * sent them (validated), defaults where it sent none; the analyser decides what they mean.
 *
 * @param videoNo the channel
 * @param group the bound face groups ({@code group[]}, at most 20), in the order sent
 * @param globalStranger {@code globalStranger} (its defaults, switched off, until a client sets it)
 * @param livenessThreshold {@code livenessThreshold} 0..100 (the spec's suggested 60 until a client sets it)
 * @since 1.2
 */
public record FaceSurveillance(int videoNo, List<BoundGroup> group, GlobalStranger globalStranger,
        double livenessThreshold) {

    public FaceSurveillance {
        group = List.copyOf(group);
        Objects.requireNonNull(globalStranger, "globalStranger");
    }

    /** One {@code group[]} element; times {@code HHMMSS}, thresholds 0..100. */
    public record BoundGroup(String groupName, String startTime, String endTime, double searchThresholdHigh,
            double searchThresholdLow) {

        public BoundGroup {
            Objects.requireNonNull(groupName, "groupName");
        }
    }

    /** {@code globalStranger}; times {@code HHMMSS}, threshold 0..100. */
    public record GlobalStranger(boolean enable, double searchThresholdLow, String startTime, String endTime) {
    }

    /** The global stranger setting when it is switched on. */
    public Optional<GlobalStranger> enabledStranger() {
        return globalStranger.enable() ? Optional.of(globalStranger) : Optional.empty();
    }
}
