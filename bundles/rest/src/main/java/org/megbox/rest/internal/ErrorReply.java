package org.megbox.rest.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;

/**
 * An error answer: HTTP status plus the envelope's {@code code} and {@code message}. Most come from an
 * {@link ApiException}; the few the {@link ErrorCode} table cannot express (HTTP 405, a 401 challenge)
 * are built here.
 */
record ErrorReply(int status, int code, String message, Object data) {

    /** Longest request path echoed back in a message. */
    private static final int MAX_ECHO = 200;

    static final ErrorReply INTERNAL = of(ErrorCode.INTERNAL_ERROR);

    ErrorReply(int status, int code, String message) {
        this(status, code, message, null);
    }

    static ErrorReply of(ErrorCode error) {
        return new ErrorReply(error.httpStatus(), error.code(), error.message());
    }

    static ErrorReply of(ApiException e) {
        return new ErrorReply(e.error().httpStatus(), e.error().code(), e.getMessage(), e.data());
    }

    /** HTTP 404, 104007 {@code RESOURCES_NOT_FOUND:<path>}: no interface at this path. */
    static ErrorReply notFound(String path) {
        return of(new ApiException(ErrorCode.NOT_FOUND, echo(path)));
    }

    /**
     * HTTP 405, 104007 {@code RESOURCES_NOT_FOUND:METHOD <m>}: the path is known, the method is not. The spec
     * has no code for this (its 404 "interface does not exist" has none either); an interface is a method
     * plus a path, so it is reported as a resource that does not exist, with the HTTP status that says why.
     */
    static ErrorReply methodNotAllowed(String method) {
        return new ErrorReply(405, ErrorCode.RESOURCES_NOT_FOUND.code(),
                ErrorCode.RESOURCES_NOT_FOUND.message() + ":METHOD " + echo(method));
    }

    /**
     * The ApiException inside {@code t}, looking through the wrappers a handler may let escape
     * (CompletableFuture, executors); {@code null} when it is not a business error.
     */
    static ApiException apiException(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < 8; depth++) {
            if (cur instanceof ApiException api) {
                return api;
            }
            if (!(cur instanceof CompletionException || cur instanceof ExecutionException
                    || cur instanceof java.lang.reflect.UndeclaredThrowableException
                    || cur instanceof java.lang.reflect.InvocationTargetException)) {
                return null;
            }
            cur = cur.getCause();
        }
        return null;
    }

    private static String echo(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "...";
    }
}
