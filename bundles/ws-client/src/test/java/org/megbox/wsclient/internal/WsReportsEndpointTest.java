package org.megbox.wsclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.megbox.delivery.EventReceiver;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.FakeRestRequest;

class WsReportsEndpointTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private MapDbDatabase db;
    private WsReportsService service;
    /** What is registered now, as the outbox would see it. */
    private final List<EventReceiver> registered = new ArrayList<>();
    private int registrations;

    private WsReportsService newService() {
        return new WsReportsService(db, new FakePayloads(), WsEventReceiverTest.FAST, r -> {
            registered.add(r);
            registrations++;
            return () -> registered.remove(r);
        });
    }

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        service = newService();
    }

    @AfterEach
    void close() {
        service.deactivate();
        db.close();
    }

    private void post(String json) {
        service.setReports(FakeRestRequest.of("POST", "/devices/reports").body(json));
    }

    private String get() throws Exception {
        return MAPPER.writeValueAsString(service.routes().get(1).handler()
                .handle(FakeRestRequest.of("GET", "/devices/reports")));
    }

    @Test
    void defaultsArePassiveWithTheSpecExampleValues() throws Exception {
        assertEquals("{\"alertConfig\":{\"alertReportMode\":\"passiveMode\",\"reportServerAdd\":\"\",\"alertInterval\":0,"
                + "\"alertResend\":2,\"pushImageSW\":false,\"pushBigImageSW\":false,\"pushSmallImageSW\":false},"
                + "\"capture\":{\"captureReportMode\":\"passiveMode\",\"reportServerAdd\":\"\",\"pushImageSW\":false,"
                + "\"pushBigImageSW\":false,\"pushSmallImageSW\":false}}", get());
        assertThat(registered).isEmpty();
    }

    @Test
    void everyFieldIsStoredRegistersReceiversAndSurvivesARestart() throws Exception {
        post("{\"alertConfig\":{\"alertReportMode\":\"activeMode\",\"reportServerAdd\":\"ws://127.0.0.1:9/a\","
                + "\"alertInterval\":3,\"alertResend\":1,\"pushImageSW\":true,\"pushBigImageSW\":true,"
                + "\"pushSmallImageSW\":true},"
                + "\"capture\":{\"captureReportMode\":\"activeMode\",\"reportServerAdd\":\"ws://localhost:10/\","
                + "\"pushImageSW\":true,\"pushBigImageSW\":false,\"pushSmallImageSW\":true}}");
        String expected = "{\"alertConfig\":{\"alertReportMode\":\"activeMode\",\"reportServerAdd\":\"ws://127.0.0.1:9/a\","
                + "\"alertInterval\":3,\"alertResend\":1,\"pushImageSW\":true,\"pushBigImageSW\":true,"
                + "\"pushSmallImageSW\":true},"
                + "\"capture\":{\"captureReportMode\":\"activeMode\",\"reportServerAdd\":\"ws://localhost:10/\","
                + "\"pushImageSW\":true,\"pushBigImageSW\":false,\"pushSmallImageSW\":true}}";
        assertEquals(expected, get());
        assertThat(registered).extracting(EventReceiver::name).containsExactly("ws.alert", "ws.capture");
        EventReceiver alert = registered.get(0);
        assertThat(alert.address()).isEqualTo("ws://127.0.0.1:9/a");
        assertThat(alert.retryPolicy().resend()).isEqualTo(1);
        assertThat(alert.retryPolicy().intervalMillis()).isEqualTo(3000);
        assertThat(alert.retryPolicy().untilDelivered()).isFalse();
        assertThat(registered.get(1).retryPolicy().resend()).as("§23.1.3: at most 2 tries").isEqualTo(1);

        // a partial body changes only what it names, and only the receiver it concerns is replaced
        post("{\"capture\":{\"pushBigImageSW\":true}}");
        assertEquals(expected.replace("\"pushBigImageSW\":false", "\"pushBigImageSW\":true"), get());
        assertThat(registered.get(0)).isSameAs(alert);
        assertThat(registrations).isEqualTo(3);

        service.deactivate();
        assertThat(registered).isEmpty();
        service = newService();
        assertEquals(expected.replace("\"pushBigImageSW\":false", "\"pushBigImageSW\":true"), get());
        assertThat(registered).extracting(EventReceiver::name).containsExactly("ws.alert", "ws.capture");

        // back to passive: withdrawn
        post("{\"alertConfig\":{\"alertReportMode\":\"passiveMode\"},\"capture\":{\"captureReportMode\":\"passiveMode\"}}");
        assertThat(registered).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"alertConfig\":{\"alertReportMode\":\"active\"}}|alertConfig.alertReportMode",
        "{\"alertConfig\":{\"alertReportMode\":1}}|alertConfig.alertReportMode",
        "{\"alertConfig\":{\"reportServerAdd\":\"http://1.2.3.4/\"}}|alertConfig.reportServerAdd",
        "{\"alertConfig\":{\"reportServerAdd\":\"ws://\"}}|alertConfig.reportServerAdd",
        "{\"alertConfig\":{\"reportServerAdd\":\"ws://h:70000/\"}}|alertConfig.reportServerAdd",
        "{\"alertConfig\":{\"alertInterval\":11}}|alertConfig.alertInterval",
        "{\"alertConfig\":{\"alertInterval\":-1}}|alertConfig.alertInterval",
        "{\"alertConfig\":{\"alertResend\":3}}|alertConfig.alertResend",
        "{\"alertConfig\":{\"alertResend\":1.5}}|alertConfig.alertResend",
        "{\"alertConfig\":{\"pushImageSW\":\"yes\"}}|alertConfig.pushImageSW",
        "{\"alertConfig\":[]}|alertConfig",
        "{\"capture\":{\"captureReportMode\":\"x\"}}|capture.captureReportMode",
        "{\"capture\":{\"reportServerAdd\":\"ws://a b/\"}}|capture.reportServerAdd",
        "{\"capture\":{\"pushSmallImageSW\":0}}|capture.pushSmallImageSW",
    })
    void illegalFieldsAre104001NamingTheFieldAndChangeNothing(String body, String field) throws Exception {
        String before = get();
        ApiException e = assertThrows(ApiException.class, () -> post(body));
        assertEquals(ErrorCode.ILLEGAL_ARGUMENT, e.error());
        assertEquals(List.of(field), e.args());
        assertEquals(before, get());
    }

    @Test
    void activeModeWithoutAServerIs104002() throws Exception {
        String before = get();
        ApiException e = assertThrows(ApiException.class,
                () -> post("{\"alertConfig\":{\"alertReportMode\":\"activeMode\"}}"));
        assertEquals(ErrorCode.MISSING_ARGUMENT, e.error());
        assertEquals(List.of("alertConfig.reportServerAdd"), e.args());
        e = assertThrows(ApiException.class,
                () -> post("{\"capture\":{\"captureReportMode\":\"activeMode\",\"reportServerAdd\":\"\"}}"));
        assertEquals(List.of("capture.reportServerAdd"), e.args());
        assertEquals(before, get());
        assertThat(registered).isEmpty();
    }

    @Test
    void unparsableJsonIs104000() {
        ApiException e = assertThrows(ApiException.class, () -> post("{\"alertConfig\":"));
        assertEquals(ErrorCode.ILLEGAL_JSON_BODY, e.error());
    }
}
