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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The face warehouse on live video, end to end with the real face pipeline: a clip made with ffmpeg from Debian's
 * {@code messi5.jpg} (opencv-doc; a real face, panned, in a real H.264 stream, shown 3.5 s then 1.5 s of black so
 * that every 5 s a face track ends) served over RTSP. The channel's §20.1 face-mode setting turns face capture on:
 * §20.2.1 {@code GET /captures/face} lists captures, one per track, with a face crop and the full frame (JPEG), and
 * §9 {@code GET /captures} lists them too; with nothing bound they are no alerts. Then the same person is enrolled
 * ({@code POST /faces} with a differently cropped and scaled copy of the photo, in group {@code players}), the group is
 * bound in the §20.1 setting, and §8 {@code GET /alerts} gets an alert whose top1 carries that faceToken, its imageId,
 * a searchScore at or above the group's searchThresholdHigh and alertGroup {@code players}; a report server set with
 * {@code POST /devices/reports} ({@code alertConfig} activeMode) gets it as a §23.1.2 binary Alert frame with that
 * faceToken and acknowledges it. Last, the global stranger
 * setting with a threshold above that score makes the face a stranger alert ({@code QueryType=2}). Finally a second
 * channel on the same stream, configured only through §7 ({@code PUT /videos/2/surveillances} binding {@code players}
 * with a {@code livenessThreshold}), raises the alert too, with the anti-spoofing models' {@code livenessScore}.
 */
class FaceVideoIT extends RtspBoxTest {

    static final Path MESSI = Path.of("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
    static final int HIGH = 60;
    /** §7 livenessThreshold of the second channel (the real face of the clip scores about 80). */
    static final int LIVENESS = 50;

    /** The clip: 30 s at 25 fps, 640x480, the face region of messi5.jpg slowly panned, black for 1.5 s of every 5. */
    static Path clip(Path dir) throws Exception {
        Path out = dir.resolve("messi-face.mp4");
        ffmpeg("-loop", "1", "-framerate", "25", "-i", MESSI.toString(), "-t", "30", "-vf",
                "crop=w=220:h=165:x='120+12*sin(t)':y='25+6*cos(t*0.7)',scale=640:480,"
                        + "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='gte(mod(t\\,5)\\,3.5)',format=yuv420p",
                "-c:v", "libx264", "-preset", "veryfast", out.toString());
        return out;
    }

    /** The enrolment photo: another crop of the same photo, scaled (not a frame of the clip). */
    static Path enrolPhoto(Path dir) throws Exception {
        Path out = dir.resolve("messi-enrol.jpg");
        ffmpeg("-i", MESSI.toString(), "-vf", "crop=180:180:140:20,scale=360:360", "-q:v", "3", out.toString());
        return out;
    }

    static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ffmpeg %s: %s", cmd, output).isZero();
    }

    /** §23.1.2 report server: records the Alert frames' JSON and acknowledges each (ws.alert, issue of the WS push). */
    static final class AlertServer extends LoopbackWsServer<AlertServer> {
        final List<JsonNode> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();

        AlertServer(int port) {
            super(port);
        }

        @Override
        public void onMessage(org.java_websocket.WebSocket conn, String text) {
            // heartbeats, and §25.4 JSON of rule alerts (none here)
        }

        @Override
        public void onMessage(org.java_websocket.WebSocket conn, java.nio.ByteBuffer m) {
            try {
                byte[] type = new byte[8];
                m.get(type);
                byte[] body = new byte[m.getInt()];
                m.getInt(); // SEQ
                m.get(body);
                JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
                byte[] crop = new byte[json.at("/images/captureFace").asInt()];
                m.get(crop);
                ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("TYPE", new String(type).trim())
                        .put("cropIsJpeg", crop.length > 2 && crop[0] == (byte) 0xFF && crop[1] == (byte) 0xD8);
                alerts.add(json);
                conn.send(String.format("Alert_%02d_%d_%d_ACK", json.path("videoNo").asInt(),
                        json.path("timestamp").asLong() / 1000, json.path("trackId").asLong()));
            } catch (java.io.IOException | RuntimeException e) {
                alerts.add(com.fasterxml.jackson.databind.node.TextNode.valueOf("not a §23.1.2 frame: " + e));
            }
        }
    }

    AlertServer alertServer;

    @org.junit.jupiter.api.AfterEach
    void stopAlertServer() throws InterruptedException {
        if (alertServer != null) {
            alertServer.stop(1000);
        }
    }

