package org.megbox.api.warehouse;

/** The §26.5 {@code value_type} of a rule parameter, with its wire spelling. */
public enum ValueType {
    INT("int"),
    DOUBLE("double"),
    STRING("string"),
    ARRAY_STRING("array_string"),
    /** Not in §26.5's list; used for {@code timeRange}-like integer pairs. */
    ARRAY_INT("array_int");

    private final String wireName;

    ValueType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ValueType fromWireName(String name) {
        for (ValueType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown value_type: " + name);
    }
}
