package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * §4.1.1/§4.1.2 {@code /devices} and the global §23.1.1 heartbeat against the real box: GET prints every field with
 * the host's facts and the box's one device id; a bad {@code htInterval} is 104001 naming it and changes nothing; a
 * heartbeat server of this test on 127.0.0.1 set as {@code deviceHeartbeat.serverAdd} receives
 * {@code {"deviceId","timestamp"}} every {@code htInterval} s, and again after a restart without a new POST.
 */
class DevicesIT {

    static final String D = "/v1/MEGBOX/devices";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;
    Box box;
    HeartbeatServer server;

    /** Records the heartbeats (JSON with deviceId and timestamp) and when they came. */
    static final class HeartbeatServer extends LoopbackWsServer<HeartbeatServer> {
        record Beat(JsonNode json, long arrivedMillis) {
        }

        final List<Beat> beats = new CopyOnWriteArrayList<>();
        final List<String> others = new CopyOnWriteArrayList<>();

        HeartbeatServer(int port) {
            super(port);
        }

        @Override
        public void onMessage(WebSocket conn, String text) {
            try {
                JsonNode json = MAPPER.readTree(text);
                if (json.has("deviceId") && json.has("timestamp")) {
                    beats.add(new Beat(json, System.currentTimeMillis()));
                    return;
                }
            } catch (IOException e) {
                // not JSON: recorded below
            }
            others.add(text);
        }

    }

    @AfterEach
    void tearDown() throws Exception {
        if (box != null) {
            box.close();
        }
        if (server != null) {
            server.stop(1000);
        }
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        box.await(what, Duration.ofSeconds(60), 50,
                () -> "heartbeats " + (server == null ? "-" : server.beats.size() + ", other " + server.others), condition);
    }

    /** GET /devices once the bundle serving it is up (it may come a moment after /configs). */
    JsonNode devices() throws InterruptedException {
        JsonNode[] d = new JsonNode[1];
        await("GET /devices answers", () -> {
            Reply r = box.get(D);
            if (r.status() == 200 && r.isJson() && r.json().path("code").asInt(-1) == 0) {
                d[0] = r.json().get("data");
                return true;
            }
            return false;
        });
        return d[0];
    }

