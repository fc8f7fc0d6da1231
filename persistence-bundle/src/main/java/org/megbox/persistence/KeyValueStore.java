package org.megbox.persistence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A named, persistent, sorted map from keys ({@code String} or {@code Long}) to values encoded by a
 * {@link Codec}. Thread-safe.
 *
 * <p><b>Writes</b> ({@link #put}, {@link #remove}, {@link #clear}) made inside
 * {@link Database#transaction} belong to that transaction. Made outside one, each write is its own
 * transaction: it waits for any running transaction, then commits before returning.
 *
 * <p><b>Reads</b> never wait. They are not isolated from a transaction running on another thread and
 * may see its uncommitted writes; a component that needs a consistent view publishes its own
 * immutable snapshot after the transaction returned (as the REST read routes must).
 *
 * @param <K> {@code String} or {@code Long}
 * @param <V> the value type
 */
@ProviderType
public interface KeyValueStore<K, V> {

    String name();

    Optional<V> get(K key);

    boolean containsKey(K key);

    void put(K key, V value);

    /** @return whether the key was present */
    boolean remove(K key);

    void clear();

    int size();

    /** All keys, ascending. */
    List<K> keys();

    /** All entries, in ascending key order (a copy; meant for small stores). */
    Map<K, V> entries();

    /** Up to {@code limit} entries with key {@code >= fromInclusive} ({@code null}: from the first), ascending. */
    List<Map.Entry<K, V>> entriesFrom(K fromInclusive, int limit);

    Optional<K> firstKey();

    Optional<K> lastKey();
}
