package org.megbox.engine.internal;

import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.StructureSurveillanceService;
import org.megbox.persistence.Database;
import org.megbox.persistence.KeyValueStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The §20.1 structuring surveillance settings of the channels, kept in the box database as commit-then-publish: the
 * volatile immutable map is replaced only after the transaction committed, then listeners are told.
 */
@Component(service = {StructureSurveillanceService.class, StructureSettings.class})
public final class StructureSettings implements StructureSurveillanceService {

    static final String STORE = "engine.structures";

    private static final Logger LOG = LoggerFactory.getLogger(StructureSettings.class);

    private final Database database;
    private final KeyValueStore<String, StoredStructure> store;
    private final Object writeLock = new Object();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<Integer, StoredStructure> snapshot;

    @Activate
    public StructureSettings(@Reference(name = "database") Database database) {
        this.database = database;
        this.store = database.store(STORE, Json.codec(StoredStructure.class));
        Map<Integer, StoredStructure> m = new TreeMap<>();
        for (String key : store.keys()) {
            try {
                store.get(key).ifPresent(s -> m.put(s.videoNo(), s));
            } catch (UncheckedIOException | IllegalArgumentException e) {
                LOG.warn("stored structure setting {} is unreadable and ignored", key, e);
            }
        }
        this.snapshot = Collections.unmodifiableMap(m);
    }

    Map<Integer, StoredStructure> snapshot() {
        return snapshot;
    }

    Optional<StoredStructure> stored(int videoNo) {
        return Optional.ofNullable(snapshot.get(videoNo));
    }

    /** Stores the channel's setting, publishes it, then tells the listeners. */
    void put(StoredStructure setting) {
        synchronized (writeLock) {
            database.transaction(() -> store.put(Integer.toString(setting.videoNo()), setting));
            Map<Integer, StoredStructure> m = new TreeMap<>(snapshot);
            m.put(setting.videoNo(), setting);
            snapshot = Collections.unmodifiableMap(m);
        }
        for (Listener l : listeners) {
            try {
                l.changed(setting.videoNo());
            } catch (RuntimeException e) {
                LOG.warn("structure setting listener {} failed", l, e);
            }
        }
    }

    @Override
    public Optional<StructureSurveillance> get(int videoNo) {
        return stored(videoNo).map(StoredStructure::view);
    }

    @Override
    public void addListener(Listener listener) {
        listeners.addIfAbsent(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }
}
