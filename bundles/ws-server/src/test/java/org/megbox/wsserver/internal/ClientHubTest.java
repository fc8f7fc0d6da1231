package org.megbox.wsserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientHubTest {

    final List<String> log = new CopyOnWriteArrayList<>();
    final Fakes.Payloads payloads = new Fakes.Payloads();
    ClientHub hub = hub(new ClientReceiver.Timing(300, 300, 1000, 10_000));

    ClientHub hub(ClientReceiver.Timing timing) {
        return new ClientHub(payloads, receiver -> {
            log.add("register " + receiver.name());
            return () -> log.add("unregister " + receiver.name());
        }, timing);
    }

    @AfterEach
    void stop() {
        hub.shutdown();
    }

    ClientSession connect(String name, Fakes.Outlet outlet, String... query) throws Exception {
        ClientSession s = new ClientSession(name, ClientOptionsTest.parse(query), hub, "http://h/v1/MEGBOX/");
        s.open(outlet);
        return s;
    }

    @Test
    void aConnectionIsAReceiverUntilItCloses() throws Exception {
        ClientSession s = connect("ws-server.a", new Fakes.Outlet());
        assertThat(hub.clients()).containsExactly("ws-server.a");
        s.onWebSocketClose(1000, "bye");
        s.onWebSocketError(new RuntimeException("after the close")); // ends once
        assertThat(log).containsExactly("register ws-server.a", "unregister ws-server.a");
        assertThat(hub.clients()).isEmpty();
    }

    @Test
    void aReconnectWithTheSameClientIdReplacesTheOldConnectionFirst() throws Exception {
        Fakes.Outlet old = new Fakes.Outlet();
        connect("ws-server.a", old);
        connect("ws-server.a", new Fakes.Outlet());
        assertThat(old.closes).singleElement().asString().startsWith("1000 replaced");
        assertThat(log).containsExactly("register ws-server.a", "unregister ws-server.a", "register ws-server.a");
        assertThat(hub.clients()).containsExactly("ws-server.a");
    }

    @Test
    void connectionsWithoutClientIdGetNamesOfTheirOwn() {
        assertThat(hub.newConnectionId()).isNotEqualTo(hub.newConnectionId());
        assertThat(new ClientHub(payloads, r -> () -> { }, ClientReceiver.Timing.DEFAULT).newConnectionId())
                .isNotEqualTo(hub.newConnectionId());
    }

    @Test
    void heartbeatAtOnceAndEveryInterval() throws Exception {
        Fakes.Outlet out = new Fakes.Outlet();
        connect("ws-server.h", out, "htInterval", "1");
        long end = System.currentTimeMillis() + 10_000;
        while (out.texts.size() < 2 && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertThat(out.texts).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t).contains("\"deviceId\""));
    }

    @Test
    void pingedAndClosedWhenNoPongComes() throws Exception {
        hub.shutdown();
        hub = hub(new ClientReceiver.Timing(300, 300, 20, 200));
        Fakes.Outlet out = new Fakes.Outlet();
        connect("ws-server.p", out);
        long end = System.currentTimeMillis() + 10_000;
        while (out.closes.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        assertThat(out.pings).isGreaterThan(0);
        assertThat(out.closes).singleElement().asString().startsWith("1001 no pong");
        assertThat(log).containsExactly("register ws-server.p", "unregister ws-server.p");
    }

    @Test
    void pongsKeepTheConnection() throws Exception {
        hub.shutdown();
        hub = hub(new ClientReceiver.Timing(300, 300, 20, 2000)); // a generous limit: a busy machine may stall
        Fakes.Outlet out = new Fakes.Outlet();
        ClientSession s = connect("ws-server.q", out);
        long end = System.currentTimeMillis() + 3000; // longer than the limit
        while (System.currentTimeMillis() < end) {
            s.onWebSocketPong(java.nio.ByteBuffer.allocate(0));
            Thread.sleep(10);
        }
        assertThat(out.closes).isEmpty();
        assertThat(out.pings).isGreaterThan(5);
    }
}
