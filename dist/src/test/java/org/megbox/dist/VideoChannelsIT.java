package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §7 video channels against real RTSP streams (shared/tools/rtsp-serve serving Debian's vtest.avi on
 * 127.0.0.1): a channel connects and snaps a real picture; a killed source turns its status to 1 while the API
 * and the other channels carry on; the restarted source is picked up again; channels survive a SIGKILL; bad
 * requests store nothing. Every wait is a poll with a deadline.
 */
class VideoChannelsIT {

    private static final String V = "/v1/MEGBOX/videos";
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(30);
    private static final Duration FAIL_DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path work;

    Box box;
    RtspServer a;
    RtspServer b;

    @AfterEach
    void tearDown() {
        if (box != null) {
            box.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static String channel(int videoNo, String url, int rotation) {
        return "{\"videoNo\":" + videoNo + ",\"videoName\":\"cam_" + videoNo + "\",\"url\":\"" + url
                + "\",\"rotation\":" + rotation + "}";
    }

    private Reply put(String path, String json) {
        return box.send(HttpRequest.newBuilder(URI.create(box.url(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** GET /videos with a short request timeout: the API must answer promptly whatever the sources do. */
    private JsonNode videos() {
        Reply r = box.send(HttpRequest.newBuilder(URI.create(box.url(V))).timeout(Duration.ofSeconds(3)).GET());
        JsonNode j = r.json();
        assertThat(r.code()).as("%s", r).isZero();
        return j.at("/data/videos");
    }

    private int status(int videoNo) {
        for (JsonNode v : videos()) {
            if (v.get("videoNo").asInt() == videoNo) {
                return v.get("videoConStatus").asInt();
            }
        }
        throw new AssertionError("no channel " + videoNo + " in " + videos());
    }

    private long decoded(int videoNo) {
        return box.get(V + "/" + videoNo + "/ingest").json().at("/data/framesDecoded").asLong();
    }

    private void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        box.await(what, deadline, 200, () -> "videos " + videos(), condition);
    }

    private BufferedImage snap(int videoNo) throws Exception {
        Reply r = box.get(V + "/" + videoNo + "/snapFullImage");
        assertThat(r.code()).as("%s", r).isZero();
        byte[] jpeg = Base64.getDecoder().decode(r.json().at("/data/image").asText());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img).as("a decodable JPEG").isNotNull();
        return img;
    }

    @Test
    void channelsFollowTheirSourcesAndSurviveSigkill() throws Exception {
        RtspBoxTest.requireRtsp();
        int portA = RtspServer.freePort();
        a = new RtspServer(RtspServer.VTEST, portA).start();
        b = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        box = Box.create(work).start();

        assertThat(box.post(V, channel(1, a.url(), 0)).code()).isZero();
        assertThat(box.post(V, channel(2, b.url(), 90)).code()).isZero();
        await("both channels connected", CONNECT_DEADLINE, () -> status(1) == 0 && status(2) == 0);

        BufferedImage one = snap(1);
        assertThat(one.getWidth()).isEqualTo(768);
        assertThat(one.getHeight()).isEqualTo(576);
        BufferedImage two = snap(2); // rotated 90° clockwise
        assertThat(two.getWidth()).isEqualTo(576);
        assertThat(two.getHeight()).isEqualTo(768);

        // the camera of channel 1 dies: its status says so, the API and channel 2 carry on
        a.kill();
        await("channel 1 reported failed", FAIL_DEADLINE, () -> status(1) == 1);
        long before = decoded(2);
        await("channel 2 still decoding", FAIL_DEADLINE, () -> decoded(2) > before + 10);
        assertThat(status(2)).isZero();
        Reply snapDead = box.get(V + "/1/snapFullImage");
        assertThat(snapDead.code()).as("%s", snapDead).isEqualTo(104006);

        // it comes back on the same address: picked up again by the reconnect loop
        a = new RtspServer(RtspServer.VTEST, portA).start();
        await("channel 1 reconnected", CONNECT_DEADLINE, () -> status(1) == 0);
        assertThat(box.get(V + "/1/ingest").json().at("/data/reconnects").asLong()).isPositive();

        // SIGKILL: the channels are stored and their decoders start with the box
        box.kill9();
        box.start();
        JsonNode after = videos();
        assertThat(after).hasSize(2);
        assertThat(after.get(1).get("rotation").asInt()).isEqualTo(90);
        assertThat(after.get(0).get("url").asText()).isEqualTo(a.url());
        await("both channels connected after the restart", CONNECT_DEADLINE, () -> status(1) == 0 && status(2) == 0);

        // delete stops the decoder; the number is free again
        assertThat(box.delete(V + "/2").code()).isZero();
        assertThat(box.get(V + "/2/ingest").code()).isEqualTo(104009);
        assertThat(videos()).hasSize(1);
    }

    @Test
    void badRequestsAreRefusedAndStoreNothing() {
        box = Box.create(work).start();
        String ok = channel(1, "rtsp://127.0.0.1:9/none", 0); // nothing listens there: status 1, never blocks
        assertThat(box.post(V, ok).code()).isZero();
        JsonNode before = videos();

        Predicate<Reply> nothingStored = r -> videos().equals(before);
        Reply[] refused = {
            box.post(V, "{\"videoNo\":2,"),
            box.post(V, channel(0, "rtsp://h/s", 0)),
            box.post(V, channel(17, "rtsp://h/s", 0)),
            box.post(V, channel(2, "rtsp://h/s", 45)),
            box.post(V, channel(2, "rtsp://h/" + "x".repeat(120), 0)),
            box.post(V, channel(2, "rtsp://h/s", 0).replace("cam_2", "cam 2")),
            box.post(V, "{\"videoNo\":2,\"rotation\":0}"),
            box.post(V, ok),
            put(V + "/3", "{\"videoName\":\"x\",\"url\":\"rtsp://h/s\",\"rotation\":0}"),
            put(V + "/1", "{\"videoName\":\"x\",\"url\":\"rtsp://h/s\",\"rotation\":360}"),
            put(V + "/1/surveillances", "{\"filter\":{\"roll\":181,\"yaw\":0,\"pitch\":0,\"blurness\":0,"
                    + "\"faceMin\":20}}"),
            put(V + "/5/surveillances", "{\"surveillanceEnabled\":true}"),
            box.delete(V + "/5"),
            box.get(V + "/5/snapFullImage"),
            box.get(V + "/5/trackReset"),
        };
        int[] expected = {104000, 104001, 104001, 104001, 104001, 104001, 104002, 104011, 104017, 104001, 104001,
            104009, 104009, 104009, 104009};
        for (int i = 0; i < refused.length; i++) {
            assertThat(refused[i].code()).as("request %d: %s", i, refused[i]).isEqualTo(expected[i]);
            assertThat(refused[i].status()).isEqualTo(400);
        }
        assertThat(refused[3].json().get("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:rotation");
        assertThat(refused[6].json().get("message").asText()).isEqualTo("MISSING_ARGUMENT:videoName,url");
        assertThat(nothingStored.test(null)).isTrue();
        assertThat(box.get(V + "/1/trackReset").code()).isZero();
        box.kill9();
        box.start();
        JsonNode again = videos();
        assertThat(again.get(0).get("videoName")).isEqualTo(before.get(0).get("videoName"));
        assertThat(again).hasSize(1);
    }
}
