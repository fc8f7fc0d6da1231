package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.engine.FrameDetector;
import org.megbox.engine.RuleStatus;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.osgi.framework.Constants;

/** The §25/§26 endpoints over the real database, built through their constructors as DS would. */
class RuleEndpointsTest {

    static final String MULTI = "/multiAlgVideos/{videoNo}/multiAlert";

    @TempDir
    Path dir;

    MapDbDatabase db;
    RuleEngine engine;
    RuleEndpoints endpoints;
    final FakeVideo video = new FakeVideo().add(3).add(4);
    final FakeWarehouse perimeter = new FakeWarehouse(Descriptors.perimeter(), 11);

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        engine = new RuleEngine(db, ZoneOffset.UTC, 1);
        engine.setVideo(video);
        engine.addWarehouse(perimeter, perimeter.properties());
        endpoints = new RuleEndpoints(engine);
    }

    @AfterEach
    void close() {
        engine.deactivate();
        db.close();
    }

    void restart() {
        close();
        open();
    }

    static String example1() {
        return RuleValidatorTest.fixture("spec-example-1.json").toString();
    }

    void post(int videoNo, String body) {
        assertThat(endpoints.multiAlert(FakeRequest.post(MULTI, videoNo, body))).isNull();
    }

    ApiException refusal(Runnable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    JsonNode getMulti() {
        return Json.MAPPER.valueToTree(endpoints.multiAlgVideos(FakeRequest.get("/multiAlgVideos")));
    }

    JsonNode video(JsonNode get, int videoNo) {
        for (JsonNode v : get.get("videos")) {
            if (v.get("videoNo").asInt() == videoNo) {
                return v;
            }
        }
        return null;
    }

    FrameDetector detector() {
        return new FrameDetector() {
            @Override
            public Set<String> targetTypes() {
                return Set.of("person", "car", "cycle");
            }

            @Override
            public List<Detection> detect(Frame frame) {
                return List.of();
            }
        };
    }

    @Test
    void ruleRoundTripInTheSpecsShape() {
        post(3, example1());
        JsonNode v = video(getMulti(), 3);
        assertThat(v.get("videoName").asText()).isEqualTo("cam3");
        assertThat(v.get("rotation").asInt()).isZero();
        assertThat(v.get("videoConStatus").asInt()).isZero();
        assertThat(v.get("surveillanceEnabled").asBoolean()).isTrue();
        JsonNode rule = v.get("algRules").get(0);
        assertThat(rule.get("ruleIndex").asInt()).isEqualTo(1);
        assertThat(rule.get("ruleEnable").asBoolean()).isTrue();
        assertThat(rule.get("algType").asInt()).isEqualTo(14);
        JsonNode expected = RuleValidatorTest.fixture("spec-example-1.json").get("alertRules").deepCopy();
        // the mask card declares no parameters: the ones the example gives are not kept
        ObjectNode mask = (ObjectNode) expected.get("customizedOptions").get("alertor_configs").get(1);
        mask.remove(List.of("cooldown_duration", "duration", "timeRange"));
        assertThat(rule.get("alertRules")).isEqualTo(expected);
        assertThat(rule.get("ruleStatus").asText()).isEqualTo("NO_ANALYZER");
        // channel 4 is configured but has no rule
        assertThat(video(getMulti(), 4).get("algRules")).isEmpty();
        assertThat(video(getMulti(), 4).get("surveillanceEnabled").asBoolean()).isFalse();
    }

    @Test
    void unknownChannelIsNoVideoAndNothingIsStored() {
        ApiException e = refusal(() -> endpoints.multiAlert(FakeRequest.post(MULTI, 5, example1())));
        assertThat(e.error()).isEqualTo(ErrorCode.NO_VIDEO);
        assertThat(e.getMessage()).isEqualTo("NO_VIDEO");
        assertThat(refusal(() -> endpoints.multiAlert(FakeRequest.post(MULTI, 17, example1()))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:videoNo");
        assertThat(engine.snapshot().ruleList()).isEmpty();
    }

    @Test
    void badRuleIsRefusedWholeAndNothingChanges() {
        post(3, example1());
        JsonNode before = getMulti();
        ObjectNode bad = RuleValidatorTest.fixture("spec-example-1.json");
        bad.put("ruleEnable", false);
        RuleValidatorTest.alertor(bad, 0).remove("duration");
        ApiException e = refusal(() -> endpoints.multiAlert(FakeRequest.post(MULTI, 3, bad.toString())));
        assertThat(e.getMessage()).isEqualTo("MISSING_ARGUMENT:alertRules.customizedOptions.alertor_configs[0].duration");
        assertThat(refusal(() -> endpoints.multiAlert(FakeRequest.post(MULTI, 3, "{not json"))).error())
                .isEqualTo(ErrorCode.ILLEGAL_JSON_BODY);
        bad.put("algType", 11); // no warehouse provides it
        RuleValidatorTest.alertor(bad, 0).put("duration", 0);
        assertThat(refusal(() -> endpoints.multiAlert(FakeRequest.post(MULTI, 3, bad.toString()))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:algType");
        assertThat(getMulti()).isEqualTo(before);
        restart();
        assertThat(getMulti()).isEqualTo(before);
    }

    @Test
    void rulesSurviveARestart() {
        post(3, example1());
        ObjectNode second = RuleValidatorTest.intrusion();
        second.put("ruleIndex", 2);
        post(3, second.toString());
        JsonNode before = getMulti();
        restart();
        assertThat(getMulti()).isEqualTo(before);
        assertThat(video(before, 3).get("algRules")).hasSize(2);
    }

    @Test
    void aRuleWaitsForItsWarehouseAndReArms() {
        engine.addDetector(detector(), Map.of(Constants.SERVICE_ID, 40L));
        post(3, example1());
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);
        engine.removeWarehouse(perimeter, perimeter.properties());
        JsonNode rule = video(getMulti(), 3).get("algRules").get(0);
        assertThat(rule.get("ruleStatus").asText()).isEqualTo("WAITING_FOR_WAREHOUSE");
        assertThat(rule.get("alertRules")).isNotNull(); // still stored, still printed
        restart(); // and across a restart without the warehouse... (open() adds it back: re-armed)
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.NO_ANALYZER);
        engine.addDetector(detector(), Map.of(Constants.SERVICE_ID, 41L));
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);
    }

    @Test
    void aWarehouseUpdateTheRuleNoLongerFitsIsReported() {
        post(3, example1());
        engine.removeWarehouse(perimeter, perimeter.properties());
        WarehouseDescriptor d = Descriptors.perimeter();
        WarehouseDescriptor noMasks = new WarehouseDescriptor(d.algType(), d.itemsType(), "2.0.0", d.algFrameRate(), 0,
                d.areaMaxNum(), d.roiAreaPointsRange(), d.maskAreaPointsRange(),
                d.alertorTypes().stream().filter(a -> !a.type().equals("mask_area")).toList(), d.analyzer());
        FakeWarehouse updated = new FakeWarehouse(noMasks, 12);
        engine.addWarehouse(updated, updated.properties());
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.INVALID_FOR_WAREHOUSE);
        assertThat(engine.rule(3, 1).orElseThrow().detail()).contains("alertor_configs[1].alertor_type[0]");
    }

    @Test
    void surveillanceSwitchAndRuleEnable() {
        engine.addDetector(detector(), Map.of(Constants.SERVICE_ID, 40L));
        post(3, example1());
        endpoints.surveillanceEnable(FakeRequest.post("/multiAlgVideos/{videoNo}/surveillanceEnable", 3,
                "{\"surveillanceEnabled\": false}"));
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.DISABLED);
        assertThat(video(getMulti(), 3).get("surveillanceEnabled").asBoolean()).isFalse();
        endpoints.surveillanceEnable(FakeRequest.post("/multiAlgVideos/{videoNo}/surveillanceEnable", 3,
                "{\"surveillanceEnabled\": true}"));
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);
        ObjectNode off = RuleValidatorTest.fixture("spec-example-1.json");
        off.put("ruleEnable", false);
        post(3, off.toString());
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.DISABLED);
        assertThat(refusal(() -> endpoints.surveillanceEnable(FakeRequest.post(
                "/multiAlgVideos/{videoNo}/surveillanceEnable", 3, "{}"))).getMessage())
                .isEqualTo("MISSING_ARGUMENT:surveillanceEnabled");
        assertThat(refusal(() -> endpoints.surveillanceEnable(FakeRequest.post(
                "/multiAlgVideos/{videoNo}/surveillanceEnable", 9, "{\"surveillanceEnabled\": true}"))).error())
                .isEqualTo(ErrorCode.NO_VIDEO);
    }

    @Test
    void aRuleOfADeletedChannelWaitsForIt() {
        engine.addDetector(detector(), Map.of(Constants.SERVICE_ID, 40L));
        post(4, example1());
        video.channels.remove(4);
        engine.channelRemoved(null);
        JsonNode v = video(getMulti(), 4);
        assertThat(v.has("videoName")).isFalse();
        assertThat(v.get("algRules").get(0).get("ruleStatus").asText()).isEqualTo("WAITING_FOR_CHANNEL");
    }

    static String legacyTripwire() {
        return """
                {"surveillanceEnabled": true, "algType": 10,
                 "alertRules": {"enable": true, "alertType": 3, "alertSubType": 1, "areaType": 1,
                   "detectTargetList": ["motorVehicle"], "targetRange": [1, 50], "timeRange": [0, 86400],
                   "cooldownDuration": 2,
                   "alertArea": [[{"x": 0, "y": 540}, {"x": 1920, "y": 540}]],
                   "maskArea": [[{"x": 0, "y": 0}, {"x": 192, "y": 0}, {"x": 192, "y": 108}]]}}
                """;
    }

    @Test
    void legacyAlertModeMapsOntoRuleOne() {
        assertThat(endpoints.alertSurveillances(FakeRequest.post("/alertVideos/{videoNo}/surveillances", 3,
                legacyTripwire()))).isNull();
        JsonNode alert = Json.MAPPER.valueToTree(endpoints.alertVideos(FakeRequest.get("/alertVideos")));
        JsonNode v = video(alert, 3);
        assertThat(v.get("algType").asInt()).isEqualTo(10);
        assertThat(v.get("alertRules")).isEqualTo(Json.MAPPER.valueToTree(
                RuleValidatorTest.json(legacyTripwire().replace('"', '\'')).get("alertRules")));
        JsonNode rule = video(getMulti(), 3).get("algRules").get(0);
        assertThat(rule.get("algType").asInt()).isEqualTo(14);
        JsonNode options = rule.get("alertRules").get("customizedOptions");
        assertThat(options.get("area_list").get(0).get("area_type").asText()).isEqualTo("single_line");
        assertThat(options.get("area_list").get(0).get("points").get(1).get("x").asDouble()).isEqualTo(1.0);
        assertThat(options.get("area_list").get(0).get("points").get(1).get("y").asDouble()).isEqualTo(0.5);
        assertThat(options.get("alertor_configs").get(0).get("alertor_type").get(0).asText()).isEqualTo("tripwire");
        assertThat(options.get("alertor_configs").get(0).get("target_type")).hasSize(1);
        assertThat(options.get("alertor_configs").get(0).get("target_max").asDouble()).isEqualTo(0.5);
        assertThat(options.get("alertor_configs").get(1).get("alertor_type").get(0).asText()).isEqualTo("mask_area");
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.NO_ANALYZER);
        restart();
        assertThat(video(Json.MAPPER.valueToTree(endpoints.alertVideos(FakeRequest.get("/alertVideos"))), 3)
                .get("alertRules")).isEqualTo(v.get("alertRules"));
    }

    @Test
    void legacyCombinationsAndRanges() {
        String path = "/alertVideos/{videoNo}/surveillances";
        ObjectNode body = (ObjectNode) RuleValidatorTest.json(legacyTripwire().replace('"', '\''));
        ObjectNode rules = (ObjectNode) body.get("alertRules");
        rules.put("alertSubType", 2); // vehicle line-crossing is a tripwire only
        assertThat(refusal(() -> endpoints.alertSurveillances(FakeRequest.post(path, 3, body.toString()))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:alertRules.alertSubType");
        rules.put("alertSubType", 1).put("areaType", 5);
        assertThat(refusal(() -> endpoints.alertSurveillances(FakeRequest.post(path, 3, body.toString()))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:alertRules.areaType");
        rules.put("areaType", 1).put("cooldownDuration", 0);
        assertThat(refusal(() -> endpoints.alertSurveillances(FakeRequest.post(path, 3, body.toString()))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:alertRules.cooldownDuration");
        rules.put("cooldownDuration", 1);
        ((ArrayNode) rules.get("alertArea").get(0)).addObject().put("x", 2000).put("y", 1);
        assertThat(refusal(() -> endpoints.alertSurveillances(FakeRequest.post(path, 3, body.toString()))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:alertRules.alertArea[0][2].x");
        body.put("algType", 13);
        assertThat(refusal(() -> endpoints.alertSurveillances(FakeRequest.post(path, 3, body.toString()))).getMessage())
                .startsWith("ILLEGAL_ARGUMENT:");
        assertThat(engine.snapshot().ruleList()).isEmpty();
        // only the switch
        endpoints.alertSurveillances(FakeRequest.post(path, 3, "{\"surveillanceEnabled\": true}"));
        assertThat(engine.snapshot().channel(3).surveillanceEnabled()).isTrue();
        assertThat(engine.snapshot().ruleList()).isEmpty();
    }
}
