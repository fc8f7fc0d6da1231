package org.megbox.events;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told about every event after its pictures were written and its record committed (e.g. the
 * delivery bundle wakes its outbox). Called on the events writer thread: return quickly, do not block; an
 * exception is logged and ignored. Nothing is replayed: a listener that registers late reads
 * {@link EventStore#eventsAfter} from where it stopped.
 */
@ConsumerType
public interface EventStoreListener {

    void eventStored(StoredEvent event);
}
