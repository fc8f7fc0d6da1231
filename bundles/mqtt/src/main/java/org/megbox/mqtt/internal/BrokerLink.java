package org.megbox.mqtt.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.megbox.delivery.DeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's connection to one MQTT broker (Paho): connected at once and again after any loss, with backoff
 * (1 s doubling to 30 s) by a supervisor on its own thread; {@link #publish} returns once the broker acknowledged
 * (QoS 1: PUBACK; QoS 2: PUBCOMP; QoS 0: written). Paho keeps nothing on disk: the outbox is the durable part.
 */
final class BrokerLink implements AutoCloseable {

    /**
     * @param ackTimeoutMillis how long {@link #publish} waits for the broker's acknowledgement
     * @param openWaitMillis how long {@link #publish} waits for a connection that is not up yet
     */
    record Timing(long ackTimeoutMillis, long openWaitMillis, long minBackoffMillis, long maxBackoffMillis) {
        static final Timing DEFAULT = new Timing(10_000, 5000, 1000, 30_000);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    private static final long SUPERVISE_MILLIS = 100;

    private final String broker;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Timing timing;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean connecting;
    private volatile boolean closed;
    private volatile String lastError = "not connected yet";
    // supervisor thread only
    private long backoff;
    private long nextAttempt;

    BrokerLink(String broker, String clientId, String username, String password, Timing timing) throws MqttException {
        this.broker = broker;
        this.timing = timing;
        this.backoff = timing.minBackoffMillis();
        this.client = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
        this.options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false); // ours, so that the first connect is retried too
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(30);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (!username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lastError = "connection lost: " + cause;
                if (!closed) {
                    LOG.info("mqtt: connection to {} lost: {}", broker, cause.toString());
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "megbox-mqtt");
            t.setDaemon(true);
            return t;
        });
    }

    BrokerLink start() {
        scheduler.scheduleWithFixedDelay(this::supervise, 0, SUPERVISE_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    String broker() {
        return broker;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    long connects() {
        return connects.get();
    }

    private void supervise() {
        if (closed || connecting || client.isConnected()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now < nextAttempt) {
            return;
        }
        nextAttempt = now + backoff;
        backoff = Math.min(backoff * 2, timing.maxBackoffMillis());
        connecting = true;
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connects.incrementAndGet();
                    lastError = "";
                    backoff = timing.minBackoffMillis();
                    connecting = false;
                    LOG.info("mqtt: connected to {}", broker);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    lastError = String.valueOf(e);
                    connecting = false;
                    LOG.debug("mqtt: connecting to {} failed: {}", broker, lastError);
                }
            });
        } catch (MqttException | RuntimeException e) {
            lastError = e.toString();
            connecting = false;
        }
    }

    /** Publishes and waits for the broker's acknowledgement; retained false. */
    void publish(String topic, byte[] payload, int qos) throws DeliveryException {
        awaitConnected();
        try {
            IMqttDeliveryToken token = client.publish(topic, payload, qos, false);
            token.waitForCompletion(timing.ackTimeoutMillis());
        } catch (MqttException e) {
            throw new DeliveryException("publishing to " + broker + " " + topic + " failed: " + e, e);
        }
    }

    private void awaitConnected() throws DeliveryException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timing.openWaitMillis());
        while (!closed && !client.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new DeliveryException("not connected to " + broker + ": " + lastError);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted waiting for " + broker);
            }
        }
        if (closed) {
            throw new DeliveryException("closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdown();
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("mqtt: disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("mqtt: close: {}", e.toString());
        }
    }
}
