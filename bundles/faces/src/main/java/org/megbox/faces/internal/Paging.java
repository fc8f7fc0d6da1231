package org.megbox.faces.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Function;
import org.megbox.rest.ApiException;
import org.megbox.rest.RestRequest;

/**
 * {@code pageOffset} / {@code pageToken} / {@code pageSize} of §5.1.2, §5.1.9.1 and §6.1.4: the token is the position
 * (the sequence number of the first item, as {@code nextPageToken} hands it out), the offset counts items from the
 * start, the two exclude each other; bad values get 104001 naming them. An empty value counts as absent ("为空表示从
 * 0开始").
 */
record Paging(long pageToken, int pageOffset, int pageSize) {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 1000;

    static Paging parse(RestRequest r) {
        List<String> bad = new ArrayList<>();
        Long token = number(r, "pageToken", 0, Long.MAX_VALUE, bad);
        Long offset = number(r, "pageOffset", 0, Integer.MAX_VALUE, bad);
        Long size = number(r, "pageSize", 1, MAX_PAGE_SIZE, bad);
        if (token != null && offset != null) {
            bad.add("pageOffset");
        }
        if (!bad.isEmpty()) {
            throw ApiException.illegal(bad.toArray(String[]::new));
        }
        return new Paging(token == null ? 0 : token, offset == null ? 0 : offset.intValue(),
                size == null ? DEFAULT_PAGE_SIZE : size.intValue());
    }

    private static Long number(RestRequest r, String name, long min, long max, List<String> bad) {
        Optional<String> v = r.query(name).map(String::trim).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        bad.add(name);
        return null;
    }

    record Page<T>(List<T> items, Long nextPageToken) {
    }

    /** One page of {@code all} (ordered by sequence number). */
    <V, T> Page<T> of(NavigableMap<Long, V> all, Function<V, T> shape) {
        List<T> items = new ArrayList<>();
        int skip = pageOffset;
        Long next = null;
        for (Map.Entry<Long, V> e : all.tailMap(pageToken, true).entrySet()) {
            if (skip > 0) {
                skip--;
                continue;
            }
            if (items.size() == pageSize) {
                next = e.getKey();
                break;
            }
            items.add(shape.apply(e.getValue()));
        }
        return new Page<>(items, next);
    }
}
