package org.megbox.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.megbox.config.DeviceConfig;
import org.megbox.config.DeviceConfigListener;
import org.megbox.config.DeviceConfigService;
import org.megbox.config.MegConnectConfig;
import org.megbox.persistence.Codec;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.megbox.rest.Violation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the device configuration: loads it from the database at activation (defaults where nothing was
 * stored), and applies changes as commit-then-publish. Readers get the volatile immutable snapshot,
 * which is replaced only after the transaction committed, so a read never waits and never sees a
 * half-applied change; a failed commit leaves the published snapshot as it was.
 *
 * <p>Registered under its own (private) class too, so that this bundle's endpoints can reach the
 * update methods; other bundles see only {@link DeviceConfigService}.
 */
@Component(service = {DeviceConfigService.class, DeviceConfigManager.class})
public final class DeviceConfigManager implements DeviceConfigService {

    /** Store of this bundle: {@link #KEY_DEVICE} and {@link #KEY_MEG_CONNECT}, JSON in the spec's spelling. */
    static final String STORE = "config.device";
    static final String KEY_DEVICE = "configs";
    static final String KEY_MEG_CONNECT = "megConnect";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConfigManager.class);

    private record Snapshot(DeviceConfig device, MegConnectConfig megConnect) {
    }

    private final Database database;
    private final KeyValueStore<String, JsonNode> store;
    private final List<DeviceConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot;

    @Activate
    public DeviceConfigManager(@Reference(name = "database") Database database) {
        this.database = database;
        this.store = database.store(STORE, jsonCodec());
        this.snapshot = new Snapshot(loadDevice(), loadMegConnect());
    }

    private static Codec<JsonNode> jsonCodec() {
        return Codec.of(node -> {
            try {
                return ConfigDtoMapper.MAPPER.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, bytes -> {
            try {
                return ConfigDtoMapper.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private DeviceConfig loadDevice() {
        JsonNode stored = readStored(KEY_DEVICE);
        if (stored == null) {
            return ConfigDefaults.DEVICE;
        }
        // a value today's ranges refuse (an older version's record) falls back to its default alone
        for (Violation v : ConfigSchemas.CONFIGS.violations(stored)) {
            LOG.warn("stored configs: {} is no longer valid, using its default", v.path());
            removePath(stored, v.path());
        }
        return ConfigDtoMapper.mergeStored(ConfigDefaults.DEVICE, stored);
    }

    private MegConnectConfig loadMegConnect() {
        JsonNode stored = readStored(KEY_MEG_CONNECT);
        if (stored == null) {
            return ConfigDefaults.MEG_CONNECT;
        }
        for (Violation v : ConfigSchemas.MEG_CONNECT.violations(stored)) {
            LOG.warn("stored megConnect: {} is no longer valid, using its default", v.path());
            removePath(stored, v.path());
        }
        return ConfigDtoMapper.mergeMegConnect(ConfigDefaults.MEG_CONNECT, stored);
    }

    private JsonNode readStored(String key) {
        try {
            JsonNode node = store.get(key).orElse(null);
            if (node != null && !node.isObject()) {
                LOG.warn("stored {} is not a JSON object; using defaults", key);
                return null;
            }
            return node;
        } catch (UncheckedIOException e) {
            LOG.warn("stored {} is unreadable; using defaults", key, e);
            return null;
        }
    }

    private static void removePath(JsonNode root, String dottedPath) {
        String[] parts = dottedPath.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1 && parent != null; i++) {
            parent = parent.get(parts[i]);
        }
        if (parent instanceof ObjectNode object) {
            object.remove(parts[parts.length - 1]);
        }
    }

    @Override
    public DeviceConfig current() {
        return snapshot.device();
    }

    @Override
    public MegConnectConfig megConnect() {
        return snapshot.megConnect();
    }

    /**
     * Computes the new configuration from the current one, commits it, then publishes it and tells the
     * listeners. An exception from {@code change} or from the commit changes nothing.
     *
     * @return the configuration now in force
     */
    DeviceConfig updateDevice(UnaryOperator<DeviceConfig> change) {
        synchronized (writeLock) {
            Snapshot before = snapshot;
            DeviceConfig next = Objects.requireNonNull(change.apply(before.device()));
            if (next.equals(before.device())) {
                return next;
            }
            JsonNode record = ConfigDtoMapper.MAPPER.valueToTree(ConfigDtoMapper.settings(next));
            database.transaction(() -> store.put(KEY_DEVICE, record));
            snapshot = new Snapshot(next, before.megConnect());
            if (DeviceConfig.reinitialises(before.device(), next)) {
                LOG.info("workMode {} -> {}, libMode {} -> {}: the device re-initialises",
                        before.device().modelSw().workMode().wireName(), next.modelSw().workMode().wireName(),
                        before.device().modelSw().libMode(), next.modelSw().libMode());
            }
            for (DeviceConfigListener l : listeners) {
                try {
                    l.deviceConfigChanged(before.device(), next);
                } catch (RuntimeException e) {
                    LOG.error("device config listener {} failed", l, e);
                }
            }
            return next;
        }
    }

    /** {@link #updateDevice} for the MegConnect settings (no listeners: nothing acts on them yet). */
    MegConnectConfig updateMegConnect(UnaryOperator<MegConnectConfig> change) {
        synchronized (writeLock) {
            Snapshot before = snapshot;
            MegConnectConfig next = Objects.requireNonNull(change.apply(before.megConnect()));
            if (next.equals(before.megConnect())) {
                return next;
            }
            JsonNode record = ConfigDtoMapper.MAPPER.valueToTree(ConfigDtoMapper.storedMegConnect(next));
            database.transaction(() -> store.put(KEY_MEG_CONNECT, record));
            snapshot = new Snapshot(before.device(), next);
            return next;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(DeviceConfigListener listener) {
        listeners.add(listener);
    }

    void removeListener(DeviceConfigListener listener) {
        listeners.remove(listener);
    }
}
