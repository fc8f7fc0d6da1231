package org.megbox.mqtt.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.EventReceiver;
import org.megbox.delivery.EventReceivers;
import org.megbox.events.EventStore;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST/GET /devices/mqttReports} (beyond the spec), persisted in the store {@value #STORE} (committed, then
 * the snapshot published, then the receiver replaced). While enabled, one {@link MqttEventReceiver} with its broker
 * connection is registered as an {@code EventReceiver} service; the outbox feeds it.
 */
@Component(service = RestEndpoint.class, immediate = true)
public final class MqttReportsService implements RestEndpoint {

    static final String STORE = "mqtt.reports";
    private static final String KEY = "current";
    private static final Logger LOG = LoggerFactory.getLogger(MqttReportsService.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Registers a receiver with the outbox; the returned action withdraws it. */
    interface Registry extends Function<EventReceiver, Runnable> {
    }

    private final Database database;
    private final KeyValueStore<String, MqttReports> store;
    private final EventPayloads payloads;
    private final String deviceId;
    private final BrokerLink.Timing timing;
    private final Registry registry;
    private volatile MqttReports current;
    private MqttReports applied;
    private MqttEventReceiver receiver;
    private Runnable unregister;

    @Activate
    public MqttReportsService(BundleContext context, @Reference(name = "database") Database database,
            @Reference(name = "payloads") EventPayloads payloads, @Reference(name = "events") EventStore events) {
        this(database, payloads, events.deviceId(), BrokerLink.Timing.DEFAULT,
                r -> EventReceivers.register(context, r));
    }

    MqttReportsService(Database database, EventPayloads payloads, String deviceId, BrokerLink.Timing timing,
            Registry registry) {
        this.database = database;
        this.payloads = payloads;
        this.deviceId = deviceId;
        this.timing = timing;
        this.registry = registry;
        this.store = database.store(STORE, Codec.of(MqttReportsService::encode, MqttReportsService::decode));
        this.current = store.get(KEY).orElse(MqttReports.DEFAULT);
        apply(current);
    }

    private static byte[] encode(MqttReports r) {
        try {
            return MAPPER.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MqttReports decode(byte[] b) {
        try {
            return MAPPER.readValue(b, MqttReports.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        withdraw();
        applied = null;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/devices/mqttReports", this::setReports),
                Route.get("/devices/mqttReports", r -> current.view()));
    }

    Object setReports(RestRequest request) {
        JsonNode body = request.json(MqttReports.SCHEMA);
        MqttReports next = current.merge(body);
        database.transaction(() -> store.put(KEY, next));
        current = next;
        apply(next);
        return null;
    }

    /** The receiver registered now, or null (tests). */
    synchronized MqttEventReceiver receiver() {
        return receiver;
    }

    private synchronized void apply(MqttReports r) {
        if (r.equals(applied)) {
            return;
        }
        withdraw();
        applied = r;
        if (!r.active()) {
            return;
        }
        try {
            BrokerLink link = new BrokerLink(r.broker(), r.effectiveClientId(deviceId), r.username(), r.password(),
                    timing).start();
            receiver = new MqttEventReceiver(r, payloads, link);
            unregister = registry.apply(receiver);
        } catch (MqttException e) {
            // the schema admits only URIs Paho takes; should it still refuse one, nothing is registered
            LOG.warn("mqtt: cannot create a client for {}: {}", r.broker(), e.toString());
        }
    }

    private void withdraw() {
        if (receiver != null) {
            unregister.run(); // the outbox stops its sender first, then the connection goes
            receiver.link().close();
            receiver = null;
            unregister = null;
        }
    }
}
