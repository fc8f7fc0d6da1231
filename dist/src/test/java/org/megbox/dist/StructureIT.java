package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Structure captures end to end: vtest.avi over RTSP, the channel's structuring surveillance switched on (§7 PUT
 * /videos/{videoNo}/surveillances), and persons appear as captures — one per track — in §20 GET /captures/human (or,
 * on a box without the events bundle, as the capture component's debug lines). Switched off: no further captures.
 * Then a §20.1 setting ({@code POST /structures/1/surveillances}, structured mode, detectTargetList ["human"]) turns
 * capturing on again although the §7 switch stays off, and {@code GET /structures} shows it.
 */
class StructureIT extends RtspBoxTest {

    static final String V = "/v1/MEGBOX/videos";
    static final String DEBUG = "-Dorg.slf4j.simpleLogger.log.org.megbox.alg.structure.internal.StructureCapture=debug";
    static final Pattern CAPTURE = Pattern.compile(
            "structure: no AlarmEventSink: AlarmEvent\\[videoNo=(\\d+), algType=1, eventType=capture, .*?targetType=(\\w+), targetId=(\\d+),");


    record Capture(String type, long trackId) {
    }

    boolean served() {
        Reply r = box.get("/v1/MEGBOX/captures/human?pageSize=1");
        return r.isJson() && r.code() == 0;
    }

    List<Capture> captures() {
        List<Capture> out = new ArrayList<>();
        if (served()) {
            for (String kind : new String[] {"human", "vehicle", "cycle"}) {
                JsonNode list = box.get("/v1/MEGBOX/captures/" + kind + "?pageSize=1000&chnNo=1").json().at("/data/captures");
                for (JsonNode c : list) {
                    assertThat(c.get("videoNo").asInt()).isEqualTo(1);
                    out.add(new Capture(kind, c.get("trackId").asLong()));
                }
            }
            return out;
        }
        Matcher m = CAPTURE.matcher(box.log());
        while (m.find()) {
            String kind = switch (m.group(2)) {
                case "person" -> "human";
                case "car" -> "vehicle";
                default -> m.group(2);
            };
            out.add(new Capture(kind, Long.parseLong(m.group(3))));
        }
        return out;
    }

    long humans() {
        return captures().stream().filter(c -> c.type().equals("human")).count();
    }

    Reply put(String path, String json) {
        return box.send(HttpRequest.newBuilder(URI.create(box.url(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    @Test
    void personsAreCapturedOncePerTrack() throws Exception {
        requireRtsp();
        rtsp = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        box = Box.create(work).javaOpts(DEBUG).start();

        JsonNode structure = null;
        for (JsonNode w : box.get("/v1/MEGBOX/warehouses").json().at("/data/warehouses")) {
            if (w.get("symbolicName").asText().equals("org.megbox.alg.structure")) {
                structure = w;
            }
        }
        assertThat(structure).isNotNull();
        assertThat(structure.at("/analyzer/available").asBoolean()).as("%s", structure).isTrue();
        assertThat(structure.at("/analyzer/events")).as("captures are no alertor events").isEmpty();

        assertThat(box.post(V, "{\"videoNo\": 1, \"videoName\": \"plaza\", \"url\": \"" + rtsp.url()
                + "\", \"rotation\": 0}").code()).isZero();
        Thread.sleep(3000);
        assertThat(captures()).as("surveillance off: no capture").isEmpty();

        Reply on = put(V + "/1/surveillances", "{\"surveillanceEnabled\": true}");
        assertThat(on.code()).as("%s", on).isZero();
        box.await("3 person captures", Duration.ofSeconds(60), 500, () -> "", () -> humans() >= 3);
        List<Capture> got = captures();
        Set<Long> ids = new HashSet<>();
        for (Capture c : got) {
            assertThat(ids.add(c.trackId())).as("one capture per track: %s", got).isTrue();
        }

        assertThat(put(V + "/1/surveillances", "{\"surveillanceEnabled\": false}").code()).isZero();
        Thread.sleep(1000); // the worker flushes its open tracks when it stops
        int stopped = captures().size();
        Thread.sleep(3000);
        assertThat(captures()).as("surveillance off: no new capture").hasSize(stopped);
        System.out.printf("StructureIT: %d captures (%d human)%n", stopped, humans());

        // §20.1: the channel's structure setting decides instead of the §7 switch (still off)
        Reply refused = box.post("/v1/MEGBOX/structures/2/surveillances", "{\"surveillanceEnabled\": true}");
        assertThat(refused.code()).as("%s", refused).isEqualTo(104009);
        Reply set = box.post("/v1/MEGBOX/structures/1/surveillances", "{\"surveillanceEnabled\": true, "
                + "\"surveillanceType\": 1, \"structures\": {\"detectTargetList\": [\"human\"]}}");
        assertThat(set.code()).as("%s", set).isZero();
        JsonNode listed = box.get("/v1/MEGBOX/structures").json().at("/data/videos/0");
        assertThat(listed.get("videoNo").asInt()).as("%s", listed).isEqualTo(1);
        assertThat(listed.get("surveillanceEnabled").asBoolean()).as("%s", listed).isTrue();
        assertThat(listed.get("surveillanceType").asInt()).as("%s", listed).isEqualTo(1);
        assertThat(listed.get("detectTargetList").toString()).as("%s", listed).isEqualTo("[\"human\"]");
        long humansBefore = humans();
        long othersBefore = captures().size() - humansBefore;
        box.await("2 new person captures after the §20.1 setting", Duration.ofSeconds(60), 500, () -> "",
                () -> humans() >= humansBefore + 2);
        assertThat(captures().stream().filter(c -> !c.type().equals("human")).count())
                .as("no vehicle or cycle capture under detectTargetList [human]").isEqualTo(othersBefore);
    }
}
