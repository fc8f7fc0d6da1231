package org.megbox.wsclient.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** A real report server on 127.0.0.1: records what arrives and answers through {@code answer} (null: silence). */
final class TestServer extends WebSocketServer {

    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<String> binaries = new CopyOnWriteArrayList<>();
    final List<WebSocket> clients = new CopyOnWriteArrayList<>();
    volatile Function<String, String> answer = m -> null;
    private final CountDownLatch started = new CountDownLatch(1);

    TestServer(int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        setReuseAddr(true);
    }

    TestServer begin() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test server did not start");
        }
        return this;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        clients.add(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        clients.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        texts.add(message);
        reply(conn, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        String s = new String(b, StandardCharsets.UTF_8);
        binaries.add(s);
        reply(conn, s);
    }

    private void reply(WebSocket conn, String message) {
        String a = answer.apply(message);
        if (a != null) {
            conn.send(a);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    List<String> heartbeats() {
        return texts.stream().filter(t -> t.contains("\"deviceId\"")).toList();
    }

    List<String> events() {
        return texts.stream().filter(t -> t.contains("alert_events")).toList();
    }
}
