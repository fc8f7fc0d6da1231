package org.megbox.warehouses.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser for OSGi manifest headers ({@code Import-Package}, {@code Bundle-SymbolicName}):
 * clauses separated by commas, each with paths, {@code attr=value} attributes and {@code dir:=value}
 * directives separated by semicolons; quoted values may contain commas and semicolons.
 */
final class ManifestHeaders {

    /** One clause: its paths (package names), attributes and directives. */
    record Clause(List<String> paths, Map<String, String> attributes, Map<String, String> directives) {
    }

    private ManifestHeaders() {
    }

    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            if (clause.isBlank()) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            Map<String, String> attrs = new LinkedHashMap<>();
            Map<String, String> dirs = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String s = part.trim();
                if (s.isEmpty()) {
                    continue;
                }
                int dir = s.indexOf(":=");
                int eq = s.indexOf('=');
                if (dir > 0 && dir < eq) {
                    dirs.put(s.substring(0, dir).trim(), unquote(s.substring(dir + 2).trim()));
                } else if (eq > 0) {
                    String name = s.substring(0, eq).trim();
                    int colon = name.indexOf(':'); // typed attribute, e.g. version:Version
                    attrs.put(colon > 0 ? name.substring(0, colon) : name, unquote(s.substring(eq + 1).trim()));
                } else {
                    paths.add(s);
                }
            }
            clauses.add(new Clause(paths, attrs, dirs));
        }
        return clauses;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
