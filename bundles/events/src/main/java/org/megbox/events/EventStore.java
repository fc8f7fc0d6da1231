package org.megbox.events;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The stored events, read-only, in storage order. Reads never block on the writer and see only committed
 * events (an event is visible once its pictures are on disk and its record is committed). Storage is bounded:
 * the oldest events are recycled, so ids may disappear from the front at any time.
 */
@ProviderType
public interface EventStore {

    /** The box's {@code device_id}: 20 characters, MAC hex in upper case followed by zeros, fixed for good. */
    String deviceId();

    Optional<StoredEvent> event(long id);

    /** Up to {@code limit} events with an id greater than {@code afterId}, ascending (0: from the oldest). */
    List<StoredEvent> eventsAfter(long afterId, int limit);

    /** The id of the newest stored event, 0 when there is none. */
    long lastId();

    /** Number of stored events. */
    int size();

    /**
     * The bytes of a picture by its relative URI ({@link StoredEvent#fullPicture()}, {@link StoredEvent#cropPicture()});
     * empty when unknown or already recycled.
     */
    Optional<byte[]> picture(String uri);
}
