package org.megbox.api.warehouse;

import java.util.List;
import java.util.Objects;

/**
 * One parameter a rule card accepts ({@code attr.params[]} of §26.5).
 *
 * <p>{@code range} holds {@code [min, max]} for {@code int}/{@code double}; for {@code string} and
 * {@code array_string} it lists the allowed values (empty: any value). {@code required} is not on
 * the wire: it tells the rule validator whether a {@code multiAlert} alertor must carry the field.
 */
public record ParamSpec(String param, ValueType valueType, Object defaultValue, List<Object> range, boolean required) {

    public ParamSpec {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(valueType, "valueType");
        range = range == null ? List.of() : List.copyOf(range);
    }

    /** True when {@code value} (as parsed from JSON: Number, String, List) fits type and range. */
    public boolean accepts(Object value) {
        switch (valueType) {
            case INT:
                return isIntegral(value) && inNumericRange(((Number) value).doubleValue());
            case DOUBLE:
                return value instanceof Number && inNumericRange(((Number) value).doubleValue());
            case STRING:
                return value instanceof String && (range.isEmpty() || range.contains(value));
            case ARRAY_STRING:
                if (!(value instanceof List<?> list)) {
                    return false;
                }
                return list.stream().allMatch(v -> v instanceof String && (range.isEmpty() || range.contains(v)));
            case ARRAY_INT:
                if (!(value instanceof List<?> ints)) {
                    return false;
                }
                return ints.stream().allMatch(v -> isIntegral(v) && inNumericRange(((Number) v).doubleValue()));
            default:
                return false;
        }
    }

    private boolean inNumericRange(double v) {
        if (range.size() != 2) {
            return true;
        }
        return v >= ((Number) range.get(0)).doubleValue() && v <= ((Number) range.get(1)).doubleValue();
    }

    private static boolean isIntegral(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return true;
        }
        return value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !(value instanceof Float || value instanceof Double);
    }
}
