package org.megbox.faces.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.megbox.rest.ApiException;

/**
 * Group names as clients send them: the spec shows both {@code [{"groupName":"PMPM"}]} (§5.1.5, §10.1.2) and
 * {@code ["PMPM"]} (§5.1.8 examples); in a multipart form a field may hold such a JSON array, one object or a bare
 * name, and may repeat. A name is 1-32 UTF-8 bytes of letters, digits, underscore or Chinese characters (§6.1.2).
 */
final class GroupNames {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\p{IsHan}]+");

    private GroupNames() {
    }

    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches()
                && name.getBytes(StandardCharsets.UTF_8).length <= 32;
    }

    /** From a JSON array; 104001 naming {@code field} for anything else or a bad name. */
    static List<String> fromJson(JsonNode array, String field) {
        if (array == null || !array.isArray()) {
            throw ApiException.illegal(field);
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode e : array) {
            names.add(name(e, field));
        }
        return List.copyOf(names);
    }

    /** From multipart text fields (each a JSON array, a JSON object or a bare name). */
    static List<String> fromForm(List<String> values, String field) {
        List<String> names = new ArrayList<>();
        for (String raw : values) {
            String v = raw.trim();
            if (v.isEmpty()) {
                continue;
            }
            if (v.startsWith("[") || v.startsWith("{")) {
                try {
                    JsonNode node = JSON.readTree(v);
                    names.addAll(node.isArray() ? fromJson(node, field) : List.of(name(node, field)));
                } catch (JsonProcessingException e) {
                    throw ApiException.illegal(field);
                }
            } else if (valid(v)) {
                names.add(v);
            } else {
                throw ApiException.illegal(field);
            }
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static String name(JsonNode e, String field) {
        JsonNode n = e.isObject() ? e.get("groupName") : e;
        if (n == null || !n.isTextual() || !valid(n.asText())) {
            throw ApiException.illegal(field);
        }
        return n.asText();
    }
}
