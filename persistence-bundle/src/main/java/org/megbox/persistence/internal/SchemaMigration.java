package org.megbox.persistence.internal;

import org.mapdb.DB;

/**
 * One step of the database layout from {@link #fromVersion()} to {@code fromVersion() + 1}, run in the
 * transaction that also records the new version. Layout means which MapDB collections exist and how
 * they are keyed; the record formats inside a store belong to the store's owner and evolve through its
 * {@link org.megbox.persistence.Codec}.
 */
interface SchemaMigration {

    int fromVersion();

    void migrate(DB db) throws Exception;
}
