package org.megbox.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.megbox.config.DetectType;
import org.megbox.config.DeviceConfig;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * §3.1.1–3.1.4: {@code POST/GET /configs} and {@code GET/POST /configs/detect}.
 *
 * <p>A body is checked whole against its one {@link ConfigSchemas declared schema} before anything
 * changes: an out-of-range field is 104001 naming it (e.g. {@code ILLEGAL_ARGUMENT:modelSw.digestMaxAuthTries})
 * and leaves both the stored and the published configuration as they were. Fields left out keep their
 * values. {@code funcModule.detectType} and {@code /configs/detect}'s {@code type} are one value.
 */
@Component(service = RestEndpoint.class)
public final class ConfigEndpoint implements RestEndpoint {

    /**
     * {@code model}: the spec's face-model versions. No face models are installed in this box (the
     * analysis models belong to warehouse bundles and are reported by /getAlgInfos), so every version
     * is honestly empty rather than invented.
     */
    static final ConfigDtos.ModelVersions NO_FACE_MODELS = new ConfigDtos.ModelVersions("", "", "", "", "", "");

    private final DeviceConfigManager manager;
    private final String sdkVersion;

    @Activate
    public ConfigEndpoint(@Reference(name = "manager") DeviceConfigManager manager, BundleContext context) {
        this(manager, "megbox-osgi " + context.getBundle().getVersion());
    }

    ConfigEndpoint(DeviceConfigManager manager, String sdkVersion) {
        this.manager = manager;
        this.sdkVersion = sdkVersion;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/configs", this::setConfigs),
                Route.get("/configs", this::getConfigs),
                Route.get("/configs/detect", this::getDetect),
                Route.post("/configs/detect", this::setDetect));
    }

    Object setConfigs(RestRequest request) {
        JsonNode body = request.json(ConfigSchemas.CONFIGS);
        manager.updateDevice(current -> ConfigDtoMapper.mergeRequest(current, body));
        return null;
    }

    Object getConfigs(RestRequest request) {
        return ConfigDtoMapper.configs(manager.current(), sdkVersion, NO_FACE_MODELS);
    }

    Object getDetect(RestRequest request) {
        return ConfigDtoMapper.detect(manager.current());
    }

    Object setDetect(RestRequest request) {
        JsonNode body = request.json(ConfigSchemas.DETECT);
        DetectType type = DetectType.of(body.get("type").asInt()).orElseThrow(); // the schema allowed only these
        manager.updateDevice(current -> new DeviceConfig(current.modelSw(),
                current.funcModule().withDetectType(type)));
        return null;
    }
}
