package org.megbox.persistence;

/** Work without a result, run by {@link Database#transaction(Work)}. */
@FunctionalInterface
@org.osgi.annotation.versioning.ConsumerType
public interface Work {
    void run() throws Exception;
}
