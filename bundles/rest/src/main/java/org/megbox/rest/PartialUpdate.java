package org.megbox.rest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Readers for a partial-update body (a {@code POST} that replaces only the fields it carries): a field that is
 * absent or JSON {@code null} keeps the current value. Used after {@link Schema#validate} accepted the body, so
 * the types are already checked.
 */
public final class PartialUpdate {

    private PartialUpdate() {
    }

    /** The boolean field {@code name} of {@code object}, or {@code current} when it is absent or null. */
    public static boolean bool(JsonNode object, String name, boolean current) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? current : v.asBoolean();
    }

    /** The integer field {@code name} of {@code object}, or {@code current} when it is absent or null. */
    public static int integer(JsonNode object, String name, int current) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? current : v.asInt();
    }

    /** The text field {@code name} of {@code object}, or {@code current} when it is absent or null. */
    public static String text(JsonNode object, String name, String current) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? current : v.asText();
    }
}
