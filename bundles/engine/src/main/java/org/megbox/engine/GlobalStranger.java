package org.megbox.engine;

import java.time.LocalTime;

/**
 * The global stranger setting (§7 / §20.1 {@code globalStranger}): while enabled and inside its window, a captured
 * face whose best score in every bound group is below {@code searchThresholdLow} is reported as a stranger.
 */
public record GlobalStranger(boolean enable, double searchThresholdLow, String startTime, String endTime) {

    public GlobalStranger {
        startTime = startTime == null ? "000000" : startTime;
        endTime = endTime == null ? "000000" : endTime;
    }

    public boolean activeAt(LocalTime time) {
        return enable && FaceGroupBinding.windowContains(startTime, endTime, time);
    }
}
