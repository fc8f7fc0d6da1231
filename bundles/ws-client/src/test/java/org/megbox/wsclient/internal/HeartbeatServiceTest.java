package org.megbox.wsclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.megbox.wsclient.internal.WsEventReceiverTest.await;
import static org.megbox.wsclient.internal.WsEventReceiverTest.freePort;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.persistence.internal.MapDbDatabase;

/** The global §23.1.1 heartbeat against real WebSocket servers on 127.0.0.1, set through the settings store. */
class HeartbeatServiceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private MapDbDatabase db;
    private DeviceSettingsStore settings;
    private HeartbeatService heartbeat;
    private TestServer server;
    private TestServer other;

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        settings = new DeviceSettingsStore(db);
        heartbeat = new HeartbeatService(settings, new FakePayloads(), WsEventReceiverTest.FAST);
    }

    @AfterEach
    void close() throws Exception {
        heartbeat.deactivate();
        for (TestServer s : new TestServer[] {server, other}) {
            if (s != null) {
                s.stop(1000);
            }
        }
        db.close();
    }

    private void set(String json) throws Exception {
        settings.update(MAPPER.readTree(json));
    }

    @Test
    void noServerNoConnection() {
        assertThat(heartbeat.connection()).isNull();
    }

    @Test
    void heartbeatsArriveEveryHtIntervalAndFollowTheSettings() throws Exception {
        server = new TestServer(freePort()).begin();
        set("{\"deviceHeartbeat\":{\"serverAdd\":\"ws://127.0.0.1:" + server.getPort() + "/\",\"htInterval\":1}}");
        await("the first heartbeat", () -> !server.heartbeats().isEmpty());
        long t0 = System.nanoTime();
        int n0 = server.heartbeats().size();
        Thread.sleep(3500);
        int inWindow = server.heartbeats().size() - n0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(inWindow).as("heartbeats in %.1f s at 1 s", seconds).isBetween(2, 5);
        assertThat(server.heartbeats().get(0)).contains("\"deviceId\":\"0123456789AB00000000\"", "\"timestamp\":");
        assertThat(server.clients).as("one connection, kept open").hasSize(1);

        // a longer interval applies to the same connection
        ReportConnection connection = heartbeat.connection();
        set("{\"deviceHeartbeat\":{\"htInterval\":3600}}");
        Thread.sleep(1200); // a heartbeat in flight may still land
        int n1 = server.heartbeats().size();
        Thread.sleep(2500);
        assertThat(server.heartbeats()).as("none at 3600 s").hasSize(n1);
        assertThat(heartbeat.connection()).isSameAs(connection);

        // another server: the old connection goes, the new one gets the heartbeat at once
        other = new TestServer(freePort()).begin();
        set("{\"deviceHeartbeat\":{\"serverAdd\":\"ws://127.0.0.1:" + other.getPort() + "/\"}}");
        await("a heartbeat at the new server", () -> !other.heartbeats().isEmpty());
        await("the old connection closed", () -> server.clients.isEmpty());

        // "" stops it
        set("{\"deviceHeartbeat\":{\"serverAdd\":\"\"}}");
        assertThat(heartbeat.connection()).isNull();
        await("closed", () -> other.clients.isEmpty());
    }

    @Test
    void aServerThatComesLaterIsReachedAndARestartResumesFromTheStoredSettings() throws Exception {
        int port = freePort();
        set("{\"deviceHeartbeat\":{\"serverAdd\":\"ws://127.0.0.1:" + port + "/\",\"htInterval\":1}}");
        Thread.sleep(500);
        server = new TestServer(port).begin();
        await("connected after backoff", () -> server.heartbeats().size() >= 2);

        heartbeat.deactivate();
        await("closed at deactivation", () -> server.clients.isEmpty());
        int before = server.heartbeats().size();
        heartbeat = new HeartbeatService(new DeviceSettingsStore(db), new FakePayloads(), WsEventReceiverTest.FAST);
        await("heartbeats again after the restart", () -> server.heartbeats().size() >= before + 2);
    }

    @Test
    void reportConnectionsFollowHtIntervalOnceSet() throws Exception {
        server = new TestServer(freePort()).begin();
        ReportConnection.Timing slow = new ReportConnection.Timing(2000, 3_600_000, 3000, 50, 400);
        try (ReportConnection c = new ReportConnection("ws.alert", java.net.URI.create("ws://127.0.0.1:"
                + server.getPort() + "/"), new FakePayloads()::heartbeat,
                () -> settings.heartbeatMillis(slow.heartbeatMillis()), slow).start()) {
            await("the heartbeat at open", () -> server.heartbeats().size() == 1);
            Thread.sleep(1500);
            assertThat(server.heartbeats()).as("the fallback interval is an hour").hasSize(1);
            set("{\"deviceHeartbeat\":{\"htInterval\":1}}");
            await("heartbeats every second now", () -> server.heartbeats().size() >= 3);
        }
    }
}
