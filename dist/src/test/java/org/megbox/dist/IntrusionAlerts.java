package org.megbox.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Real alerts for the push tests (WsClientIT, MqttIT): channel 1 plays vtest.avi with a person-intrusion rule over
 * the lower plaza (cooldown 1 s), and the alerts the box stored, read back black-box through {@code GET /alerts}.
 */
final class IntrusionAlerts {

    static final String P = "/v1/MEGBOX";

    private IntrusionAlerts() {
    }

    /** Channel 1 from {@code rtspUrl} with the intrusion rule; both answered 0 or an AssertionError. */
    static void start(Box box, String rtspUrl) {
        start(box, 1, rtspUrl);
    }

    /** Channel {@code videoNo} ("plaza") from {@code rtspUrl} with the same intrusion rule. */
    static void start(Box box, int videoNo, String rtspUrl) {
        Reply video = box.post(P + "/videos", "{\"videoNo\": " + videoNo + ", \"videoName\": \"plaza\", \"url\": \""
                + rtspUrl + "\", \"rotation\": 0}");
        if (video.code() != 0) {
            throw new AssertionError("POST /videos: " + video.body());
        }
        Reply rule = box.post(P + "/multiAlgVideos/" + videoNo + "/multiAlert", """
                {"surveillanceEnabled": true, "ruleIndex": 1, "ruleEnable": true, "algType": 14,
                 "alertRules": {"proc": "init_rules", "customizedOptions": {
                  "area_list": [{"area_type": "polygon", "area_id": 1, "alertor_ids": [1],
                    "points": [{"x": 0.05, "y": 0.42}, {"x": 0.95, "y": 0.42}, {"x": 0.95, "y": 0.98}, {"x": 0.05, "y": 0.98}]}],
                  "alertor_configs": [{"alertor_id": 1, "alertor_type": ["intrusion"], "target_type": ["person"],
                    "target_min": 0, "target_max": 1, "duration": 0, "cooldown_duration": 1, "timeRange": [0, 86400]}]}}}
                """);
        if (rule.code() != 0) {
            throw new AssertionError("POST /multiAlgVideos/" + videoNo + "/multiAlert: " + rule.body());
        }
    }

    /** Asserts that {@code alertEvent} (an entry of a push's {@code alert_events}) is one of the rule {@link #start} sets. */
    static void assertRuleEvent(JsonNode alertEvent) {
        assertThat(alertEvent.path("area_id").asInt()).as("%s", alertEvent).isEqualTo(1);
        assertThat(alertEvent.path("area_type").asText()).isEqualTo("polygon");
        assertThat(alertEvent.path("alertor_id").asInt()).isEqualTo(1);
        assertThat(alertEvent.path("alertor_type").asText()).isEqualTo("intrusion");
        assertThat(alertEvent.at("/target/target_type").asText()).isEqualTo("person");
        assertThat(alertEvent.at("/target/points")).hasSize(2);
    }

    /** The identity of one alert in both GET /alerts and an alert-mode push (§25.4 / §25.3 JSON). */
    static String key(long frameId, long targetId, int areaId, int alertorId) {
        return frameId + "/" + targetId + "/" + areaId + "/" + alertorId;
    }

    static String pushKey(JsonNode push) {
        JsonNode a = push.at("/alert_events/0");
        return key(push.path("frame_id").asLong(), a.at("/target/target_id").asLong(), a.path("area_id").asInt(),
                a.path("alertor_id").asInt());
    }

    static String storedKey(JsonNode alert) {
        return key(alert.path("frame_id").asLong(), alert.at("/target/target_id").asLong(),
                alert.path("area_id").asInt(), alert.path("alertor_id").asInt());
    }

    /** Every stored alert of channel 1 ({@code GET /alerts} records), oldest first. */
    static List<JsonNode> stored(Box box) {
        List<JsonNode> out = new ArrayList<>();
        long token = 0;
        for (int page = 0; page < 100; page++) {
            JsonNode d = box.get(P + "/alerts?pageSize=1000&chnNo=1" + (token != 0 ? "&pageToken=" + token : ""))
                    .json().path("data");
            d.path("alertsEvent").forEach(out::add);
            token = d.path("nextPageToken").asLong(0);
            if (token == 0) {
                break;
            }
        }
        return out;
    }

    static List<String> storedKeys(Box box) {
        return stored(box).stream().map(IntrusionAlerts::storedKey).toList();
    }

    static int storedCount(Box box) {
        return box.get(P + "/alerts?chnNo=1&pageSize=1").json().at("/data/totalAlarts").asInt();
    }

    /** The counters of one receiver from {@code GET /delivery/counters}. */
    static JsonNode counters(Box box, String receiver) {
        for (JsonNode c : box.get(P + "/delivery/counters").json().at("/data/receivers")) {
            if (c.path("name").asText().equals(receiver)) {
                return c;
            }
        }
        throw new AssertionError("no counters of " + receiver + ": " + box.get(P + "/delivery/counters").body());
    }
}
