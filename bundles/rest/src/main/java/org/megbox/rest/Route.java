package org.megbox.rest;

import java.util.Objects;

/**
 * One endpoint: HTTP method, a path template relative to {@code /v1/MEGBOX} such as
 * {@code /getRuleTypeAttr/{typeNo}}, its access kind and its handler.
 */
public record Route(String method, String path, Access access, Handler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
    }

    public static Route get(String path, Handler handler) {
        return new Route("GET", path, Access.READ, handler);
    }

    public static Route post(String path, Handler handler) {
        return new Route("POST", path, Access.WRITE, handler);
    }

    public static Route put(String path, Handler handler) {
        return new Route("PUT", path, Access.WRITE, handler);
    }

    public static Route delete(String path, Handler handler) {
        return new Route("DELETE", path, Access.WRITE, handler);
    }

    /** The same route but not taking part in write exclusion (e.g. a POST that only searches). */
    public Route asRead() {
        return new Route(method, path, Access.READ, handler);
    }
}
