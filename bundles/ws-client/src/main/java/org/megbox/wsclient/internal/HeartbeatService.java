package org.megbox.wsclient.internal;

import java.net.URI;
import java.util.function.Consumer;
import org.megbox.delivery.EventPayloads;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's one global heartbeat (§1.4 "心跳接口是全局的，一个设备就一个，采用 socket接口方向主动发起链接", §23.1.1):
 * while {@code deviceHeartbeat.serverAdd} is set, the box keeps a WebSocket to it open (a {@link ReportConnection}:
 * reconnect with backoff) and sends {@code {"deviceId", "timestamp"}} at open and every {@code htInterval} s. A new
 * server address replaces the connection; a new interval applies to the next heartbeat on the same connection.
 */
@Component(service = HeartbeatService.class, immediate = true)
public final class HeartbeatService {

    static final String NAME = "heartbeat";
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);

    private final DeviceSettingsStore settings;
    private final EventPayloads payloads;
    private final ReportConnection.Timing timing;
    private final Consumer<DeviceSettings> listener = this::apply;
    private ReportConnection connection;
    private String server = "";
    private boolean stopped;

    @Activate
    public HeartbeatService(BundleContext context, @Reference(name = "settings") DeviceSettingsStore settings,
            @Reference(name = "payloads") EventPayloads payloads) {
        this(settings, payloads, ReportConnection.Timing.from(context::getProperty));
    }

    HeartbeatService(DeviceSettingsStore settings, EventPayloads payloads, ReportConnection.Timing timing) {
        this.settings = settings;
        this.payloads = payloads;
        this.timing = timing;
        settings.addListener(listener);
        apply(settings.current());
    }

    @Deactivate
    synchronized void deactivate() {
        stopped = true;
        settings.removeListener(listener);
        closeConnection();
    }

    private synchronized void apply(DeviceSettings s) {
        DeviceSettings.Heartbeat h = s.deviceHeartbeat();
        String next = stopped || !h.active() ? "" : h.serverAdd();
        if (next.equals(server)) {
            return;
        }
        closeConnection();
        server = next;
        if (!next.isEmpty()) {
            LOG.info("heartbeat to {} every {} s", next, h.htInterval());
            connection = new ReportConnection(NAME, URI.create(next), payloads::heartbeat,
                    () -> settings.heartbeatMillis(timing.heartbeatMillis()), timing).start();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** The open heartbeat connection, or null when no server is set (tests). */
    synchronized ReportConnection connection() {
        return connection;
    }
}
