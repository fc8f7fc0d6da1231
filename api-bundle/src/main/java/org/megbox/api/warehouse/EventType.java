package org.megbox.api.warehouse;

import java.util.Optional;

/**
 * Event (rule card) types 1..35 of the §26.6 dictionary with the warehouse they belong to.
 *
 * <p>1..3 have no type string in the spec (historical SDK only) and 14..18 are marked "TBD" there;
 * for the latter this project chose the strings below and says so in docs/api-notes.md.
 */
public enum EventType {
    PERSON_LINE_CROSSING(1, null, AlgType.ALERT_ALARM),
    PERSON_INTRUSION(2, null, AlgType.ALERT_ALARM),
    VEHICLE_LINE_CROSSING(3, null, AlgType.ALERT_ALARM),
    PARK(4, "park", AlgType.ALERT_ALARM),
    EXIT(5, "exit", AlgType.ALERT_ALARM),
    WANDER(6, "wander", AlgType.ALERT_ALARM),
    OVERWALL(7, "overwall", AlgType.ALERT_ALARM),
    FALL(8, "fall", AlgType.ALERT_ALARM),
    SMOKE(9, "smoke", AlgType.ALERT_ALARM),
    CALL(10, "call", AlgType.ALERT_ALARM),
    WATCH_PHONE(11, "watch_phone", AlgType.ALERT_ALARM),
    RUN(12, "run", AlgType.ALERT_ALARM),
    SLEEP(13, "sleep", AlgType.ALERT_ALARM),
    STREET_BUSINESS(14, "street_business", AlgType.CITY_ALARM),
    SUNDRIES(15, "sundries", AlgType.CITY_ALARM),
    GARBAGE(16, "garbage", AlgType.CITY_ALARM),
    ADVERTISING(17, "advertising", AlgType.CITY_ALARM),
    WATER_ACCUMULATION(18, "water_accumulation", AlgType.CITY_ALARM),
    NO_SAFETYCAP(19, "no_safetycap", AlgType.SAFETY_ALARM),
    NO_UNIFORM(20, "no_uniform", AlgType.SAFETY_ALARM),
    NO_SAFETYBELT(21, "no_safetybelt", AlgType.SAFETY_ALARM),
    FLAME(22, "flame", AlgType.SAFETY_ALARM),
    SMOG(23, "smog", AlgType.SAFETY_ALARM),
    OIL_SPILL(24, "oil_spill", AlgType.SAFETY_ALARM),
    PERSON_OFF_DUTY_QUERYING(25, "person_off_duty_querying", AlgType.ALERT_ALARM),
    GATHERING(26, "gathering", AlgType.ALERT_ALARM),
    FIGHT(27, "fight", AlgType.ALERT_ALARM),
    INTRUSION(28, "intrusion", AlgType.ALERT_ALARM),
    TRIPWIRE(29, "tripwire", AlgType.ALERT_ALARM),
    NO_VEST(30, "no_vest", AlgType.SAFETY_ALARM),
    LOSE_FIRE_EQUIPMENT(31, "lose_fire_equipment", AlgType.SAFETY_ALARM),
    MASK_AREA(32, "mask_area", AlgType.ALERT_ALARM),
    TRASHBIN(33, "trashbin", AlgType.MCLZ_ALARM),
    MICE(34, "mice", AlgType.MCLZ_ALARM),
    SUNDRY_DETECT(35, "sundry_detect", AlgType.GOODS_ALARM);

    private final int index;
    private final String wireName;
    private final AlgType warehouse;

    EventType(int index, String wireName, AlgType warehouse) {
        this.index = index;
        this.wireName = wireName;
        this.warehouse = warehouse;
    }

    public int index() {
        return index;
    }

    /** The dictionary's type string, or null for 1..3 which the spec leaves without one. */
    public String wireName() {
        return wireName;
    }

    /** The warehouse the dictionary assigns the event to. */
    public AlgType warehouse() {
        return warehouse;
    }

    public static Optional<EventType> of(int index) {
        for (EventType t : values()) {
            if (t.index == index) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<EventType> of(String wireName) {
        for (EventType t : values()) {
            if (wireName.equals(t.wireName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
