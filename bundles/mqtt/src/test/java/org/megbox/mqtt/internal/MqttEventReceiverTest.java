package org.megbox.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventPayloads;

/** The receiver against a real mosquitto on 127.0.0.1, read back by a Paho subscriber. */
class MqttEventReceiverTest {

    static final BrokerLink.Timing FAST = new BrokerLink.Timing(5000, 1500, 50, 400);

    record Received(String topic, String payload, int qos, boolean retained) {
    }

    @TempDir
    Path dir;
    private Mosquitto broker;
    private BrokerLink link;
    private MqttClient subscriber;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void prerequisites() {
        String why = Mosquitto.unavailableReason();
        if (Boolean.getBoolean("megbox.allowSkip")) {
            assumeTrue(why == null, why);
        }
        org.junit.jupiter.api.Assertions.assertNull(why, "prerequisite missing: " + why);
    }

    @AfterEach
    void stop() throws Exception {
        if (subscriber != null && subscriber.isConnected()) {
            subscriber.disconnect();
        }
        if (link != null) {
            link.close();
        }
        if (broker != null) {
            broker.close();
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

    private void subscribe(String filter) throws Exception {
        subscriber = new MqttClient(broker.url(), "test-subscriber", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        subscriber.connect(o);
        subscriber.subscribe(filter, 1, (topic, m) -> received.add(new Received(topic,
                new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(), m.isRetained())));
    }

    private MqttEventReceiver receiver(String url, String prefix) throws Exception {
        link = new BrokerLink(url, "megbox-test", "", "", FAST).start();
        MqttReports settings = new MqttReports(true, url, "", prefix, 1, "", "", true, false, true);
        return new MqttEventReceiver(settings, new FakePayloads(), link);
    }

    @Test
    void eventsArePublishedInOrderWithQos1ToTheirTopic() throws Exception {
        broker = new Mosquitto(dir, Mosquitto.freePort());
        subscribe("fleet/#");
        MqttEventReceiver r = receiver(broker.url(), "fleet");
        assertThat(r.name()).isEqualTo("mqtt");
        for (int i = 1; i <= 5; i++) {
            r.deliver(FakePayloads.event(i, i % 2 + 1, 14));
        }
        await("five messages", () -> received.size() >= 5);
        assertThat(received).extracting(Received::topic).containsExactly("fleet/0123456789AB00000000/2/14",
                "fleet/0123456789AB00000000/1/14", "fleet/0123456789AB00000000/2/14",
                "fleet/0123456789AB00000000/1/14", "fleet/0123456789AB00000000/2/14");
        assertThat(received).extracting(Received::payload).containsExactly(
                "{\"frame_id\":101,\"pictures\":\"" + new EventPayloads.Pictures(true, false, true) + "\"}",
                "{\"frame_id\":102,\"pictures\":\"" + new EventPayloads.Pictures(true, false, true) + "\"}",
                "{\"frame_id\":103,\"pictures\":\"" + new EventPayloads.Pictures(true, false, true) + "\"}",
                "{\"frame_id\":104,\"pictures\":\"" + new EventPayloads.Pictures(true, false, true) + "\"}",
                "{\"frame_id\":105,\"pictures\":\"" + new EventPayloads.Pictures(true, false, true) + "\"}");
        assertThat(received).allSatisfy(m -> {
            assertThat(m.qos()).isEqualTo(1);
            assertThat(m.retained()).isFalse();
        });
    }

    @Test
    void aMissingBrokerFailsWithinTheBoundAndTheLinkConnectsWhenItComes() throws Exception {
        int port = Mosquitto.freePort();
        MqttEventReceiver r = receiver("tcp://127.0.0.1:" + port, "megbox");
        assertThatThrownBy(() -> r.deliver(FakePayloads.event(1, 1, 14))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("not connected");

        broker = new Mosquitto(dir, port);
        await("connected", link::isConnected);
        subscribe("megbox/#");
        r.deliver(FakePayloads.event(2, 1, 14));
        await("one message", () -> received.size() >= 1);

        // the broker restarts: the link reconnects by itself
        long before = link.connects();
        subscriber.disconnectForcibly(100, 100);
        broker.close();
        await("disconnected", () -> !link.isConnected());
        broker = new Mosquitto(dir, port);
        await("reconnected", () -> link.connects() > before && link.isConnected());
        received.clear();
        subscribe("megbox/#");
        r.deliver(FakePayloads.event(3, 1, 14));
        await("a message after the restart", () -> received.size() >= 1);
        assertThat(received.get(0).payload()).contains("\"frame_id\":103");
    }
}
