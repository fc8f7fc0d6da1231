package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The events bundle black-box: §8 /alerts, §9/§25.2 /captures and §20 /captures/human|cycle|vehicle answer with the
 * spec's spellings and refuse bad paging with 104001; on real video (rtsp-serve + vtest.avi, the perimeter warehouse's
 * detector, one intrusion rule) the stored alerts carry pictures that are served as JPEG, and after a SIGKILL every
 * alert listed before is still listed with both its pictures readable.
 */
class EventsIT extends RtspBoxTest {

    static final String A = "/v1/MEGBOX/alerts";
    static final String C = "/v1/MEGBOX/captures";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    static void assertIllegal(Reply r, String message) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.code()).as("%s", r).isEqualTo(104001);
        assertThat(r.json().path("message").asText()).isEqualTo(message);
    }

    @Test
    void queriesAnswerEmptyAndRefuseBadParameters() {
        box = Box.create(work).start();
        JsonNode alerts = box.get(A).json();
        assertThat(alerts.path("code").asInt()).isZero();
        assertThat(alerts.at("/data/totalAlarts").asInt(-1)).isZero();
        assertThat(alerts.at("/data/alertsEvent").isArray()).isTrue();
        assertThat(alerts.at("/data/nextPageToken").isMissingNode()).isTrue();
        for (String path : List.of(C, C + "/human", C + "/cycle", C + "/vehicle", C + "?alertType=28&alertObjType=person")) {
            JsonNode d = box.get(path).json();
            assertThat(d.path("code").asInt()).as(path).isZero();
            assertThat(d.at("/data/toltalCaptures").asInt(-1)).as(path).isZero();
            assertThat(d.at("/data/captures").isArray()).as(path).isTrue();
        }
        assertIllegal(box.get(A + "?pageSize=0"), "ILLEGAL_ARGUMENT:pageSize");
        assertIllegal(box.get(A + "?pageToken=abc&pageSize=10"), "ILLEGAL_ARGUMENT:pageToken");
        assertIllegal(box.get(A + "?pageToken=1&pageOffset=1"), "ILLEGAL_ARGUMENT:pageOffset");
        assertIllegal(box.get(A + "?timeStart=200&timeEnd=100"), "ILLEGAL_ARGUMENT:timeEnd");
        assertIllegal(box.get(C + "?pageSize=1001"), "ILLEGAL_ARGUMENT:pageSize");
        assertIllegal(box.get(C + "/human?chnNo=99"), "ILLEGAL_ARGUMENT:chnNo");
        assertIllegal(box.get(C + "?alertObjType=dragon"), "ILLEGAL_ARGUMENT:alertObjType");
        assertIllegal(box.get(C + "/abc/1"), "ILLEGAL_ARGUMENT:trackId");
        assertThat(box.get(C + "/5/1570691102826").code()).isEqualTo(104007);
        assertThat(box.delete(C + "/5/1570691102826").code()).isEqualTo(104007);
        assertThat(box.delete(A + "/5/1570691102826").code()).isEqualTo(104007);
        assertThat(box.get("/v1/MEGBOX/pictures/2026/01/01/00/1_1_1_full.jpg").code()).isEqualTo(104007);
        // alert mode by the device's detectType (3): the bare path answers in the §25.2 shape (still empty here)
        assertThat(box.post("/v1/MEGBOX/configs/detect", "{\"type\": 3}").code()).isZero();
        assertThat(box.get(C).json().at("/data/toltalCaptures").asInt(-1)).isZero();
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        box.await(what, DEADLINE, 250, () -> "", condition);
    }

    private byte[] bytes(String relativeUri) throws Exception {
        assertThat(relativeUri).startsWith("./pictures/");
        HttpResponse<byte[]> r = box.httpClient().send(HttpRequest.newBuilder(URI.create(
                box.url("/v1/MEGBOX/" + relativeUri.substring(2)))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(relativeUri).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/jpeg");
        return r.body();
    }

    private static BufferedImage image(byte[] jpeg) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img).isNotNull();
        return img;
    }

    private List<JsonNode> allAlerts() {
        List<JsonNode> out = new ArrayList<>();
        long token = 0;
        for (int page = 0; page < 100; page++) {
            JsonNode d = box.get(A + "?pageSize=100" + (token != 0 ? "&pageToken=" + token : "")).json().path("data");
            d.path("alertsEvent").forEach(out::add);
            token = d.path("nextPageToken").asLong(0);
            if (token == 0) {
                break;
            }
        }
        return out;
    }

    @Test
    void realAlertsCarryPicturesAndSurviveSigkill() throws Exception {
        requireRtsp();
        rtsp = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        box = Box.create(work).start();
        IntrusionAlerts.start(box, 3, rtsp.url());
        await("3 stored alerts", () -> box.get(A + "?chnNo=3").json().at("/data/totalAlarts").asInt() >= 3);

        List<JsonNode> before = allAlerts();
        JsonNode first = before.get(0);
        assertThat(first.path("videoNo").asInt()).isEqualTo(3);
        assertThat(first.path("channelName").asText()).isEqualTo("plaza");
        assertThat(first.path("alertor_type").asText()).isEqualTo("intrusion");
        assertThat(first.at("/target/target_type").asText()).isEqualTo("person");
        assertThat(first.path("trackId").asLong()).isEqualTo(first.at("/target/target_id").asLong());
        assertThat(first.path("device_id").asText()).matches("[0-9A-F]{12}0{8}");
        assertThat(first.at("/target/points")).hasSize(2);
        BufferedImage full = image(bytes(first.path("captureFullImageURL").asText()));
        assertThat(full.getWidth()).isEqualTo(768);
        assertThat(full.getHeight()).isEqualTo(576);
        BufferedImage crop = image(bytes(first.path("captureImageURL").asText()));
        int boxW = first.at("/target/points/1/x").asInt() - first.at("/target/points/0/x").asInt();
        assertThat(crop.getWidth()).isBetween(Math.min(boxW, 768), 768);
        assertThat(crop.getHeight()).isLessThan(576 + 1);

        // one capture with its pictures inline; the alert-mode list names the event type by number (28 intrusion)
        JsonNode one = box.get(C + "/" + first.path("trackId").asLong() + "/" + first.path("timestamp").asLong()).json();
        assertThat(one.path("code").asInt()).as("%s", one).isZero();
        assertThat(one.at("/data/captureFace").asText()).isNotEmpty();
        assertThat(one.at("/data/fullImage").asText()).isNotEmpty();
        JsonNode alertMode = box.get(C + "?alertType=28&chnNo=3&pageSize=1").json().path("data");
        assertThat(alertMode.path("toltalCaptures").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(alertMode.at("/captures/0/alertType").asInt()).isEqualTo(28);
        assertThat(alertMode.at("/captures/0/alertSubType").asInt()).isEqualTo(2);
        assertThat(alertMode.at("/captures/0/objType").asText()).isEqualTo("person");
        assertThat(alertMode.path("nextPageToken").asLong()).isGreaterThan(0);

        // SIGKILL while the writer is busy: what was listed stays listed, and no record points at a missing picture
        String deviceId = first.path("device_id").asText();
        box.kill9();
        box.start();
        List<JsonNode> after = allAlerts();
        Map<String, JsonNode> byKey = new HashMap<>();
        after.forEach(a -> byKey.put(a.path("trackId").asLong() + "/" + a.path("timestamp").asLong(), a));
        for (JsonNode a : before) {
            assertThat(byKey).containsKey(a.path("trackId").asLong() + "/" + a.path("timestamp").asLong());
        }
        for (JsonNode a : after) {
            assertThat(bytes(a.path("captureFullImageURL").asText())).isNotEmpty();
            assertThat(bytes(a.path("captureImageURL").asText())).isNotEmpty();
            assertThat(a.path("device_id").asText()).isEqualTo(deviceId);
        }
        // deleting an alert from both lists deletes its pictures
        JsonNode gone = after.get(0);
        String key = "/" + gone.path("trackId").asLong() + "/" + gone.path("timestamp").asLong();
        assertThat(box.delete(A + key).code()).isZero();
        assertThat(box.delete(C + key).code()).isZero();
        assertThat(box.get("/v1/MEGBOX/" + gone.path("captureImageURL").asText().substring(2)).code()).isEqualTo(104007);

        // the channel is deleted: its alerts and captures go with it, and no picture stays on disk (none without a
        // record either: the kill's orphans were deleted at start)
        assertThat(box.delete("/v1/MEGBOX/videos/3").code()).isZero();
        await("channel 3's alerts and pictures deleted",
                () -> box.get(A).json().at("/data/totalAlarts").asInt() == 0 && pictureFiles() == 0);
        JsonNode status = box.get("/v1/MEGBOX/events/status").json().path("data");
        assertThat(status.path("events").asInt()).isZero();
        assertThat(status.path("device_id").asText()).isEqualTo(deviceId);
    }

    private long pictureFiles() {
        try (Stream<Path> s = Files.walk(box.dataDir().resolve("pictures"))) {
            return s.filter(Files::isRegularFile).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1; // a folder vanished while walking: look again
        }
    }
}
