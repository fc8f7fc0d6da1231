package org.megbox.mqtt.internal;

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

class MqttReportsEndpointTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private MapDbDatabase db;
    private MqttReportsService service;
    private final List<EventReceiver> registered = new ArrayList<>();

    private MqttReportsService newService() {
        return new MqttReportsService(db, new FakePayloads(), "0123456789AB00000000", BrokerLink.Timing.DEFAULT, r -> {
            registered.add(r);
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
        service.setReports(FakeRestRequest.of("POST", "/devices/mqttReports").body(json));
    }

    private String get() throws Exception {
        return MAPPER.writeValueAsString(service.routes().get(1).handler()
                .handle(FakeRestRequest.of("GET", "/devices/mqttReports")));
    }

    @Test
    void defaults() throws Exception {
        assertEquals("{\"enable\":false,\"broker\":\"\",\"clientId\":\"\",\"topicPrefix\":\"megbox\",\"qos\":1,"
                + "\"username\":\"\",\"passwordSet\":false,\"pushImageSW\":false,\"pushBigImageSW\":false,"
                + "\"pushSmallImageSW\":false}", get());
        assertThat(registered).isEmpty();
    }

    @Test
    void everyFieldIsStoredThePasswordIsNotPrintedAndItSurvivesARestart() throws Exception {
        post("{\"enable\":true,\"broker\":\"tcp://127.0.0.1:1\",\"clientId\":\"box-7\",\"topicPrefix\":\"fleet/site1\","
                + "\"qos\":2,\"username\":\"u\",\"password\":\"secret\",\"pushImageSW\":true,\"pushBigImageSW\":true,"
                + "\"pushSmallImageSW\":true}");
        String expected = "{\"enable\":true,\"broker\":\"tcp://127.0.0.1:1\",\"clientId\":\"box-7\","
                + "\"topicPrefix\":\"fleet/site1\",\"qos\":2,\"username\":\"u\",\"passwordSet\":true,"
                + "\"pushImageSW\":true,\"pushBigImageSW\":true,\"pushSmallImageSW\":true}";
        assertEquals(expected, get());
        assertThat(get()).doesNotContain("secret");
        assertThat(registered).extracting(EventReceiver::name).containsExactly("mqtt");
        assertThat(registered.get(0).address()).isEqualTo("tcp://127.0.0.1:1");
        assertThat(registered.get(0).retryPolicy().untilDelivered()).isTrue();

        post("{\"qos\":0}");
        assertEquals(expected.replace("\"qos\":2", "\"qos\":0"), get());
        assertThat(registered).hasSize(1);

        service.deactivate();
        assertThat(registered).isEmpty();
        service = newService();
        assertEquals(expected.replace("\"qos\":2", "\"qos\":0"), get());
        assertThat(registered).hasSize(1);

        post("{\"enable\":false}");
        assertThat(registered).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"enable\":1}|enable",
        "{\"broker\":\"http://h:1\"}|broker",
        "{\"broker\":\"tcp://\"}|broker",
        "{\"broker\":\"tcp://h:1/x\"}|broker",
        "{\"broker\":\"tcp://h:99999\"}|broker",
        "{\"clientId\":\"a b\"}|clientId",
        "{\"topicPrefix\":\"\"}|topicPrefix",
        "{\"topicPrefix\":\"a/#\"}|topicPrefix",
        "{\"topicPrefix\":\"a/+/b\"}|topicPrefix",
        "{\"topicPrefix\":\"/a\"}|topicPrefix",
        "{\"topicPrefix\":\"a//b\"}|topicPrefix",
        "{\"qos\":3}|qos",
        "{\"qos\":\"1\"}|qos",
        "{\"username\":5}|username",
        "{\"pushImageSW\":\"true\"}|pushImageSW",
    })
    void illegalFieldsAre104001NamingTheField(String body, String field) throws Exception {
        String before = get();
        ApiException e = assertThrows(ApiException.class, () -> post(body));
        assertEquals(ErrorCode.ILLEGAL_ARGUMENT, e.error());
        assertEquals(List.of(field), e.args());
        assertEquals(before, get());
    }

    @Test
    void enableWithoutABrokerIs104002() throws Exception {
        ApiException e = assertThrows(ApiException.class, () -> post("{\"enable\":true}"));
        assertEquals(ErrorCode.MISSING_ARGUMENT, e.error());
        assertEquals(List.of("broker"), e.args());
        assertThat(registered).isEmpty();
    }
}
