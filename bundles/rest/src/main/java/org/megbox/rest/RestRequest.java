package org.megbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** A multipart text field. */
    Optional<String> formField(String name);

    /** A multipart file part. */
    Optional<UploadedFile> file(String name);
}
