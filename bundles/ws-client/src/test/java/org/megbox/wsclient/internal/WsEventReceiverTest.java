package org.megbox.wsclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.StoredEvent;

/** The receivers against a real WebSocket server on 127.0.0.1. */
class WsEventReceiverTest {

    static final ReportConnection.Timing FAST = new ReportConnection.Timing(2000, 200, 3000, 50, 400);
    private final FakePayloads payloads = new FakePayloads();
    private TestServer server;
    private ReportConnection connection;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (server != null) {
            server.stop(1000);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " not within 20 s");
            }
            Thread.sleep(20);
        }
    }

    private WsEventReceiver receiver(WsEventReceiver.Kind kind, int port) {
        connection = new ReportConnection(kind.receiverName, URI.create("ws://127.0.0.1:" + port + "/"),
                payloads::heartbeat, FAST).start();
        return new WsEventReceiver(kind, RetryPolicy.resend(2, 0), EventPayloads.Pictures.ALL, payloads, connection);
    }

    @Test
    void heartbeatsArriveOnTheOpenConnection() throws Exception {
        server = new TestServer(freePort()).begin();
        receiver(WsEventReceiver.Kind.ALERT, server.getPort());
        await("three heartbeats", () -> server.heartbeats().size() >= 3);
        assertThat(server.heartbeats().get(0)).contains("\"deviceId\":\"0123456789AB00000000\"", "\"timestamp\":");
        assertThat(connection.heartbeatsSent()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anAlertIsDeliveredWhenTheServerAcknowledgesIt() throws Exception {
        server = new TestServer(freePort()).begin();
        StoredEvent e = FakePayloads.event(7, 14);
        server.answer = m -> m.contains("alert_events") ? "Alert_01_" + (e.timestamp() / 1000) + "_" + e.targetId()
                + "_ACK" : null;
        WsEventReceiver r = receiver(WsEventReceiver.Kind.ALERT, server.getPort());
        assertThat(r.name()).isEqualTo("ws.alert");
        assertThat(r.accepts(e)).isTrue();
        assertThat(r.accepts(FakePayloads.event(8, 1))).as("a structuring capture is no alert").isFalse();
        r.deliver(e);
        assertThat(server.events()).hasSize(1);
        assertThat(server.events().get(0)).contains("\"stream_id\":1", "\"frame_id\":107");
    }

    @Test
    void theAckMayCarryMillisecondsAndAChannelWithoutLeadingZero() throws Exception {
        server = new TestServer(freePort()).begin();
        StoredEvent e = FakePayloads.event(3, 14);
        server.answer = m -> m.contains("alert_events") ? "Alert_1_" + e.timestamp() + "_" + e.targetId() + "_ACK"
                : null;
        receiver(WsEventReceiver.Kind.ALERT, server.getPort()).deliver(e);
        assertThat(server.events()).hasSize(1);
    }

    @Test
    void noAckOrAWrongAckFailsTheDelivery() throws Exception {
        server = new TestServer(freePort()).begin();
        StoredEvent e = FakePayloads.event(5, 14);
        WsEventReceiver r = receiver(WsEventReceiver.Kind.ALERT, server.getPort());
        assertThatThrownBy(() -> r.deliver(e)).isInstanceOf(DeliveryException.class).hasMessageContaining("no Alert_01_");
        server.answer = m -> m.contains("alert_events") ? "Alert_01_1_" + e.targetId() + "_ACK" : null;
        assertThatThrownBy(() -> r.deliver(e)).isInstanceOf(DeliveryException.class);
        server.answer = m -> m.contains("alert_events") ? "Capture_01_" + (e.timestamp() / 1000) + "_"
                + e.targetId() + "_ACK" : null;
        assertThatThrownBy(() -> r.deliver(e)).as("a capture's ACK does not acknowledge an alert")
                .isInstanceOf(DeliveryException.class);
        assertThat(server.events()).hasSize(3);
    }

    @Test
    void aCaptureGoesAsTheBinaryLegacyFrameWithARisingSeq() throws Exception {
        server = new TestServer(freePort()).begin();
        StoredEvent e = FakePayloads.event(9, 1);
        server.answer = m -> m.startsWith("Capture:") ? payloads.legacyAck(e, true) : null;
        WsEventReceiver r = receiver(WsEventReceiver.Kind.CAPTURE, server.getPort());
        assertThat(r.name()).isEqualTo("ws.capture");
        assertThat(r.accepts(e)).isTrue();
        assertThat(r.accepts(FakePayloads.event(10, 14))).isFalse();
        r.deliver(e);
        r.deliver(e);
        assertThat(server.binaries).containsExactly("Capture:1:9", "Capture:2:9");
    }

    @Test
    void aFaceRecognitionAlertIsAnAlertAndACaptureAPlainFaceCaptureOnlyACapture() {
        StoredEvent matched = FakePayloads.face(20, true, false);
        StoredEvent stranger = FakePayloads.face(21, false, true);
        StoredEvent plain = FakePayloads.face(22, false, false);
        StoredEvent rule = FakePayloads.event(23, 14);
        WsEventReceiver alerts = new WsEventReceiver(WsEventReceiver.Kind.ALERT, RetryPolicy.resend(0, 0),
                EventPayloads.Pictures.ALL, payloads, null);
        WsEventReceiver captures = new WsEventReceiver(WsEventReceiver.Kind.CAPTURE, RetryPolicy.resend(0, 0),
                EventPayloads.Pictures.ALL, payloads, null);
        assertThat(alerts.accepts(matched)).isTrue();
        assertThat(alerts.accepts(stranger)).isTrue();
        assertThat(alerts.accepts(plain)).as("a face that matched nothing above a threshold").isFalse();
        assertThat(alerts.accepts(rule)).isTrue();
        assertThat(captures.accepts(matched)).as("§23.1.3: every captured face").isTrue();
        assertThat(captures.accepts(stranger)).isTrue();
        assertThat(captures.accepts(plain)).isTrue();
        assertThat(captures.accepts(rule)).isFalse();
    }

    @Test
    void aFaceRecognitionAlertGoesAsTheBinaryAlertFrameAndWaitsForItsAck() throws Exception {
        server = new TestServer(freePort()).begin();
        StoredEvent e = FakePayloads.face(24, true, false);
        server.answer = m -> m.startsWith("Alert:") ? payloads.legacyAck(e, false) : null;
        WsEventReceiver r = receiver(WsEventReceiver.Kind.ALERT, server.getPort());
        r.deliver(e);
        r.deliver(FakePayloads.face(24, false, true));
        assertThat(server.binaries).containsExactly("Alert:1:24", "Alert:2:24");
        assertThat(server.events()).as("no §25.4 JSON for a face alert").isEmpty();
        server.answer = m -> m.startsWith("Alert:") ? payloads.legacyAck(e, true) : null;
        assertThatThrownBy(() -> r.deliver(e)).as("a Capture's ACK does not acknowledge the Alert")
                .isInstanceOf(DeliveryException.class);
    }

    @Test
    void noServerFailsWithinTheBoundAndTheConnectionComesWhenTheServerDoes() throws Exception {
        int port = freePort();
        StoredEvent e = FakePayloads.event(11, 14);
        WsEventReceiver r = receiver(WsEventReceiver.Kind.ALERT, port);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> r.deliver(e)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("not connected");
        assertThat(System.nanoTime() - t0).as("bounded by the open wait").isLessThan(15_000_000_000L);

        server = new TestServer(port).begin();
        server.answer = m -> m.contains("alert_events") ? payloads.legacyAck(e, false) : null;
        await("reconnected", connection::isOpen);
        r.deliver(e);
        assertThat(server.events()).hasSize(1);

        // the server goes away and comes back: the connection is made again
        server.stop(1000);
        await("closed", () -> !connection.isOpen());
        long before = connection.connectionsOpened();
        server = new TestServer(port).begin();
        server.answer = m -> m.contains("alert_events") ? payloads.legacyAck(e, false) : null;
        await("reconnected again", () -> connection.connectionsOpened() > before && connection.isOpen());
        r.deliver(e);
        assertThat(server.events()).hasSize(1);
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsLeftAndTriedAgain() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.util.List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            receiver(WsEventReceiver.Kind.ALERT, silent.getLocalPort());
            await("a second attempt after the handshake timeout", () -> accepted.size() >= 2);
            assertThat(connection.isOpen()).isFalse();
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }
}
