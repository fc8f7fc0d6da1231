package org.megbox.delivery.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.megbox.delivery.EventReceiver;
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
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The outbox as a whiteboard: every {@link EventReceiver} service (WebSocket, MQTT, ...) is bound dynamically and
 * gets a sender of its own; the §4.1.5 HTTP receivers {@code main} and {@code slave} are receivers of this bundle
 * registered directly. {@code POST/GET /devices/httpReports} are persisted in the store {@value #STORE} (committed,
 * then the snapshot published, then the HTTP receivers replaced), and {@code GET /delivery/counters} (beyond the
 * spec) lists every receiver. Told about each stored event as an {@link EventStoreListener}, which only wakes the
 * senders.
 */
@Component(service = {RestEndpoint.class, EventStoreListener.class}, immediate = true)
public final class DeliveryService implements RestEndpoint, EventStoreListener {

    static final String STORE = "delivery.httpReports";
    static final String PROP_DATA = "megbox.data";
    private static final String KEY = "current";
    private static final java.util.Set<String> HTTP_NAMES = java.util.Set.of("main", "slave");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeliveryService.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final KeyValueStore<String, HttpReports> store;
    private final Database database;
    private final Outbox outbox;
    private final EventStore events;
    private final HttpReceiver.Timing timing;
    private final HttpClient client;
    private volatile HttpReports current;
    /** The HTTP receivers now registered, by name ({@code main}, {@code slave}). */
    private final Map<String, HttpReceiver> httpReceivers = new java.util.HashMap<>();

    @Activate
    public DeliveryService(BundleContext context, @Reference(name = "database") Database database,
            @Reference(name = "events") EventStore events) {
        this(database, events, HttpReceiver.Timing.SPEC, Outbox.DEFAULT_BOUND,
                cursorFolder(context.getProperty(PROP_DATA)));
    }

    /** {@code <megbox.data>/delivery/cursors}, the receivers' cursor files. */
    static Path cursorFolder(String dataProperty) {
        Path data = dataProperty == null || dataProperty.isBlank() ? Path.of("data") : Path.of(dataProperty);
        return data.toAbsolutePath().resolve("delivery").resolve("cursors");
    }

    DeliveryService(Database database, EventStore events, HttpReceiver.Timing timing, int bound, Path cursorFolder) {
        this.database = database;
        this.events = events;
        this.timing = timing;
        // HTTP/1.1: integrators' receivers are plain HTTP servers; no h2c upgrade attempt per connection
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timing.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.store = database.store(STORE, Codec.of(DeliveryService::encode, DeliveryService::decode));
        this.current = store.get(KEY).orElse(HttpReports.DEFAULT);
        this.outbox = new Outbox(database, events, bound, cursorFolder);
        configure(current);
    }

    /** Whiteboard: a receiver service of another bundle (names must not be {@code main}/{@code slave}). */
    @Reference(name = "receivers", service = EventReceiver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeReceiver")
    void addReceiver(EventReceiver receiver) {
        if (HTTP_NAMES.contains(receiver.name())) {
            LOG.warn("event receiver {} ignored: the name {} belongs to the HTTP reports", receiver, receiver.name());
            return;
        }
        outbox.register(receiver);
    }

    void removeReceiver(EventReceiver receiver) {
        outbox.unregister(receiver);
    }

    /** Replaces the HTTP receivers whose settings changed (a new one resumes from the cursor of its name). */
    private synchronized void configure(HttpReports next) {
        configure("main", next.enable() ? next.main() : null);
        configure("slave", next.enable() ? next.slave() : null);
    }

    private void configure(String name, HttpReports.Receiver settings) {
        HttpReceiver now = httpReceivers.get(name);
        boolean wanted = settings != null && settings.active();
        if (now != null && wanted && now.settings().equals(settings)) {
            return;
        }
        if (now != null) {
            outbox.unregister(now);
            httpReceivers.remove(name);
        }
        if (wanted) {
            HttpReceiver r = new HttpReceiver(name, settings, timing, client, events);
            httpReceivers.put(name, r);
            outbox.register(r);
        }
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
        configure(next);
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
