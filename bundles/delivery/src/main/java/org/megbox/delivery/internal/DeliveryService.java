package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.megbox.events.EventStore;
import org.megbox.events.EventStoreListener;
import org.megbox.events.StoredEvent;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.megbox.rest.ApiException;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * §4.1.5-4.1.6 {@code POST/GET /devices/httpReports}, persisted in the store {@value #STORE} (committed, then the
 * snapshot published, then the outbox reconfigured), and {@code GET /delivery/counters} (beyond the spec: per
 * receiver the last delivered event id, sent, retried, dropped, backlog). Told about each stored event as an
 * {@link EventStoreListener}, which only wakes the outbox's senders.
 */
@Component(service = {RestEndpoint.class, EventStoreListener.class}, immediate = true)
public final class DeliveryService implements RestEndpoint, EventStoreListener {

    static final String STORE = "delivery.httpReports";
    private static final String KEY = "current";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KeyValueStore<String, HttpReports> store;
    private final Database database;
    private final Outbox outbox;
    private volatile HttpReports current;

    @Activate
    public DeliveryService(@Reference(name = "database") Database database,
            @Reference(name = "events") EventStore events) {
        this(database, events, Outbox.Timing.SPEC, Outbox.DEFAULT_BOUND);
    }

    DeliveryService(Database database, EventStore events, Outbox.Timing timing, int bound) {
        this.database = database;
        this.store = database.store(STORE, Codec.of(DeliveryService::encode, DeliveryService::decode));
        this.current = store.get(KEY).orElse(HttpReports.DEFAULT);
        this.outbox = new Outbox(database, events, timing, bound);
        outbox.configure(current);
    }

    private static byte[] encode(HttpReports r) {
        try {
            return MAPPER.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpReports decode(byte[] b) {
        try {
            return MAPPER.readValue(b, HttpReports.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    void deactivate() {
        outbox.close();
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/devices/httpReports", this::setHttpReports),
                Route.get("/devices/httpReports", r -> current),
                Route.get("/delivery/counters", this::counters));
    }

    Object setHttpReports(RestRequest request) {
        JsonNode body = request.json(HttpReports.SCHEMA);
        HttpReports next = current.merge(body);
        if (next.enable() && !next.main().active() && !next.slave().active()) {
            throw ApiException.missing("main.url");
        }
        database.transaction(() -> store.put(KEY, next));
        current = next;
        outbox.configure(next);
        return null;
    }

    HttpReports httpReports() {
        return current;
    }

    Object counters(RestRequest request) {
        return Map.of("receivers", outbox.counters());
    }

    @Override
    public void eventStored(StoredEvent event) {
        outbox.wake();
    }
}
