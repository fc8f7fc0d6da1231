package org.megbox.video.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Schema;
import org.megbox.rest.UploadedFile;

/** A JSON request as the REST core hands it to a handler (json(schema) validates, pathInt parses). */
final class FakeRequest implements RestRequest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String method;
    private final Map<String, String> params;
    private final String body;

    FakeRequest(String method, Map<String, String> params, String body) {
        this.method = method;
        this.params = params;
        this.body = body;
    }

    static FakeRequest of(String method, String body) {
        return new FakeRequest(method, Map.of(), body);
    }

    static FakeRequest of(String method, String videoNo, String body) {
        return new FakeRequest(method, Map.of("videoNo", videoNo), body);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return "/videos";
    }

    @Override
    public String pathParam(String name) {
        return params.get(name);
    }

    @Override
    public int pathInt(String name) {
        try {
            return Integer.parseInt(params.get(name));
        } catch (NumberFormatException e) {
            throw ApiException.illegal(name);
        }
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.empty();
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
        return Optional.empty();
    }

    @Override
    public Optional<UploadedFile> file(String name) {
        return Optional.empty();
    }
}
