package org.megbox.wsserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.megbox.delivery.EventPayloads.Pictures;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {

    static ClientOptions parse(String... kv) throws ClientOptions.BadParameter {
        java.util.Map<String, List<String>> q = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            q.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return ClientOptions.parse(q);
    }

    static void assertBad(String field, String... kv) {
        assertThatThrownBy(() -> parse(kv)).isInstanceOf(ClientOptions.BadParameter.class).hasMessage(field);
    }

    @Test
    void defaults() throws Exception {
        ClientOptions o = ClientOptions.parse(Map.of());
        assertThat(o.clientId()).isNull();
        assertThat(o.format()).isEqualTo(ClientOptions.Format.LEGACY);
        assertThat(o.pictures()).isEqualTo(Pictures.ALL);
        assertThat(o.heartbeatMillis()).isEqualTo(30_000);
        assertThat(o.ack()).isFalse();
        assertThat(o.receiverName("c1-2")).isEqualTo("ws-server.c1-2");
    }

    @Test
    void everyParameter() throws Exception {
        ClientOptions o = parse("clientId", "site-7.a_b", "format", "legacy", "pushImageSW", "true", "pushBigImageSW",
                "0", "pushSmallImageSW", "1", "htInterval", "3600", "ack", "true");
        assertThat(o.receiverName("ignored")).isEqualTo("ws-server.site-7.a_b");
        assertThat(o.pictures()).isEqualTo(new Pictures(true, false, true));
        assertThat(o.heartbeatMillis()).isEqualTo(3_600_000);
        assertThat(o.ack()).isTrue();
        assertThat(parse("format", "alertMode").format()).isEqualTo(ClientOptions.Format.ALERT_MODE);
        assertThat(parse("htInterval", "1").heartbeatMillis()).isEqualTo(1000);
    }

    @Test
    void theMasterSwitchTurnsOffBothPictures() throws Exception {
        assertThat(parse("pushImageSW", "false").pictures()).isEqualTo(new Pictures(false, false, false));
    }

    @Test
    void badValuesNameTheParameter() {
        assertBad("clientId", "clientId", "a b");
        assertBad("clientId", "clientId", "");
        assertBad("clientId", "clientId", "x".repeat(55)); // ws-server. + 55 > the outbox's 64
        assertBad("format", "format", "json");
        assertBad("htInterval", "htInterval", "0");
        assertBad("htInterval", "htInterval", "3601");
        assertBad("htInterval", "htInterval", "1s");
        assertBad("pushImageSW", "pushImageSW", "yes");
        assertBad("clientId", "clientId", "a", "clientId", "b");
        assertBad("ack", "format", "alertMode", "ack", "true");
    }

    @Test
    void longestClientIdFitsTheOutboxNameLimit() throws Exception {
        assertThat(parse("clientId", "x".repeat(54)).receiverName("").length()).isEqualTo(64);
    }
}
