/**
 * Event delivery SPI: a receiver of stored events (HTTP, WebSocket, MQTT, ...) registers an {@link EventReceiver}
 * service; the delivery bundle's durable outbox keeps its cursor in the box database and hands it the events in
 * storage order, at least once, on a thread of its own. {@link EventPayloads} encodes the spec's messages so every
 * transport sends the same bytes; {@link EventReceivers} registers a receiver the same way for every transport.
 */
@Export
@Version("1.1.0")
package org.megbox.delivery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
