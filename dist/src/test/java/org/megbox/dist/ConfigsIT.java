package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §3 configs round-trip over REST and survive a SIGKILL of the box. */
class ConfigsIT {

    @TempDir
    Path work;

    Box box;

    @AfterEach
    void tearDown() {
        if (box != null) {
            box.close();
        }
    }

    @Test
    void configsRoundTripAndSurviveSigkill() {
        box = Box.create(work).start();
        JsonNode defaults = box.get("/v1/MEGBOX/configs").json().get("data");
        assertThat(defaults.at("/modelSw/workMode").asText()).isEqualTo("BlackNameListMode");
        assertThat(defaults.at("/modelSw/digestMaxAuthTries").asInt()).isEqualTo(6);

        Reply set = box.post("/v1/MEGBOX/configs", """
                {"modelSw":{"pushMode":"FastPushMode","digestMaxAuthTries":3,"digestUnlockTime":5},
                 "funcModule":{"minPushInterval":10000,"alertReportBufferSize":10000,
                               "captureReportBufferSize":0,"fullPicCompressLevel":100,"retryCount":5000}}
                """);
        assertThat(set.json().get("code").asInt()).as("%s", set).isZero();
        assertThat(box.post("/v1/MEGBOX/configs/detect", "{\"type\":3}").json().get("code").asInt()).isZero();
        assertThat(box.post("/v1/MEGBOX/devices/megConnect",
                "{\"enable\":true,\"url\":\"tcp://127.0.0.1:34567\"}").json().get("code").asInt()).isZero();

        box.kill9(); // acknowledged writes must be on disk already
        box.start();

        JsonNode after = box.get("/v1/MEGBOX/configs").json().get("data");
        assertThat(after.at("/modelSw/pushMode").asText()).isEqualTo("FastPushMode");
        assertThat(after.at("/modelSw/digestMaxAuthTries").asInt()).isEqualTo(3);
        assertThat(after.at("/modelSw/digestUnlockTime").asInt()).isEqualTo(5);
        assertThat(after.at("/modelSw/workMode").asText()).as("untouched field keeps its value")
                .isEqualTo("BlackNameListMode");
        assertThat(after.at("/funcModule/minPushInterval").asInt()).isEqualTo(10000);
        assertThat(after.at("/funcModule/captureReportBufferSize").asInt()).isZero();
        assertThat(after.at("/funcModule/retryCount").asInt()).isEqualTo(5000);
        JsonNode detect = box.get("/v1/MEGBOX/configs/detect").json().get("data");
        assertThat(detect.get("type").asInt()).isEqualTo(3);
        assertThat(detect.get("support").toString()).isEqualTo("[0,1,3]");
        JsonNode meg = box.get("/v1/MEGBOX/devices/megConnect").json().get("data");
        assertThat(meg.get("enable").asBoolean()).isTrue();
        assertThat(meg.get("url").asText()).isEqualTo("tcp://127.0.0.1:34567");
    }

    @Test
    void everyStatedRangeIsEnforcedAtItsBoundaries() {
        box = Box.create(work).start();
        String[][] cases = {
            {"modelSw", "digestMaxAuthTries", "3", "10"},
            {"modelSw", "digestUnlockTime", "5", "30"},
            {"funcModule", "alertReportBufferSize", "0", "10000"},
            {"funcModule", "captureReportBufferSize", "0", "50000"},
            {"funcModule", "fullPicCompressLevel", "10", "100"},
            {"funcModule", "minPushInterval", "500", "10000"},
            {"funcModule", "pictureRetryCount", "0", "5000"},
            {"funcModule", "pictureRetryInterval", "0", "60"},
            {"funcModule", "pictureStrangerRetryCount", "0", "5"},
            {"funcModule", "retryCount", "0", "5000"},
            {"funcModule", "retryInterval", "0", "60"},
            {"funcModule", "strangerRetryCount", "0", "5"},
        };
        for (String[] c : cases) {
            int lo = Integer.parseInt(c[2]);
            int hi = Integer.parseInt(c[3]);
            for (int ok : new int[] {lo, hi}) {
                Reply r = box.post("/v1/MEGBOX/configs", body(c[0], c[1], ok));
                assertThat(r.json().get("code").asInt()).as("%s=%d: %s", c[1], ok, r).isZero();
                assertThat(box.get("/v1/MEGBOX/configs").json().at("/data/" + c[0] + "/" + c[1]).asInt())
                        .isEqualTo(ok);
            }
            for (int bad : new int[] {lo - 1, hi + 1}) {
                Reply r = box.post("/v1/MEGBOX/configs", body(c[0], c[1], bad));
                EnvelopeIT.assertError(r, 400, 104001, "ILLEGAL_ARGUMENT:" + c[0] + "." + c[1]);
                assertThat(box.get("/v1/MEGBOX/configs").json().at("/data/" + c[0] + "/" + c[1]).asInt())
                        .as("refused value must not be stored").isEqualTo(hi);
            }
        }
        Reply mode = box.post("/v1/MEGBOX/configs", "{\"modelSw\":{\"workMode\":\"GreyListMode\"}}");
        EnvelopeIT.assertError(mode, 400, 104001, "ILLEGAL_ARGUMENT:modelSw.workMode");
        Reply detect = box.post("/v1/MEGBOX/configs/detect", "{\"type\":2}");
        EnvelopeIT.assertError(detect, 400, 104001, "ILLEGAL_ARGUMENT:type");
    }

    private static String body(String group, String field, int value) {
        return "{\"" + group + "\":{\"" + field + "\":" + value + "}}";
    }
}
