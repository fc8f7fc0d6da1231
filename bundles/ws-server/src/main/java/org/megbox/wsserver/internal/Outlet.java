package org.megbox.wsserver.internal;

import java.util.concurrent.CompletableFuture;

/** The sending side of one WebSocket connection (Jetty's session in the box, a fake in tests); never blocks. */
interface Outlet {

    /** Queues a binary message; the future completes once it was written to the network, or fails. */
    CompletableFuture<Void> sendBinary(byte[] message);

    /** Queues a text message; the future completes once it was written to the network, or fails. */
    CompletableFuture<Void> sendText(String message);

    void sendPing();

    /** Starts the close handshake (idempotent). */
    void close(int status, String reason);

    boolean isOpen();

    /** The client's address, {@code host:port}. */
    String remoteAddress();
}
