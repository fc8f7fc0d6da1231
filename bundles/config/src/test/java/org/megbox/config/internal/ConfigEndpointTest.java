package org.megbox.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.config.DetectType;
import org.megbox.config.DeviceConfig;
import org.megbox.config.DeviceConfigListener;
import org.megbox.config.WorkMode;
import org.megbox.persistence.Codec;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.Route;

/** The §3 endpoints over the real database, built through their constructors as DS would. */
class ConfigEndpointTest {

    /** How the REST core writes {@code data}: a plain Jackson mapper over the returned DTO. */
    private static final ObjectMapper WIRE = new ObjectMapper();

    @TempDir
    Path dir;

    private MapDbDatabase db;
    private DeviceConfigManager manager;
    private ConfigEndpoint configs;
    private MegConnectEndpoint megConnect;

    @BeforeEach
    void start() {
        open();
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        manager = new DeviceConfigManager(db);
        configs = new ConfigEndpoint(manager, "megbox-osgi 0.1.0.TEST");
        megConnect = new MegConnectEndpoint(manager, 18181);
    }

    /** A restart of the box: close everything, open it again from the same files. */
    private void restart() {
        db.close();
        open();
    }

    private static JsonNode wire(Object data) {
        return WIRE.valueToTree(data);
    }

    private JsonNode getConfigs() {
        return wire(configs.getConfigs(FakeRequest.get("/configs")));
    }

