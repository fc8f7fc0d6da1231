package org.megbox.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64FieldsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theSplicedBytesAreWhatJacksonWouldWrite() throws Exception {
        byte[] a = new byte[10_001];
        byte[] b = new byte[7];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        // a string value holding the marker text: its quotes are escaped, so it is not taken for the field
        String tricky = "x\",\"photo\":\"\"";
        ObjectNode viaJackson = MAPPER.createObjectNode().put("name", tricky)
                .put("photo", Base64.getEncoder().encodeToString(a)).put("empty", "")
                .put("fullImage", Base64.getEncoder().encodeToString(b)).put("n", 1);
        Base64Fields fields = new Base64Fields();
        ObjectNode spliced = MAPPER.createObjectNode().put("name", tricky);
        fields.put(spliced, "photo", a);
        fields.put(spliced, "empty", null);
        fields.put(spliced, "fullImage", b);
        spliced.put("n", 1);
        assertArrayEquals(MAPPER.writeValueAsBytes(viaJackson), fields.splice(MAPPER.writeValueAsBytes(spliced)));
        JsonNode back = MAPPER.readTree(fields.splice(MAPPER.writeValueAsBytes(spliced)));
        assertEquals(tricky, back.get("name").asText());
        assertArrayEquals(a, Base64.getDecoder().decode(back.get("photo").asText()));
        assertEquals("", back.get("empty").asText());
    }
}
