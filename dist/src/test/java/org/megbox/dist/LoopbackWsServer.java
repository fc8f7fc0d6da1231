package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The WebSocket server a push test plays (report server, heartbeat server) on a loopback port: {@link #begin}
 * returns once it listens; openings, closings and errors are of no interest, subclasses record the messages.
 *
 * @param <S> the subclass, which {@link #begin} returns
 */
abstract class LoopbackWsServer<S extends LoopbackWsServer<S>> extends WebSocketServer {

    private final CountDownLatch started = new CountDownLatch(1);

    LoopbackWsServer(int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        setReuseAddr(true);
    }

    /** Starts the server and waits until it listens. */
    @SuppressWarnings("unchecked")
    S begin() throws InterruptedException {
        start();
        assertThat(started.await(10, TimeUnit.SECONDS)).as("%s started", getClass().getSimpleName()).isTrue();
        return (S) this;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }
}
