package org.megbox.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RestRequest} for endpoint unit tests, answering bad input with the same codes the dispatcher's
 * request does (104000 for a missing or unparsable body, 104001 naming a non-integer path parameter).
 * Shared by every bundle's tests through this module's test-jar, so no bundle writes its own.
 */
public final class FakeRestRequest implements RestRequest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final String path;
    private final Map<String, String> pathParams = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> form = new HashMap<>();
    private final Map<String, UploadedFile> files = new HashMap<>();
    private String body;

    private FakeRestRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public static FakeRestRequest of(String method, String path) {
        return new FakeRestRequest(method, path);
    }

    /** Path parameters as name/value pairs. */
    public FakeRestRequest path(String... pairs) {
        putPairs(pathParams, pairs);
        return this;
    }

    /** Query parameters as name/value pairs. */
    public FakeRestRequest query(String... pairs) {
        putPairs(query, pairs);
        return this;
    }

    public FakeRestRequest body(String json) {
        this.body = json;
        return this;
    }

    public FakeRestRequest formField(String name, String value) {
        form.put(name, value);
        return this;
    }

    public FakeRestRequest file(String name, UploadedFile file) {
        files.put(name, file);
        return this;
    }

    private static void putPairs(Map<String, String> into, String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            into.put(pairs[i], pairs[i + 1]);
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public int pathInt(String name) {
        try {
            return Integer.parseInt(pathParams.get(name));
        } catch (NumberFormatException e) {
            throw ApiException.illegal(name);
        }
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public JsonNode json() {
        try {
            JsonNode node = body == null ? null : MAPPER.readTree(body);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new ApiException(ErrorCode.ILLEGAL_JSON_BODY);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.ILLEGAL_JSON_BODY);
        }
    }

    @Override
    public JsonNode json(Schema schema) {
        JsonNode node = json();
        schema.validate(node);
        return node;
    }

    @Override
    public Optional<String> formField(String name) {
        return Optional.ofNullable(form.get(name));
    }

    @Override
    public Optional<UploadedFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
