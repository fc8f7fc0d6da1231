package org.megbox.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Schema;
import org.megbox.rest.UploadedFile;

/** A body-less request with query and path parameters, as the REST core hands it to a handler. */
final class FakeRequest implements RestRequest {

    private final String method;
    private final String path;
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> pathParams = new HashMap<>();

    private FakeRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static FakeRequest get(String path, String... queryPairs) {
        return new FakeRequest("GET", path).query(queryPairs);
    }

    static FakeRequest delete(String path) {
        return new FakeRequest("DELETE", path);
    }

    FakeRequest query(String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return this;
    }

    FakeRequest path(String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            pathParams.put(pairs[i], pairs[i + 1]);
        }
        return this;
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
        return Integer.parseInt(pathParams.get(name));
    }

    @Override
    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
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
        return Optional.empty();
    }
}
