package org.megbox.delivery;

import org.megbox.events.StoredEvent;

/**
 * A destination of stored events (whiteboard service). For each registered receiver the outbox keeps a cursor (the
 * id of the last event it is done with), committed after {@link #deliver} returned, and calls {@link #deliver} for
 * the next event from one thread of its own, so a slow receiver slows nobody else. A receiver seen for the first
 * time starts at the newest event (no history). Unregistering stops its thread; the cursor stays, so a receiver
 * registered again under the same {@link #name()} resumes where it stopped.
 */
public interface EventReceiver {

    /** Stable key of the cursor and counters, {@code [A-Za-z0-9._-]{1,64}}, e.g. {@code mqtt} or {@code ws.main}. */
    String name();

    /** Where the events go (URL, broker), shown by {@code GET /delivery/counters}. */
    String address();

    /** How failed deliveries are retried. */
    RetryPolicy retryPolicy();

    /** Whether this receiver wants the event at all; events it does not want advance its cursor unsent. */
    default boolean accepts(StoredEvent event) {
        return true;
    }

    /**
     * Sends one event and returns once the other side acknowledged it. Must return or throw within its own bounded
     * timeout: the outbox never interrupts the thread (an interrupt would close the database's file channels).
     *
     * @throws DeliveryException when the event was not acknowledged; it is retried as {@link #retryPolicy()} says
     */
    void deliver(StoredEvent event) throws DeliveryException;
}
