package org.megbox.wsclient.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.function.LongSupplier;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.RetryPolicy;
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

/**
 * §4.1.3-4.1.4 {@code POST/GET /devices/reports}, persisted in the store {@value #STORE} (committed, then the
 * snapshot published, then the receivers replaced). For each of {@code alertConfig} and {@code capture} in
 * {@code activeMode} with a server, one {@link WsEventReceiver} with its own connection is registered as an
 * {@code EventReceiver} service; a part whose settings did not change keeps its receiver and connection.
 *
 * <p>Each connection also carries §23.1.1 heartbeats (so a server behind the report link finds the box too), every
 * {@code /devices} {@code deviceHeartbeat.htInterval} s once that is set - the spec's one heartbeat interval - else
 * every {@link ReportConnection.Timing#heartbeatMillis()}.
 */
@Component(service = RestEndpoint.class, immediate = true)
public final class WsReportsService implements RestEndpoint {

    static final String STORE = "wsclient.reports";
    private static final String KEY = "current";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Database database;
    private final KeyValueStore<String, WsReports> store;
    private final EventPayloads payloads;
    private final ReportConnection.Timing timing;
    private final ReceiverRegistry registry;
    private final LongSupplier heartbeatMillis;
    private volatile WsReports current;
    private final Slot alerts = new Slot();
    private final Slot captures = new Slot();

    /** A registered receiver, the settings it was made from, and how to withdraw it. */
    private static final class Slot {
        Object settings;
        WsEventReceiver receiver;
        Runnable unregister;
    }

    @Activate
    public WsReportsService(BundleContext context, @Reference(name = "database") Database database,
            @Reference(name = "payloads") EventPayloads payloads,
            @Reference(name = "deviceSettings") DeviceSettingsStore deviceSettings) {
        this(database, payloads, ReportConnection.Timing.from(context::getProperty), ReceiverRegistry.of(context),
                deviceSettings);
    }

    WsReportsService(Database database, EventPayloads payloads, ReportConnection.Timing timing,
            ReceiverRegistry registry) {
        this(database, payloads, timing, registry, null);
    }

    WsReportsService(Database database, EventPayloads payloads, ReportConnection.Timing timing,
            ReceiverRegistry registry, DeviceSettingsStore deviceSettings) {
        this.database = database;
        this.payloads = payloads;
        this.timing = timing;
        this.registry = registry;
        this.heartbeatMillis = deviceSettings == null ? timing::heartbeatMillis
                : () -> deviceSettings.heartbeatMillis(timing.heartbeatMillis());
        this.store = database.store(STORE, Codec.of(WsReportsService::encode, WsReportsService::decode));
        this.current = store.get(KEY).orElse(WsReports.DEFAULT);
        apply(current);
    }

    private static byte[] encode(WsReports r) {
        try {
            return MAPPER.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WsReports decode(byte[] b) {
        try {
            return MAPPER.readValue(b, WsReports.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        replace(alerts, null, null);
        replace(captures, null, null);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/devices/reports", this::setReports),
                Route.get("/devices/reports", r -> current));
    }

    Object setReports(RestRequest request) {
        JsonNode body = request.json(WsReports.SCHEMA);
        WsReports next = current.merge(body);
        database.transaction(() -> store.put(KEY, next));
        current = next;
        apply(next);
        return null;
    }

    WsReports reports() {
        return current;
    }

    /** The receivers registered now (tests). */
    synchronized List<WsEventReceiver> receivers() {
        return java.util.stream.Stream.of(alerts.receiver, captures.receiver).filter(java.util.Objects::nonNull)
                .toList();
    }

    private synchronized void apply(WsReports r) {
        WsReports.AlertConfig a = r.alertConfig();
        replace(alerts, a.active() ? a : null, () -> new WsEventReceiver(WsEventReceiver.Kind.ALERT,
                RetryPolicy.resend(a.alertResend(), a.alertInterval() * 1000L), a.pictures(), payloads,
                connection(WsEventReceiver.Kind.ALERT, a.reportServerAdd())));
        WsReports.Capture c = r.capture();
        replace(captures, c.active() ? c : null, () -> new WsEventReceiver(WsEventReceiver.Kind.CAPTURE,
                WsEventReceiver.CAPTURE_RETRIES, c.pictures(), payloads,
                connection(WsEventReceiver.Kind.CAPTURE, c.reportServerAdd())));
    }

    private ReportConnection connection(WsEventReceiver.Kind kind, String server) {
        return new ReportConnection(kind.receiverName, URI.create(server), payloads::heartbeat, heartbeatMillis,
                timing).start();
    }

    /** Withdraws the slot's receiver unless {@code settings} equal its own, then registers a new one if any. */
    private void replace(Slot slot, Object settings, java.util.function.Supplier<WsEventReceiver> factory) {
        if (settings != null && settings.equals(slot.settings)) {
            return;
        }
        if (slot.receiver != null) {
            slot.unregister.run(); // the outbox stops its sender first, then the connection goes
            slot.receiver.connection().close();
        }
        slot.settings = settings;
        slot.receiver = settings == null ? null : factory.get();
        slot.unregister = slot.receiver == null ? null : registry.register(slot.receiver);
    }
}
