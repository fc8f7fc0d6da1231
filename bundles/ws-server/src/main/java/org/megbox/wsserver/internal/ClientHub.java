package org.megbox.wsserver.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.megbox.delivery.EventPayloads;
import org.megbox.delivery.EventReceiver;

/**
 * What the connections share: the payload encoder, one scheduler thread for pings and heartbeats (both only queue a
 * message, so one thread serves every client), and the registry of connected clients. At most one connection per
 * receiver name is registered with the outbox: a client that reconnects with its {@code clientId} before the box
 * noticed the old connection is gone replaces it.
 */
final class ClientHub {

    /** Registers a receiver with the outbox (an OSGi service in the box); returns how to unregister it. */
    @FunctionalInterface
    interface Registrar {
        Runnable register(EventReceiver receiver);
    }

    static final int CLOSE_REPLACED = 1000;
    static final int CLOSE_STOPPING = 1001;

    private final EventPayloads payloads;
    private final Registrar registrar;
    private final ClientReceiver.Timing timing;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicLong connections = new AtomicLong();
    private final String epoch = Long.toString(System.currentTimeMillis(), 36);
    private final Map<String, ClientSession> active = new HashMap<>();
    private final Map<ClientSession, Runnable> registrations = new HashMap<>();

    ClientHub(EventPayloads payloads, Registrar registrar, ClientReceiver.Timing timing) {
        this.payloads = payloads;
        this.registrar = registrar;
        this.timing = timing;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "megbox-ws-server");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    EventPayloads payloads() {
        return payloads;
    }

    ClientReceiver.Timing timing() {
        return timing;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * A name for a connection without {@code clientId}: unique across restarts (start time + counter), so it never
     * resumes an older connection's cursor and starts at the newest event.
     */
    String newConnectionId() {
        return "c" + epoch + "-" + connections.incrementAndGet();
    }

    synchronized void opened(ClientSession session) {
        ClientSession old = active.get(session.name());
        if (old != null) {
            old.close(CLOSE_REPLACED, "replaced by a new connection with the same clientId");
        }
        if (session.ended()) {
            return;
        }
        active.put(session.name(), session);
        registrations.put(session, registrar.register(session.receiver()));
    }

    synchronized void ended(ClientSession session) {
        if (active.remove(session.name(), session)) {
            Runnable unregister = registrations.remove(session);
            if (unregister != null) {
                unregister.run();
            }
        }
    }

    synchronized List<String> clients() {
        return new ArrayList<>(active.keySet());
    }

    /** Closes every connection (the bundle stops) and the scheduler. */
    void shutdown() {
        List<ClientSession> all;
        synchronized (this) {
            all = new ArrayList<>(active.values());
        }
        for (ClientSession s : all) {
            s.close(CLOSE_STOPPING, "server stopping");
        }
        scheduler.shutdownNow();
    }
}