    private void postConfigs(String body) {
        assertThat(configs.setConfigs(FakeRequest.post("/configs", body))).isNull();
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void routesAreTheSpecsWithWritesAsWrites() {
        assertThat(configs.routes()).extracting(r -> r.method() + " " + r.path() + " " + r.access())
                .containsExactly("POST /configs WRITE", "GET /configs READ", "GET /configs/detect READ",
                        "POST /configs/detect WRITE");
        assertThat(megConnect.routes()).extracting(Route::path).containsOnly("/devices/megConnect");
    }

    @Test
    void getConfigsAnswersEveryFieldWithTheFactoryDefaults() throws Exception {
        JsonNode expected = WIRE.readTree("""
                {"MegFaceSDKVer":"megbox-osgi 0.1.0.TEST",
                 "model":{"detectModelVer":"","trackModelVer":"","poseModelVer":"","blurModelVer":"",
                          "searchModelVer":"","livenessModelVer":""},
                 "funcModule":{"capturePicEnabled":true,"clipEnabled":false,"captureFullPicEnabled":true,"clipTime":0,
                   "detectType":0,"alertReportBufferSize":10000,"captureReportBufferSize":50000,
                   "fullPicCompressLevel":80,"fullPicDrawRectEnabled":false,"minPushInterval":500,
                   "pictureRetryCount":5,"pictureRetryInterval":5,"pictureStrangerRetryCount":0,"retryCount":5,
                   "retryInterval":5,"strangerRetryCount":0,"rtspServerEnabled":false},
                 "modelSw":{"videoMode":"videoStreamMode","workMode":"BlackNameListMode","pushMode":"BestPushMode",
                   "httpMode":"http","libMode":false,"digestMode":false,"digestMaxAuthTries":6,"digestUnlockTime":30}}""");
        JsonNode actual = getConfigs();
        assertThat(actual).isEqualTo(expected);
        // field order as the spec prints it
        List<String> top = new ArrayList<>();
        actual.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("MegFaceSDKVer", "model", "funcModule", "modelSw");
    }

    @Test
    void aPartialBodyChangesOnlyWhatItNames() {
        JsonNode before = getConfigs();
        postConfigs("{\"modelSw\":{\"digestMode\":true,\"digestMaxAuthTries\":3},\"funcModule\":{\"retryInterval\":60}}");
        JsonNode after = getConfigs();

        assertThat(after.at("/modelSw/digestMode").asBoolean()).isTrue();
        assertThat(after.at("/modelSw/digestMaxAuthTries").asInt()).isEqualTo(3);
        assertThat(after.at("/funcModule/retryInterval").asInt()).isEqualTo(60);
        ((com.fasterxml.jackson.databind.node.ObjectNode) after.get("modelSw")).setAll(
                (com.fasterxml.jackson.databind.node.ObjectNode) WIRE.createObjectNode()
                        .put("digestMode", false).put("digestMaxAuthTries", 6));
        ((com.fasterxml.jackson.databind.node.ObjectNode) after.get("funcModule")).put("retryInterval", 5);
        assertThat(after).isEqualTo(before);
        // the exported snapshot says the same
        assertThat(manager.current().modelSw().digestMode()).isTrue();
        assertThat(manager.current().modelSw().digestMaxAuthTries()).isEqualTo(3);
    }

    @Test
    void anOutOfRangeValueChangesNothingStoredOrPublished() {
        postConfigs("{\"funcModule\":{\"minPushInterval\":1000}}");
        DeviceConfig published = manager.current();
        JsonNode stored = db.store(DeviceConfigManager.STORE, Codec.bytes()).get(DeviceConfigManager.KEY_DEVICE)
                .map(b -> readTree(b)).orElseThrow();

        ApiException e = refusal(() -> configs.setConfigs(FakeRequest.post("/configs",
                "{\"modelSw\":{\"workMode\":\"WhiteNameListMode\",\"digestUnlockTime\":4},"
                        + "\"funcModule\":{\"minPushInterval\":2000}}")));
        assertThat(e.error()).isEqualTo(ErrorCode.ILLEGAL_ARGUMENT);
        assertThat(e.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:modelSw.digestUnlockTime");

        assertThat(manager.current()).isSameAs(published);
        assertThat(db.store(DeviceConfigManager.STORE, Codec.bytes()).get(DeviceConfigManager.KEY_DEVICE)
                .map(b -> readTree(b)).orElseThrow()).isEqualTo(stored);
        restart();
        assertThat(manager.current()).isEqualTo(published);
        assertThat(manager.current().modelSw().workMode()).isEqualTo(WorkMode.BLACK_NAME_LIST);
        assertThat(manager.current().funcModule().minPushInterval()).isEqualTo(1000);
    }

    @Test
    void nullFieldsKeepTheirValues() {
        postConfigs("{\"modelSw\":{\"digestMode\":true}}");
        postConfigs("{\"modelSw\":{\"digestMode\":null,\"pushMode\":\"FastPushMode\"},\"funcModule\":null}");
        assertThat(manager.current().modelSw().digestMode()).isTrue();
        assertThat(getConfigs().at("/modelSw/pushMode").asText()).isEqualTo("FastPushMode");
    }

    @Test
    void changesSurviveARestart() {
        postConfigs("""
                {"modelSw":{"pushMode":"FastPushMode","httpMode":"https","libMode":true,"digestUnlockTime":5},
                 "funcModule":{"alertReportBufferSize":0,"fullPicCompressLevel":100,"rtspServerEnabled":true,
                   "clipTime":10}}""");
        JsonNode before = getConfigs();
        restart();
        assertThat(getConfigs()).isEqualTo(before);
        assertThat(before.at("/modelSw/pushMode").asText()).isEqualTo("FastPushMode");
        assertThat(before.at("/funcModule/clipTime").asInt()).isEqualTo(10);
    }

    @Test
    void detectTypeIsOneValueSeenThroughBothEndpoints() {
        assertThat(wire(configs.getDetect(FakeRequest.get("/configs/detect"))))
                .isEqualTo(readTree("{\"type\":0,\"support\":[0,1,3]}"));

        assertThat(configs.setDetect(FakeRequest.post("/configs/detect", "{\"type\":3}"))).isNull();
        assertThat(getConfigs().at("/funcModule/detectType").asInt()).isEqualTo(3);

        postConfigs("{\"funcModule\":{\"detectType\":1}}");
        assertThat(wire(configs.getDetect(FakeRequest.get("/configs/detect"))).get("type").asInt()).isEqualTo(1);

        restart();
        assertThat(manager.current().funcModule().detectType()).isEqualTo(DetectType.MIXED);
    }

    @Test
    void postDetectNeedsALegalType() {
        ApiException missing = refusal(() -> configs.setDetect(FakeRequest.post("/configs/detect", "{}")));
        assertThat(missing.getMessage()).isEqualTo("MISSING_ARGUMENT:type");
        assertThat(missing.error().code()).isEqualTo(104002);
        ApiException illegal = refusal(() -> configs.setDetect(FakeRequest.post("/configs/detect", "{\"type\":2}")));
        assertThat(illegal.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:type");
        ApiException notJson = refusal(() -> configs.setDetect(FakeRequest.post("/configs/detect", "type=1")));
        assertThat(notJson.error()).isEqualTo(ErrorCode.ILLEGAL_JSON_BODY);
        assertThat(manager.current().funcModule().detectType()).isEqualTo(DetectType.FULL_FACE);
    }

    @Test
    void aWorkModeChangeReinitialisesAndTakesTheNewModesCaptureDefaults() {
        List<String> calls = new ArrayList<>();
        DeviceConfigListener listener = (previous, current) -> calls.add(previous.modelSw().workMode() + "->"
                + current.modelSw().workMode() + " reinit=" + DeviceConfig.reinitialises(previous, current));
        manager.addListener(listener);

        postConfigs("{\"modelSw\":{\"workMode\":\"WhiteNameListMode\"}}");
        assertThat(manager.current().funcModule().capturePicEnabled()).isFalse();
        assertThat(manager.current().funcModule().captureFullPicEnabled()).isFalse();

        // within one mode the switches are the client's
        postConfigs("{\"funcModule\":{\"capturePicEnabled\":true}}");
        assertThat(manager.current().funcModule().capturePicEnabled()).isTrue();

        // a mode change with an explicit value keeps that value
        postConfigs("{\"modelSw\":{\"workMode\":\"BlackNameListMode\"},\"funcModule\":{\"captureFullPicEnabled\":false}}");
        assertThat(manager.current().funcModule().capturePicEnabled()).isTrue();
        assertThat(manager.current().funcModule().captureFullPicEnabled()).isFalse();

        // an unchanged configuration is not written and not announced
        postConfigs("{\"modelSw\":{\"workMode\":\"BlackNameListMode\"}}");

        manager.removeListener(listener);
        postConfigs("{\"modelSw\":{\"libMode\":true}}");

        assertThat(calls).containsExactly(
                "BLACK_NAME_LIST->WHITE_NAME_LIST reinit=true",
                "WHITE_NAME_LIST->WHITE_NAME_LIST reinit=false",
                "WHITE_NAME_LIST->BLACK_NAME_LIST reinit=true");
    }

    @Test
    void aFailingListenerDoesNotUndoTheChange() {
        manager.addListener((previous, current) -> {
            throw new IllegalStateException("listener bug");
        });
        postConfigs("{\"modelSw\":{\"libMode\":true}}");
        assertThat(manager.current().modelSw().libMode()).isTrue();
        restart();
        assertThat(manager.current().modelSw().libMode()).isTrue();
    }

    @Test
    void aStoredValueTodaysRangesRefuseFallsBackToItsDefaultAlone() {
        db.store(DeviceConfigManager.STORE, Codec.utf8()).put(DeviceConfigManager.KEY_DEVICE, """
                {"modelSw":{"digestMaxAuthTries":99,"digestUnlockTime":10,"workMode":"NoSuchMode"},
                 "funcModule":{"retryCount":7},"futureSection":{"x":1}}""");
        restart();
        assertThat(manager.current().modelSw().digestMaxAuthTries()).isEqualTo(6);
        assertThat(manager.current().modelSw().digestUnlockTime()).isEqualTo(10);
        assertThat(manager.current().modelSw().workMode()).isEqualTo(WorkMode.BLACK_NAME_LIST);
        assertThat(manager.current().funcModule().retryCount()).isEqualTo(7);
    }

    @Test
    void megConnectDefaultsAndPort() {
        assertThat(wire(megConnect.getMegConnect(FakeRequest.get("/devices/megConnect"))))
                .isEqualTo(readTree("{\"enable\":false,\"url\":\"\",\"port\":18181}"));
        assertThat(MegConnectEndpoint.port("8080")).isEqualTo(8080);
        assertThat(MegConnectEndpoint.port(null)).isEqualTo(MegConnectEndpoint.DEFAULT_HTTP_PORT);
        assertThat(MegConnectEndpoint.port("nope")).isEqualTo(MegConnectEndpoint.DEFAULT_HTTP_PORT);
    }

    @Test
    void megConnectEnableNeedsAnAddressAndPersists() {
        ApiException missing = refusal(() -> megConnect.setMegConnect(
                FakeRequest.post("/devices/megConnect", "{\"enable\":true}")));
        assertThat(missing.getMessage()).isEqualTo("MISSING_ARGUMENT:url");
        assertThat(manager.megConnect().enable()).isFalse();

        ApiException illegal = refusal(() -> megConnect.setMegConnect(
                FakeRequest.post("/devices/megConnect", "{\"enable\":true,\"url\":\"udp://1.2.3.4:5\"}")));
        assertThat(illegal.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:url");

        megConnect.setMegConnect(FakeRequest.post("/devices/megConnect", "{\"url\":\"tcp://127.0.0.1:34567\"}"));
        megConnect.setMegConnect(FakeRequest.post("/devices/megConnect", "{\"enable\":true}"));
        restart();
        assertThat(wire(megConnect.getMegConnect(FakeRequest.get("/devices/megConnect"))))
                .isEqualTo(readTree("{\"enable\":true,\"url\":\"tcp://127.0.0.1:34567\",\"port\":18181}"));

        // the device configuration is untouched by all this
        assertThat(manager.current()).isEqualTo(ConfigDefaults.DEVICE);
    }

    @Test
    void aFailedCommitLeavesThePublishedSnapshot() {
        DeviceConfig before = manager.current();
        db.close(); // every further write fails
        assertThatThrownBy(() -> postConfigs("{\"modelSw\":{\"libMode\":true}}"))
                .isInstanceOf(org.megbox.persistence.PersistenceException.class);
        assertThat(manager.current()).isSameAs(before);
        open();
    }

    private static JsonNode readTree(byte[] bytes) {
        return readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    private static JsonNode readTree(String json) {
        try {
            return WIRE.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
