package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's WebSocket client reports end to end: the box connects as a client to a real WebSocket server of this test
 * on 127.0.0.1 configured through {@code POST /devices/reports} ({@code alertConfig} in activeMode). The server
 * receives §23.1.1 heartbeats and the real intrusion alerts of vtest.avi as §25.4 alert-mode JSON (with both
 * pictures), and acknowledges each with the §23.1.2 text {@code Alert_videoNo_timestamp_trackId_ACK} (the timestamp
 * looked up in {@code GET /alerts}, as the §25.4 message carries none): each arrives once. Then the server stops
 * acknowledging: the next alert is sent 1 + {@code alertResend} times and dropped, and the box goes on with the next.
 * No timing is asserted; every wait has a generous deadline.
 */
class WsClientIT extends RtspBoxTest {

    static final String P = IntrusionAlerts.P;
    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One text message as the server got it. */
    record Message(JsonNode json, long arrivedMillis, boolean acked) {
    }

    /** One §23.1.3 binary message: header TYPE and SEQ, the JSON, the two pictures it announces. */
    record Frame(String type, int seq, JsonNode json, byte[] crop, byte[] full) {
    }

    /** The test's report server: records what arrives, answers alerts and captures with their ACK while {@code ack} is on. */
    final class ReportServer extends LoopbackWsServer<ReportServer> {
        final List<Message> heartbeats = new CopyOnWriteArrayList<>();
        final List<Message> alerts = new CopyOnWriteArrayList<>();
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final List<String> others = new CopyOnWriteArrayList<>();
        final List<String> acksSent = new CopyOnWriteArrayList<>();
        volatile boolean ack = true;

        ReportServer(int port) {
            super(port);
        }

        @Override
        public void onMessage(WebSocket conn, String text) {
            JsonNode json;
            try {
                json = MAPPER.readTree(text);
            } catch (IOException e) {
                others.add(text);
                return;
            }
            long now = System.currentTimeMillis();
            if (json.has("alert_events")) {
                boolean answer = ack;
                alerts.add(new Message(json, now, answer));
                if (answer) {
                    String a = ackFor(json);
                    acksSent.add(a);
                    conn.send(a);
                }
            } else if (json.has("deviceId") && json.has("timestamp")) {
                heartbeats.add(new Message(json, now, false));
            } else {
                others.add(text);
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            try {
                byte[] type = new byte[8];
                message.get(type);
                int headLen = message.getInt();
                int seq = message.getInt();
                byte[] body = new byte[headLen];
                message.get(body);
                JsonNode json = MAPPER.readTree(body);
                byte[] crop = new byte[json.path("captureFace").asInt()];
                message.get(crop);
                byte[] full = new byte[json.path("fullImage").asInt()];
                message.get(full);
                if (message.hasRemaining()) {
                    others.add("binary with " + message.remaining() + " bytes after the pictures");
                }
                frames.add(new Frame(new String(type, StandardCharsets.US_ASCII), seq, json, crop, full));
                if (ack) {
                    String a = String.format("Capture_%02d_%d_%d_ACK", json.path("videoNo").asInt(),
                            json.path("catchTimestamp").asLong() / 1000, json.path("trackId").asLong());
                    acksSent.add(a);
                    conn.send(a);
                }
            } catch (IOException | RuntimeException e) {
                others.add("binary not a §23.1.3 message: " + e);
            }
        }

    }

    ReportServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop(1000);
        }
    }

    /** §23.1.2's ACK for an alert-mode message: the stored alert of the same frame and target gives the time. */
    String ackFor(JsonNode push) {
        String key = IntrusionAlerts.pushKey(push);
        for (JsonNode a : IntrusionAlerts.stored(box)) {
            if (IntrusionAlerts.storedKey(a).equals(key)) {
                return String.format("Alert_%02d_%d_%d_ACK", push.path("stream_id").asInt(),
                        a.path("timestamp").asLong() / 1000, a.at("/target/target_id").asLong());
            }
        }
        return "NOT_STORED_" + key;
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        box.await(what, DEADLINE, 100, () -> "counters " + box.get(P + "/delivery/counters").body() + "; heartbeats "
                + server.heartbeats.size() + ", alerts " + server.alerts.size() + ", captures " + server.frames.size()
                + ", other " + server.others, condition);
    }

    static void assertJpeg(String base64, String what) {
        assertJpeg(Base64.getDecoder().decode(base64), what);
    }

    static void assertJpeg(byte[] b, String what) {
        assertThat(b.length).as(what).isGreaterThan(500);
        assertThat(b[0] & 0xff).as(what + ": JPEG SOI").isEqualTo(0xFF);
        assertThat(b[1] & 0xff).isEqualTo(0xD8);
    }

    /** The first alert the server did not acknowledge, or null. */
    String firstUnacknowledged() {
        return server.alerts.stream().filter(m -> !m.acked()).map(m -> IntrusionAlerts.pushKey(m.json())).findFirst()
                .orElse(null);
    }

    /** How often each alert arrived, in order of first arrival. */
    Map<String, Integer> arrivals() {
        Map<String, Integer> n = new LinkedHashMap<>();
        server.alerts.forEach(m -> n.merge(IntrusionAlerts.pushKey(m.json()), 1, Integer::sum));
        return n;
    }

    @Test
    void heartbeatsAndAlertsReachTheServerAndAnUnacknowledgedAlertIsResentAlertResendTimes() throws Exception {
        requireRtsp();
        rtsp = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        server = new ReportServer(Box.freePort()).begin();
        // heartbeats every second (default 30 s) and a 3 s ACK wait (default 5 s) keep the test short
        box = Box.create(work).javaOpts("-Dmegbox.wsclient.heartbeatSeconds=1 -Dmegbox.wsclient.ackTimeoutMillis=3000")
                .start();

        String settings = "{\"alertConfig\": {\"alertReportMode\": \"activeMode\", \"reportServerAdd\": "
                + "\"ws://127.0.0.1:" + server.getPort() + "/\", \"alertInterval\": 1, \"alertResend\": 2, "
                + "\"pushImageSW\": true, \"pushBigImageSW\": true, \"pushSmallImageSW\": true}, "
                + "\"capture\": {\"captureReportMode\": \"passiveMode\", \"reportServerAdd\": \"\", "
                + "\"pushImageSW\": false, \"pushBigImageSW\": false, \"pushSmallImageSW\": false}}";
        Reply set = box.post(P + "/devices/reports", settings);
        assertThat(set.code()).as("%s", set).isZero();
        assertThat(box.get(P + "/devices/reports").json().path("data")).isEqualTo(MAPPER.readTree(settings));
        Reply bad = box.post(P + "/devices/reports", "{\"alertConfig\": {\"alertResend\": 3}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asInt()).isEqualTo(104001);
        assertThat(bad.json().path("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:alertConfig.alertResend");

        // 1. §23.1.1 heartbeats on the open connection
        long t0 = System.currentTimeMillis();
        await("3 heartbeats", () -> server.heartbeats.size() >= 3);
        JsonNode hb = server.heartbeats.get(0).json();
        assertThat(hb.path("deviceId").asText()).matches("[0-9A-F]{12}0{8}");
        assertThat(hb.path("timestamp").asLong()).isBetween(t0 - 60_000, System.currentTimeMillis());

        // 2. real alerts as §25.4 JSON, each acknowledged and so sent once
        IntrusionAlerts.start(box, rtsp.url());
        await("5 acknowledged alerts", () -> server.acksSent.stream().filter(a -> a.startsWith("Alert_")).count() >= 5);
        JsonNode p = server.alerts.get(0).json();
        IntrusionAlerts.assertRuleEvent(p.at("/alert_events/0"));
        assertJpeg(p.path("captureFace").asText(), "captureFace (the crop)");
        assertJpeg(p.path("fullImage").asText(), "fullImage (the background)");
        assertThat(p.path("device_id").asText()).isEqualTo(hb.path("deviceId").asText());
        assertThat(p.path("stream_id").asInt()).isEqualTo(1);
        assertThat(p.path("frame_id").asLong()).isPositive();
        assertThat(p.path("pts").asLong()).isEqualTo(p.path("dts").asLong());
        assertThat(p.path("recv_ts").asLong()).isBetween(t0 - 60_000, server.alerts.get(0).arrivedMillis());
        assertThat(server.acksSent).as("every alert found in GET /alerts").noneMatch(x -> x.startsWith("NOT_STORED"));
        List<String> stored = IntrusionAlerts.storedKeys(box);
        assertThat(stored).as("nothing pushed that is not stored").containsAll(arrivals().keySet());
        List<String> pushedOrder = List.copyOf(arrivals().keySet());
        assertThat(pushedOrder).as("in storage order")
                .isEqualTo(stored.stream().filter(pushedOrder::contains).toList());
        assertThat(arrivals().values()).as("acknowledged alerts are sent once").allMatch(n -> n == 1);
        int heartbeatsBefore = server.heartbeats.size();

        // 3. no more ACKs: the next alert is sent 1 + alertResend = 3 times, then dropped; the box moves on
        server.ack = false;
        await("an unacknowledged alert and the one after it", () -> {
            String u = firstUnacknowledged();
            List<String> k = List.copyOf(arrivals().keySet());
            return u != null && k.indexOf(u) >= 0 && k.size() > k.indexOf(u) + 1;
        });
        String unacked = firstUnacknowledged();
        assertThat(arrivals().get(unacked)).as("alertResend 2: three tries of %s", unacked).isEqualTo(3);
        List<Message> tries = server.alerts.stream().filter(m -> IntrusionAlerts.pushKey(m.json()).equals(unacked))
                .toList();
        for (int i = 1; i < tries.size(); i++) {
            assertThat(tries.get(i).arrivedMillis() - tries.get(i - 1).arrivedMillis())
                    .as("resent after the ACK wait and alertInterval 1 s").isGreaterThanOrEqualTo(1000);
        }
        await("the dropped alert counted", () -> IntrusionAlerts.counters(box, "ws.alert").path("dropped").asLong() >= 1);
        JsonNode c = IntrusionAlerts.counters(box, "ws.alert");
        assertThat(c.path("address").asText()).isEqualTo("ws://127.0.0.1:" + server.getPort() + "/");
        assertThat(c.path("retried").asLong()).as("%s", c).isGreaterThanOrEqualTo(2);
        assertThat(server.heartbeats.size()).as("heartbeats go on").isGreaterThan(heartbeatsBefore);
        assertThat(server.others).as("nothing but heartbeats and alerts").isEmpty();
        System.out.printf("WsClientIT: %d heartbeats, %d alert messages (%d distinct), counters %s%n",
                server.heartbeats.size(), server.alerts.size(), arrivals().size(), c);
    }

    @Test
    void structuringCapturesGoAsAcknowledgedLegacyCaptureFrames() throws Exception {
        requireRtsp();
        rtsp = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        server = new ReportServer(Box.freePort()).begin();
        box = Box.create(work).javaOpts("-Dmegbox.wsclient.heartbeatSeconds=1").start();

        Reply set = box.post(P + "/devices/reports", "{\"capture\": {\"captureReportMode\": \"activeMode\", "
                + "\"reportServerAdd\": \"ws://127.0.0.1:" + server.getPort() + "/\", \"pushImageSW\": true, "
                + "\"pushBigImageSW\": true, \"pushSmallImageSW\": true}}");
        assertThat(set.code()).as("%s", set).isZero();
        assertThat(box.post(P + "/videos", "{\"videoNo\": 1, \"videoName\": \"plaza\", \"url\": \""
                + rtsp.url() + "\", \"rotation\": 0}").code()).isZero();
        Reply on = box.post(P + "/structures/1/surveillances", "{\"surveillanceEnabled\": true, "
                + "\"surveillanceType\": 1, \"structures\": {\"detectTargetList\": [\"human\"]}}");
        assertThat(on.code()).as("%s", on).isZero();

        await("3 capture messages", () -> server.frames.size() >= 3);
        List<Frame> frames = List.copyOf(server.frames);
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            assertThat(f.type()).isEqualTo("Capture\0");
            assertThat(f.seq()).as("SEQ +1 per send").isEqualTo(frames.get(0).seq() + i);
            JsonNode j = f.json();
            assertThat(j.path("dataType").asText()).isEqualTo("Capture");
            assertThat(j.path("deviceId").asText()).matches("[0-9A-F]{12}0{8}");
            assertThat(j.path("videoNo").asInt()).isEqualTo(1);
            assertThat(j.path("channelName").asText()).isEqualTo("plaza");
            assertThat(j.path("objType").asText()).isEqualTo("human");
            assertThat(j.path("trackId").asLong()).isPositive();
            assertJpeg(f.crop(), "captureFace (the crop)");
            assertJpeg(f.full(), "fullImage (the background)");
        }
        assertThat(frames.stream().map(f -> f.json().path("trackId").asLong()).distinct().count())
                .as("one capture per track, each acknowledged and so sent once").isEqualTo(frames.size());
        // the same captures as GET /captures/human lists them
        JsonNode listed = box.get(P + "/captures/human?chnNo=1&pageSize=1000").json().path("data");
        List<String> stored = new java.util.ArrayList<>();
        listed.elements().forEachRemaining(n -> n.forEach(c -> {
            if (c.has("trackId")) {
                stored.add(c.path("trackId").asLong() + "@" + c.path("catchTimestamp").asLong());
            }
        }));
        assertThat(stored).as("%s", listed).containsAll(frames.stream()
                .map(f -> f.json().path("trackId").asLong() + "@" + f.json().path("catchTimestamp").asLong()).toList());
        assertThat(server.alerts).as("captures are not pushed as alerts").isEmpty();
        assertThat(server.heartbeats).isNotEmpty();
        assertThat(server.others).isEmpty();
        JsonNode c = IntrusionAlerts.counters(box, "ws.capture");
        System.out.printf("WsClientIT: %d capture messages, counters %s%n", frames.size(), c);
    }
}
