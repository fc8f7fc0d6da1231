package org.megbox.wsclient.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The §4.1.2 settings in the store {@value #STORE}: loaded at activation (defaults where nothing was stored), changed
 * as commit, then publish the new immutable snapshot, then tell the listeners (the heartbeat). A failed commit
 * changes nothing. Registered under this internal class only: the bundle's own components share it.
 */
@Component(service = DeviceSettingsStore.class)
public final class DeviceSettingsStore {

    static final String STORE = "wsclient.device";
    private static final String KEY = "current";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSettingsStore.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Database database;
    private final KeyValueStore<String, DeviceSettings> store;
    private final List<Consumer<DeviceSettings>> listeners = new CopyOnWriteArrayList<>();
    private volatile DeviceSettings current;

    @Activate
    public DeviceSettingsStore(@Reference(name = "database") Database database) {
        this.database = database;
        this.store = database.store(STORE, Codec.of(DeviceSettingsStore::encode, DeviceSettingsStore::decode));
        this.current = load();
    }

    private DeviceSettings load() {
        try {
            return store.get(KEY).orElse(DeviceSettings.DEFAULT);
        } catch (RuntimeException e) {
            LOG.warn("stored /devices settings are unreadable; using defaults", e);
            return DeviceSettings.DEFAULT;
        }
    }

    private static byte[] encode(DeviceSettings s) {
        try {
            return MAPPER.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DeviceSettings decode(byte[] b) {
        try {
            return MAPPER.readValue(b, DeviceSettings.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    DeviceSettings current() {
        return current;
    }

    /** The heartbeat interval in force for report connections: {@code htInterval} once set, else {@code fallback}. */
    long heartbeatMillis(long fallbackMillis) {
        int s = current.deviceHeartbeat().htInterval();
        return s > 0 ? s * 1000L : fallbackMillis;
    }

    /** Merges a body the schema accepted; stores and publishes it, or throws and changes nothing. */
    synchronized DeviceSettings update(JsonNode body) {
        DeviceSettings next = current.merge(body);
        if (next.equals(current)) {
            return next;
        }
        database.transaction(() -> store.put(KEY, next));
        current = next;
        for (Consumer<DeviceSettings> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.error("/devices settings listener {} failed", l, e);
            }
        }
        return next;
    }

    void addListener(Consumer<DeviceSettings> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<DeviceSettings> listener) {
        listeners.remove(listener);
    }
}
