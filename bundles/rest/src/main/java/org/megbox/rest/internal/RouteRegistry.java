package org.megbox.rest.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.megbox.rest.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound endpoints and the table built from them. Binding and unbinding rebuild the table under a
 * lock and publish it through a volatile field (copy-on-write); requests read the current table without
 * locking and keep the one they read for their whole life.
 *
 * <p>The earlier-registered endpoint keeps a contested route; when it goes away, the refused route of the
 * later one takes its place on the next rebuild.
 */
final class RouteRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

    private final Map<Long, RouteTable.Source> sources = new LinkedHashMap<>();
    private volatile RouteTable table = RouteTable.EMPTY;

    RouteTable table() {
        return table;
    }

    /**
     * Adds (or replaces) the routes of the endpoint with this key (its service id: lower ids win
     * duplicates). Returns the refusals this change caused.
     */
    synchronized List<RouteTable.Refusal> add(long key, String name, List<Route> routes) {
        sources.put(key, new RouteTable.Source(key, name, List.copyOf(routes)));
        return rebuild();
    }

    synchronized void remove(long key) {
        if (sources.remove(key) != null) {
            rebuild();
        }
    }

    private List<RouteTable.Refusal> rebuild() {
        RouteTable old = table;
        RouteTable next = RouteTable.build(List.copyOf(sources.values()));
        Set<String> before = old.refused().stream().map(RouteTable.Refusal::key).collect(Collectors.toSet());
        Set<String> now = new HashSet<>();
        List<RouteTable.Refusal> fresh = next.refused().stream().filter(r -> !before.contains(r.key())).toList();
        for (RouteTable.Refusal r : next.refused()) {
            now.add(r.key());
        }
        for (RouteTable.Refusal r : fresh) {
            LOG.warn("Refusing route {} {} of {}: {}", r.method(), r.path(), r.endpoint(), r.reason());
        }
        for (RouteTable.Refusal r : old.refused()) {
            if (!now.contains(r.key()) && sources.values().stream().anyMatch(s -> s.name().equals(r.endpoint()))) {
                LOG.info("Route {} {} of {} is served now", r.method(), r.path(), r.endpoint());
            }
        }
        table = next;
        LOG.debug("Route table rebuilt: {} routes from {} endpoints", next.size(), sources.size());
        return fresh;
    }
}
