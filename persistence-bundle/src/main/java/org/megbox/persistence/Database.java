package org.megbox.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The box's database, one per box: {@code <megbox.data>/db/megbox.db}, with a write-ahead log, so a
 * transaction that returned is on disk even if the process is killed right after.
 *
 * <p>Store names are {@code [A-Za-z0-9._-]}, 1–64 characters; each owning bundle prefixes them with
 * its area ({@code config.device}, {@code video.channels}). A name is bound to its key type for good.
 * Open stores once (in {@code activate}), not inside a transaction: creating a store is itself a
 * committed change.
 */
@ProviderType
public interface Database {

    /** A store with {@code String} keys, created on first use. */
    <V> KeyValueStore<String, V> store(String name, Codec<V> codec);

    /** A store with {@code Long} keys (ids, timestamps), created on first use. */
    <V> KeyValueStore<Long, V> longStore(String name, Codec<V> codec);

    /**
     * Runs {@code work} as one atomic unit: every store write it makes is committed together when it
     * returns, or rolled back when it throws. Transactions run one at a time (writes outside a
     * transaction wait for the running one). A nested call on the same thread joins the outer
     * transaction (its writes commit or roll back with it). A {@link RuntimeException} or
     * {@link Error} from {@code work} is rethrown as is after the rollback; a checked exception is
     * wrapped in {@link PersistenceException}.
     *
     * @return what {@code work} returned
     * @throws PersistenceException when the commit fails (the transaction is then rolled back)
     */
    <T> T transaction(UnitOfWork<T> work);

    /** {@link #transaction(UnitOfWork)} for work without a result. */
    default void transaction(Work work) {
        transaction(() -> {
            work.run();
            return null;
        });
    }

    /** The layout version of the database file, after any migration ran at open. */
    int schemaVersion();
}
