package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.engine.StructureSurveillance;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.FakeRestRequest;

/** §20.1 over the real database (MapDB in a temporary directory), built through the constructors as DS would. */
class StructureEndpointsTest {

    static final String POST = "/structures/{videoNo}/surveillances";

    /** The spec's structured-mode example body, shortened. */
    static final String STRUCTURED = """
            {"surveillanceEnabled":true,"attributeEnabled":true,"surveillanceType":1,
             "structures":{"detectTargetList":["human","motorVehicle"],
               "pushConfigs":{"pushMode":1,"pushInterval":1000,"maxPushNumber":2},
               "captureConfigs":{"captureMode":2,"quality":{"humanQuality":30,"motorVehicleQuality":40}}}}""";

    /** The face mode with every object of §20.1.1. */
    static final String FACES = """
            {"surveillanceEnabled":true,"surveillanceType":0,"ruleIndex":1,"ruleEnable":true,
             "faces":{"livenessEnabled":true,"livenessThreshold":60,
               "pushConfigs":{"pushMode":2,"retryCount":3,"retryInterval":10,"strangerRetryCount":1,
                 "pushInterval":500,"maxPushNumber":1},
               "filter":{"roll":45,"yaw":35,"pitch":45,"blurness":60,"faceMin":80,"bodyMin":80},
               "detectTargetList":["face","human"],
               "captureConfigs":{"captureMode":1},
               "group":[{"groupName":"staff","startTime":"080000","endTime":"184500",
                 "searchThresholdHigh":75,"searchThresholdLow":20}],
               "globalStranger":{"enable":true,"searchThresholdLow":20,"startTime":"000000","endTime":"000000"}}}""";

    @TempDir
    Path dir;

