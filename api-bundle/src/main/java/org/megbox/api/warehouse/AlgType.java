package org.megbox.api.warehouse;

import java.util.Optional;

/**
 * Algorithm types of the §26.6 dictionary (10..17), plus the two numbers §26.2 gives the face and
 * structuring modes (0, 1). 10 and 11 are the retired SDK forms; their events now live in 14.
 */
public enum AlgType {
    FACE_HUMAN(0, "face_human"),
    STRUCTURED(1, "structured"),
    PERIMETER_ALARM(10, "perimeter_alarm"),
    BEHAVIOR_ALARM(11, "behavior_alarm"),
    CITY_ALARM(12, "city_alarm"),
    SAFETY_ALARM(13, "safety_alarm"),
    ALERT_ALARM(14, "alert_alarm"),
    MCLZ_ALARM(15, "mclz_alarm"),
    GOODS_ALARM(16, "goods_alarm"),
    FIRE_ALARM(17, "fire_alarm");

    private final int index;
    private final String wireName;

    AlgType(int index, String wireName) {
        this.index = index;
        this.wireName = wireName;
    }

    public int index() {
        return index;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AlgType> of(int index) {
        for (AlgType t : values()) {
            if (t.index == index) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
