package org.megbox.persistence;

/**
 * Work run by {@link Database#transaction(UnitOfWork)}; its store writes commit together when it
 * returns and are rolled back when it throws.
 *
 * @param <T> the result type
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface UnitOfWork<T> {
    T run() throws Exception;
}
