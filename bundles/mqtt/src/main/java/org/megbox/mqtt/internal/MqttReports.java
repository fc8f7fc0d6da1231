package org.megbox.mqtt.internal;

import static org.megbox.rest.PartialUpdate.bool;
import static org.megbox.rest.PartialUpdate.integer;
import static org.megbox.rest.PartialUpdate.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.megbox.delivery.EventPayloads;
import org.megbox.rest.ApiException;
import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * The MQTT sink's settings (beyond the spec), named like §4.1.3's: {@code enable}, {@code broker}
 * ({@code tcp://host:port} or {@code ssl://...}), {@code clientId} ("" = {@code megbox-<device_id>}),
 * {@code topicPrefix}, {@code qos}, {@code username}, {@code password} and the §4.1.3 picture switches. Immutable;
 * stored as is (with the password) in the box database; {@link #view()} is what GET prints.
 */
public record MqttReports(boolean enable, String broker, String clientId, String topicPrefix, int qos,
        String username, String password, boolean pushImageSW, boolean pushBigImageSW, boolean pushSmallImageSW) {

    static final MqttReports DEFAULT = new MqttReports(false, "", "", "megbox", 1, "", "", false, false, false);

    public MqttReports {
        broker = broker == null ? "" : broker;
        clientId = clientId == null ? "" : clientId;
        topicPrefix = topicPrefix == null || topicPrefix.isEmpty() ? "megbox" : topicPrefix;
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** A topic level path without wildcards, empty levels, or a leading/trailing '/'. */
    private static final String TOPIC_PREFIX = "[^+#/\\x00]+(/[^+#/\\x00]+)*";

    static final Schema SCHEMA = Schema.of(
            Field.bool("enable"),
            Field.string("broker").bytes(0, 1024).check(n -> validBroker(n.asText())),
            Field.string("clientId").bytes(0, 64).pattern("[A-Za-z0-9._-]*"),
            Field.string("topicPrefix").bytes(1, 128).pattern(TOPIC_PREFIX),
            Field.integer("qos").oneOf(0, 1, 2),
            Field.string("username").bytes(0, 256),
            Field.string("password").bytes(0, 256),
            Field.bool("pushImageSW"),
            Field.bool("pushBigImageSW"),
            Field.bool("pushSmallImageSW"));

    /** "" or {@code tcp://host[:port]} / {@code ssl://host[:port]} (Paho's schemes), nothing after the port. */
    static boolean validBroker(String s) {
        if (s.isEmpty()) {
            return true;
        }
        try {
            URI u = new URI(s);
            return ("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) && u.getHost() != null
                    && u.getPort() != 0 && u.getPort() <= 65535 && u.getUserInfo() == null
                    && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
                    && u.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    boolean active() {
        return enable && !broker.isEmpty();
    }

    EventPayloads.Pictures pictures() {
        return new EventPayloads.Pictures(pushImageSW, pushBigImageSW, pushSmallImageSW);
    }

    /** The client id used: the configured one, else {@code megbox-<device_id>}. */
    String effectiveClientId(String deviceId) {
        return clientId.isEmpty() ? "megbox-" + deviceId : clientId;
    }

    /** What GET prints: every field but the password, which is only said to be set or not. */
    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enable", enable);
        m.put("broker", broker);
        m.put("clientId", clientId);
        m.put("topicPrefix", topicPrefix);
        m.put("qos", qos);
        m.put("username", username);
        m.put("passwordSet", !password.isEmpty());
        m.put("pushImageSW", pushImageSW);
        m.put("pushBigImageSW", pushBigImageSW);
        m.put("pushSmallImageSW", pushSmallImageSW);
        return m;
    }

    /** This configuration with the fields of a validated body replaced; enable without a broker is 104002. */
    MqttReports merge(JsonNode b) {
        MqttReports next = new MqttReports(bool(b, "enable", enable), text(b, "broker", broker),
                text(b, "clientId", clientId), text(b, "topicPrefix", topicPrefix), integer(b, "qos", qos),
                text(b, "username", username), text(b, "password", password), bool(b, "pushImageSW", pushImageSW),
                bool(b, "pushBigImageSW", pushBigImageSW), bool(b, "pushSmallImageSW", pushSmallImageSW));
        if (next.enable && next.broker.isEmpty()) {
            throw ApiException.missing("broker");
        }
        return next;
    }
}
