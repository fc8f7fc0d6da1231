package org.megbox.video.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.megbox.persistence.Codec;
import org.megbox.video.ConnectionStatus;
import org.megbox.video.FaceSurveillance;
import org.megbox.video.VideoChannel;

/**
 * A channel as committed: the §7.1.1 stream settings plus the §7.1.2 surveillance settings. Immutable (the
 * surveillance JSON objects are private copies nobody mutates). Stored as JSON in the spec's spelling, in
 * store {@value #STORE} under the videoNo.
 */
record ChannelConfig(int videoNo, String videoName, String url, String subUrl, String username, String password,
        int rotation, boolean surveillanceEnabled, ObjectNode filter, ArrayNode group, ObjectNode globalStranger,
        double livenessThreshold, boolean bestStrangerUpload) {

    static final String STORE = "video.channels";

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The spec's suggested values (§7.1.2), reported until a client sets its own. */
    static ObjectNode defaultFilter() {
        ObjectNode f = F.objectNode();
        f.put("roll", 45).put("yaw", 35).put("pitch", 45).put("blurness", 60).put("highBrightness", 90)
                .put("lowBrightness", 20).put("deviation", 50).put("faceMin", 80);
        return f;
    }

    static ObjectNode defaultGlobalStranger() {
        ObjectNode g = F.objectNode();
        g.put("enable", false).put("searchThresholdLow", 20).put("startTime", "000000").put("endTime", "000000");
        return g;
    }

    static final double DEFAULT_LIVENESS_THRESHOLD = 60;

    /** A new channel from a validated {@code POST /videos} body. */
    static ChannelConfig fromAdd(JsonNode body) {
        return new ChannelConfig(body.get("videoNo").asInt(), body.get("videoName").asText(), body.get("url").asText(),
                text(body, "subUrl"), text(body, "username"), text(body, "password"), body.get("rotation").asInt(),
                false, defaultFilter(), F.arrayNode(), defaultGlobalStranger(), DEFAULT_LIVENESS_THRESHOLD, false);
    }

    /** This channel with the stream settings of a validated {@code PUT /videos/{videoNo}} body. */
    ChannelConfig withStream(JsonNode body) {
        return new ChannelConfig(videoNo, body.get("videoName").asText(), body.get("url").asText(),
                text(body, "subUrl"), text(body, "username"), text(body, "password"), body.get("rotation").asInt(),
                surveillanceEnabled, filter, group, globalStranger, livenessThreshold, bestStrangerUpload);
    }

    /** This channel with the fields of a validated {@code PUT .../surveillances} body that were sent. */
    ChannelConfig withSurveillance(JsonNode body) {
        boolean enabled = present(body, "surveillanceEnabled") ? body.get("surveillanceEnabled").asBoolean()
                : surveillanceEnabled;
        ObjectNode f = filter;
        if (present(body, "filter")) {
            f = filter.deepCopy();
            for (var it = body.get("filter").fields(); it.hasNext();) {
                var e = it.next();
                if (!e.getValue().isNull()) {
                    f.set(e.getKey(), e.getValue().deepCopy());
                }
            }
            f.retain("roll", "yaw", "pitch", "blurness", "highBrightness", "lowBrightness", "deviation", "faceMin");
        }
        ArrayNode g = group;
        if (present(body, "group")) {
            g = F.arrayNode();
            for (JsonNode item : body.get("group")) {
                ObjectNode copy = ((ObjectNode) item).deepCopy();
                copy.retain("groupName", "startTime", "endTime", "searchThresholdHigh", "searchThresholdLow");
                g.add(copy);
            }
        }
        ObjectNode gs = globalStranger;
        if (present(body, "globalStranger")) {
            gs = ((ObjectNode) body.get("globalStranger")).deepCopy();
            gs.retain("enable", "searchThresholdLow", "startTime", "endTime");
        }
        double liveness = present(body, "livenessThreshold") ? body.get("livenessThreshold").asDouble()
                : livenessThreshold;
        boolean best = present(body, "bestStrangerUpload") ? body.get("bestStrangerUpload").asBoolean()
                : bestStrangerUpload;
        return new ChannelConfig(videoNo, videoName, url, subUrl, username, password, rotation, enabled, f, g, gs,
                liveness, best);
    }

    /** Whether the decoder must restart for this change (what it opens or how it turns the picture). */
    boolean sameStream(ChannelConfig o) {
        return url.equals(o.url) && username.equals(o.username) && password.equals(o.password)
                && rotation == o.rotation;
    }

    VideoChannel toApi(ConnectionStatus status) {
        return new VideoChannel(videoNo, videoName, url, subUrl, username, password, rotation, surveillanceEnabled,
                status);
    }

    /** The face recognition part of the §7 surveillance settings. */
    FaceSurveillance faceSurveillance() {
        List<FaceSurveillance.BoundGroup> groups = new ArrayList<>();
        for (JsonNode g : group) {
            groups.add(new FaceSurveillance.BoundGroup(g.path("groupName").asText(), g.path("startTime").asText("000000"),
                    g.path("endTime").asText("000000"), g.path("searchThresholdHigh").asDouble(),
                    g.path("searchThresholdLow").asDouble()));
        }
        FaceSurveillance.GlobalStranger gs = new FaceSurveillance.GlobalStranger(
                globalStranger.path("enable").asBoolean(false), globalStranger.path("searchThresholdLow").asDouble(20),
                globalStranger.path("startTime").asText("000000"), globalStranger.path("endTime").asText("000000"));
        return new FaceSurveillance(videoNo, groups, gs, livenessThreshold);
    }

    /** One element of {@code GET /videos} (§7.1.3), in the spec's order. */
    ObjectNode toWire(ConnectionStatus status) {
        ObjectNode o = F.objectNode();
        o.put("videoNo", videoNo).put("videoName", videoName).put("url", url).put("subUrl", subUrl)
                .put("username", username).put("password", password).put("rotation", rotation);
        o.put("livenessThreshold", livenessThreshold);
        o.put("surveillanceEnabled", surveillanceEnabled);
        o.put("videoConStatus", status.conStatus());
        o.set("filter", filter.deepCopy());
        o.set("group", group.deepCopy());
        o.set("globalStranger", globalStranger.deepCopy());
        return o;
    }

    ObjectNode toStored() {
        ObjectNode o = toWire(ConnectionStatus.CONNECTING);
        o.remove("videoConStatus");
        o.put("bestStrangerUpload", bestStrangerUpload);
        return o;
    }

    /**
     * A stored record back; fields missing from an older record take their defaults. Returns null for a record
     * that lacks what a channel cannot do without (videoNo, url).
     */
    static ChannelConfig fromStored(JsonNode o) {
        if (o == null || !o.isObject() || !o.path("videoNo").canConvertToInt() || !o.path("url").isTextual()) {
            return null;
        }
        int rot = o.path("rotation").asInt(0);
        return new ChannelConfig(o.get("videoNo").asInt(), o.path("videoName").asText(""), o.get("url").asText(),
                o.path("subUrl").asText(""), o.path("username").asText(""), o.path("password").asText(""),
                rot == 90 || rot == 180 || rot == 270 ? rot : 0, o.path("surveillanceEnabled").asBoolean(false),
                o.path("filter").isObject() ? (ObjectNode) o.get("filter").deepCopy() : defaultFilter(),
                o.path("group").isArray() ? (ArrayNode) o.get("group").deepCopy() : F.arrayNode(),
                o.path("globalStranger").isObject() ? (ObjectNode) o.get("globalStranger").deepCopy()
                        : defaultGlobalStranger(),
                o.path("livenessThreshold").asDouble(DEFAULT_LIVENESS_THRESHOLD),
                o.path("bestStrangerUpload").asBoolean(false));
    }

    static Codec<JsonNode> codec() {
        return Codec.of(node -> {
            try {
                return MAPPER.writeValueAsBytes(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, bytes -> {
            try {
                return MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static boolean present(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && !v.isNull();
    }

    private static String text(JsonNode body, String field) {
        return present(body, field) ? body.get(field).asText() : "";
    }

    @Override
    public String toString() { // never the password
        return "ChannelConfig[videoNo=" + videoNo + ", videoName=" + videoName + ", url="
                + ChannelDecoder.redacted(url) + ", rotation=" + rotation + "]";
    }
}
