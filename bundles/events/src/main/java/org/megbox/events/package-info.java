/**
 * The box's stored events (alerts and captures): every {@code AlarmEvent} the engine raised, kept with its
 * spec {@code alert_events} shape, its full picture and its target crop. {@link org.megbox.events.EventStore}
 * reads them in storage order (the seam for delivery: a durable outbox walks {@code eventsAfter(lastDelivered)});
 * {@link org.megbox.events.EventStoreListener} services are told about each committed event. Since 1.1 a face
 * capture's details travel with its {@link org.megbox.events.StoredEvent#face()}.
 */
@Export
@Version("1.1.0")
package org.megbox.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
