package org.megbox.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.megbox.config.MegConnectConfig;
import org.megbox.rest.ApiException;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * §3.1.5–3.1.6: {@code POST/GET /devices/megConnect}. Enabling active mode needs an address, so
 * {@code enable:true} while no url is set (in the body or before) is 104002 {@code MISSING_ARGUMENT:url}.
 *
 * <p>{@code port} is the "passive-mode port, not modifiable" (L1096): in passive mode the platform comes
 * to the box, which it reaches at the box's HTTP API port, the framework property
 * {@value #HTTP_PORT_PROPERTY} set by the launcher from {@code --port}.
 */
@Component(service = RestEndpoint.class)
public final class MegConnectEndpoint implements RestEndpoint {

    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    /** Felix HTTP's own default when the property is absent. */
    static final int DEFAULT_HTTP_PORT = 8080;

    private final DeviceConfigManager manager;
    private final int passivePort;

    @Activate
    public MegConnectEndpoint(@Reference(name = "manager") DeviceConfigManager manager, BundleContext context) {
        this(manager, port(context.getProperty(HTTP_PORT_PROPERTY)));
    }

    MegConnectEndpoint(DeviceConfigManager manager, int passivePort) {
        this.manager = manager;
        this.passivePort = passivePort;
    }

    static int port(String property) {
        try {
            int port = property == null ? DEFAULT_HTTP_PORT : Integer.parseInt(property.trim());
            return port > 0 && port <= 65_535 ? port : DEFAULT_HTTP_PORT;
        } catch (NumberFormatException e) {
            return DEFAULT_HTTP_PORT;
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post("/devices/megConnect", this::setMegConnect),
                Route.get("/devices/megConnect", this::getMegConnect));
    }

    Object setMegConnect(RestRequest request) {
        JsonNode body = request.json(ConfigSchemas.MEG_CONNECT);
        manager.updateMegConnect(current -> {
            MegConnectConfig next = ConfigDtoMapper.mergeMegConnect(current, body);
            if (next.enable() && next.url().isEmpty()) {
                throw ApiException.missing("url");
            }
            return next;
        });
        return null;
    }

    Object getMegConnect(RestRequest request) {
        return ConfigDtoMapper.megConnect(manager.megConnect(), passivePort);
    }
}
