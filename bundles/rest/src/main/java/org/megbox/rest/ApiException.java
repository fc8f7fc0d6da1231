package org.megbox.rest;

import java.util.List;

/**
 * A business error answered with the envelope: HTTP status and {@code code} from the
 * {@link ErrorCode}, and {@code message} such as {@code ILLEGAL_ARGUMENT:modelSw.digestUnlockTime}.
 * Never carries a stack trace to the client.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode error;
    private final List<String> args;
    private final transient Object data;

    public ApiException(ErrorCode error, List<String> args) {
        this(error, args, null);
    }

    private ApiException(ErrorCode error, List<String> args, Object data) {
        super(null, null, false, false);
        this.error = error;
        this.args = List.copyOf(args);
        this.data = data;
    }

    public ApiException(ErrorCode error, String... args) {
        this(error, List.of(args));
    }

    public static ApiException illegal(String... fields) {
        return new ApiException(ErrorCode.ILLEGAL_ARGUMENT, fields);
    }

    public static ApiException missing(String... fields) {
        return new ApiException(ErrorCode.MISSING_ARGUMENT, fields);
    }

    /**
     * The same error with a {@code data} payload for the envelope, e.g. {@code {"reason": "..."}} telling a
     * human why a file was refused while {@code message} keeps the spelling clients match on.
     */
    public ApiException withData(Object data) {
        return new ApiException(error, args, data);
    }

    /** The envelope's {@code data} for this error, or null for {@code {}}. */
    public Object data() {
        return data;
    }

    public ErrorCode error() {
        return error;
    }

    public List<String> args() {
        return args;
    }

    /** The envelope's {@code message}: the code's name, then {@code :arg1,arg2} when there are args. */
    @Override
    public String getMessage() {
        return args.isEmpty() ? error.message() : error.message() + ":" + String.join(",", args);
    }
}
