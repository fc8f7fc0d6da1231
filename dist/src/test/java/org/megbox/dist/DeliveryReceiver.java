package org.megbox.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A real HTTP receiver of the box's pushes on 127.0.0.1 (the integrator's side): records every POST it answered
 * 200 to, with the {@code X-MegBox-Event-Id} header, the parsed body and the arrival time. Stopped and started
 * again on the same port to play a receiver that is down for a while.
 */
final class DeliveryReceiver implements AutoCloseable {

    /** One push as it arrived. */
    record Push(long eventId, JsonNode body, long arrivedMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Push> pushes = new ArrayList<>();
    private final int port;
    private HttpServer server;

    DeliveryReceiver(int port) {
        this.port = port;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/alerts";
    }

    DeliveryReceiver start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/alerts", x -> {
            try (x) {
                byte[] body = x.getRequestBody().readAllBytes();
                long arrived = System.currentTimeMillis();
                Push p = new Push(Long.parseLong(x.getRequestHeaders().getFirst("X-MegBox-Event-Id")),
                        JSON.readTree(body), arrived);
                synchronized (pushes) {
                    pushes.add(p);
                }
                x.sendResponseHeaders(200, -1);
            }
        });
        s.start();
        server = s;
        return this;
    }

    /** Goes away at once: connections are refused until {@link #start()}. */
    void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    List<Push> pushes() {
        synchronized (pushes) {
            return List.copyOf(pushes);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
