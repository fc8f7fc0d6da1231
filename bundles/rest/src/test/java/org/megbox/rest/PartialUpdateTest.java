package org.megbox.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PartialUpdateTest {

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void presentFieldsReplaceTheCurrentValue() throws Exception {
        JsonNode body = json("{\"on\":true,\"n\":7,\"s\":\"x\"}");
        assertThat(PartialUpdate.bool(body, "on", false)).isTrue();
        assertThat(PartialUpdate.integer(body, "n", 1)).isEqualTo(7);
        assertThat(PartialUpdate.text(body, "s", "old")).isEqualTo("x");
    }

    @Test
    void absentOrNullFieldsKeepTheCurrentValue() throws Exception {
        JsonNode body = json("{\"on\":null,\"n\":null}");
        assertThat(PartialUpdate.bool(body, "on", true)).isTrue();
        assertThat(PartialUpdate.integer(body, "n", 3)).isEqualTo(3);
        assertThat(PartialUpdate.text(body, "s", "old")).isEqualTo("old");
        assertThat(PartialUpdate.text(body.path("missingObject"), "s", "old")).isEqualTo("old");
    }
}
