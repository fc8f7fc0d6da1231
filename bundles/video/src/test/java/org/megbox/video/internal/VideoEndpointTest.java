package org.megbox.video.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.video.ConnectionStatus;
import org.megbox.video.FaceSurveillance;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannelListener;

/** The §7 endpoints over the real database (decoders off: this is about the API and the stored state). */
class VideoEndpointTest {

    private static final ObjectMapper WIRE = new ObjectMapper();

    @TempDir
    Path dir;

    private MapDbDatabase db;
    private ChannelManager manager;
    private VideoEndpoint endpoint;
    private final List<String> events = new ArrayList<>();

    private final VideoChannelListener listener = new VideoChannelListener() {
        @Override
        public void channelAdded(VideoChannel c) {
            events.add("added " + c.videoNo());
        }

        @Override
        public void channelUpdated(VideoChannel a, VideoChannel b) {
            events.add("updated " + b.videoNo() + " " + b.videoName());
        }

        @Override
        public void channelRemoved(VideoChannel c) {
            events.add("removed " + c.videoNo());
        }

        @Override
        public void trackReset(int videoNo) {
            events.add("trackReset " + videoNo);
        }
    };

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        manager = new ChannelManager(db, false);
        manager.addListener(listener);
        endpoint = new VideoEndpoint(manager);
    }

    @AfterEach
    void close() {
        manager.deactivate();
        db.close();
    }

    private void restart() {
        close();
        events.clear();
        open();
    }

    static String body(int videoNo, String name) {
        return "{\"videoNo\":" + videoNo + ",\"videoName\":\"" + name + "\",\"url\":\"rtsp://10.0.0." + videoNo
                + "/s\",\"subUrl\":\"rtsp://\",\"username\":\"admin\",\"password\":\"secret\",\"rotation\":90}";
    }

    private void post(String json) {
        assertThat(endpoint.add(FakeRequest.of("POST", json))).isNull();
    }

    private JsonNode videos() {
        return WIRE.valueToTree(endpoint.list(FakeRequest.of("GET", null))).get("videos");
    }

    private static ApiException refusal(ThrowingRunnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no ApiException");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void addListAndSurviveARestart() {
        post(body(2, "gate_2"));
        post(body(1, "door"));
        JsonNode v = videos();
        assertThat(v).hasSize(2);
        assertThat(v.get(0).get("videoNo").asInt()).isEqualTo(1);
        JsonNode c = v.get(1);
        assertThat(c.get("videoName").asText()).isEqualTo("gate_2");
        assertThat(c.get("url").asText()).isEqualTo("rtsp://10.0.0.2/s");
        assertThat(c.get("subUrl").asText()).isEqualTo("rtsp://");
        assertThat(c.get("username").asText()).isEqualTo("admin");
        assertThat(c.get("password").asText()).isEqualTo("secret");
        assertThat(c.get("rotation").asInt()).isEqualTo(90);
        assertThat(c.get("surveillanceEnabled").asBoolean()).isFalse();
        assertThat(c.get("videoConStatus").asInt()).isEqualTo(1); // never connected
        assertThat(c.get("filter").get("faceMin").asInt()).isEqualTo(80);
        assertThat(c.get("group")).isEmpty();
        assertThat(events).containsExactly("added 2", "added 1");

        restart();
        assertThat(videos()).isEqualTo(v);
        assertThat(events).containsExactly("added 1", "added 2"); // a listener learns the stored channels
        assertThat(manager.channel(2)).get().extracting(VideoChannel::rotation, VideoChannel::status)
                .containsExactly(90, ConnectionStatus.CONNECTING);
    }

    @Test
    void refusalsStoreNothing() {
        post(body(1, "door"));
        JsonNode before = videos();
        assertThat(refusal(() -> post(body(1, "other"))).error()).isEqualTo(ErrorCode.VIDEO_CH_EXIST);
        assertThat(refusal(() -> post("{\"videoNo\":3")).error()).isEqualTo(ErrorCode.ILLEGAL_JSON_BODY);
        assertThat(refusal(() -> post("")).error()).isEqualTo(ErrorCode.ILLEGAL_JSON_BODY);
        assertThat(refusal(() -> post("[1]")).error()).isEqualTo(ErrorCode.ILLEGAL_ARGUMENT);
        ApiException e = refusal(() -> post(body(17, "x")));
        assertThat(e.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:videoNo");
        e = refusal(() -> post(body(3, "bad name")));
        assertThat(e.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:videoName");
        e = refusal(() -> post(body(3, "ok").replace("\"rotation\":90", "\"rotation\":45")));
        assertThat(e.getMessage()).isEqualTo("ILLEGAL_ARGUMENT:rotation");
        e = refusal(() -> post("{\"videoNo\":3,\"rotation\":0}"));
        assertThat(e.getMessage()).isEqualTo("MISSING_ARGUMENT:videoName,url");
        assertThat(videos()).isEqualTo(before);
        restart();
        assertThat(videos()).isEqualTo(before);
    }

    @Test
    void sixteenChannelsAtMost() {
        for (int i = 1; i <= 16; i++) {
            post(body(i, "c" + i));
        }
        assertThat(videos()).hasSize(16);
        // a 17th cannot even be numbered: 1..16 are taken, 17 is out of range
        assertThat(refusal(() -> post(body(17, "c17"))).error()).isEqualTo(ErrorCode.ILLEGAL_ARGUMENT);
        assertThat(refusal(() -> post(body(5, "c5"))).error()).isEqualTo(ErrorCode.VIDEO_CH_EXIST);
    }

    @Test
    void editDeleteAndTheirErrors() {
        post(body(1, "door"));
        Object r = endpoint.edit(FakeRequest.of("PUT", "1",
                "{\"videoName\":\"door_2\",\"url\":\"/data/clip.mp4\",\"rotation\":0}"));
        assertThat(r).isNull();
        JsonNode c = videos().get(0);
        assertThat(c.get("videoName").asText()).isEqualTo("door_2");
        assertThat(c.get("url").asText()).isEqualTo("/data/clip.mp4");
        assertThat(c.get("username").asText()).isEmpty(); // PUT replaces the stream settings whole
        assertThat(c.get("rotation").asInt()).isZero();

        assertThat(refusal(() -> endpoint.edit(FakeRequest.of("PUT", "2",
                "{\"videoName\":\"x\",\"url\":\"rtsp://a/b\",\"rotation\":0}"))).error())
                .isEqualTo(ErrorCode.VIDEO_CH_NOT_EXIST);
        assertThat(refusal(() -> endpoint.edit(FakeRequest.of("PUT", "1",
                "{\"videoName\":\"x\",\"url\":\"rtsp://a/b\",\"rotation\":7}"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:rotation");
        assertThat(refusal(() -> endpoint.edit(FakeRequest.of("PUT", "0", "{}"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:videoNo");
        assertThat(refusal(() -> endpoint.edit(FakeRequest.of("PUT", "abc", "{}"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:videoNo");

        assertThat(refusal(() -> endpoint.delete(FakeRequest.of("DELETE", "2", null))).error())
                .isEqualTo(ErrorCode.NO_VIDEO);
        assertThat(endpoint.delete(FakeRequest.of("DELETE", "1", null))).isNull();
        assertThat(videos()).isEmpty();
        assertThat(events).containsExactly("added 1", "updated 1 door_2", "removed 1");
        restart();
        assertThat(videos()).isEmpty();
        post(body(1, "again")); // the number is free again
        assertThat(videos()).hasSize(1);
    }

    @Test
    void surveillanceSettingsMergeAndPersist() {
        post(body(1, "door"));
        endpoint.surveillances(FakeRequest.of("PUT", "1", "{\"surveillanceEnabled\":true,"
                + "\"filter\":{\"roll\":30,\"yaw\":20,\"pitch\":25,\"blurness\":40,\"faceMin\":100},"
                + "\"group\":[{\"groupName\":\"staff\",\"startTime\":\"080000\",\"endTime\":\"180000\","
                + "\"searchThresholdHigh\":75,\"searchThresholdLow\":20}],\"livenessThreshold\":55}"));
        JsonNode c = videos().get(0);
        assertThat(c.get("surveillanceEnabled").asBoolean()).isTrue();
        assertThat(c.get("filter").get("roll").asInt()).isEqualTo(30);
        assertThat(c.get("filter").get("highBrightness").asInt()).isEqualTo(90); // kept
        assertThat(c.get("group").get(0).get("groupName").asText()).isEqualTo("staff");
        assertThat(c.get("livenessThreshold").asDouble()).isEqualTo(55);
        assertThat(manager.channel(1).orElseThrow().surveillanceEnabled()).isTrue();

        endpoint.surveillances(FakeRequest.of("PUT", "1", "{\"surveillanceEnabled\":false}"));
        JsonNode d = videos().get(0);
        assertThat(d.get("surveillanceEnabled").asBoolean()).isFalse();
        assertThat(d.get("group")).isEqualTo(c.get("group")); // untouched

        assertThat(refusal(() -> endpoint.surveillances(FakeRequest.of("PUT", "1",
                "{\"filter\":{\"roll\":181,\"yaw\":0,\"pitch\":0,\"blurness\":0,\"faceMin\":20}}"))).getMessage())
                .isEqualTo("ILLEGAL_ARGUMENT:filter.roll");
        assertThat(refusal(() -> endpoint.surveillances(FakeRequest.of("PUT", "2", "{}"))).error())
                .isEqualTo(ErrorCode.NO_VIDEO);
        restart();
        assertThat(videos().get(0)).isEqualTo(d);
    }

    /** What §7 binds for face recognition reaches analysers through VideoChannels, across a restart. */
    @Test
    void boundGroupsGlobalStrangerAndLivenessThresholdAreExposed() {
        post(body(1, "door"));
        FaceSurveillance fresh = manager.faceSurveillance(1).orElseThrow();
        assertThat(fresh.group()).isEmpty();
        assertThat(fresh.enabledStranger()).isEmpty();
        assertThat(fresh.globalStranger().searchThresholdLow()).isEqualTo(20);
        assertThat(fresh.livenessThreshold()).isEqualTo(ChannelConfig.DEFAULT_LIVENESS_THRESHOLD);

        endpoint.surveillances(FakeRequest.of("PUT", "1", "{\"surveillanceEnabled\":true,"
                + "\"group\":[{\"groupName\":\"staff\",\"startTime\":\"080000\",\"endTime\":\"180000\","
                + "\"searchThresholdHigh\":75,\"searchThresholdLow\":20},{\"groupName\":\"vip\",\"startTime\":\"000000\","
                + "\"endTime\":\"000000\",\"searchThresholdHigh\":90,\"searchThresholdLow\":30}],"
                + "\"globalStranger\":{\"enable\":true,\"searchThresholdLow\":25,\"startTime\":\"000000\","
                + "\"endTime\":\"000000\"},\"livenessThreshold\":55}"));
        restart();
        FaceSurveillance f = manager.faceSurveillance(1).orElseThrow();
        assertThat(f.videoNo()).isEqualTo(1);
        assertThat(f.group()).containsExactly(new FaceSurveillance.BoundGroup("staff", "080000", "180000", 75, 20),
                new FaceSurveillance.BoundGroup("vip", "000000", "000000", 90, 30));
        assertThat(f.enabledStranger()).contains(new FaceSurveillance.GlobalStranger(true, 25, "000000", "000000"));
        assertThat(f.livenessThreshold()).isEqualTo(55);
        assertThat(manager.faceSurveillance(2)).isEmpty();
    }

    @Test
    void trackResetTellsListenersAndSnapNeedsAChannel() {
        post(body(4, "yard"));
        assertThat(endpoint.trackReset(FakeRequest.of("GET", "4", null))).isNull();
        assertThat(events).contains("trackReset 4");
        assertThat(refusal(() -> endpoint.trackReset(FakeRequest.of("GET", "5", null))).error())
                .isEqualTo(ErrorCode.NO_VIDEO);
        assertThat(refusal(() -> endpoint.snapFullImage(FakeRequest.of("GET", "5", null))).error())
                .isEqualTo(ErrorCode.NO_VIDEO);
        assertThat(refusal(() -> endpoint.snapFullImage(FakeRequest.of("GET", "99", null))).error())
                .isEqualTo(ErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void aStoredRecordThatIsUnusableIsSkipped() {
        post(body(1, "door"));
        close();
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        db.longStore(ChannelConfig.STORE, ChannelConfig.codec()).put(7L, WIRE.createObjectNode().put("x", 1));
        db.close();
        events.clear();
        open();
        assertThat(videos()).hasSize(1);
    }
}
