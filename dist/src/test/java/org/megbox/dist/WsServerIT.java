package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's WebSocket server end to end: test clients connect to the box's {@code /v1/MEGBOX/ws} (the JDK's
 * WebSocket client, which answers pings with pongs), get §23.1.1 heartbeats, a ping every second, and the real
 * intrusion alerts of vtest.avi as §23.3.1 frames (16-byte header TYPE/HEADLEN/SEQ + JSON with the crop as Base64 and
 * the full picture as a URL of the box). A client that reconnects with its {@code clientId} gets what was stored while
 * it was away, also across a restart of the box: every stored alert arrives, in order, none lost (at most the one in
 * flight twice per reconnect). With {@code ?ack=true} a frame counts once the client answered its §23.1.2 ACK: a
 * client that never answers gets its first alert again and holds back nobody. No timing is asserted; every wait has
 * a generous deadline.
 */
class WsServerIT extends RtspBoxTest {

    static final String P = IntrusionAlerts.P;
    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One §23.3 binary message as the client got it. */
    record Frame(String type, int headLen, int seq, int length, JsonNode json) {
        /** The alert's identity in {@code GET /alerts}: track id and event time. */
        String key() {
            return json.path("trackId").asLong() + "/" + json.path("timestamp").asLong();
        }
    }

    /** A test client: records heartbeats, frames, pings and the close. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> heartbeats = new CopyOnWriteArrayList<>();
        /** §25.4 alert-mode messages ({@code ?format=alertMode}). */
        final List<JsonNode> alertMode = new CopyOnWriteArrayList<>();
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final List<String> others = new CopyOnWriteArrayList<>();
        final AtomicInteger pings = new AtomicInteger();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final StringBuilder partialText = new StringBuilder();
        /** Whether each frame is answered with its §23.1.2 ACK text (for {@code ?ack=true}). */
        final boolean acknowledges;
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
        WebSocket socket;

        Client(boolean acknowledges) {
            this.acknowledges = acknowledges;
        }

        static Client connect(Box box, String query) throws Exception {
            return connect(box, query, false);
        }

