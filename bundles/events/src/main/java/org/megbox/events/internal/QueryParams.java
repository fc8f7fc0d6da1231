package org.megbox.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.megbox.rest.ApiException;
import org.megbox.rest.RestRequest;

/**
 * The query parameters shared by {@code GET /alerts} and every {@code GET /captures} form (conventions 0.6, §8.1.1,
 * §9.1.1, §20.2, §25.2.1), parsed and checked together: every bad one is named in one
 * {@code 104001 ILLEGAL_ARGUMENT:<names>}. Parameters may come in any order; an empty value counts as absent
 * (the spec: "为空表示从 0 开始").
 */
final class QueryParams {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_CHANNEL = 48;

    final Long pageToken;
    final int pageOffset;
    final int pageSize;
    final Integer chnNo;
    final Long timeStartMillis;
    final Long timeEndMillis;

    private final List<String> illegal;
    private final RestRequest request;

    private QueryParams(RestRequest r) {
        this.request = r;
        this.illegal = new ArrayList<>();
        Long token = number(r, "pageToken", 0, Long.MAX_VALUE);
        Long offset = number(r, "pageOffset", 0, Integer.MAX_VALUE);
        if (token != null && offset != null) {
            illegal.add("pageOffset");
        }
        Long size = number(r, "pageSize", 1, MAX_PAGE_SIZE);
        Long chn = number(r, "chnNo", 1, MAX_CHANNEL);
        Long start = number(r, "timeStart", 0, Long.MAX_VALUE / 1000 - 1);
        Long end = number(r, "timeEnd", 0, Long.MAX_VALUE / 1000 - 1);
        if (start != null && end != null && start > end) {
            illegal.add("timeEnd");
        }
        this.pageToken = token;
        this.pageOffset = offset == null ? 0 : offset.intValue();
        this.pageSize = size == null ? DEFAULT_PAGE_SIZE : size.intValue();
        this.chnNo = chn == null ? null : chn.intValue();
        this.timeStartMillis = start == null ? null : start * 1000;
        this.timeEndMillis = end == null ? null : end * 1000 + 999;
    }

    /** Parses the paging, channel and time parameters; call {@link #check()} after reading any extra ones. */
    static QueryParams parse(RestRequest r) {
        return new QueryParams(r);
    }

    /** An extra integer parameter in {@code [min, max]}, null when absent; a bad one is remembered for {@link #check()}. */
    Long extraNumber(String name, long min, long max) {
        return number(request, name, min, max);
    }

    /** An extra string parameter, null when absent or empty. */
    String extraString(String name) {
        return request.query(name).filter(s -> !s.isEmpty()).orElse(null);
    }

    void illegal(String name) {
        illegal.add(name);
    }

    /** Throws 104001 naming every bad parameter, if any. */
    QueryParams check() {
        if (!illegal.isEmpty()) {
            throw ApiException.illegal(illegal.toArray(String[]::new));
        }
        return this;
    }

    private Long number(RestRequest r, String name, long min, long max) {
        Optional<String> v = r.query(name).map(String::trim).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(v.get());
            if (n < min || n > max) {
                illegal.add(name);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            illegal.add(name);
            return null;
        }
    }

    /** The channel and time filter. */
    Predicate<EventRepository.Entry> filter() {
        return e -> (chnNo == null || e.videoNo() == chnNo)
                && (timeStartMillis == null || e.timestamp() >= timeStartMillis)
                && (timeEndMillis == null || e.timestamp() <= timeEndMillis);
    }
}
