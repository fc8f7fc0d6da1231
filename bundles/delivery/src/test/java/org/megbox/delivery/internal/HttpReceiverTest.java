package org.megbox.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.megbox.delivery.RetryPolicy;
import org.megbox.events.StoredEvent;

/** What the §4.1.5 settings of one HTTP receiver mean for the outbox: eventType filter, retry policy. */
class HttpReceiverTest {

    private static final HttpReceiver.Timing TIMING = new HttpReceiver.Timing(1000, 60_000, Duration.ofSeconds(5),
            Duration.ofSeconds(10));
    private final MemoryEventStore store = new MemoryEventStore();
    private final StoredEvent alert = store.add(1, 14, false); // an alert-mode warehouse (alert_alarm)
    private final StoredEvent faceCapture = store.add(1, 0, true); // face warehouse
    private final StoredEvent structureCapture = store.add(1, 1, true); // structuring warehouse

    private static HttpReceiver receiver(int eventType, int resend, int interval, Boolean persist) {
        return new HttpReceiver("main", new HttpReports.Receiver("http://127.0.0.1:1/", false, false, false,
                eventType, resend, interval, false, persist), TIMING, HttpClient.newHttpClient(),
                new MemoryEventStore());
    }

    @Test
    void eventTypeOneTakesCapturesOnly() {
        HttpReceiver r = receiver(1, 1, 1, false);
        assertFalse(r.accepts(alert));
        assertTrue(r.accepts(faceCapture));
        assertTrue(r.accepts(structureCapture));
    }

    @Test
    void eventTypeTwoTheDefaultTakesRecognitionsAndAlertsOnly() {
        HttpReceiver r = receiver(2, 1, 1, false);
        assertTrue(r.accepts(alert));
        assertFalse(r.accepts(faceCapture));
        assertFalse(r.accepts(structureCapture));
    }

    @Test
    void eventTypeThreeTakesBoth() {
        HttpReceiver r = receiver(3, 1, 1, false);
        assertTrue(r.accepts(alert));
        assertTrue(r.accepts(faceCapture));
    }

    @Test
    void persistReportRetriesUntilDeliveredFromIntervalSeconds() {
        assertEquals(RetryPolicy.untilDelivered(3000, 60_000), receiver(2, 1, 3, true).retryPolicy());
    }

    @Test
    void withoutPersistReportResendTimesIntervalApart() {
        assertEquals(RetryPolicy.resend(2, 5000), receiver(2, 2, 5, false).retryPolicy());
        assertEquals(RetryPolicy.resend(0, 1000), receiver(2, 0, 1, null).retryPolicy(), "slave: no persistReport");
    }

    @Test
    void backoffDoublesUpToTheCapOnlyWhenRetryingUntilDelivered() {
        RetryPolicy until = RetryPolicy.untilDelivered(1000, 60_000);
        assertEquals(1000, Outbox.backoff(until, 1));
        assertEquals(2000, Outbox.backoff(until, 2));
        assertEquals(32_000, Outbox.backoff(until, 6));
        assertEquals(60_000, Outbox.backoff(until, 7));
        assertEquals(60_000, Outbox.backoff(until, 100));
        assertEquals(5000, Outbox.backoff(RetryPolicy.resend(3, 5000), 3));
    }

    @Test
    void nameAndAddressAreTheReceiversAndUrl() {
        HttpReceiver r = receiver(2, 1, 1, false);
        assertEquals("main", r.name());
        assertEquals("http://127.0.0.1:1/", r.address());
    }

    @Test
    void pushesReuseOneKeepAliveConnection() throws Exception {
        java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            try (x) {
                x.getRequestBody().readAllBytes();
                clientPorts.add(x.getRemoteAddress().getPort());
                x.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        try {
            MemoryEventStore events = new MemoryEventStore();
            HttpReceiver r = new HttpReceiver("main", new HttpReports.Receiver(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/", false, false, false, 3, 1, 1, false,
                    true), TIMING, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), events);
            for (int i = 0; i < 5; i++) {
                r.deliver(events.add(1));
            }
            assertEquals(1, clientPorts.size(), "client ports seen: " + clientPorts);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theUpcomingEventIsEncodedWhileAPushIsInFlightAndSentAsIs() throws Exception {
        java.util.List<String> photos = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            try (x) {
                photos.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(x.getRequestBody().readAllBytes())
                        .get("photo").asText());
                x.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        try {
            MemoryEventStore events = new MemoryEventStore();
            HttpReceiver r = new HttpReceiver("main", new HttpReports.Receiver(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/", true, false, true, 3, 1, 1, false,
                    true), TIMING, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), events);
            StoredEvent first = events.add(1);
            StoredEvent second = events.add(1);
            r.upcoming(second);
            r.deliver(first);
            assertEquals(2, events.pictureReads.get(), "the second's picture read while the first was in flight");
            r.upcoming(null);
            r.deliver(second);
            assertEquals(2, events.pictureReads.get(), "sent as encoded ahead");
            r.deliver(second); // a retry: the same body, kept
            assertEquals(2, events.pictureReads.get());
            java.util.Base64.Decoder b64 = java.util.Base64.getDecoder();
            assertEquals(java.util.List.of("jpeg:./pictures/1.jpg", "jpeg:./pictures/2.jpg", "jpeg:./pictures/2.jpg"),
                    photos.stream().map(p -> new String(b64.decode(p), java.nio.charset.StandardCharsets.UTF_8))
                            .toList());
        } finally {
            server.stop(0);
        }
    }
}
