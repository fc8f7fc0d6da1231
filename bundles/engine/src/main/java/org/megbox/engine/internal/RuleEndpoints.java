package org.megbox.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.megbox.engine.RuleState;
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
 * §26.1–26.3 ({@code /multiAlgVideos}) and §25.1 ({@code /alertVideos}). A body is checked whole (its declared
 * {@link RuleSchemas schema}, then the channel, then {@link RuleValidator} against the present warehouse's
 * descriptor) before anything is stored; a refused body changes nothing. Reads print the published snapshot.
 */
@Component(service = RestEndpoint.class)
public final class RuleEndpoints implements RestEndpoint {

    private final RuleEngine engine;

    @Activate
    public RuleEndpoints(@Reference(name = "engine") RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/multiAlgVideos/{videoNo}/multiAlert", this::multiAlert),
                Route.get("/multiAlgVideos", this::multiAlgVideos),
                Route.post("/multiAlgVideos/{videoNo}/surveillanceEnable", this::surveillanceEnable),
                Route.post("/alertVideos/{videoNo}/surveillances", this::alertSurveillances),
                Route.get("/alertVideos", this::alertVideos));
    }

    /** 104001 for a number outside 1..16, 104009 NO_VIDEO for a channel that is not configured. */
    private int channel(RestRequest request) {
        int videoNo = request.pathInt("videoNo");
        if (videoNo < 1 || videoNo > VideoChannels.MAX_CHANNELS) {
            throw ApiException.illegal("videoNo");
        }
        if (engine.channel(videoNo).isEmpty()) {
            throw new ApiException(ErrorCode.NO_VIDEO);
        }
        return videoNo;
    }

    Object multiAlert(RestRequest request) {
        JsonNode body = request.json(RuleSchemas.MULTI_ALERT);
        int videoNo = channel(request);
        int algType = body.get("algType").asInt();
        RuleValidator.ValidatedRule v = RuleValidator.validate(videoNo, body, engine.descriptor(algType), Json.MAPPER);
        ChannelSettings before = engine.snapshot().channel(videoNo);
        Boolean validity = body.hasNonNull("alertRulesValidity") ? Boolean.valueOf(body.get("alertRulesValidity").asBoolean())
                : before.alertRulesValidity();
        engine.putRule(new StoredRule(videoNo, v.rule().ruleIndex(), algType, v.rule().enabled(), v.alertRules(), null),
                new ChannelSettings(videoNo, body.get("surveillanceEnabled").asBoolean(), validity));
        return null;
    }

    Object surveillanceEnable(RestRequest request) {
        JsonNode body = request.json(RuleSchemas.SURVEILLANCE_ENABLE);
        int videoNo = channel(request);
        engine.setSurveillance(videoNo, body.get("surveillanceEnabled").asBoolean());
        return null;
    }

    Object alertSurveillances(RestRequest request) {
        JsonNode body = request.json(RuleSchemas.LEGACY_SURVEILLANCE);
        int videoNo = channel(request);
        int algType = LegacyRules.algType(body);
        boolean enabled = body.get("surveillanceEnabled").asBoolean();
        JsonNode legacy = body.get("alertRules");
        if (legacy == null || legacy.isNull()) {
            engine.setSurveillance(videoNo, enabled);
            return null;
        }
        ObjectNode converted = LegacyRules.toMultiAlert(legacy);
        if (engine.descriptor(algType).isEmpty()) {
            throw ApiException.illegal("algType");
        }
        ObjectNode stored = Json.MAPPER.createObjectNode();
        stored.put("algType", body.path("algType").asInt(10));
        stored.set("alertRules", legacy.deepCopy());
        ChannelSettings before = engine.snapshot().channel(videoNo);
        Boolean validity = body.hasNonNull("alertRulesValidity") ? Boolean.valueOf(body.get("alertRulesValidity").asBoolean())
                : before.alertRulesValidity();
        engine.putRule(new StoredRule(videoNo, LegacyRules.RULE_INDEX, algType, legacy.get("enable").asBoolean(),
                converted, stored), new ChannelSettings(videoNo, enabled, validity));
        return null;
    }

    /** Every configured channel, then channels that only have stored rules (their channel is gone). */
    private TreeSet<Integer> channelNumbers(RuleRepository.Snapshot snap) {
        TreeSet<Integer> numbers = new TreeSet<>();
        engine.video().ifPresent(v -> v.channels().forEach(c -> numbers.add(c.videoNo())));
        snap.ruleList().forEach(r -> numbers.add(r.videoNo()));
        return numbers;
    }

    private static void channelFields(ObjectNode out, int videoNo, Optional<VideoChannel> channel, boolean rotation) {
        out.put("videoNo", videoNo);
        channel.ifPresent(c -> {
            out.put("videoName", c.videoName());
            out.put("url", c.url());
            out.put("subUrl", c.subUrl());
            out.put("username", c.username());
            out.put("password", c.password());
            if (rotation) {
                out.put("rotation", c.rotation());
            }
        });
    }

    Object multiAlgVideos(RestRequest request) {
        RuleRepository.Snapshot snap = engine.snapshot();
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode videos = data.putArray("videos");
        for (int videoNo : channelNumbers(snap)) {
            Optional<VideoChannel> channel = engine.channel(videoNo);
            ObjectNode v = videos.addObject();
            channelFields(v, videoNo, channel, true);
            v.put("surveillanceEnabled", snap.channel(videoNo).surveillanceEnabled());
            channel.ifPresent(c -> v.put("videoConStatus", c.status().conStatus()));
            ArrayNode rules = v.putArray("algRules");
            for (StoredRule r : snap.rulesOf(videoNo)) {
                ObjectNode rule = rules.addObject();
                rule.put("ruleIndex", r.ruleIndex());
                rule.put("ruleEnable", r.ruleEnable());
                rule.put("algType", r.algType());
                rule.set("alertRules", r.alertRules().deepCopy());
                RuleState state = engine.state(r);
                rule.put("ruleStatus", state.status().name());
                rule.put("ruleStatusDetail", state.detail());
            }
        }
        return data;
    }

    Object alertVideos(RestRequest request) {
        RuleRepository.Snapshot snap = engine.snapshot();
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode videos = data.putArray("videos");
        for (int videoNo : channelNumbers(snap)) {
            Optional<VideoChannel> channel = engine.channel(videoNo);
            ObjectNode v = videos.addObject();
            channelFields(v, videoNo, channel, false);
            v.put("surveillanceEnabled", snap.channel(videoNo).surveillanceEnabled());
            channel.ifPresent(c -> v.put("videoConStatus", c.status().conStatus()));
            Optional<StoredRule> rule = snap.rulesOf(videoNo).stream()
                    .filter(r -> r.ruleIndex() == LegacyRules.RULE_INDEX && r.legacy()).findFirst();
            if (rule.isPresent()) {
                v.put("algType", rule.get().legacyAlertRules().path("algType").asInt(10));
                v.set("alertRules", rule.get().legacyAlertRules().path("alertRules").deepCopy());
                RuleState state = engine.state(rule.get());
                v.put("ruleStatus", state.status().name());
                v.put("ruleStatusDetail", state.detail());
            }
        }
        return data;
    }
}
