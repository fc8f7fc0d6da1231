package org.megbox.wsserver.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection (Jetty's listener): at open its {@link ClientReceiver} joins the outbox through the
 * {@link ClientHub}; it is pinged every second and closed after 10 s without a pong (§23.1.2), gets a §23.1.1
 * heartbeat at open and every {@code htInterval}, and leaves the outbox when the connection ends.
 */
public final class ClientSession implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final int CLOSE_NO_PONG = 1001;

    private final String name;
    private final ClientOptions options;
    private final ClientHub hub;
    private final String pictureBaseUrl;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Outlet outlet;
    private volatile ClientReceiver receiver;
    private volatile LivenessWatch liveness;
    private volatile ScheduledFuture<?> pinger;
    private volatile ScheduledFuture<?> heartbeats;

    ClientSession(String name, ClientOptions options, ClientHub hub, String pictureBaseUrl) {
        this.name = name;
        this.pictureBaseUrl = pictureBaseUrl;
        this.options = options;
        this.hub = hub;
    }

    String name() {
        return name;
    }

    ClientReceiver receiver() {
        return receiver;
    }

    boolean ended() {
        return ended.get();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        open(new JettyOutlet(session));
    }

    /** Everything of the open that is not Jetty's (tests call it with a fake outlet). */
    void open(Outlet out) {
        outlet = out;
        liveness = new LivenessWatch(System::currentTimeMillis, hub.timing().pongLimitMillis());
        receiver = new ClientReceiver(name, options, hub.payloads(), out, hub.timing(), pictureBaseUrl);
        long ping = hub.timing().pingMillis();
        pinger = hub.scheduler().scheduleAtFixedRate(this::ping, ping, ping, TimeUnit.MILLISECONDS);
        heartbeats = hub.scheduler().scheduleAtFixedRate(this::heartbeat, 0, options.heartbeatMillis(),
                TimeUnit.MILLISECONDS);
        hub.opened(this);
        LOG.info("WebSocket client {} connected as {}", out.remoteAddress(), name);
    }

    @Override
    public void onWebSocketPong(java.nio.ByteBuffer payload) {
        LivenessWatch watch = liveness;
        if (watch != null) {
            watch.pong();
        }
    }

    @Override
    public void onWebSocketText(String message) {
        ClientReceiver r = receiver;
        if (r != null) {
            r.received(message);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end("closed " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end("error " + cause);
    }

    /** Closes the connection from the server side and leaves the outbox now. */
    void close(int status, String reason) {
        Outlet out = outlet;
        if (out != null) {
            out.close(status, reason);
        }
        end(reason);
    }

    private void ping() {
        Outlet out = outlet;
        if (out == null || ended.get()) {
            return;
        }
        if (liveness.dead()) {
            close(CLOSE_NO_PONG, "no pong for " + hub.timing().pongLimitMillis() + " ms");
            return;
        }
        try {
            out.sendPing();
        } catch (RuntimeException e) {
            LOG.debug("ping to {} failed: {}", name, e.toString());
        }
    }

    private void heartbeat() {
        Outlet out = outlet;
        if (out == null || ended.get() || !out.isOpen()) {
            return;
        }
        try {
            out.sendText(new String(hub.payloads().heartbeat(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.debug("heartbeat to {} failed: {}", name, e.toString());
        }
    }

    private void end(String why) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        cancel(pinger);
        cancel(heartbeats);
        ClientReceiver r = receiver;
        if (r != null) {
            r.closed();
        }
        hub.ended(this);
        LOG.info("WebSocket client {} ({}) gone: {}", name, outlet == null ? "?" : outlet.remoteAddress(), why);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
