package org.megbox.rest.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.megbox.rest.ApiException;
import org.megbox.rest.BinaryReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every answer of the API: the envelope {@code {code,message,timestamp,timeCost,data}} as
 * {@code application/json;charset=UTF-8}, or a {@link BinaryReply} as is. The body is rendered to bytes
 * before anything reaches the response, so a value Jackson cannot serialise still becomes a clean 500.
 * Stack traces are logged here and never written to a client.
 */
final class EnvelopeWriter {

    static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeWriter.class);

    private EnvelopeWriter() {
    }

    /** When a request was received: wall clock for {@code timestamp}, monotonic clock for {@code timeCost}. */
    record Received(long epochMillis, long nanos) {
        static Received now() {
            return new Received(System.currentTimeMillis(), System.nanoTime());
        }

        long costMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
        }
    }

    /** Answers a handler's return value: its JSON as {@code data} ({} for null), or the raw bytes of a BinaryReply. */
    static void writeResult(HttpServletResponse resp, Object result, Received received, String what)
            throws IOException {
        if (result instanceof BinaryReply binary) {
            writeBinary(resp, binary);
            return;
        }
        byte[] body;
        try {
            body = envelope(0, "SUCCESS", received, result);
        } catch (IOException | RuntimeException e) {
            writeFailure(resp, e, received, what);
            return;
        }
        send(resp, 200, body);
    }

    /** Answers an error. */
    static void writeError(HttpServletResponse resp, ErrorReply error, Received received) throws IOException {
        send(resp, error.status(), errorBody(error, received));
    }

    /**
     * Answers a throwable: an {@link ApiException} (also when wrapped) with its code, anything else as
     * HTTP 500 / 105000, logged with its stack trace under {@code what} (e.g. {@code "POST /configs"}).
     */
    static void writeFailure(HttpServletResponse resp, Throwable t, Received received, String what)
            throws IOException {
        writeError(resp, toReply(t, what), received);
    }

    static ErrorReply toReply(Throwable t, String what) {
        ApiException api = ErrorReply.apiException(t);
        if (api != null) {
            return ErrorReply.of(api);
        }
        LOG.error("Unexpected failure serving {}", what, t);
        return ErrorReply.INTERNAL;
    }

    static byte[] errorBody(ErrorReply error, Received received) {
        if (error.data() != null) {
            try {
                return envelope(error.code(), error.message(), received, error.data());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Error data for {} does not render; answering without it", error.message(), e);
            }
        }
        try {
            return envelope(error.code(), error.message(), received, null);
        } catch (IOException e) {
            // an envelope of an int, a string and two longs cannot fail to render
            throw new IllegalStateException(e);
        }
    }

    static byte[] envelope(int code, String message, Received received, Object data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeNumberField("code", code);
            gen.writeStringField("message", message);
            gen.writeNumberField("timestamp", received.epochMillis());
            gen.writeNumberField("timeCost", received.costMillis());
            gen.writeFieldName("data");
            if (data == null) {
                gen.writeStartObject();
                gen.writeEndObject();
            } else {
                Json.MAPPER.writeValue(gen, data);
            }
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeBinary(HttpServletResponse resp, BinaryReply binary) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        byte[] body = binary.body() == null ? new byte[0] : binary.body();
        resp.setStatus(200);
        resp.setContentType(binary.contentType() == null ? "application/octet-stream" : binary.contentType());
        resp.setContentLengthLong(body.length);
        write(resp, body);
    }

    private static void send(HttpServletResponse resp, int status, byte[] body) throws IOException {
        if (resp.isCommitted()) {
            LOG.debug("Response already committed; dropping a {} answer", status);
            return;
        }
        resp.setStatus(status);
        resp.setContentType(CONTENT_TYPE);
        resp.setContentLengthLong(body.length);
        write(resp, body);
    }

    private static void write(HttpServletResponse resp, byte[] body) throws IOException {
        OutputStream out = resp.getOutputStream();
        out.write(body);
        out.flush();
    }
}
