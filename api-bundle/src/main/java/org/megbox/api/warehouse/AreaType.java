package org.megbox.api.warehouse;

import java.util.Optional;

/**
 * Area types of the §26.6 dictionary. Double tripwires ({@code multi_line*}) carry two point lists;
 * the others one.
 */
public enum AreaType {
    SINGLE_LINE(1, "single_line", 1),
    SINGLE_LINE_BOTH(2, "single_line_both", 1),
    MULTI_LINE(3, "multi_line", 2),
    MULTI_LINE_BOTH(4, "multi_line_both", 2),
    POLYGON(5, "polygon", 1);

    private final int index;
    private final String wireName;
    private final int lineCount;

    AreaType(int index, String wireName, int lineCount) {
        this.index = index;
        this.wireName = wireName;
        this.lineCount = lineCount;
    }

    public int index() {
        return index;
    }

    public String wireName() {
        return wireName;
    }

    /** How many point lists the area's {@code points} holds: 2 for double tripwires, else 1. */
    public int lineCount() {
        return lineCount;
    }

    public boolean isLine() {
        return this != POLYGON;
    }

    public static Optional<AreaType> of(String wireName) {
        for (AreaType t : values()) {
            if (t.wireName.equals(wireName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