    MapDbDatabase db;
    StructureSettings settings;
    StructureEndpoints endpoints;
    final FakeVideo video = new FakeVideo().add(3).add(4);
    final List<Integer> changes = new ArrayList<>();

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        settings = new StructureSettings(db);
        settings.addListener(changes::add);
        endpoints = new StructureEndpoints(settings, video);
    }

    @AfterEach
    void close() {
        db.close();
    }

    void restart() {
        close();
        open();
    }

    void post(int videoNo, String body) {
        assertThat(endpoints.surveillances(FakeRestRequest.of("POST", POST).path("videoNo", Integer.toString(videoNo))
                .body(body))).isNull();
    }

    ApiException refused(int videoNo, String body) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> post(videoNo, body));
        assertThat(e).as("refused: " + body).isNotNull();
        assertThat(settings.snapshot()).as("nothing stored on refusal").isEmpty();
        assertThat(changes).isEmpty();
        return e;
    }

    JsonNode get() {
        return Json.MAPPER.valueToTree(endpoints.structures(FakeRestRequest.of("GET", "/structures")));
    }

    JsonNode video(int videoNo) {
        for (JsonNode v : get().path("videos")) {
            if (v.path("videoNo").asInt() == videoNo) {
                return v;
            }
        }
        throw new AssertionError("no channel " + videoNo + " in " + get());
    }

    @Test
    void structuredRoundTripSurvivesRestart() {
        post(3, STRUCTURED);
        assertThat(changes).containsExactly(3);
        assertThat(settings.get(3)).contains(new StructureSurveillance(3, true, 1, List.of("human", "motorVehicle")));
        assertThat(settings.get(4)).isEmpty();
        restart();
        assertThat(settings.get(3)).contains(new StructureSurveillance(3, true, 1, List.of("human", "motorVehicle")));
        JsonNode v = video(3);
        assertThat(v.path("videoName").asText()).isEqualTo("cam3");
        assertThat(v.path("surveillanceEnabled").asBoolean()).isTrue();
        assertThat(v.path("surveillanceType").asInt()).isEqualTo(1);
        assertThat(v.path("attributeEnabled").asBoolean()).isTrue();
        assertThat(v.path("detectTargetList").toString()).isEqualTo("[\"human\",\"motorVehicle\"]");
        assertThat(v.path("pushConfigs").path("pushInterval").asInt()).isEqualTo(1000);
        assertThat(v.path("pushConfigs").path("maxPushNumber").asInt()).isEqualTo(2);
        assertThat(v.path("captureConfigs").path("quality").path("motorVehicleQuality").asInt()).isEqualTo(40);
        // channel 4 has no §20.1 setting: its §7 switch (on in FakeVideo) is what GET shows
        assertThat(video(4).path("surveillanceEnabled").asBoolean()).isTrue();
        assertThat(video(4).has("detectTargetList")).isFalse();
    }

    @Test
    void faceModeFlattenedAndReplaced() {
        post(4, FACES);
        JsonNode v = video(4);
        assertThat(v.path("surveillanceType").asInt()).isZero();
        assertThat(v.path("ruleIndex").asInt()).isEqualTo(1);
        assertThat(v.path("livenessThreshold").asInt()).isEqualTo(60);
        assertThat(v.path("filter").path("faceMin").asInt()).isEqualTo(80);
        assertThat(v.path("group").get(0).path("groupName").asText()).isEqualTo("staff");
        assertThat(v.path("globalStranger").path("enable").asBoolean()).isTrue();
        assertThat(v.path("pushConfigs").path("retryCount").asInt()).isEqualTo(3);
        assertThat(settings.get(4).orElseThrow().detectTargetList()).containsExactly("face", "human");
        // what the face warehouse recognises with
        assertThat(settings.get(4).orElseThrow().groups()).containsExactly(
                new org.megbox.engine.FaceGroupBinding("staff", "080000", "184500", 75, 20));
        assertThat(settings.get(4).orElseThrow().globalStranger()).contains(
                new org.megbox.engine.GlobalStranger(true, 20, "000000", "000000"));
        assertThat(settings.get(4).orElseThrow().livenessThreshold()).isEqualTo(60);
        // a later POST replaces the whole setting
        post(4, "{\"surveillanceEnabled\":false}");
        assertThat(settings.get(4)).contains(new StructureSurveillance(4, false, 0, List.of("face")));
        assertThat(video(4).has("group")).isFalse();
        assertThat(changes).containsExactly(4, 4);
    }

    @Test
    void specDefaults() {
        post(3, "{\"surveillanceEnabled\":true,\"surveillanceType\":1}");
        JsonNode v = video(3);
        assertThat(v.path("detectTargetList").toString())
                .isEqualTo("[\"face\",\"human\",\"motorVehicle\",\"nonMotorVehicle\",\"plate\"]");
        assertThat(v.path("pushConfigs").path("pushInterval").asInt()).isEqualTo(500);
        assertThat(v.path("pushConfigs").path("maxPushNumber").asInt()).isEqualTo(1);
        assertThat(v.path("captureConfigs").path("captureMode").asInt()).isEqualTo(1);
        assertThat(v.path("attributeEnabled").asBoolean()).isTrue();
        post(4, "{\"surveillanceEnabled\":true}");
        JsonNode f = video(4);
        assertThat(f.path("surveillanceType").asInt()).isZero();
        assertThat(f.path("detectTargetList").toString()).isEqualTo("[\"face\"]");
        assertThat(f.path("pushConfigs").path("retryCount").asInt()).isEqualTo(5);
        assertThat(f.path("pushConfigs").path("strangerRetryCount").asInt()).isEqualTo(2);
    }

    @Test
    void unknownChannelIsNoVideo() {
        assertThat(refused(5, STRUCTURED).error()).isEqualTo(ErrorCode.NO_VIDEO);
        assertThat(refused(17, STRUCTURED).args().toString()).contains("videoNo");
        assertThat(refused(0, STRUCTURED).args().toString()).contains("videoNo");
    }

    @Test
    void missingFieldsNamed() {
        ApiException e = refused(3, "{\"surveillanceType\":1}");
        assertThat(e.error()).isEqualTo(ErrorCode.MISSING_ARGUMENT);
        assertThat(e.args().toString()).contains("surveillanceEnabled");
        e = refused(3, "{\"surveillanceEnabled\":true,\"surveillanceType\":1,\"structures\":{}}");
        assertThat(e.args().toString()).contains("structures.detectTargetList");
        e = refused(3, "{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":true,\"detectTargetList\":[\"face\"]}}");
        assertThat(e.error()).isEqualTo(ErrorCode.MISSING_ARGUMENT);
        assertThat(e.args().toString()).contains("faces.livenessThreshold");
        e = refused(3, "{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":false,\"detectTargetList\":[\"face\"],"
                + "\"filter\":{\"roll\":1}}}");
        assertThat(e.args().toString()).contains("faces.filter.yaw");
    }

    String structured(String push, String targets) {
        return "{\"surveillanceEnabled\":true,\"surveillanceType\":1,\"structures\":{\"detectTargetList\":" + targets
                + ",\"pushConfigs\":" + push + "}}";
    }

    @Test
    void boundaries() {
        // accepted edges
        post(3, structured("{\"pushMode\":3,\"pushInterval\":500,\"maxPushNumber\":10}", "[\"plate\"]"));
        post(3, structured("{\"pushMode\":0,\"pushInterval\":10000,\"maxPushNumber\":1}", "[\"nonMotorVehicle\"]"));
        assertThat(settings.get(3).orElseThrow().detectTargetList()).containsExactly("nonMotorVehicle");
        changes.clear();
        restartEmpty(); // a fresh database, so refused() can check that nothing is stored
        for (String[] bad : new String[][] {
                {structured("{\"pushInterval\":499}", "[\"human\"]"), "structures.pushConfigs.pushInterval"},
                {structured("{\"pushInterval\":10001}", "[\"human\"]"), "structures.pushConfigs.pushInterval"},
                {structured("{\"maxPushNumber\":0}", "[\"human\"]"), "structures.pushConfigs.maxPushNumber"},
                {structured("{\"maxPushNumber\":11}", "[\"human\"]"), "structures.pushConfigs.maxPushNumber"},
                {structured("{\"pushMode\":4}", "[\"human\"]"), "structures.pushConfigs.pushMode"},
                {structured("{}", "[]"), "structures.detectTargetList"},
                {structured("{}", "[\"person\"]"), "structures.detectTargetList"},
                {"{\"surveillanceEnabled\":true,\"surveillanceType\":2}", "surveillanceType"},
                {"{\"surveillanceEnabled\":\"yes\"}", "surveillanceEnabled"},
                {"{\"surveillanceEnabled\":true,\"ruleIndex\":3}", "ruleIndex"},
                {"{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":true,\"livenessThreshold\":101,"
                        + "\"detectTargetList\":[\"face\"]}}", "faces.livenessThreshold"},
                {"{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":false,\"detectTargetList\":[\"plate\"]}}",
                        "faces.detectTargetList"},
                {"{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":false,\"detectTargetList\":[\"face\"],"
                        + "\"filter\":{\"roll\":181,\"yaw\":0,\"pitch\":0,\"blurness\":0,\"faceMin\":19,\"bodyMin\":380}}}",
                        "faces.filter.roll"},
                {"{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":false,\"detectTargetList\":[\"face\"],"
                        + "\"pushConfigs\":{\"retryCount\":5001}}}", "faces.pushConfigs.retryCount"},
                {"{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":false,\"detectTargetList\":[\"face\"],"
                        + "\"group\":[{\"groupName\":\"g\",\"startTime\":\"240000\",\"endTime\":\"000000\","
                        + "\"searchThresholdHigh\":70,\"searchThresholdLow\":20}]}}", "faces.group"},
                {"{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":false,\"detectTargetList\":[\"face\"],"
                        + "\"globalStranger\":{\"enable\":true,\"searchThresholdLow\":-1,\"startTime\":\"000000\","
                        + "\"endTime\":\"000000\"}}}", "faces.globalStranger.searchThresholdLow"}}) {
            ApiException e = refused(3, bad[0]);
            assertThat(e.error()).as(bad[0]).isEqualTo(ErrorCode.ILLEGAL_ARGUMENT);
            assertThat(e.args().toString()).as(bad[0]).contains(bad[1]);
        }
        ApiException e = refused(3, "{\"surveillanceEnabled\":true,\"faces\":{\"livenessEnabled\":false,"
                + "\"detectTargetList\":[\"face\"],\"filter\":{\"roll\":0,\"yaw\":0,\"pitch\":0,\"blurness\":0,"
                + "\"faceMin\":19,\"bodyMin\":381}}}");
        assertThat(e.args().toString()).contains("faces.filter.faceMin", "faces.filter.bodyMin");
    }

    /** A fresh database in another directory. */
    private void restartEmpty() {
        db.close();
        db = new MapDbDatabase(dir.resolve("db2/megbox.db"), false);
        settings = new StructureSettings(db);
        settings.addListener(changes::add);
        endpoints = new StructureEndpoints(settings, video);
    }

    @Test
    void emptyGetListsChannelsWithTheirSwitch() {
        JsonNode videos = get().path("videos");
        assertThat(videos).hasSize(2);
        assertThat(video(3).path("videoConStatus").isInt()).isTrue();
        assertThat(Optional.ofNullable(video(3).get("surveillanceType"))).isEmpty();
    }
}
