package org.megbox.wsserver.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** {@link Outlet} over Jetty's session: Jetty queues whole messages from any thread and completes the callback. */
final class JettyOutlet implements Outlet {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;

    JettyOutlet(Session session) {
        this.session = session;
    }

    @Override
    public CompletableFuture<Void> sendBinary(byte[] message) {
        Callback.Completable done = new Callback.Completable();
        session.sendBinary(ByteBuffer.wrap(message), done);
        return done;
    }

    @Override
    public CompletableFuture<Void> sendText(String message) {
        Callback.Completable done = new Callback.Completable();
        session.sendText(message, done);
        return done;
    }

    @Override
    public void sendPing() {
        session.sendPing(EMPTY.duplicate(), Callback.NOOP);
    }

    @Override
    public void close(int status, String reason) {
        session.close(status, reason, Callback.NOOP);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public String remoteAddress() {
        SocketAddress a = session.getRemoteSocketAddress();
        if (a instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(a);
    }
}
