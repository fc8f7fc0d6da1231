package org.megbox.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * §20.1: {@code POST /structures/{videoNo}/surveillances} stores the whole §20.1.1 body (checked whole against its
 * {@link StructureSchemas schema} and the channel before anything is stored; the spec's defaults filled in), and
 * {@code GET /structures} lists every configured channel with its setting, flat as the spec's response prints it.
 */
@Component(service = RestEndpoint.class)
public final class StructureEndpoints implements RestEndpoint {

    static final List<String> ALL_TARGETS = List.of(StructureSchemas.STRUCTURE_TARGETS);

    private final StructureSettings settings;
    private final VideoChannels video;

    @Activate
    public StructureEndpoints(@Reference(name = "settings") StructureSettings settings,
            @Reference(name = "video") VideoChannels video) {
        this.settings = settings;
        this.video = video;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/structures/{videoNo}/surveillances", this::surveillances),
                Route.get("/structures", this::structures));
    }

    Object surveillances(RestRequest request) {
        JsonNode body = request.json(StructureSchemas.SURVEILLANCES);
        JsonNode faces = body.path("faces");
        if (faces.path("livenessEnabled").asBoolean(false) && !faces.hasNonNull("livenessThreshold")) {
            throw ApiException.missing("faces.livenessThreshold");
        }
        int videoNo = request.pathInt("videoNo");
        if (videoNo < 1 || videoNo > VideoChannels.MAX_CHANNELS) {
            throw ApiException.illegal("videoNo");
        }
        if (video.channel(videoNo).isEmpty()) {
            throw new ApiException(ErrorCode.NO_VIDEO);
        }
        settings.put(new StoredStructure(videoNo, withDefaults((ObjectNode) body)));
        return null;
    }

    /** The body with the spec's stated defaults; the active mode's object is created when absent. */
    static ObjectNode withDefaults(ObjectNode posted) {
        ObjectNode b = posted.deepCopy();
        putIfAbsent(b, "attributeEnabled", true);
        if (!b.hasNonNull("surveillanceType")) {
            b.put("surveillanceType", 0);
        }
        putIfAbsent(b, "bestStrangerUpload", false);
        if (b.get("surveillanceType").asInt() == 1) {
            ObjectNode s = object(b, "structures");
            if (!s.hasNonNull("detectTargetList")) {
                ALL_TARGETS.forEach(s.putArray("detectTargetList")::add);
            }
            ObjectNode push = object(s, "pushConfigs");
            putIfAbsent(push, "pushInterval", 500);
            putIfAbsent(push, "maxPushNumber", 1);
            putIfAbsent(object(s, "captureConfigs"), "captureMode", 1);
        } else {
            ObjectNode f = object(b, "faces");
            if (!f.hasNonNull("detectTargetList")) {
                f.putArray("detectTargetList").add("face");
            }
            putIfAbsent(f, "livenessEnabled", false);
            ObjectNode push = object(f, "pushConfigs");
            putIfAbsent(push, "retryCount", 5);
            putIfAbsent(push, "retryInterval", 5);
            putIfAbsent(push, "strangerRetryCount", 2);
            putIfAbsent(push, "pushInterval", 500);
            putIfAbsent(push, "maxPushNumber", 1);
            putIfAbsent(object(f, "captureConfigs"), "captureMode", 1);
        }
        return b;
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        return n instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static void putIfAbsent(ObjectNode o, String name, Object value) {
        if (!o.hasNonNull(name)) {
            o.set(name, Json.MAPPER.valueToTree(value));
        }
    }

    Object structures(RestRequest request) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode videos = data.putArray("videos");
        for (VideoChannel c : video.channels()) {
            ObjectNode v = videos.addObject();
            v.put("videoNo", c.videoNo());
            v.put("videoName", c.videoName());
            v.put("url", c.url());
            v.put("subUrl", c.subUrl());
            v.put("username", c.username());
            v.put("password", c.password());
            v.put("rotation", c.rotation());
            v.put("videoConStatus", c.status().conStatus());
            Optional<StoredStructure> stored = settings.stored(c.videoNo());
            if (stored.isEmpty()) {
                // no §20.1 setting: captures follow the §7 switch, so that is the truthful value
                v.put("surveillanceEnabled", c.surveillanceEnabled());
                continue;
            }
            ObjectNode b = stored.get().body();
            JsonNode mode = stored.get().mode();
            copy(b, v, "ruleIndex", "ruleEnable", "surveillanceEnabled", "attributeEnabled", "surveillanceType",
                    "bestStrangerUpload");
            copy(mode, v, "detectTargetList", "pushConfigs", "captureConfigs");
            copy(b.path("faces"), v, "livenessEnabled", "livenessThreshold", "filter", "group", "globalStranger");
        }
        return data;
    }

    private static void copy(JsonNode from, ObjectNode to, String... names) {
        for (String n : names) {
            if (from.hasNonNull(n) && !to.has(n)) {
                to.set(n, from.get(n).deepCopy());
            }
        }
    }
}
