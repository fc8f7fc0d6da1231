package org.megbox.engine.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.megbox.engine.StructureSurveillance;

/**
 * One channel's §20.1 setting as stored (store {@value StructureSettings#STORE}, key videoNo): the accepted
 * §20.1.1 body with the spec's defaults filled in, in the spec's own spelling.
 */
record StoredStructure(@JsonProperty("videoNo") int videoNo, @JsonProperty("body") ObjectNode body) {

    /** 0 face mode ({@code faces{}}), 1 structured mode ({@code structures{}}). */
    int surveillanceType() {
        return body.path("surveillanceType").asInt(0);
    }

    /** The object of the active mode: {@code structures} or {@code faces}. */
    JsonNode mode() {
        return body.path(surveillanceType() == 1 ? "structures" : "faces");
    }

    StructureSurveillance view() {
        List<String> targets = new ArrayList<>();
        mode().path("detectTargetList").forEach(t -> {
            if (!targets.contains(t.asText())) {
                targets.add(t.asText());
            }
        });
        return new StructureSurveillance(videoNo, body.path("surveillanceEnabled").asBoolean(), surveillanceType(),
                targets);
    }
}
