package org.megbox.faces.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.megbox.rest.FakeRestRequest;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Schema;
import org.megbox.rest.UploadedFile;

/** A multipart request with repeated parts (a batch), the rest as {@link FakeRestRequest} answers it. */
final class MultiRequest implements RestRequest {

    private final FakeRestRequest base;
    private final Map<String, List<String>> fields = new LinkedHashMap<>();
    private final Map<String, List<UploadedFile>> files = new LinkedHashMap<>();

    MultiRequest(String method, String path) {
        this.base = FakeRestRequest.of(method, path);
    }

    MultiRequest fields(String name, String... values) {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    MultiRequest files(String name, UploadedFile... parts) {
        files.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(parts));
        return this;
    }

    RestRequest build() {
        return this;
    }

    @Override
    public String method() {
        return base.method();
    }

    @Override
    public String path() {
        return base.path();
    }

    @Override
    public String pathParam(String name) {
        return base.pathParam(name);
    }

    @Override
    public int pathInt(String name) {
        return base.pathInt(name);
    }

    @Override
    public Optional<String> query(String name) {
        return base.query(name);
    }

    @Override
    public JsonNode json() {
        return base.json();
    }

    @Override
    public JsonNode json(Schema schema) {
        return base.json(schema);
    }

    @Override
    public Optional<String> formField(String name) {
        return formFields(name).stream().findFirst();
    }

    @Override
    public Optional<UploadedFile> file(String name) {
        return files(name).stream().findFirst();
    }

    @Override
    public List<String> formFields(String name) {
        return fields.getOrDefault(name, List.of());
    }

    @Override
    public List<UploadedFile> files(String name) {
        return files.getOrDefault(name, List.of());
    }
}
