package org.megbox.rest.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.megbox.rest.Route;

/**
 * An immutable routing table: a tree of path segments, literal children before the one {@code {name}}
 * child, each node holding at most one route per HTTP method.
 *
 * <p>Resolution is by method and path together (an interface is a method plus a path): among the routes of
 * the request's method, a literal segment beats a template segment at every level, backtracking into the
 * template when the literal branch has no route for the rest of the path. {@code HEAD} falls back to the
 * {@code GET} route of the path. When no route of that method
 * matches but some route of another method does, the answer is {@link MethodNotAllowed}; otherwise
 * {@link NotFound}.
 *
 * <p>Built once per change of the bound endpoints ({@link #build}); a second route with the same method
 * and the same template shape ({@code /a/{x}} and {@code /a/{y}} are the same shape) is refused, as is a
 * malformed template.
 */
final class RouteTable {

    /** One endpoint service's routes; {@code order} decides who wins a duplicate (lower first). */
    record Source(long order, String name, List<Route> routes) {
    }

    /** A route that did not make it into the table, with the reason. */
    record Refusal(String endpoint, String method, String path, String reason) {
        String key() {
            return endpoint + " " + method + " " + path;
        }
    }

    sealed interface Resolution permits Found, MethodNotAllowed, NotFound {
    }

    record Found(Route route, Map<String, String> params) implements Resolution {
    }

    record MethodNotAllowed(Set<String> allowed) implements Resolution {
    }

    record NotFound() implements Resolution {
    }

    static final RouteTable EMPTY = new RouteTable(new Node(), List.of(), 0);

    private static final NotFound NOT_FOUND = new NotFound();

    private final Node root;
    private final List<Refusal> refused;
    private final int size;

    private RouteTable(Node root, List<Refusal> refused, int size) {
        this.root = root;
        this.refused = List.copyOf(refused);
        this.size = size;
    }

    /** The routes refused while building, in source order. */
    List<Refusal> refused() {
        return refused;
    }

    /** Number of routes in the table. */
    int size() {
        return size;
    }

    static RouteTable build(List<Source> sources) {
        List<Source> ordered = new ArrayList<>(sources);
        ordered.sort((a, b) -> Long.compare(a.order(), b.order()));
        Node root = new Node();
        Map<String, String> owners = new HashMap<>();
        List<Refusal> refused = new ArrayList<>();
        int size = 0;
        for (Source source : ordered) {
            for (Route route : source.routes()) {
                String method = route.method().toUpperCase(Locale.ROOT);
                List<String> segments = segments(route.path());
                List<String> params = new ArrayList<>();
                String shape = shape(segments, params);
                if (shape == null) {
                    refused.add(new Refusal(source.name(), method, route.path(), "malformed path template"));
                    continue;
                }
                String key = method + " " + shape;
                String owner = owners.putIfAbsent(key, source.name());
                if (owner != null) {
                    refused.add(new Refusal(source.name(), method, route.path(), "already served by " + owner));
                    continue;
                }
                Node node = root;
                for (String segment : segments) {
                    node = isParam(segment) ? node.wildcard() : node.literal(segment);
                }
                node.methods.put(method, new Leaf(route, List.copyOf(params)));
                size++;
            }
        }
        return new RouteTable(root, refused, size);
    }

    Resolution resolve(String method, String path) {
        List<String> segments = segments(path);
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        List<String> captured = new ArrayList<>();
        Leaf leaf = find(root, segments, 0, m, captured);
        if (leaf == null && m.equals("HEAD")) {
            // HEAD is GET without a body (the container drops it); reads are side-effect free
            leaf = find(root, segments, 0, "GET", captured);
        }
        if (leaf != null) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < leaf.params.size(); i++) {
                params.put(leaf.params.get(i), captured.get(i));
            }
            return new Found(leaf.route, Collections.unmodifiableMap(params));
        }
        Set<String> allowed = new TreeSet<>();
        collectMethods(root, segments, 0, allowed);
        return allowed.isEmpty() ? NOT_FOUND : new MethodNotAllowed(Collections.unmodifiableSet(allowed));
    }

    private static Leaf find(Node node, List<String> segments, int i, String method, List<String> captured) {
        if (i == segments.size()) {
            return node.methods.get(method);
        }
        String segment = segments.get(i);
        Node literal = node.literals.get(segment);
        if (literal != null) {
            Leaf leaf = find(literal, segments, i + 1, method, captured);
            if (leaf != null) {
                return leaf;
            }
        }
        if (node.wildcard != null && !segment.isEmpty()) {
            captured.add(segment);
            Leaf leaf = find(node.wildcard, segments, i + 1, method, captured);
            if (leaf != null) {
                return leaf;
            }
            captured.remove(captured.size() - 1);
        }
        return null;
    }

    private static void collectMethods(Node node, List<String> segments, int i, Set<String> out) {
        if (i == segments.size()) {
            out.addAll(node.methods.keySet());
            return;
        }
        String segment = segments.get(i);
        Node literal = node.literals.get(segment);
        if (literal != null) {
            collectMethods(literal, segments, i + 1, out);
        }
        if (node.wildcard != null && !segment.isEmpty()) {
            collectMethods(node.wildcard, segments, i + 1, out);
        }
    }

    /**
     * {@code /a/b/} → [a, b]: the leading slash and one trailing slash are dropped; an inner empty segment
     * ({@code /a//b}) stays and matches nothing.
     */
    static List<String> segments(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return List.of();
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return List.of(p.split("/", -1));
    }

    /** The template with every parameter replaced by {@code {}}; {@code null} when malformed. */
    private static String shape(List<String> segments, List<String> params) {
        StringBuilder shape = new StringBuilder();
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return null;
            }
            if (isParam(segment)) {
                String name = segment.substring(1, segment.length() - 1);
                if (name.isEmpty() || name.contains("{") || name.contains("}") || params.contains(name)) {
                    return null;
                }
                params.add(name);
                shape.append("/{}");
            } else if (segment.contains("{") || segment.contains("}")) {
                return null;
            } else {
                shape.append('/').append(segment);
            }
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }

    private static boolean isParam(String segment) {
        return segment.length() >= 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    private record Leaf(Route route, List<String> params) {
    }

    /** Mutable only while {@link #build} runs; never after the table is published. */
    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        final Map<String, Leaf> methods = new HashMap<>();
        Node wildcard;

        Node literal(String segment) {
            return literals.computeIfAbsent(segment, s -> new Node());
        }

        Node wildcard() {
            if (wildcard == null) {
                wildcard = new Node();
            }
            return wildcard;
        }
    }
}
