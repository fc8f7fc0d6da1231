package org.megbox.mqtt.internal;

import org.megbox.delivery.DeliveryException;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.StoredEvent;

/**
 * The receiver {@code mqtt}: every stored event, as the §25.4 alert-mode JSON, to the topic
 * {@code <topicPrefix>/<device_id>/<stream_id>/<algType>} (algType = the warehouse's §26.6 number, e.g. 14), retained
 * false; delivered once the broker acknowledged. Retried until delivered (a fleet sink loses nothing), backing off
 * from 1 s to 60 s.
 */
final class MqttEventReceiver implements EventReceiver {

    static final String NAME = "mqtt";
    static final RetryPolicy RETRIES = RetryPolicy.untilDelivered(1000, 60_000);

    private final MqttReports settings;
    private final EventPayloads payloads;
    private final BrokerLink link;

    MqttEventReceiver(MqttReports settings, EventPayloads payloads, BrokerLink link) {
        this.settings = settings;
        this.payloads = payloads;
        this.link = link;
    }

    static String topic(String prefix, StoredEvent e) {
        return prefix + "/" + e.deviceId() + "/" + e.videoNo() + "/" + e.algType();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String address() {
        return link.broker();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return RETRIES;
    }

    @Override
    public void deliver(StoredEvent event) throws DeliveryException {
        link.publish(topic(settings.topicPrefix(), event), payloads.alertModeJson(event, settings.pictures()),
                settings.qos());
    }

    BrokerLink link() {
        return link;
    }
}
