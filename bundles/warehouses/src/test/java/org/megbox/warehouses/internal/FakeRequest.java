package org.megbox.warehouses.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.megbox.rest.ApiException;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Schema;
import org.megbox.rest.UploadedFile;

/** A RestRequest carrying path parameters and file parts only, as the dispatcher would hand them over. */
record FakeRequest(Map<String, String> params, Map<String, UploadedFile> files) implements RestRequest {

    static FakeRequest path(String name, String value) {
        return new FakeRequest(Map.of(name, value), Map.of());
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/";
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
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode json(Schema schema) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> formField(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<UploadedFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
