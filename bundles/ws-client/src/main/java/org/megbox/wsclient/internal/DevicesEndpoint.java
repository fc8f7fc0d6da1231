package org.megbox.wsclient.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.megbox.events.EventStore;
import org.megbox.rest.RestEndpoint;
import org.megbox.rest.RestRequest;
import org.megbox.rest.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * §4.1.1 {@code GET /devices} and §4.1.2 {@code POST /devices}.
 *
 * <p>GET reports what the box knows: its 20-character {@code deviceId} (the one of every event,
 * {@link EventStore#deviceId()}), its version, 16 channels, the host's CPU/memory/storage/temperatures
 * ({@link HostStatus}), the clock, the stored settings, and in {@code eth}/{@code eth1} the host's wired ports as they
 * are ({@link NetworkFacts}) with the stored {@code ethNetMode}/{@code ethBondMode}; {@code eth1} only when the host
 * has a second port ("双网卡模式下显示").
 *
 * <p>POST checks the whole body ({@link DeviceSettings#SCHEMA}, then the checks across fields) before anything is
 * stored, commits, publishes, and answers like GET (the spec's POST answer shows the status). Of the settings only
 * {@code deviceHeartbeat} acts ({@link HeartbeatService}); time, NTP and addresses are kept and reported, not
 * applied, since the host's clock and network belong to the host.
 */
@Component(service = RestEndpoint.class)
public final class DevicesEndpoint implements RestEndpoint {

    static final int CHANNEL_NUM = 16;
    static final String DATA_PROPERTY = "megbox.data";

    private final DeviceSettingsStore settings;
    private final Supplier<String> deviceId;
    private final String firmwareVer;
    private final HostStatus host;
    private final NetworkFacts network;

    @Activate
    public DevicesEndpoint(BundleContext context, @Reference(name = "settings") DeviceSettingsStore settings,
            @Reference(name = "events") EventStore events) {
        this(settings, events::deviceId, "megbox-osgi " + context.getBundle().getVersion(),
                HostStatus.ofHost(dataDir(context.getProperty(DATA_PROPERTY))).start(), NetworkFacts.ofHost());
    }

    DevicesEndpoint(DeviceSettingsStore settings, Supplier<String> deviceId, String firmwareVer, HostStatus host,
            NetworkFacts network) {
        this.settings = settings;
        this.deviceId = deviceId;
        this.firmwareVer = firmwareVer;
        this.host = host;
        this.network = network;
    }

    private static Path dataDir(String property) {
        return Path.of(property == null || property.isBlank() ? "." : property).toAbsolutePath();
    }

    @Deactivate
    void deactivate() {
        host.close();
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/devices", this::getDevices),
                Route.post("/devices", this::setDevices));
    }

    Object setDevices(RestRequest request) {
        JsonNode body = request.json(DeviceSettings.SCHEMA);
        settings.update(body);
        return getDevices(request);
    }

    Object getDevices(RestRequest request) {
        DeviceSettings s = settings.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hardwareVer", hardwareVer());
        m.put("firmwareVer", firmwareVer);
        m.put("deviceId", deviceId.get());
        m.put("deviceModel", "megbox-osgi");
        m.put("channelNum", CHANNEL_NUM);
        m.put("licenseKey", ""); // the box has no licence
        m.put("serialNumber", dmi("product_serial"));
        m.put("deviceHeartbeat", s.deviceHeartbeat());
        m.put("hardwareStatus", host.hardwareStatus());
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("deviceTime", System.currentTimeMillis() / 1000);
        time.put("ntpEnable", s.time().ntpEnable());
        time.put("ntpServerAdd", s.time().ntpServerAdd());
        time.put("ntpInterval", s.time().ntpInterval());
        time.put("ntpFailCount", 0); // the box runs no NTP client of its own
        time.put("timeZone", s.time().timeZone());
        m.put("time", time);
        List<NetworkFacts.Port> ports = network.ports();
        m.put("eth", port(ports.isEmpty() ? null : ports.get(0), s.eth().ethNetMode(), null));
        if (ports.size() > 1) {
            m.put("eth1", port(ports.get(1), s.eth1().ethNetMode(), s.eth1().ethBondMode()));
        }
        return m;
    }

    private static Map<String, Object> port(NetworkFacts.Port p, int netMode, Integer bondMode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ethNetMode", netMode);
        m.put("ethIpAddr", p == null ? "" : p.ethIpAddr());
        m.put("ethSubmask", p == null ? "" : p.ethSubmask());
        m.put("ethGateway", p == null ? "" : p.ethGateway());
        m.put("ethDns", p == null ? "" : p.ethDns());
        m.put("ethMac", p == null ? "" : p.ethMac());
        if (bondMode != null) {
            m.put("ethBondMode", bondMode);
        }
        return m;
    }

    /** The board's DMI name and version when the host exposes them, else the CPU architecture. */
    private static String hardwareVer() {
        String name = (dmi("board_vendor") + " " + dmi("board_name") + " " + dmi("board_version")).trim();
        return name.isEmpty() ? System.getProperty("os.arch", "") : name;
    }

    /** A DMI field from {@code /sys/class/dmi/id} ("" when absent or, like the serial, readable by root only). */
    private static String dmi(String field) {
        try {
            String v = Files.readString(Path.of("/sys/class/dmi/id", field)).trim();
            return v.length() > 64 ? v.substring(0, 64) : v;
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
