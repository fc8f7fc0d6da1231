package org.megbox.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * One HTTP answer of the box.
 *
 * @param status HTTP status code
 * @param contentType the Content-Type header, "" when absent
 * @param body the body as text (UTF-8)
 */
public record Reply(int status, String contentType, String body) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The body parsed as JSON; fails the test with the body in the message when it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not JSON (status " + status + ", " + contentType + "): "
                    + abbreviate(body), e);
        }
    }

    /** True when the Content-Type says JSON and the body parses. */
    public boolean isJson() {
        if (contentType == null || !contentType.toLowerCase().contains("json")) {
            return false;
        }
        try {
            JSON.readTree(body);
            return true;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    /** The envelope's {@code code}, -1 when the body has none. */
    public int code() {
        return json().path("code").asInt(-1);
    }

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "Reply[" + status + " " + contentType + " " + abbreviate(body) + "]";
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
