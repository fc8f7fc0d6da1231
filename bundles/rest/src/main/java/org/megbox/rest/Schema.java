package org.megbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The declared constraints of a JSON object: the one validation mechanism every endpoint shares.
 * Unknown fields are ignored (clients of the original device send extras). A body is either accepted
 * whole or refused whole, so a handler changes nothing unless {@link #validate} passed.
 */
public final class Schema {

    private final List<Field> fields;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public List<Field> fields() {
        return fields;
    }

    /** All violations of {@code node}, in declaration order. */
    public List<Violation> violations(JsonNode node) {
        List<Violation> out = new ArrayList<>();
        if (node == null || !node.isObject()) {
            out.add(new Violation(Violation.Kind.ILLEGAL, "body"));
            return out;
        }
        check(node, "", out);
        return out;
    }

    void check(JsonNode object, String prefix, List<Violation> out) {
        for (Field f : fields) {
            JsonNode value = object.get(f.name);
            String path = prefix + f.name;
            if (value == null || value.isNull()) {
                if (f.required) {
                    out.add(new Violation(Violation.Kind.MISSING, path));
                }
                continue;
            }
            f.check(value, path, out);
        }
    }

    /**
     * Throws 104002 naming every missing required field if any is missing, else 104001 naming every
     * illegal one; returns normally when the body satisfies every constraint.
     */
    public void validate(JsonNode node) {
        List<Violation> violations = violations(node);
        List<String> missing = violations.stream().filter(v -> v.kind() == Violation.Kind.MISSING)
                .map(Violation::path).toList();
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorCode.MISSING_ARGUMENT, missing);
        }
        List<String> illegal = violations.stream().map(Violation::path).distinct().toList();
        if (!illegal.isEmpty()) {
            throw new ApiException(ErrorCode.ILLEGAL_ARGUMENT, illegal);
        }
    }
}