    /** The IPv4 addresses of this machine's up, non-loopback interfaces (the box runs on the same host). */
    static List<String> hostAddresses() throws IOException {
        List<String> out = new ArrayList<>();
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            if (ni.isUp() && !ni.isLoopback()) {
                ni.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(a -> out.add(a.getHostAddress()));
            }
        }
        return out;
    }

    @Test
    void statusSettingsAndTheHeartbeatEndToEnd() throws Exception {
        box = Box.create(work).start();

        // 1. every §4.1.1 field, real where the box can know it
        long before = System.currentTimeMillis() / 1000;
        JsonNode d = devices();
        String deviceId = d.path("deviceId").asText();
        assertThat(deviceId).matches("[0-9A-F]{12}0{8}");
        assertThat(box.get("/v1/MEGBOX/events/status").json().at("/data/device_id").asText())
                .as("one device id for events and /devices").isEqualTo(deviceId);
        assertThat(d.path("channelNum").asInt()).isEqualTo(16);
        assertThat(d.path("firmwareVer").asText()).startsWith("megbox-osgi ");
        for (String f : List.of("hardwareVer", "deviceModel", "licenseKey", "serialNumber")) {
            assertThat(d.path(f).isTextual()).as(f).isTrue();
        }
        assertThat(d.path("deviceHeartbeat").toString()).isEqualTo("{\"serverAdd\":\"\",\"htInterval\":0}");
        JsonNode hw = d.path("hardwareStatus");
        assertThat(hw.path("cpuUseRate").asInt(-1)).isBetween(0, 100);
        for (String t : List.of("cpuTemp", "gpuTemp", "caseTemp")) {
            assertThat(hw.path(t).isInt()).as(t).isTrue();
        }
        long memTotalMb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:")).mapToLong(l -> Long.parseLong(l.split("\\s+")[1]) / 1024)
                .findFirst().orElseThrow();
        assertThat(hw.path("memSize").asLong()).isEqualTo(memTotalMb);
        assertThat(hw.path("memUse").asLong()).isBetween(1L, memTotalMb);
        long diskMb = Files.getFileStore(box.dataDir()).getTotalSpace() / (1024 * 1024);
        assertThat(hw.path("storageSize").asLong()).isEqualTo(diskMb);
        assertThat(hw.path("storageUseSize").asLong()).isBetween(1L, diskMb);
        JsonNode time = d.path("time");
        assertThat(time.path("deviceTime").asLong()).isBetween(before - 1, System.currentTimeMillis() / 1000 + 1);
        assertThat(time.path("timeZone").asInt()).isEqualTo(27);
        assertThat(time.path("ntpFailCount").asInt()).isZero();
        JsonNode eth = d.path("eth");
        List<String> addresses = hostAddresses();
        if (!addresses.isEmpty()) {
            assertThat(addresses).as("eth is one of this host's ports").contains(eth.path("ethIpAddr").asText());
            assertThat(eth.path("ethSubmask").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        }
        assertThat(eth.path("ethMac").isTextual()).isTrue();

        // 2. a bad htInterval is 104001 naming it, and nothing changes
        server = new HeartbeatServer(Box.freePort()).begin();
        String serverAdd = "ws://127.0.0.1:" + server.getPort() + "/";
        Reply bad = box.post(D, "{\"deviceHeartbeat\":{\"serverAdd\":\"" + serverAdd + "\",\"htInterval\":0},"
                + "\"time\":{\"timeZone\":15}}");
        assertThat(bad.status()).as("%s", bad).isEqualTo(400);
        assertThat(bad.json().path("code").asInt()).isEqualTo(104001);
        assertThat(bad.json().path("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:deviceHeartbeat.htInterval");
        JsonNode unchanged = devices();
        assertThat(unchanged.path("deviceHeartbeat").toString()).isEqualTo("{\"serverAdd\":\"\",\"htInterval\":0}");
        assertThat(unchanged.at("/time/timeZone").asInt()).isEqualTo(27);
        Thread.sleep(1500);
        assertThat(server.beats).as("no heartbeat from a refused setting").isEmpty();

        // 3. the heartbeat server gets the box's deviceId every htInterval s
        Reply ok = box.post(D, "{\"deviceHeartbeat\":{\"serverAdd\":\"" + serverAdd + "\",\"htInterval\":1},"
                + "\"time\":{\"timeZone\":15,\"ntpEnable\":true,\"ntpServerAdd\":\"127.0.0.1:123\",\"ntpInterval\":5}}");
        assertThat(ok.json().path("code").asInt()).as("%s", ok).isZero();
        await("the first heartbeat", () -> !server.beats.isEmpty());
        int n0 = server.beats.size();
        Thread.sleep(3500);
        int inWindow = server.beats.size() - n0;
        System.out.printf("DevicesIT: %d heartbeats in 3.5 s at htInterval 1%n", inWindow);
        assertThat(inWindow).as("heartbeats in 3.5 s at htInterval 1").isBetween(2, 5);
        HeartbeatServer.Beat beat = server.beats.get(server.beats.size() - 1);
        assertThat(beat.json().path("deviceId").asText()).isEqualTo(deviceId);
        assertThat(beat.json().path("timestamp").asLong()).as("Unix ms")
                .isBetween(beat.arrivedMillis() - 5000, beat.arrivedMillis() + 5000);
        assertThat(server.others).isEmpty();

        // 4. the settings and the heartbeat survive a restart
        box.restart();
        JsonNode after = devices();
        assertThat(after.path("deviceHeartbeat").toString())
                .isEqualTo("{\"serverAdd\":\"" + serverAdd + "\",\"htInterval\":1}");
        assertThat(after.at("/time/timeZone").asInt()).isEqualTo(15);
        assertThat(after.at("/time/ntpEnable").asBoolean()).isTrue();
        assertThat(after.at("/time/ntpServerAdd").asText()).isEqualTo("127.0.0.1:123");
        assertThat(after.at("/time/ntpInterval").asInt()).isEqualTo(5);
        assertThat(after.path("deviceId").asText()).isEqualTo(deviceId);
        int beforeRestart = server.beats.size();
        await("heartbeats after the restart", () -> server.beats.size() >= beforeRestart + 2);

        // 5. "" switches the heartbeat off
        assertThat(box.post(D, "{\"deviceHeartbeat\":{\"serverAdd\":\"\"}}").json().path("code").asInt()).isZero();
        Thread.sleep(1500); // one in flight may still land
        int off = server.beats.size();
        Thread.sleep(2500);
        assertThat(server.beats).as("no heartbeat once serverAdd is empty").hasSize(off);
    }
}
