/**
 * WebSocket client reports: {@code POST/GET /devices/reports} (§4.1.3-4.1.4) and, per configuration in
 * {@code activeMode}, an {@link org.megbox.delivery.EventReceiver} that pushes stored events to the configured
 * {@code ws://} server, waits for its ACK and sends §23.1.1 heartbeats on the open connection.
 */
package org.megbox.wsclient.internal;
