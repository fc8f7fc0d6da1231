package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every answer of the real box carries the spec's envelope; bad input gets 1040xx naming the field. */
class EnvelopeIT {

    @TempDir
    static Path work;

    static Box box;

    @BeforeAll
    static void boot() {
        box = Box.create(work).start();
    }

    @AfterAll
    static void shutdown() {
        box.close();
    }

    @Test
    void successCarriesTheFullEnvelope() {
        Reply r = box.get("/v1/MEGBOX/configs");
        JsonNode j = r.json();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).contains("application/json");
        assertThat(j.get("code").asInt()).isZero();
        assertThat(j.has("message")).isTrue();
        assertThat(j.get("timestamp").asLong()).isGreaterThan(1_600_000_000_000L);
        assertThat(j.get("timeCost").isIntegralNumber()).isTrue();
        assertThat(j.get("data").isObject()).isTrue();
    }

    @Test
    void unparsableJsonIs104000() {
        Reply r = box.post("/v1/MEGBOX/configs", "{\"modelSw\": {");
        assertError(r, 400, 104000, "ILLEGAL_JSON_BODY");
    }

    @Test
    void missingRequiredFieldIs104002NamingIt() {
        Reply r = box.post("/v1/MEGBOX/configs/detect", "{}");
        assertError(r, 400, 104002, "MISSING_ARGUMENT:type");
    }

    @Test
    void outOfRangeFieldIs104001NamingItAndChangesNothing() {
        int before = box.get("/v1/MEGBOX/configs").json().at("/data/funcModule/minPushInterval").asInt();
        Reply r = box.post("/v1/MEGBOX/configs",
                "{\"funcModule\":{\"minPushInterval\":" + (before == 600 ? 700 : 600)
                        + ",\"fullPicCompressLevel\":9}}");
        assertError(r, 400, 104001, "ILLEGAL_ARGUMENT:funcModule.fullPicCompressLevel");
        // the valid field in the same request was not applied either
        assertThat(box.get("/v1/MEGBOX/configs").json().at("/data/funcModule/minPushInterval").asInt())
                .isEqualTo(before);
    }

    @Test
    void wrongTypeIs104001() {
        Reply r = box.post("/v1/MEGBOX/configs/detect", "{\"type\":\"zero\"}");
        assertError(r, 400, 104001, "ILLEGAL_ARGUMENT:type");
    }

    @Test
    void unknownInterfaceIs404AsJson() {
        Reply r = box.get("/v1/MEGBOX/noSuchThing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.isJson()).as("%s", r).isTrue();
        assertThat(r.json().get("code").asInt()).isNotZero();
        Reply outside = box.get("/favicon.ico");
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.isJson()).as("%s", outside).isTrue();
    }

    @Test
    void unsupportedMethodAnswersJson() {
        Reply r = box.send(HttpRequest.newBuilder(URI.create(box.url("/v1/MEGBOX/getAlgInfos")))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.isJson()).as("%s", r).isTrue();
        assertThat(r.json().get("code").asInt()).isNotZero();
    }

    @Test
    void noStackTraceOrHtmlEverReachesAClient() {
        Reply[] replies = {
            box.post("/v1/MEGBOX/configs", "\u0000\u0001garbage"),
            box.post("/v1/MEGBOX/configs", "[1,2,3]"),
            box.post("/v1/MEGBOX/configs", "{\"modelSw\":\"notAnObject\"}"),
            box.get("/v1/MEGBOX/getRuleTypeAttr/notANumber"),
            box.get("/v1/MEGBOX/getRuleTypeAttr/99999999999999999999"),
            box.get("/v1/MEGBOX/%2e%2e/%2e%2e/etc/passwd"),
        };
        for (Reply r : replies) {
            assertThat(r.status()).as("%s", r).isBetween(400, 499);
            assertThat(r.isJson()).as("%s", r).isTrue();
            assertThat(r.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    static void assertError(Reply r, int status, int code, String message) {
        assertThat(r.status()).as("%s", r).isEqualTo(status);
        assertThat(r.isJson()).as("%s", r).isTrue();
        JsonNode j = r.json();
        assertThat(j.get("code").asInt()).as("%s", r).isEqualTo(code);
        assertThat(j.get("message").asText()).as("%s", r).isEqualTo(message);
        assertThat(j.has("timestamp") && j.has("timeCost") && j.has("data")).as("%s", r).isTrue();
    }
}
