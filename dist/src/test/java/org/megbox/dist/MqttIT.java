package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's MQTT sink end to end: a real mosquitto on 127.0.0.1 and a Paho subscriber of this test (persistent
 * session, QoS 1) receive the box's MQTT copies of the real intrusion alerts of vtest.avi, configured through
 * {@code POST /devices/mqttReports}: topic {@code megbox/<device_id>/1/14}, the §25.4 JSON, QoS 1, not retained. The
 * broker is stopped for a while and restarted: every alert stored meanwhile arrives, in storage order (compared with
 * {@code GET /alerts}). No timing is asserted; every wait has a generous deadline.
 */
class MqttIT extends RtspBoxTest {

    static final String P = IntrusionAlerts.P;
    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final ObjectMapper MAPPER = new ObjectMapper();

    record Received(String topic, JsonNode json, int qos, boolean retained, long arrivedMillis) {
    }

    MosquittoBroker broker;
    MqttClient subscriber;
    final List<Received> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopBroker() throws Exception {
        if (subscriber != null) {
            if (subscriber.isConnected()) {
                subscriber.disconnectForcibly(100, 100);
            }
            subscriber.close(true);
        }
        if (broker != null) {
            broker.close();
        }
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        box.await(what, DEADLINE, 200, () -> "counters " + box.get(P + "/delivery/counters").body() + "; received "
                + received.size(), condition);
    }

    /** (Re)connects the subscriber: same client id, session kept by the broker, so queued QoS 1 messages come. */
    void connectSubscriber() throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        subscriber.connect(o);
        subscriber.subscribe("megbox/#", 1);
    }

    Set<String> receivedKeys() {
        Set<String> out = new LinkedHashSet<>();
        received.forEach(r -> out.add(IntrusionAlerts.pushKey(r.json())));
        return out;
    }

    @Test
    void alertsArePublishedWithQos1AndNoneIsLostWhileTheBrokerIsDown() throws Exception {
        String why = RtspServer.unavailableReason();
        requirePrerequisite(why != null ? why : MosquittoBroker.unavailableReason());
        rtsp = new RtspServer(RtspServer.VTEST, RtspServer.freePort()).start();
        broker = new MosquittoBroker(work.resolve("mosquitto"), Box.freePort()).start();
        subscriber = new MqttClient(broker.url(), "megbox-it-subscriber", new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) throws Exception {
                received.add(new Received(topic, MAPPER.readTree(m.getPayload()), m.getQos(), m.isRetained(),
                        System.currentTimeMillis()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        connectSubscriber();
        box = Box.create(work).start();

        Reply set = box.post(P + "/devices/mqttReports", "{\"enable\": true, \"broker\": \"" + broker.url()
                + "\", \"qos\": 1, \"pushImageSW\": true, \"pushBigImageSW\": true}");
        assertThat(set.code()).as("%s", set).isZero();
        JsonNode got = box.get(P + "/devices/mqttReports").json().path("data");
        assertThat(got.path("enable").asBoolean()).isTrue();
        assertThat(got.path("broker").asText()).isEqualTo(broker.url());
        assertThat(got.path("topicPrefix").asText()).isEqualTo("megbox");
        assertThat(got.path("qos").asInt()).isEqualTo(1);
        Reply bad = box.post(P + "/devices/mqttReports", "{\"qos\": 3}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).isEqualTo("ILLEGAL_ARGUMENT:qos");

        // 1. real alerts arrive: topic per device/channel/alg type, §25.4 JSON, QoS 1, not retained
        IntrusionAlerts.start(box, rtsp.url());
        await("3 MQTT messages", () -> received.size() >= 3);
        Received first = received.get(0);
        JsonNode p = first.json();
        String deviceId = p.path("device_id").asText();
        assertThat(deviceId).matches("[0-9A-F]{12}0{8}");
        assertThat(first.topic()).isEqualTo("megbox/" + deviceId + "/1/14");
        assertThat(first.qos()).isEqualTo(1);
        assertThat(first.retained()).isFalse();
        IntrusionAlerts.assertRuleEvent(p.at("/alert_events/0"));
        assertThat(p.path("stream_id").asInt()).isEqualTo(1);
        byte[] full = Base64.getDecoder().decode(p.path("fullImage").asText());
        assertThat(full.length).as("fullImage: pushImageSW and pushBigImageSW on").isGreaterThan(500);
        assertThat(full[0] & 0xff).isEqualTo(0xFF);
        assertThat(p.path("captureFace").asText()).as("pushSmallImageSW off").isEmpty();

        // informative, not asserted: frame arrival (recv_ts) to the subscriber, one channel, broker up
        long[] latency = received.stream().mapToLong(r -> r.arrivedMillis() - r.json().path("recv_ts").asLong())
                .sorted().toArray();
        System.out.printf("MqttIT: frame arrival -> subscriber over %d messages: p50 %d ms, max %d ms%n",
                latency.length, latency[latency.length / 2], latency[latency.length - 1]);

        // 2. the broker goes down for a while; what is stored meanwhile arrives after it is back, in order
        subscriber.disconnect();
        broker.stop();
        int storedAtStop = IntrusionAlerts.storedCount(box);
        await("4 alerts stored while the broker is down", () -> IntrusionAlerts.storedCount(box) >= storedAtStop + 4);
        await("retries counted", () -> IntrusionAlerts.counters(box, "mqtt").path("retried").asLong() > 0);
        broker.start();
        connectSubscriber();
        List<String> stored = IntrusionAlerts.storedKeys(box);
        await("every stored alert received after the outage", () -> receivedKeys().containsAll(stored));
        List<String> all = IntrusionAlerts.storedKeys(box);
        assertThat(all).as("nothing received that is not stored").containsAll(receivedKeys());
        List<String> order = List.copyOf(receivedKeys());
        assertThat(order).as("first arrivals in storage order").isEqualTo(all.stream().filter(order::contains).toList());
        assertThat(received).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("megbox/" + deviceId + "/1/14");
            assertThat(r.qos()).isEqualTo(1);
        });
        JsonNode c = IntrusionAlerts.counters(box, "mqtt");
        assertThat(c.path("address").asText()).isEqualTo(broker.url());
        assertThat(c.path("dropped").asLong()).as("%s", c).isZero();
        assertThat(received.size() - receivedKeys().size()).as("repeats: at most the in-flight message")
                .isLessThanOrEqualTo(1);
        System.out.printf("MqttIT: %d messages (%d distinct) of %d stored alerts; counters %s%n", received.size(),
                receivedKeys().size(), all.size(), c);
    }
}
