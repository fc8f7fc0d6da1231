package org.megbox.config;

import java.util.Optional;

/**
 * The detection work mode: {@code funcModule.detectType} of {@code /configs} and {@code type} of
 * {@code /configs/detect} are this one value (§3.1.1 L663–665, §3.1.3–3.1.4).
 */
public enum DetectType {
    FULL_FACE(0),
    MIXED(1),
    /** 警戒模式, alert/guard mode. */
    ALERT(3);

    private final int code;

    DetectType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<DetectType> of(int code) {
        for (DetectType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
