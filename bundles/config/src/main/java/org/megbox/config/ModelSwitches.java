package org.megbox.config;

import java.util.Objects;

/**
 * {@code modelSw}: the work-mode configuration of §3.1.1 (L549–642).
 *
 * @param libMode true: feature-based library import; false: photo-based (changing it re-initialises the device)
 * @param digestMode HTTP Digest authentication on
 * @param digestMaxAuthTries failed logins before the account locks, 3–10
 * @param digestUnlockTime minutes until a locked account unlocks, 5–30
 */
public record ModelSwitches(VideoMode videoMode, WorkMode workMode, PushMode pushMode, HttpMode httpMode,
        boolean libMode, boolean digestMode, int digestMaxAuthTries, int digestUnlockTime) {

    public ModelSwitches {
        Objects.requireNonNull(videoMode, "videoMode");
        Objects.requireNonNull(workMode, "workMode");
        Objects.requireNonNull(pushMode, "pushMode");
        Objects.requireNonNull(httpMode, "httpMode");
    }
}