        static Client connect(Box box, String query, boolean acknowledges) throws Exception {
            Client c = new Client(acknowledges);
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + box.port() + P + "/ws" + query), c)
                    .get(20, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partialText.append(data);
            if (last) {
                String text = partialText.toString();
                partialText.setLength(0);
                try {
                    JsonNode json = MAPPER.readTree(text);
                    (json.has("alert_events") ? alertMode : heartbeats).add(json);
                } catch (Exception e) {
                    others.add(text);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] m = partial.toByteArray();
                partial.reset();
                try {
                    ByteBuffer b = ByteBuffer.wrap(m);
                    byte[] type = new byte[8];
                    b.get(type);
                    int headLen = b.getInt();
                    int seq = b.getInt();
                    JsonNode json = MAPPER.readTree(new String(m, 16, Math.min(headLen, m.length - 16),
                            StandardCharsets.UTF_8));
                    frames.add(new Frame(new String(type, StandardCharsets.US_ASCII), headLen, seq, m.length, json));
                    if (acknowledges) {
                        // Alert_01_1543893775_6018_ACK: channel in two digits, event time in seconds, trackId
                        String ack = String.format("%s_%02d_%d_%d_ACK", json.path("dataType").asText(),
                                json.path("videoNo").asInt(), json.path("timestamp").asLong() / 1000,
                                json.path("trackId").asLong());
                        lastSend = lastSend.thenCompose(x -> ws.sendText(ack, true)); // one send at a time
                    }
                } catch (Exception e) {
                    others.add("binary not a §23.3 message: " + e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            pings.incrementAndGet();
            ws.request(1);
            return null; // the JDK client answers with a pong
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            others.add("error " + error);
            closed.complete(-1);
        }

        /** Closes from the client side and waits for the box's close, so every frame sent before it has arrived. */
        void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            closed.get(20, TimeUnit.SECONDS);
        }

        List<String> keys() {
            return frames.stream().map(Frame::key).toList();
        }
    }

    final List<Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        for (Client c : clients) {
            c.socket.abort();
        }
    }

    Client connect(String query) throws Exception {
        return connect(query, false);
    }

    Client connect(String query, boolean acknowledges) throws Exception {
        Client c = Client.connect(box, query, acknowledges);
        clients.add(c);
        return c;
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        box.await(what, DEADLINE, 100, () -> "counters " + box.get(P + "/delivery/counters").body() + "; clients "
                + clients.stream().map(c -> c.heartbeats.size() + " heartbeats, " + c.frames.size() + " frames, "
                        + c.pings + " pings, other " + c.others).toList(), condition);
    }

    /** Keys ({@code trackId/timestamp}) of every stored alert of channel 1, oldest first. */
    List<String> storedKeys() {
        return IntrusionAlerts.stored(box).stream()
                .map(a -> a.at("/target/target_id").asLong() + "/" + a.path("timestamp").asLong()).toList();
    }

    byte[] fetch(String url) throws Exception {
        HttpResponse<byte[]> r = box.httpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
        return r.body();
    }

    static void assertJpeg(byte[] b, String what) {
        assertThat(b.length).as(what).isGreaterThan(500);
        assertThat(b[0] & 0xff).as(what + ": JPEG SOI").isEqualTo(0xFF);
        assertThat(b[1] & 0xff).isEqualTo(0xD8);
    }

    @Test
    void clientsGetHeartbeatsPingsAndTheAlertsAndAReconnectWithTheClientIdLosesNothing() throws Exception {
        requireRtsp();
        rtsp = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        box = Box.create(work).start();

        // 0. refusals before the upgrade, in the API's envelope
        Reply plain = box.get(P + "/ws");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().path("code").asInt()).isEqualTo(104001);
        assertThat(plain.json().path("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:Upgrade");
        assertThatThrownBy(() -> Client.connect(box, "?clientId=a%20b")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(400));

        // 1. heartbeats (htInterval 1 s here) and pings every second; the client's pongs keep it connected
        long t0 = System.currentTimeMillis();
        Client a = connect("?clientId=it-a&htInterval=1");
        await("3 heartbeats and 3 pings", () -> a.heartbeats.size() >= 3 && a.pings.get() >= 3);
        JsonNode hb = a.heartbeats.get(0);
        assertThat(hb.path("deviceId").asText()).matches("[0-9A-F]{12}0{8}");
        assertThat(hb.path("timestamp").asLong()).isBetween(t0 - 60_000, System.currentTimeMillis());
        JsonNode counters = IntrusionAlerts.counters(box, "ws-server.it-a");
        assertThat(counters.path("active").asBoolean()).isTrue();
        assertThat(counters.path("address").asText()).startsWith("ws-client 127.0.0.1:");

        // clients that must acknowledge each frame (?ack=true): one does, one never does (a slow client)
        Client acking = connect("?clientId=it-ack&ack=true", true);
        Client slow = connect("?clientId=it-slow&ack=true", false);
        // §25.4 JSON instead of the §23.3 frames, without the full picture
        Client json = connect("?format=alertMode&pushBigImageSW=false");

        // 2. real alerts as §23.3.1 frames
        IntrusionAlerts.start(box, rtsp.url());
        await("3 alert frames", () -> a.frames.size() >= 3);
        Client b = connect(""); // no clientId: a connection of its own, from the newest event on
        int storedWhenBConnected = IntrusionAlerts.storedCount(box);
        await("5 alert frames", () -> a.frames.size() >= 5);
        for (int i = 0; i < a.frames.size(); i++) {
            Frame f = a.frames.get(i);
            assertThat(f.type()).isEqualTo("Alert\0\0\0");
            assertThat(f.headLen()).as("HEADLEN: the JSON is the rest of the message").isEqualTo(f.length() - 16);
            assertThat(f.seq()).as("SEQ +1 per message").isEqualTo(i + 1);
        }
        JsonNode j = a.frames.get(0).json();
        assertThat(j.path("deviceId").asText()).isEqualTo(hb.path("deviceId").asText());
        assertThat(j.path("dataType").asText()).isEqualTo("Alert");
        assertThat(j.path("videoNo").asInt()).isEqualTo(1);
        assertThat(j.path("channelName").asText()).isEqualTo("plaza");
        assertThat(j.path("trackId").asLong()).isPositive();
        assertThat(j.path("trackIdTimes").asInt()).isPositive();
        assertThat(j.path("timestamp").asLong()).isBetween(t0 - 60_000, System.currentTimeMillis());
        assertThat(j.path("objType").asText()).isEqualTo("human");
        assertJpeg(Base64.getDecoder().decode(j.at("/images/captureFace").asText()), "images.captureFace (crop)");
        String fullUrl = j.at("/images/fullImage").asText();
        assertThat(fullUrl).startsWith("http://127.0.0.1:" + box.port() + P + "/pictures/");
        assertJpeg(fetch(fullUrl), "images.fullImage (URL of the full picture)");
        assertThat(j.at("/alert_events/0/alertor_type").asText()).isEqualTo("intrusion");
        List<String> stored = storedKeys();
        assertThat(stored).as("every frame is a stored alert").containsAll(a.keys());

        // the acknowledging client gets each alert once; the one that never acknowledges gets its first alert again
        // and again (next SEQ each time) and holds back nobody: its backlog and retries show in the counters
        await("the silent client's first alert sent again", () -> IntrusionAlerts.counters(box, "ws-server.it-slow")
                .path("retried").asLong() >= 1 && slow.frames.size() >= 2);
        await("5 acknowledged frames", () -> acking.frames.size() >= 5);
        assertThat(acking.keys()).as("acknowledged: each once").doesNotHaveDuplicates();
        assertThat(acking.frames).extracting(Frame::seq).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, acking.frames.size()).boxed().toList());
        assertThat(new LinkedHashSet<>(slow.keys())).as("never acknowledged: the first alert only").hasSize(1);
        assertThat(slow.frames).extracting(Frame::seq).startsWith(1, 2);
        JsonNode slowCounters = IntrusionAlerts.counters(box, "ws-server.it-slow");
        assertThat(slowCounters.path("sent").asLong()).isZero();
        assertThat(slowCounters.path("backlog").asLong()).isPositive();
        assertThat(a.frames.size()).as("the others are not held back").isGreaterThan(5);

        await("an alert-mode message", () -> !json.alertMode.isEmpty());
        JsonNode m = json.alertMode.get(0);
        assertThat(m.at("/alert_events/0/alertor_type").asText()).isEqualTo("intrusion");
        assertThat(m.at("/alert_events/0/target/points")).hasSize(2);
        assertJpeg(Base64.getDecoder().decode(m.path("captureFace").asText()), "§25.4 captureFace");
        assertThat(m.path("fullImage").asText()).as("pushBigImageSW=false").isEmpty();
        assertThat(m.path("stream_id").asInt()).isEqualTo(1);
        assertThat(json.frames).as("no binary frames in alertMode").isEmpty();

        await("a frame for the client without clientId", () -> !b.frames.isEmpty());
        assertThat(stored.indexOf(b.frames.get(0).key())).as("it starts at the newest event, not the history")
                .isGreaterThanOrEqualTo(storedWhenBConnected - 1);
        assertThat(IntrusionAlerts.counters(box, anonymousName()).path("active").asBoolean()).isTrue();

        // 3. the client goes away; alerts stored meanwhile wait for it
        a.close();
        int storedAtClose = IntrusionAlerts.storedCount(box);
        await("the receiver inactive", () -> !IntrusionAlerts.counters(box, "ws-server.it-a").path("active")
                .asBoolean());
        await("3 alerts stored while it is away", () -> IntrusionAlerts.storedCount(box) >= storedAtClose + 3);

        // 4. back with the same clientId: it resumes from its cursor
        Client a2 = connect("?clientId=it-a&htInterval=1");
        int storedAtReconnect = IntrusionAlerts.storedCount(box);
        List<String> before = a.keys();
        int first = storedKeys().indexOf(before.get(0));
        await("everything stored until the reconnect", () -> {
            LinkedHashSet<String> got = new LinkedHashSet<>(before);
            got.addAll(a2.keys());
            return got.size() >= storedAtReconnect - first;
        });
        assertThat(a2.frames.get(0).seq()).as("SEQ counts per connection").isEqualTo(1);
        List<String> all = storedKeys();
        List<String> received = new ArrayList<>(before);
        received.addAll(a2.keys());
        LinkedHashSet<String> distinct = new LinkedHashSet<>(received);
        assertThat(received.size() - distinct.size()).as("at most the one in flight twice").isLessThanOrEqualTo(1);
        assertThat(new ArrayList<>(distinct)).as("in order, none lost")
                .isEqualTo(all.subList(first, first + distinct.size()));
        JsonNode c = IntrusionAlerts.counters(box, "ws-server.it-a");
        assertThat(c.path("active").asBoolean()).isTrue();
        assertThat(c.path("sent").asLong()).isGreaterThanOrEqualTo(distinct.size());
        assertThat(a2.others).isEmpty();
        assertThat(b.others).isEmpty();

        // 5. the cursor survives a restart of the box: what was stored before the stop and after the start arrives
        a2.close();
        int storedAtStop = IntrusionAlerts.storedCount(box);
        await("an alert stored after the close", () -> IntrusionAlerts.storedCount(box) > storedAtStop);
        assertThat(box.restart()).as("clean stop").isZero();
        await("alerts again after the restart", () -> IntrusionAlerts.storedCount(box) > storedAtStop + 2);
        Client a3 = connect("?clientId=it-a&htInterval=1");
        int storedAtReconnect3 = IntrusionAlerts.storedCount(box);
        await("everything stored until the reconnect after the restart", () -> {
            LinkedHashSet<String> got = new LinkedHashSet<>(received);
            got.addAll(a2.keys());
            got.addAll(a3.keys());
            return got.size() >= storedAtReconnect3 - first;
        });
        List<String> afterRestart = storedKeys();
        List<String> everything = new ArrayList<>(before);
        everything.addAll(a2.keys());
        everything.addAll(a3.keys());
        LinkedHashSet<String> distinctAll = new LinkedHashSet<>(everything);
        assertThat(everything.size() - distinctAll.size()).as("at most one in flight twice per reconnect")
                .isLessThanOrEqualTo(2);
        assertThat(new ArrayList<>(distinctAll)).as("in order, none lost across the restart")
                .isEqualTo(afterRestart.subList(first, first + distinctAll.size()));
    }

    /** The receiver name of the connection without clientId, found in the counters (the only other ws-server one). */
    String anonymousName() {
        for (JsonNode r : box.get(P + "/delivery/counters").json().at("/data/receivers")) {
            String n = r.path("name").asText();
            if (n.startsWith("ws-server.") && !n.equals("ws-server.it-a")) {
                return n;
            }
        }
        throw new AssertionError("no anonymous ws-server receiver: " + box.get(P + "/delivery/counters").body());
    }
}
