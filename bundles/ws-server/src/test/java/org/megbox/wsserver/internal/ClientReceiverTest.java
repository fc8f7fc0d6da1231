package org.megbox.wsserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.megbox.delivery.DeliveryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientReceiverTest {

    /** A short write timeout (the slow-client test waits for it) and a long ACK wait (no flake on a busy machine). */
    static final ClientReceiver.Timing FAST = new ClientReceiver.Timing(300, 60_000, 1000, 10_000);
    final Fakes.Outlet outlet = new Fakes.Outlet();
    final Fakes.Payloads payloads = new Fakes.Payloads();
    final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    ClientReceiver receiver(String... query) throws Exception {
        return new ClientReceiver("ws-server.t", ClientOptionsTest.parse(query), payloads, outlet, FAST,
                "http://h/v1/MEGBOX/");
    }

    static int seq(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt(12);
    }

    @Test
    void eachEventIsOneFrameWithTheNextSeq() throws Exception {
        ClientReceiver r = receiver();
        assertThat(r.name()).isEqualTo("ws-server.t");
        assertThat(r.address()).isEqualTo("ws-client 127.0.0.1:5555");
        assertThat(r.retryPolicy().untilDelivered()).isTrue();
        r.deliver(Fakes.event(1, 14));
        r.deliver(Fakes.event(2, 1));
        r.deliver(Fakes.event(3, 0));
        assertThat(outlet.binaries).hasSize(3);
        assertThat(outlet.binaries).extracting(ClientReceiverTest::seq).containsExactly(1, 2, 3);
        assertThat(outlet.binaries).extracting(ServerFrame::type).containsExactly("Alert", "Capture", "Capture");
        assertThat(r.lastSeq()).isEqualTo(3);
    }

    @Test
    void aFaceRecognitionAlertIsAnAlertThenACapture() throws Exception {
        ClientReceiver r = receiver();
        r.deliver(Fakes.face(1, true, false));
        r.deliver(Fakes.face(2, false, true));
        r.deliver(Fakes.face(3, false, false));
        r.deliver(Fakes.event(4, 14));
        assertThat(outlet.binaries).extracting(ServerFrame::type)
                .containsExactly("Alert", "Capture", "Alert", "Capture", "Capture", "Alert");
        assertThat(outlet.binaries).extracting(ClientReceiverTest::seq).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void withAckAFaceAlertWaitsForBothAcknowledgementsAndARetryDoesNotRepeatTheAlert() throws Exception {
        ClientReceiver r = new ClientReceiver("ws-server.t", ClientOptionsTest.parse("ack", "1"), payloads, outlet,
                new ClientReceiver.Timing(300, 300, 1000, 10_000), "http://h/v1/MEGBOX/");
        var e = Fakes.face(1, true, false);
        Future<?> delivery = pool.submit(() -> {
            r.deliver(e);
            return null;
        });
        while (outlet.binaries.isEmpty()) {
            Thread.sleep(5);
        }
        r.received("Alert_01_1543893775_6018_ACK");
        assertThatThrownBy(delivery::get).as("no Capture ACK").hasCauseInstanceOf(DeliveryException.class);
        assertThat(outlet.binaries).extracting(ServerFrame::type).containsExactly("Alert", "Capture");
        r.received("Capture_01_1543893775_6018_ACK");
        r.deliver(e);
        assertThat(outlet.binaries).extracting(ServerFrame::type).containsExactly("Alert", "Capture", "Capture");
    }

    @Test
    void alertModeSendsOneJsonForAFaceAlert() throws Exception {
        ClientReceiver r = receiver("format", "alertMode");
        r.deliver(Fakes.face(5, true, false));
        assertThat(outlet.binaries).isEmpty();
        assertThat(outlet.texts).hasSize(1);
    }

    @Test
    void alertModeSendsTheJsonAsText() throws Exception {
        ClientReceiver r = receiver("format", "alertMode");
        r.deliver(Fakes.event(5, 14));
        assertThat(outlet.binaries).isEmpty();
        assertThat(outlet.texts).containsExactly("{\"alert_events\":[],\"frame_id\":105}");
    }

    @Test
    void aClosedConnectionIsNotDeliveredTo() throws Exception {
        ClientReceiver r = receiver();
        outlet.open = false;
        assertThatThrownBy(() -> r.deliver(Fakes.event(1, 14))).isInstanceOf(DeliveryException.class);
        assertThat(outlet.binaries).isEmpty();
    }

    @Test
    void aFailedWriteIsNotDelivered() throws Exception {
        ClientReceiver r = receiver();
        outlet.next = CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
        assertThatThrownBy(() -> r.deliver(Fakes.event(1, 14))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("broken pipe");
    }

    @Test
    void aClientTooSlowToTakeTheFrameIsDisconnected() throws Exception {
        ClientReceiver r = receiver();
        outlet.next = new CompletableFuture<>(); // never written
        assertThatThrownBy(() -> r.deliver(Fakes.event(1, 14))).isInstanceOf(DeliveryException.class);
        assertThat(outlet.closes).singleElement().asString().startsWith("1008 too slow");
    }

    @Test
    void withAckTheDeliveryWaitsForTheMatchingAcknowledgement() throws Exception {
        ClientReceiver r = receiver("ack", "1");
        Future<?> delivery = pool.submit(() -> {
            r.deliver(Fakes.event(1, 14));
            return null;
        });
        while (outlet.binaries.isEmpty()) {
            Thread.sleep(5);
        }
        r.received("Alert_01_1543893775_9999_ACK"); // another track: skipped
        Thread.sleep(50);
        assertThat(delivery.isDone()).isFalse();
        r.received("Alert_01_1543893775_6018_ACK\n");
        delivery.get();
    }

    @Test
    void withAckNoAcknowledgementIsAFailedDelivery() throws Exception {
        ClientReceiver r = new ClientReceiver("ws-server.t", ClientOptionsTest.parse("ack", "true"), payloads, outlet,
                new ClientReceiver.Timing(300, 300, 1000, 10_000), "http://h/v1/MEGBOX/");
        assertThatThrownBy(() -> r.deliver(Fakes.event(1, 14))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("Alert_01_1543893775_6018_ACK");
    }

    @Test
    void withAckAClosedConnectionFailsTheWaitingDelivery() throws Exception {
        ClientReceiver r = receiver("ack", "true");
        Future<?> delivery = pool.submit(() -> {
            r.deliver(Fakes.event(1, 14));
            return null;
        });
        while (outlet.binaries.isEmpty()) {
            Thread.sleep(5);
        }
        r.closed();
        assertThatThrownBy(delivery::get).hasCauseInstanceOf(DeliveryException.class);
    }
}
