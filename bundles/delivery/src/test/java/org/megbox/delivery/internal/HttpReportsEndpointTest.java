package org.megbox.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.FakeRestRequest;

class HttpReportsEndpointTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpReceiver.Timing FAST = new HttpReceiver.Timing(20, 200, Duration.ofSeconds(1), Duration.ofSeconds(2));

    @TempDir
    Path dir;
    private MapDbDatabase db;
    private DeliveryService service;
    private final MemoryEventStore events = new MemoryEventStore();

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        service = new DeliveryService(db, events, FAST, 100, dir.resolve("cursors"));
    }

    @AfterEach
    void close() {
        service.deactivate();
        db.close();
    }

    private void post(String json) {
        service.setHttpReports(FakeRestRequest.of("POST", "/devices/httpReports").body(json));
    }

    private String get() throws Exception {
        return MAPPER.writeValueAsString(service.routes().get(1).handler()
                .handle(FakeRestRequest.of("GET", "/devices/httpReports")));
    }

    @Test
    void defaultsFollowTheSpec() throws Exception {
        assertEquals("{\"enable\":false,"
                + "\"main\":{\"url\":\"\",\"captureUpload\":false,\"smallCaptureUpload\":false,\"bigCaptureUpload\":false,"
                + "\"eventType\":2,\"resend\":1,\"interval\":1,\"featureUpload\":false,\"persistReport\":false},"
                + "\"slave\":{\"url\":\"\",\"captureUpload\":false,\"smallCaptureUpload\":false,\"bigCaptureUpload\":false,"
                + "\"eventType\":2,\"resend\":1,\"interval\":1,\"featureUpload\":false}}", get());
    }

    @Test
    void everyFieldIsStoredAndSurvivesARestart() throws Exception {
        post("{\"enable\":true,\"main\":{\"url\":\"http://127.0.0.1:1/a\",\"captureUpload\":true,"
                + "\"smallCaptureUpload\":true,\"bigCaptureUpload\":true,\"eventType\":3,\"resend\":3,\"interval\":5,"
                + "\"featureUpload\":true,\"persistReport\":true},"
                + "\"slave\":{\"url\":\"https://example.org/b\",\"captureUpload\":true,\"eventType\":1,\"resend\":0,"
                + "\"interval\":1,\"featureUpload\":true,\"persistReport\":true}}");
        String expected = "{\"enable\":true,"
                + "\"main\":{\"url\":\"http://127.0.0.1:1/a\",\"captureUpload\":true,\"smallCaptureUpload\":true,"
                + "\"bigCaptureUpload\":true,\"eventType\":3,\"resend\":3,\"interval\":5,\"featureUpload\":true,"
                + "\"persistReport\":true},"
                + "\"slave\":{\"url\":\"https://example.org/b\",\"captureUpload\":true,\"smallCaptureUpload\":false,"
                + "\"bigCaptureUpload\":false,\"eventType\":1,\"resend\":0,\"interval\":1,\"featureUpload\":true}}";
        assertEquals(expected, get());
        // a partial body changes only what it names
        post("{\"main\":{\"resend\":0}}");
        assertEquals(expected.replace("\"resend\":3", "\"resend\":0"), get());

        service.deactivate();
        service = new DeliveryService(db, events, FAST, 100, dir.resolve("cursors"));
        assertEquals(expected.replace("\"resend\":3", "\"resend\":0"), get());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"main\":{\"resend\":-1}}|main.resend",
        "{\"main\":{\"resend\":4}}|main.resend",
        "{\"slave\":{\"resend\":4}}|slave.resend",
        "{\"main\":{\"interval\":0}}|main.interval",
        "{\"main\":{\"interval\":6}}|main.interval",
        "{\"slave\":{\"interval\":6}}|slave.interval",
        "{\"main\":{\"eventType\":0}}|main.eventType",
        "{\"main\":{\"eventType\":4}}|main.eventType",
        "{\"main\":{\"url\":\"ftp://x/\"}}|main.url",
        "{\"slave\":{\"url\":5}}|slave.url",
        "{\"main\":{\"persistReport\":1}}|main.persistReport",
        "{\"enable\":\"yes\"}|enable",
        "{\"main\":{\"captureUpload\":\"true\"}}|main.captureUpload",
        "{\"main\":[]}|main",
    })
    void outOfRangeIs104001NamingTheField(String body, String field) throws Exception {
        String before = get();
        ApiException e = assertThrows(ApiException.class, () -> post(body));
        assertEquals(ErrorCode.ILLEGAL_ARGUMENT, e.error());
        assertEquals(List.of(field), e.args());
        assertEquals(before, get());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"main\":{\"resend\":0,\"interval\":1,\"eventType\":1}}",
        "{\"main\":{\"resend\":3,\"interval\":5,\"eventType\":3}}",
        "{\"slave\":{\"resend\":0,\"interval\":5,\"eventType\":2,\"url\":\"\"}}",
    })
    void boundariesAreAccepted(String body) {
        post(body);
    }

    @Test
    void enablingWithoutAnyUrlIs104002() {
        ApiException e = assertThrows(ApiException.class, () -> post("{\"enable\":true}"));
        assertEquals(ErrorCode.MISSING_ARGUMENT, e.error());
        assertEquals(List.of("main.url"), e.args());
    }
}
