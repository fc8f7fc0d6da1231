package org.megbox.video.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.megbox.api.analysis.Frame;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.megbox.video.ChannelStats;
import org.megbox.video.FrameSubscription;
import org.megbox.video.VideoChannels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Spec §7.1: {@code POST/GET /videos}, {@code PUT/DELETE /videos/{videoNo}},
 * {@code PUT /videos/{videoNo}/surveillances}, {@code GET /videos/{videoNo}/snapFullImage},
 * {@code GET /videos/{videoNo}/trackReset}; plus this box's {@code GET /videos/{videoNo}/ingest} (decoder
 * counters, not in the spec). Bodies are checked whole against {@link VideoSchemas} before anything changes.
 */
@Component(service = RestEndpoint.class)
public final class VideoEndpoint implements RestEndpoint {

    /** How long snapFullImage waits for a decoded frame before answering 104006. */
    static final Duration SNAP_TIMEOUT = Duration.ofSeconds(3);
    static final float JPEG_QUALITY = 0.85f;

    private final ChannelManager manager;

    @Activate
    public VideoEndpoint(@Reference(name = "manager") ChannelManager manager) {
        this.manager = manager;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/videos", this::add),
                Route.get("/videos", this::list),
                Route.put("/videos/{videoNo}", this::edit),
                Route.delete("/videos/{videoNo}", this::delete),
                Route.put("/videos/{videoNo}/surveillances", this::surveillances),
                Route.get("/videos/{videoNo}/snapFullImage", this::snapFullImage),
                Route.get("/videos/{videoNo}/trackReset", this::trackReset),
                Route.get("/videos/{videoNo}/ingest", this::ingest));
    }

    /** The path's videoNo: 104001 when it is not an integer in 1..16. */
    static int videoNo(RestRequest r) {
        int n = r.pathInt("videoNo");
        if (n < 1 || n > VideoChannels.MAX_CHANNELS) {
            throw ApiException.illegal("videoNo");
        }
        return n;
    }

    private int existing(RestRequest r) {
        int n = videoNo(r);
        if (!manager.configs().containsKey(n)) {
            throw new ApiException(ErrorCode.NO_VIDEO);
        }
        return n;
    }

    Object add(RestRequest r) {
        JsonNode body = r.json(VideoSchemas.ADD);
        manager.add(ChannelConfig.fromAdd(body));
        return null;
    }

    Object list(RestRequest r) {
        ArrayNode videos = JsonNodeFactory.instance.arrayNode();
        for (ChannelConfig c : manager.configs().values()) {
            videos.add(c.toWire(manager.status(c.videoNo())));
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("videos", videos);
        return data;
    }

    Object edit(RestRequest r) {
        int n = videoNo(r);
        JsonNode body = r.json(VideoSchemas.EDIT);
        manager.update(n, ErrorCode.VIDEO_CH_NOT_EXIST, c -> c.withStream(body));
        return null;
    }

    Object delete(RestRequest r) {
        manager.delete(videoNo(r));
        return null;
    }

    Object surveillances(RestRequest r) {
        int n = videoNo(r);
        JsonNode body = r.json(VideoSchemas.SURVEILLANCE);
        manager.update(n, ErrorCode.NO_VIDEO, c -> c.withSurveillance(body));
        return null;
    }

    Object snapFullImage(RestRequest r) throws InterruptedException {
        int n = existing(r);
        Frame frame;
        try (FrameSubscription sub = manager.subscribe(n, Double.POSITIVE_INFINITY)) {
            frame = sub.awaitNewer(-1, SNAP_TIMEOUT);
            if (frame == null) {
                throw new ApiException(ErrorCode.REQUEST_TIMEOUT);
            }
            byte[] jpeg = Pixels.jpeg(frame, JPEG_QUALITY);
            return Map.of("image", Base64.getEncoder().encodeToString(jpeg));
        }
    }

    Object trackReset(RestRequest r) {
        manager.trackReset(videoNo(r));
        return null;
    }

    Object ingest(RestRequest r) {
        int n = existing(r);
        ChannelStats s = manager.stats(n).orElseThrow(() -> new ApiException(ErrorCode.NO_VIDEO));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("videoNo", s.videoNo());
        m.put("videoConStatus", s.status().conStatus());
        m.put("status", s.status().name());
        m.put("width", s.width());
        m.put("height", s.height());
        m.put("framesDecoded", s.framesDecoded());
        m.put("framesConverted", s.framesConverted());
        m.put("framesDelivered", s.framesDelivered());
        m.put("framesDropped", s.framesDropped());
        m.put("reconnects", s.reconnects());
        m.put("lastFrameMillis", s.lastFrameMillis());
        m.put("lastError", s.lastError());
        return m;
    }
}
