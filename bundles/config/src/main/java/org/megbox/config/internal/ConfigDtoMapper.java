package org.megbox.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.megbox.config.DetectType;
import org.megbox.config.DeviceConfig;
import org.megbox.config.FunctionModules;
import org.megbox.config.HttpMode;
import org.megbox.config.MegConnectConfig;
import org.megbox.config.ModelSwitches;
import org.megbox.config.PushMode;
import org.megbox.config.VideoMode;
import org.megbox.config.WorkMode;

/**
 * Domain ⇄ wire. Also the merge of a partial body: the present, known fields of the body replace the
 * current values and everything else stays (a field sent as {@code null} counts as absent, as it does
 * for the {@link org.megbox.rest.Schema}). Stateless.
 */
final class ConfigDtoMapper {

    /** Our own mapper for the merge and the stored records; the REST core serialises the answers. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private static final String MODEL_SW = "modelSw";
    private static final String FUNC_MODULE = "funcModule";

    private ConfigDtoMapper() {
    }

    // ---- domain → wire

    static ConfigDtos.ModelSw modelSw(ModelSwitches m) {
        return new ConfigDtos.ModelSw(m.videoMode().wireName(), m.workMode().wireName(), m.pushMode().wireName(),
                m.httpMode().wireName(), m.libMode(), m.digestMode(), m.digestMaxAuthTries(), m.digestUnlockTime());
    }

    static ConfigDtos.FuncModule funcModule(FunctionModules f) {
        return new ConfigDtos.FuncModule(f.capturePicEnabled(), f.clipEnabled(), f.captureFullPicEnabled(),
                f.clipTime(), f.detectType().code(), f.alertReportBufferSize(), f.captureReportBufferSize(),
                f.fullPicCompressLevel(), f.fullPicDrawRectEnabled(), f.minPushInterval(), f.pictureRetryCount(),
                f.pictureRetryInterval(), f.pictureStrangerRetryCount(), f.retryCount(), f.retryInterval(),
                f.strangerRetryCount(), f.rtspServerEnabled());
    }

    static ConfigDtos.Settings settings(DeviceConfig c) {
        return new ConfigDtos.Settings(modelSw(c.modelSw()), funcModule(c.funcModule()));
    }

    static ConfigDtos.Configs configs(DeviceConfig c, String sdkVersion, ConfigDtos.ModelVersions models) {
        return new ConfigDtos.Configs(sdkVersion, models, funcModule(c.funcModule()), modelSw(c.modelSw()));
    }

    static ConfigDtos.Detect detect(DeviceConfig c) {
        List<Integer> support = Arrays.stream(DetectType.values()).map(DetectType::code).toList();
        return new ConfigDtos.Detect(c.funcModule().detectType().code(), support);
    }

    static ConfigDtos.MegConnect megConnect(MegConnectConfig m, int port) {
        return new ConfigDtos.MegConnect(m.enable(), m.url(), port);
    }

    static ConfigDtos.StoredMegConnect storedMegConnect(MegConnectConfig m) {
        return new ConfigDtos.StoredMegConnect(m.enable(), m.url());
    }

    // ---- wire → domain

    static DeviceConfig deviceConfig(ConfigDtos.Settings s) {
        ConfigDtos.ModelSw m = s.modelSw();
        ConfigDtos.FuncModule f = s.funcModule();
        return new DeviceConfig(
                new ModelSwitches(wire(VideoMode.values(), VideoMode::wireName, m.videoMode()),
                        wire(WorkMode.values(), WorkMode::wireName, m.workMode()),
                        wire(PushMode.values(), PushMode::wireName, m.pushMode()),
                        wire(HttpMode.values(), HttpMode::wireName, m.httpMode()),
                        m.libMode(), m.digestMode(), m.digestMaxAuthTries(), m.digestUnlockTime()),
                new FunctionModules(f.capturePicEnabled(), f.clipEnabled(), f.captureFullPicEnabled(), f.clipTime(),
                        DetectType.of(f.detectType())
                                .orElseThrow(() -> new IllegalArgumentException("detectType " + f.detectType())),
                        f.alertReportBufferSize(), f.captureReportBufferSize(), f.fullPicCompressLevel(),
                        f.fullPicDrawRectEnabled(), f.minPushInterval(), f.pictureRetryCount(),
                        f.pictureRetryInterval(), f.pictureStrangerRetryCount(), f.retryCount(), f.retryInterval(),
                        f.strangerRetryCount(), f.rtspServerEnabled()));
    }

    private static <E> E wire(E[] values, Function<E, String> name, String text) {
        for (E e : values) {
            if (name.apply(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown value " + text);
    }

    // ---- merges

    /**
     * {@code POST /configs}: {@code body} (already accepted by {@link ConfigSchemas#CONFIGS}) over
     * {@code current}. A change of {@code workMode} re-initialises the device, so the two capture-picture
     * switches take the new mode's defaults (L647–656) unless the same body sets them.
     */
    static DeviceConfig mergeRequest(DeviceConfig current, JsonNode body) {
        ObjectNode tree = overlay(MAPPER.valueToTree(settings(current)), body);
        WorkMode newMode = wire(WorkMode.values(), WorkMode::wireName, tree.path(MODEL_SW).path("workMode").asText());
        if (newMode != current.modelSw().workMode()) {
            ObjectNode func = (ObjectNode) tree.get(FUNC_MODULE);
            for (String name : List.of("capturePicEnabled", "captureFullPicEnabled")) {
                if (!present(body.path(FUNC_MODULE).get(name))) {
                    func.put(name, newMode.capturePicturesByDefault());
                }
            }
        }
        return toDeviceConfig(tree);
    }

    /** A stored record (already cleaned of values today's schema refuses) over the defaults. */
    static DeviceConfig mergeStored(DeviceConfig defaults, JsonNode stored) {
        return toDeviceConfig(overlay(MAPPER.valueToTree(settings(defaults)), stored));
    }

    /** {@code POST /devices/megConnect} or the stored record over {@code current}. */
    static MegConnectConfig mergeMegConnect(MegConnectConfig current, JsonNode body) {
        ObjectNode tree = MAPPER.valueToTree(storedMegConnect(current));
        overlayFields(tree, body);
        try {
            ConfigDtos.StoredMegConnect m = MAPPER.treeToValue(tree, ConfigDtos.StoredMegConnect.class);
            return new MegConnectConfig(m.enable(), m.url());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static DeviceConfig toDeviceConfig(ObjectNode tree) {
        try {
            return deviceConfig(MAPPER.treeToValue(tree, ConfigDtos.Settings.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Copies the present fields of {@code body.modelSw} and {@code body.funcModule} that {@code full} knows. */
    private static ObjectNode overlay(ObjectNode full, JsonNode body) {
        for (String section : List.of(MODEL_SW, FUNC_MODULE)) {
            JsonNode part = body.get(section);
            if (part != null && part.isObject()) {
                overlayFields((ObjectNode) full.get(section), part);
            }
        }
        return full;
    }

    private static void overlayFields(ObjectNode target, JsonNode source) {
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = source.get(name);
            if (present(value)) {
                target.set(name, value);
            }
        }
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }
}
