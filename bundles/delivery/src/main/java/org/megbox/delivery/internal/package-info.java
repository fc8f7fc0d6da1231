/**
 * Event delivery: the durable outbox that runs every {@link org.megbox.delivery.EventReceiver} (whiteboard) from its
 * cursor, the §4.1.5-4.1.6 {@code POST/GET /devices/httpReports} receivers (§25.3 pushes), and the spec's payload
 * encoders (§25.3/§25.4 alert mode, §23 legacy frames, acknowledgements and heartbeats).
 */
package org.megbox.delivery.internal;
