package org.megbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** What a {@link Handler} sees of an HTTP request. Every accessor reports bad input as ApiException. */
public interface RestRequest {

    String method();

    /** Path below {@code /v1/MEGBOX}, e.g. {@code /getRuleTypeAttr/20}. */
    String path();

    /** A {@code {name}} segment of the route's template. */
    String pathParam(String name);

    /** A path parameter that must be an integer; 104001 naming it otherwise. */
    int pathInt(String name);

    Optional<String> query(String name);

    /** The body as JSON; 104000 when it does not parse or is empty. */
    JsonNode json();

    /**
     * The body as JSON, checked against the declared constraints: 104002 naming every missing
     * required field, else 104001 naming every illegal one. Nothing has been changed when it throws.
     */
    JsonNode json(Schema schema);

    /**
     * A multipart text field (the first part of that name, as UTF-8 unless the part names a charset); empty
     * when absent or when the request is not multipart.
     */
    Optional<String> formField(String name);

    /**
     * A multipart file part (the first part of that name); empty when the multipart request has none.
     * A request that is not multipart at all gets 104002 {@code MISSING_ARGUMENT:<name>}; a part over the
     * size limit or an unreadable multipart body gets 104001 naming it.
     */
    Optional<UploadedFile> file(String name);

    /** Every multipart text field of that name, in request order (e.g. the repeated {@code data} of a batch). */
    default List<String> formFields(String name) {
        return formField(name).map(List::of).orElse(List.of());
    }

    /** Every multipart file part of that name, in request order (e.g. the repeated {@code image} of a batch). */
    default List<UploadedFile> files(String name) {
        return file(name).map(List::of).orElse(List.of());
    }

    /** A request header (the first value). */
    default Optional<String> header(String name) {
        return Optional.empty();
    }
}
