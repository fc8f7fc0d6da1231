package org.megbox.persistence.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mapdb.BTreeMap;
import org.megbox.persistence.Codec;
import org.megbox.persistence.KeyValueStore;

/** A {@link KeyValueStore} over one MapDB B-tree of encoded values. */
final class MapDbStore<K, V> implements KeyValueStore<K, V> {

    private final MapDbDatabase database;
    private final String name;
    private final BTreeMap<K, byte[]> map;
    private final Codec<V> codec;

    MapDbStore(MapDbDatabase database, String name, BTreeMap<K, byte[]> map, Codec<V> codec) {
        this.database = database;
        this.name = name;
        this.map = map;
        this.codec = codec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<V> get(K key) {
        Objects.requireNonNull(key, "key");
        database.checkOpen();
        byte[] bytes = map.get(key);
        return bytes == null ? Optional.empty() : Optional.of(codec.decode(bytes));
    }

    @Override
    public boolean containsKey(K key) {
        Objects.requireNonNull(key, "key");
        database.checkOpen();
        return map.containsKey(key);
    }

    @Override
    public void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        byte[] bytes = Objects.requireNonNull(codec.encode(value), "codec returned null");
        database.write(() -> map.put(key, bytes));
    }

    @Override
    public boolean remove(K key) {
        Objects.requireNonNull(key, "key");
        return database.write(() -> map.remove(key) != null);
    }

    @Override
    public void clear() {
        database.write(() -> {
            map.clear();
            return null;
        });
    }

    @Override
    public int size() {
        database.checkOpen();
        return map.size();
    }

    @Override
    public List<K> keys() {
        database.checkOpen();
        return List.copyOf(map.keySet());
    }

    @Override
    public Map<K, V> entries() {
        database.checkOpen();
        Map<K, V> out = new LinkedHashMap<>();
        for (Map.Entry<K, byte[]> e : map.entrySet()) {
            out.put(e.getKey(), codec.decode(e.getValue()));
        }
        return out;
    }

    @Override
    public List<Map.Entry<K, V>> entriesFrom(K fromInclusive, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit < 0");
        }
        database.checkOpen();
        Map<K, byte[]> tail = fromInclusive == null ? map : map.tailMap(fromInclusive, true);
        List<Map.Entry<K, V>> out = new ArrayList<>(Math.min(limit, 1024));
        Iterator<Map.Entry<K, byte[]>> it = tail.entrySet().iterator();
        while (out.size() < limit && it.hasNext()) {
            Map.Entry<K, byte[]> e = it.next();
            out.add(Map.entry(e.getKey(), codec.decode(e.getValue())));
        }
        return out;
    }

    @Override
    public Optional<K> firstKey() {
        database.checkOpen();
        return Optional.ofNullable(map.firstKey2());
    }

    @Override
    public Optional<K> lastKey() {
        database.checkOpen();
        return Optional.ofNullable(map.lastKey2());
    }

    @Override
    public String toString() {
        return "KeyValueStore[" + name + "]";
    }
}
