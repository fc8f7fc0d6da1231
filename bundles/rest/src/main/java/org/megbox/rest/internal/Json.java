package org.megbox.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one ObjectMapper of the REST core, configured once; ObjectMapper is thread-safe after configuration. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            // clients of the original device send extra fields; the Schema decides what matters
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "{} garbage" is not a JSON body
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a handler returning an object without properties answers data {}
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }
}
