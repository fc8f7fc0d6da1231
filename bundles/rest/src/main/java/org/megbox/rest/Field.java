package org.megbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The declared constraints of one JSON field: its type, whether it is required, and its range, set of
 * allowed values, byte length, pattern or element shape. Immutable; each method returns a copy.
 */
public final class Field {

    enum Type {
        INTEGER, NUMBER, BOOLEAN, STRING, OBJECT, ARRAY
    }

    final String name;
    final Type type;
    final boolean required;
    private final Double min;
    private final Double max;
    private final Set<Object> allowed;
    private final Integer minBytes;
    private final Integer maxBytes;
    private final Pattern pattern;
    private final Integer minItems;
    private final Integer maxItems;
    final Schema objectSchema;
    final Field element;
    private final Predicate<JsonNode> extra;

    private Field(String name, Type type, boolean required, Double min, Double max, Set<Object> allowed,
            Integer minBytes, Integer maxBytes, Pattern pattern, Integer minItems, Integer maxItems,
            Schema objectSchema, Field element, Predicate<JsonNode> extra) {
        this.name = name;
        this.type = type;
        this.required = required;
        this.min = min;
        this.max = max;
        this.allowed = allowed;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.pattern = pattern;
        this.minItems = minItems;
        this.maxItems = maxItems;
        this.objectSchema = objectSchema;
        this.element = element;
        this.extra = extra;
    }

    private static Field of(String name, Type type) {
        return new Field(name, type, false, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Field integer(String name) {
        return of(name, Type.INTEGER);
    }

    public static Field number(String name) {
        return of(name, Type.NUMBER);
    }

    public static Field bool(String name) {
        return of(name, Type.BOOLEAN);
    }

    public static Field string(String name) {
        return of(name, Type.STRING);
    }

    public static Field object(String name, Schema schema) {
        return new Field(name, Type.OBJECT, false, null, null, null, null, null, null, null, null, schema, null, null);
    }

    /** An array whose elements each satisfy {@code element} (its name is ignored). */
    public static Field array(String name, Field element) {
        return new Field(name, Type.ARRAY, false, null, null, null, null, null, null, null, null, null, element, null);
    }

    public Field required() {
        return new Field(name, type, true, min, max, allowed, minBytes, maxBytes, pattern, minItems, maxItems,
                objectSchema, element, extra);
    }

    /** Inclusive numeric range. */
    public Field range(double lo, double hi) {
        return new Field(name, type, required, lo, hi, allowed, minBytes, maxBytes, pattern, minItems, maxItems,
                objectSchema, element, extra);
    }

    public Field oneOf(String... values) {
        // Set.copyOf tolerates repeated values, Set.of would throw
        return new Field(name, type, required, min, max, Set.copyOf(Arrays.asList((Object[]) values)), minBytes,
                maxBytes, pattern, minItems, maxItems, objectSchema, element, extra);
    }

    public Field oneOf(long... values) {
        Set<Object> set = new java.util.HashSet<>();
        for (long v : values) {
            set.add(v);
        }
        return new Field(name, type, required, min, max, Set.copyOf(set), minBytes, maxBytes, pattern, minItems,
                maxItems, objectSchema, element, extra);
    }

    /** UTF-8 byte length bounds, as the spec counts name lengths. */
    public Field bytes(int lo, int hi) {
        return new Field(name, type, required, min, max, allowed, lo, hi, pattern, minItems, maxItems, objectSchema,
                element, extra);
    }

    public Field pattern(String regex) {
        return new Field(name, type, required, min, max, allowed, minBytes, maxBytes, Pattern.compile(regex), minItems,
                maxItems, objectSchema, element, extra);
    }

    public Field items(int lo, int hi) {
        return new Field(name, type, required, min, max, allowed, minBytes, maxBytes, pattern, lo, hi, objectSchema,
                element, extra);
    }

    /** A further constraint the declarative ones cannot say. */
    public Field check(Predicate<JsonNode> predicate) {
        Predicate<JsonNode> combined = extra == null ? predicate : extra.and(predicate);
        return new Field(name, type, required, min, max, allowed, minBytes, maxBytes, pattern, minItems, maxItems,
                objectSchema, element, combined);
    }

    public String name() {
        return name;
    }

    /** Checks a present value; adds violations under {@code path}. */
    void check(JsonNode value, String path, List<Violation> out) {
        if (!hasType(value)) {
            out.add(new Violation(Violation.Kind.ILLEGAL, path));
            return;
        }
        boolean ok = switch (type) {
            case INTEGER, NUMBER -> inRange(value.asDouble()) && (allowed == null
                    || (value.canConvertToExactIntegral() && allowed.contains(value.asLong())));
            case STRING -> stringOk(value.asText());
            case BOOLEAN -> true;
            case OBJECT -> {
                objectSchema.check(value, path + ".", out);
                yield true;
            }
            case ARRAY -> arrayOk(value, path, out);
        };
        if (ok && extra != null && !extra.test(value)) {
            ok = false;
        }
        if (!ok) {
            out.add(new Violation(Violation.Kind.ILLEGAL, path));
        }
    }

    private boolean hasType(JsonNode v) {
        return switch (type) {
            case INTEGER -> v.isIntegralNumber() && v.canConvertToLong();
            case NUMBER -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            case STRING -> v.isTextual();
            case OBJECT -> v.isObject();
            case ARRAY -> v.isArray();
        };
    }

    private boolean inRange(double v) {
        return (min == null || v >= min) && (max == null || v <= max);
    }

    private boolean stringOk(String s) {
        if (allowed != null && !allowed.contains(s)) {
            return false;
        }
        int len = s.getBytes(StandardCharsets.UTF_8).length;
        if ((minBytes != null && len < minBytes) || (maxBytes != null && len > maxBytes)) {
            return false;
        }
        return pattern == null || pattern.matcher(s).matches();
    }

    private boolean arrayOk(JsonNode array, String path, List<Violation> out) {
        int n = array.size();
        if ((minItems != null && n < minItems) || (maxItems != null && n > maxItems)) {
            return false;
        }
        if (element != null) {
            List<Violation> inner = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                element.check(array.get(i), path + "[" + i + "]", inner);
            }
            out.addAll(inner);
        }
        return true;
    }
}
