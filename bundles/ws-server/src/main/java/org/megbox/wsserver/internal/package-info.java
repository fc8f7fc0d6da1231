/**
 * The §23.3 WebSocket server: {@link org.megbox.wsserver.internal.WsServerServlet} upgrades
 * {@code /v1/MEGBOX/ws}; each connection ({@link org.megbox.wsserver.internal.ClientSession}) registers a
 * {@link org.megbox.wsserver.internal.ClientReceiver} with the delivery outbox, pings every second and sends
 * heartbeats.
 */
package org.megbox.wsserver.internal;
