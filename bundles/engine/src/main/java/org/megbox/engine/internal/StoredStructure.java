package org.megbox.engine.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.megbox.engine.FaceGroupBinding;
import org.megbox.engine.GlobalStranger;
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
        if (surveillanceType() != 0) {
            return new StructureSurveillance(videoNo, body.path("surveillanceEnabled").asBoolean(), surveillanceType(),
                    targets);
        }
        JsonNode faces = body.path("faces");
        List<FaceGroupBinding> groups = new ArrayList<>();
        faces.path("group").forEach(g -> groups.add(new FaceGroupBinding(g.path("groupName").asText(),
                g.path("startTime").asText("000000"), g.path("endTime").asText("000000"),
                g.path("searchThresholdHigh").asDouble(), g.path("searchThresholdLow").asDouble())));
        JsonNode gs = faces.path("globalStranger");
        Optional<GlobalStranger> stranger = gs.isObject()
                ? Optional.of(new GlobalStranger(gs.path("enable").asBoolean(), gs.path("searchThresholdLow").asDouble(),
                        gs.path("startTime").asText("000000"), gs.path("endTime").asText("000000")))
                : Optional.empty();
        double liveness = faces.path("livenessEnabled").asBoolean() ? faces.path("livenessThreshold").asDouble() : 0;
        return new StructureSurveillance(videoNo, body.path("surveillanceEnabled").asBoolean(), surveillanceType(),
                targets, groups, stranger, liveness);
    }
}
