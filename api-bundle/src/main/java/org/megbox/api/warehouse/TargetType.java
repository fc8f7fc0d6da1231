package org.megbox.api.warehouse;

import java.util.Optional;

/** Target types of the §26.6 dictionary. */
public enum TargetType {
    FACE(1, "face"),
    PERSON(2, "person"),
    CAR(3, "car"),
    CYCLE(4, "cycle"),
    PLATE(5, "plate"),
    HEAD(6, "head"),
    FLAME(7, "flame"),
    CROWD(8, "crowd"),
    FIGHTER(9, "fighter"),
    SMOG(10, "smog"),
    OIL_SPILL(11, "oil_spill"),
    FIRE_EQUIPMENT(12, "fire_equipment"),
    TRASHBIN(13, "trashbin"),
    MICE(14, "mice"),
    SUNDRY(15, "sundry");

    private final int index;
    private final String wireName;

    TargetType(int index, String wireName) {
        this.index = index;
        this.wireName = wireName;
    }

    public int index() {
        return index;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TargetType> of(String wireName) {
        for (TargetType t : values()) {
            if (t.wireName.equals(wireName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
