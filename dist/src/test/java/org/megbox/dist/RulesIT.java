package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §26 channel rules over REST on the assembled box: bad rule JSON gets 1040xx and stores nothing, a rule
 * round-trips through GET /multiAlgVideos in the spec's shape and survives a SIGKILL, an unknown channel is
 * 104009, and a rule whose warehouse is removed stays stored, reports that it waits, and re-arms when the
 * warehouse is dropped in again. The channel's source is unreachable on purpose: rules do not need frames.
 */
class RulesIT {

    private static final String RULE = """
            {"surveillanceEnabled": true, "ruleIndex": 1, "ruleEnable": true, "algType": 14,
             "alertRules": {"proc": "init_rules", "width": 1920, "height": 1080, "fps": 8,
              "customizedOptions": {
               "area_list": [
                 {"area_type": "single_line_both", "area_id": 1, "alertor_ids": [1],
                  "points": [{"x": 0.18, "y": 0.77}, {"x": 0.42, "y": 0.74}]},
                 {"area_type": "polygon", "area_id": 2, "alertor_ids": [2],
                  "points": [{"x": 0.01, "y": 0.01}, {"x": 0.99, "y": 0.01}, {"x": 0.99, "y": 0.99}, {"x": 0.01, "y": 0.99}]}],
               "alertor_configs": [
                 {"alertor_id": 1, "alertor_type": ["tripwire"], "target_min": 0, "target_max": 1, "target_type": ["car"],
                  "cooldown_duration": 1, "duration": 0, "timeRange": [0, 86400]},
                 {"alertor_id": 2, "alertor_type": ["mask_area"], "target_type": ["car"]}]}}}
            """;

    @TempDir
    Path work;

    Box box;

    @AfterEach
    void tearDown() {
        if (box != null) {
            box.close();
        }
    }

    private JsonNode rulesOf(int videoNo) {
        for (JsonNode v : box.get("/v1/MEGBOX/multiAlgVideos").json().at("/data/videos")) {
            if (v.get("videoNo").asInt() == videoNo) {
                return v;
            }
        }
        throw new AssertionError("no channel " + videoNo);
    }

    private String ruleStatus() {
        return rulesOf(2).at("/algRules/0/ruleStatus").asText();
    }

    private void await(String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!ruleStatus().equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("rule status " + ruleStatus() + ", expected " + status + "\nlog:\n" + box.log());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void rulesOverRest() throws Exception {
        box = Box.create(work).start();
        Reply channel = box.post("/v1/MEGBOX/videos", """
                {"videoNo": 2, "videoName": "gate_2", "url": "rtsp://127.0.0.1:9/unreachable", "rotation": 0}
                """);
        assertThat(channel.json().get("code").asInt()).as("%s", channel).isZero();
        JsonNode before = box.get("/v1/MEGBOX/multiAlgVideos").json().get("data");
        assertThat(rulesOf(2).get("algRules")).isEmpty();

        // bad rules: refused whole, nothing stored
        Reply missing = box.post("/v1/MEGBOX/multiAlgVideos/2/multiAlert", RULE.replace("\"duration\": 0, ", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asInt()).isEqualTo(104002);
        assertThat(missing.json().get("message").asText())
                .isEqualTo("MISSING_ARGUMENT:alertRules.customizedOptions.alertor_configs[0].duration");
        Reply illegal = box.post("/v1/MEGBOX/multiAlgVideos/2/multiAlert", RULE.replace("\"x\": 0.42", "\"x\": 1.42"));
        assertThat(illegal.json().get("message").asText())
                .isEqualTo("ILLEGAL_ARGUMENT:alertRules.customizedOptions.area_list[0].points[1].x");
        Reply unparsable = box.post("/v1/MEGBOX/multiAlgVideos/2/multiAlert", "{\"surveillanceEnabled\": tru");
        assertThat(unparsable.json().get("code").asInt()).isEqualTo(104000);
        Reply noWarehouse = box.post("/v1/MEGBOX/multiAlgVideos/2/multiAlert", RULE.replace("\"algType\": 14", "\"algType\": 11"));
        assertThat(noWarehouse.json().get("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:algType");
        assertThat(box.get("/v1/MEGBOX/multiAlgVideos").json().get("data")).isEqualTo(before);

        Reply noVideo = box.post("/v1/MEGBOX/multiAlgVideos/5/multiAlert", RULE);
        assertThat(noVideo.json().get("code").asInt()).isEqualTo(104009);

        // a good rule round-trips
        Reply ok = box.post("/v1/MEGBOX/multiAlgVideos/2/multiAlert", RULE);
        assertThat(ok.json().get("code").asInt()).as("%s", ok).isZero();
        JsonNode v = rulesOf(2);
        assertThat(v.get("videoName").asText()).isEqualTo("gate_2");
        assertThat(v.get("surveillanceEnabled").asBoolean()).isTrue();
        assertThat(v.has("videoConStatus")).isTrue();
        JsonNode rule = v.at("/algRules/0");
        assertThat(rule.get("ruleIndex").asInt()).isEqualTo(1);
        assertThat(rule.get("algType").asInt()).isEqualTo(14);
        JsonNode posted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RULE).get("alertRules");
        assertThat(rule.get("alertRules")).isEqualTo(posted);
        // RUNNING once the perimeter warehouse's analyzer is up, NO_ANALYZER while it is not (e.g. no inference)
        String armed = rule.get("ruleStatus").asText();
        assertThat(armed).isIn("RUNNING", "NO_ANALYZER");

        box.kill9();
        box.start();
        assertThat(rulesOf(2).at("/algRules/0/alertRules")).isEqualTo(posted);

        // the warehouse leaves: the rule stays and waits; it comes back: re-armed
        assertThat(box.delete("/v1/MEGBOX/warehouses/org.megbox.alg.perimeter").json().get("code").asInt()).isZero();
        await("WAITING_FOR_WAREHOUSE");
        assertThat(rulesOf(2).at("/algRules/0/alertRules")).isEqualTo(posted);
        Path jar;
        try (Stream<Path> s = Files.list(box.distDir().resolve("warehouses"))) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("org.megbox.alg.perimeter-")).findFirst()
                    .orElseThrow();
        }
        Path tmp = box.dataDir().resolve("deploy/.perimeter.tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, box.dataDir().resolve("deploy/org.megbox.alg.perimeter.jar"), StandardCopyOption.ATOMIC_MOVE);
        await(armed);

        // surveillance switch
        assertThat(box.post("/v1/MEGBOX/multiAlgVideos/2/surveillanceEnable", "{\"surveillanceEnabled\": false}")
                .json().get("code").asInt()).isZero();
        assertThat(ruleStatus()).isEqualTo("DISABLED");
        assertThat(rulesOf(2).get("surveillanceEnabled").asBoolean()).isFalse();
    }
}