    static String prerequisiteMissing() {
        String why = RtspServer.unavailableReason();
        if (why != null) {
            return why;
        }
        return Files.isReadable(MESSI) ? null : MESSI + " missing (apt-get install opencv-doc)";
    }

    JsonNode faceCaptures() {
        Reply r = box.get("/v1/MEGBOX/captures/face?pageSize=1000&chnNo=1");
        assertThat(r.code()).as("%s", r).isZero();
        return r.json().at("/data/captures");
    }

    byte[] picture(String relativeUri) throws Exception {
        assertThat(relativeUri).startsWith("./pictures/");
        HttpResponse<byte[]> r = box.httpClient().send(HttpRequest.newBuilder(URI.create(
                box.url("/v1/MEGBOX/" + relativeUri.substring(2)))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(relativeUri).isEqualTo(200);
        return r.body();
    }

    static BufferedImage image(byte[] jpeg) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img).isNotNull();
        return img;
    }

    void await(String what, Duration limit, java.util.function.BooleanSupplier done) throws Exception {
        box.await(what, limit, 500, () -> "", done);
    }

    @Test
    void facesAreCapturedAndAnEnrolledFaceRaisesAnAlert() throws Exception {
        requirePrerequisite(prerequisiteMissing());
        Path clip = clip(work);
        Path photo = enrolPhoto(work);
        rtsp = new RtspServer(clip, RtspServer.freePort()).start();
        box = Box.create(work.resolve("box")).start();

        JsonNode face = null;
        for (JsonNode w : box.get("/v1/MEGBOX/warehouses").json().at("/data/warehouses")) {
            if (w.get("symbolicName").asText().equals("org.megbox.alg.face")) {
                face = w;
            }
        }
        assertThat(face).isNotNull();
        assertThat(face.at("/analyzer/available").asBoolean()).as("%s", face).isTrue();

        assertThat(box.post("/v1/MEGBOX/videos", "{\"videoNo\": 1, \"videoName\": \"gate\", \"url\": \"" + rtsp.url()
                + "\", \"rotation\": 0}").json().get("code").asInt()).isZero();
        Thread.sleep(3000);
        assertThat(faceCaptures()).as("no setting, §7 surveillance off: no face capture").isEmpty();

        // §20.1 face mode, target face, nothing bound
        Reply set = box.post("/v1/MEGBOX/structures/1/surveillances", "{\"surveillanceEnabled\": true, "
                + "\"surveillanceType\": 0, \"faces\": {\"livenessEnabled\": false, \"detectTargetList\": [\"face\"]}}");
        assertThat(set.json().get("code").asInt()).as("%s", set).isZero();
        await("2 face captures", Duration.ofSeconds(90), () -> faceCaptures().size() >= 2);

        JsonNode captures = faceCaptures();
        Set<Long> tracks = new HashSet<>();
        for (JsonNode c : captures) {
            assertThat(tracks.add(c.get("trackId").asLong())).as("one capture per track: %s", captures).isTrue();
            assertThat(c.get("videoNo").asInt()).isEqualTo(1);
            assertThat(c.get("channelName").asText()).isEqualTo("gate");
            assertThat(c.get("catchTimestamp").asLong()).isPositive();
            BufferedImage full = image(picture(c.get("fullImageURI").asText()));
            BufferedImage crop = image(picture(c.get("imageURI").asText()));
            assertThat(full.getWidth()).isEqualTo(640);
            assertThat(full.getHeight()).isEqualTo(480);
            // the face box of a ~100 px face (with the events bundle's padding), not the frame
            assertThat(crop.getWidth()).isBetween(40, 400);
            assertThat(crop.getHeight()).isBetween(40, 400);
            // FaceRes estimates the age and gender of this face as about 30, male (0.8): §20.2.1 codes male as 1
            JsonNode attr = c.path("faceAttr");
            assertThat(attr.get("age").asInt()).as("%s", c).isBetween(15, 60);
            assertThat(attr.get("gender").asInt()).as("§20.2.1 coding %s", c).isEqualTo(1);
        }
        System.out.println("FaceVideoIT: face captures " + captures);
        JsonNode nine = box.get("/v1/MEGBOX/captures?pageSize=1000").json().at("/data/captures");
        assertThat(nine.findValues("faceImageURI")).as("§9 lists the face captures: %s", nine)
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(box.get("/v1/MEGBOX/alerts").json().at("/data/alertsEvent")).as("nothing bound: no alert")
                .isEmpty();

        // enrol the same person into group "players", bind the group to the channel
        assertThat(box.post("/v1/MEGBOX/faceGroups", "{\"groupName\": \"players\"}").json().get("code").asInt())
                .isZero();
        Reply enrolled = box.postMultipart("/v1/MEGBOX/faces", Box.Part.file("image", photo, "image/jpeg"),
                Box.Part.field("description", "messi"), Box.Part.field("group", "players"));
        assertThat(enrolled.json().get("code").asInt()).as("%s", enrolled).isZero();
        String token = enrolled.json().at("/data/faceToken").asText();
        String imageId = enrolled.json().at("/data/imageId").asText();
        assertThat(token).isNotEmpty();
        // a §23.1.2 report server for ws.alert: the recognition alert must reach it as a binary Alert frame
        alertServer = new AlertServer(Box.freePort()).begin();
        assertThat(box.post("/v1/MEGBOX/devices/reports", "{\"alertConfig\": {\"alertReportMode\": \"activeMode\", "
                + "\"reportServerAdd\": \"ws://127.0.0.1:" + alertServer.getPort() + "/\", \"alertInterval\": 1, "
                + "\"alertResend\": 2, \"pushImageSW\": true, \"pushBigImageSW\": false, \"pushSmallImageSW\": true}}")
                .code()).isZero();
        Reply bound = box.post("/v1/MEGBOX/structures/1/surveillances", "{\"surveillanceEnabled\": true, "
                + "\"surveillanceType\": 0, \"faces\": {\"livenessEnabled\": false, \"detectTargetList\": [\"face\"], "
                + "\"group\": [{\"groupName\": \"players\", \"startTime\": \"000000\", \"endTime\": \"000000\", "
                + "\"searchThresholdHigh\": " + HIGH + ", \"searchThresholdLow\": 20}]}}");
        assertThat(bound.json().get("code").asInt()).as("%s", bound).isZero();
        await("an alert for the enrolled face", Duration.ofSeconds(90), () -> box.get(
                "/v1/MEGBOX/alerts?faceToken=" + token).json().at("/data/alertsEvent").size() >= 1);

        JsonNode alert = box.get("/v1/MEGBOX/alerts?faceToken=" + token).json().at("/data/alertsEvent/0");
        System.out.println("FaceVideoIT: alert " + alert);
        JsonNode top1 = alert.get("top1");
        assertThat(top1.get("faceToken").asText()).isEqualTo(token);
        assertThat(top1.get("imageId").asText()).isEqualTo(imageId);
        assertThat(top1.get("searchScore").asDouble()).isBetween((double) HIGH, 100.0);
        assertThat(top1.get("alertGroup").toString()).isEqualTo("[{\"groupName\":\"players\"}]");
        assertThat(alert.get("stranger").asInt()).isZero();
        assertThat(alert.get("videoNo").asInt()).isEqualTo(1);
        image(picture(alert.get("captureImageURL").asText()));
        // top1's faceImageURL is the library crop the faces bundle serves
        HttpResponse<byte[]> libraryCrop = box.httpClient().send(HttpRequest.newBuilder(URI.create(
                box.url("/v1/MEGBOX/" + top1.get("faceImageURL").asText().substring(2)))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(libraryCrop.statusCode()).as("%s", top1).isEqualTo(200);
        image(libraryCrop.body());
        assertThat(box.get("/v1/MEGBOX/alerts?QueryType=1").json().at("/data/totalAlarts").asInt()).isPositive();
        await("a §23.1.2 Alert frame with the faceToken", Duration.ofSeconds(60), () -> alertServer.alerts.stream()
                .anyMatch(a -> a.path("faceToken").asText().equals(token)));
        JsonNode pushed = alertServer.alerts.stream().filter(a -> a.path("faceToken").asText().equals(token))
                .findFirst().orElseThrow();
        System.out.println("FaceVideoIT: ws.alert frame " + pushed);
        assertThat(pushed.path("TYPE").asText()).isEqualTo("Alert");
        assertThat(pushed.path("dataType").asText()).isEqualTo("Alert");
        assertThat(pushed.path("imageId").asText()).isEqualTo(imageId);
        assertThat(pushed.path("searchScore").asDouble()).isBetween((double) HIGH, 100.0);
        assertThat(pushed.path("alertGroup").toString()).isEqualTo("[{\"groupName\":\"players\"}]");
        assertThat(pushed.path("cropIsJpeg").asBoolean()).as("%s", pushed).isTrue();
        await("the Alert's ACK taken (ws.alert sent)", Duration.ofSeconds(30),
                () -> IntrusionAlerts.counters(box, "ws.alert").path("sent").asLong() >= 1);
        assertThat(IntrusionAlerts.counters(box, "ws.alert").path("dropped").asLong()).isZero();

        // the global stranger setting: with nothing bound and a low threshold above this face's best library score,
        // the face counts as a stranger (QueryType 2)
        double best = top1.get("searchScore").asDouble();
        assertThat(best).as("room for a stranger threshold above the score").isLessThan(99.0);
        Reply stranger = box.post("/v1/MEGBOX/structures/1/surveillances", "{\"surveillanceEnabled\": true, "
                + "\"surveillanceType\": 0, \"faces\": {\"livenessEnabled\": false, \"detectTargetList\": [\"face\"], "
                + "\"globalStranger\": {\"enable\": true, \"searchThresholdLow\": 99, \"startTime\": \"000000\", "
                + "\"endTime\": \"000000\"}}}");
        assertThat(stranger.json().get("code").asInt()).as("%s", stranger).isZero();
        await("a stranger alert", Duration.ofSeconds(90), () -> box.get("/v1/MEGBOX/alerts?QueryType=2").json()
                .at("/data/alertsEvent").size() >= 1);
        JsonNode s = box.get("/v1/MEGBOX/alerts?QueryType=2").json().at("/data/alertsEvent/0");
        System.out.println("FaceVideoIT: stranger " + s);
        assertThat(s.get("stranger").asInt()).isEqualTo(1);
        assertThat(s.has("top1")).as("nothing bound: no match listed").isFalse();

        // §7: a second channel on the same stream without a §20.1 setting; its own surveillance binds "players" and
        // sets a liveness threshold, so the shipped antispoof/liveness models check every capture (channel 1 stops)
        assertThat(box.post("/v1/MEGBOX/structures/1/surveillances", "{\"surveillanceEnabled\": false, "
                + "\"surveillanceType\": 0, \"faces\": {\"livenessEnabled\": false, \"detectTargetList\": [\"face\"]}}")
                .json().get("code").asInt()).isZero();
        assertThat(box.post("/v1/MEGBOX/videos", "{\"videoNo\": 2, \"videoName\": \"door\", \"url\": \"" + rtsp.url()
                + "\", \"rotation\": 0}").json().get("code").asInt()).isZero();
        Reply seven = put("/v1/MEGBOX/videos/2/surveillances", "{\"surveillanceEnabled\": true, "
                + "\"group\": [{\"groupName\": \"players\", \"startTime\": \"000000\", \"endTime\": \"000000\", "
                + "\"searchThresholdHigh\": " + HIGH + ", \"searchThresholdLow\": 20}], \"livenessThreshold\": "
                + LIVENESS + "}");
        assertThat(seven.json().get("code").asInt()).as("%s", seven).isZero();
        await("an alert for the enrolled face on the §7 channel", Duration.ofSeconds(90),
                () -> alertOn(2, token) != null);
        JsonNode a7 = alertOn(2, token);
        System.out.println("FaceVideoIT: §7 alert " + a7);
        assertThat(a7.at("/top1/alertGroup").toString()).isEqualTo("[{\"groupName\":\"players\"}]");
        assertThat(a7.at("/top1/searchScore").asDouble()).isBetween((double) HIGH, 100.0);
        // the clip is a real face (a photo taken of a person, not of a print or a screen): the models pass it
        assertThat(a7.get("livenessScore").isNumber()).as("%s", a7).isTrue();
        assertThat(a7.get("livenessScore").asDouble()).isBetween((double) LIVENESS, 100.0);
    }

    Reply put(String path, String json) {
        return box.send(HttpRequest.newBuilder(URI.create(box.url(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The first §8 alert of channel {@code videoNo} whose top1 is {@code token}, or null. */
    JsonNode alertOn(int videoNo, String token) {
        for (JsonNode a : box.get("/v1/MEGBOX/alerts?pageSize=100&faceToken=" + token).json().at("/data/alertsEvent")) {
            if (a.path("videoNo").asInt() == videoNo) {
                return a;
            }
        }
        return null;
    }
}
