package org.megbox.wsclient.internal;

import static org.megbox.rest.PartialUpdate.bool;
import static org.megbox.rest.PartialUpdate.integer;
import static org.megbox.rest.PartialUpdate.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import org.megbox.delivery.EventPayloads;
import org.megbox.rest.ApiException;
import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * The WebSocket report settings of §4.1.3-4.1.4 with the spec's field names: {@code alertConfig} and
 * {@code capture}. Immutable; serialised as is for {@code GET /devices/reports} and for the database.
 */
public record WsReports(AlertConfig alertConfig, Capture capture) {

    static final String ACTIVE = "activeMode";
    static final String PASSIVE = "passiveMode";

    /**
     * {@code alertConfig}: mode, server, {@code alertInterval} (s between resends, 0-10), {@code alertResend}
     * (resends after the first try, 0-2) and the picture switches.
     */
    public record AlertConfig(String alertReportMode, String reportServerAdd, int alertInterval, int alertResend,
            boolean pushImageSW, boolean pushBigImageSW, boolean pushSmallImageSW) {

        public AlertConfig {
            alertReportMode = alertReportMode == null ? PASSIVE : alertReportMode;
            reportServerAdd = reportServerAdd == null ? "" : reportServerAdd;
        }

        boolean active() {
            return ACTIVE.equals(alertReportMode) && !reportServerAdd.isEmpty();
        }

        EventPayloads.Pictures pictures() {
            return new EventPayloads.Pictures(pushImageSW, pushBigImageSW, pushSmallImageSW);
        }
    }

    /** {@code capture}: mode, server and the picture switches (the spec gives captures no resend settings). */
    public record Capture(String captureReportMode, String reportServerAdd, boolean pushImageSW,
            boolean pushBigImageSW, boolean pushSmallImageSW) {

        public Capture {
            captureReportMode = captureReportMode == null ? PASSIVE : captureReportMode;
            reportServerAdd = reportServerAdd == null ? "" : reportServerAdd;
        }

        boolean active() {
            return ACTIVE.equals(captureReportMode) && !reportServerAdd.isEmpty();
        }

        EventPayloads.Pictures pictures() {
            return new EventPayloads.Pictures(pushImageSW, pushBigImageSW, pushSmallImageSW);
        }
    }

    /** Defaults: passive (nothing pushed), no server; interval 0 and resend 2 as in the spec's example. */
    static final WsReports DEFAULT = new WsReports(new AlertConfig(PASSIVE, "", 0, 2, false, false, false),
            new Capture(PASSIVE, "", false, false, false));

    public WsReports {
        alertConfig = alertConfig == null ? DEFAULT.alertConfig() : alertConfig;
        capture = capture == null ? DEFAULT.capture() : capture;
    }

    /** §4.1.3: every field optional; unknown fields ignored. */
    static final Schema SCHEMA = Schema.of(
            Field.object("alertConfig", Schema.of(
                    Field.string("alertReportMode").oneOf(ACTIVE, PASSIVE),
                    serverField(),
                    Field.integer("alertInterval").range(0, 10),
                    Field.integer("alertResend").range(0, 2),
                    Field.bool("pushImageSW"),
                    Field.bool("pushBigImageSW"),
                    Field.bool("pushSmallImageSW"))),
            Field.object("capture", Schema.of(
                    Field.string("captureReportMode").oneOf(ACTIVE, PASSIVE),
                    serverField(),
                    Field.bool("pushImageSW"),
                    Field.bool("pushBigImageSW"),
                    Field.bool("pushSmallImageSW"))));

    private static Field serverField() {
        return Field.string("reportServerAdd").bytes(0, 1024).check(n -> validServer(n.asText()));
    }

    /** "" or {@code ws://host[:port][/path]} ({@code wss://} too), as §4.1.3's example {@code ws://domain(ip):port/}. */
    static boolean validServer(String s) {
        if (s.isEmpty()) {
            return true;
        }
        try {
            URI u = new URI(s);
            return ("ws".equals(u.getScheme()) || "wss".equals(u.getScheme())) && u.getHost() != null
                    && u.getPort() <= 65535 && u.getPort() != 0 && u.getUserInfo() == null && u.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * This configuration with the fields present in a validated {@code POST} body replaced; activeMode without a
     * server is 104002 naming the field ("主动模式 ... 必填").
     */
    WsReports merge(JsonNode body) {
        JsonNode a = body.path("alertConfig");
        JsonNode c = body.path("capture");
        AlertConfig ac = new AlertConfig(text(a, "alertReportMode", alertConfig.alertReportMode()),
                text(a, "reportServerAdd", alertConfig.reportServerAdd()),
                integer(a, "alertInterval", alertConfig.alertInterval()),
                integer(a, "alertResend", alertConfig.alertResend()),
                bool(a, "pushImageSW", alertConfig.pushImageSW()),
                bool(a, "pushBigImageSW", alertConfig.pushBigImageSW()),
                bool(a, "pushSmallImageSW", alertConfig.pushSmallImageSW()));
        Capture cc = new Capture(text(c, "captureReportMode", capture.captureReportMode()),
                text(c, "reportServerAdd", capture.reportServerAdd()),
                bool(c, "pushImageSW", capture.pushImageSW()),
                bool(c, "pushBigImageSW", capture.pushBigImageSW()),
                bool(c, "pushSmallImageSW", capture.pushSmallImageSW()));
        boolean alertMissing = ACTIVE.equals(ac.alertReportMode()) && ac.reportServerAdd().isEmpty();
        boolean captureMissing = ACTIVE.equals(cc.captureReportMode()) && cc.reportServerAdd().isEmpty();
        if (alertMissing && captureMissing) {
            throw ApiException.missing("alertConfig.reportServerAdd", "capture.reportServerAdd");
        } else if (alertMissing) {
            throw ApiException.missing("alertConfig.reportServerAdd");
        } else if (captureMissing) {
            throw ApiException.missing("capture.reportServerAdd");
        }
        return new WsReports(ac, cc);
    }
}
