package org.megbox.wsclient.internal;

import static org.megbox.rest.PartialUpdate.bool;
import static org.megbox.rest.PartialUpdate.integer;
import static org.megbox.rest.PartialUpdate.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.megbox.rest.ApiException;
import org.megbox.rest.Field;
import org.megbox.rest.Schema;

/**
 * The settings of §4.1.2 {@code POST /devices} with the spec's field names. Only {@code deviceHeartbeat} acts (the
 * box opens the heartbeat connection, {@link HeartbeatService}); {@code time} and {@code eth}/{@code eth1} are kept
 * and reported because the box runs on a host whose clock and network it does not own. {@code time.deviceTime} is a
 * moment, not a setting, so it is checked but not kept.
 */
public record DeviceSettings(Heartbeat deviceHeartbeat, Time time, Eth eth, Eth1 eth1) {

    /** {@code deviceHeartbeat}: {@code serverAdd} "" = no heartbeat; {@code htInterval} 0 = never set. */
    public record Heartbeat(String serverAdd, int htInterval) {
        public Heartbeat {
            serverAdd = serverAdd == null ? "" : serverAdd;
        }

        boolean active() {
            return !serverAdd.isEmpty() && htInterval > 0;
        }
    }

    /** {@code time} without {@code deviceTime} (now, read from the clock) and {@code ntpFailCount} (no NTP runs). */
    public record Time(boolean ntpEnable, String ntpServerAdd, int ntpInterval, int timeZone) {
        public Time {
            ntpServerAdd = ntpServerAdd == null ? "" : ntpServerAdd;
        }
    }

    /** {@code eth} as posted ({@code ethMac} is a fact of the interface, never a setting). */
    public record Eth(int ethNetMode, String ethIpAddr, String ethSubmask, String ethGateway, String ethDns) {
        public Eth {
            ethIpAddr = ethIpAddr == null ? "" : ethIpAddr;
            ethSubmask = ethSubmask == null ? "" : ethSubmask;
            ethGateway = ethGateway == null ? "" : ethGateway;
            ethDns = ethDns == null ? "" : ethDns;
        }
    }

    /** {@code eth1} as posted, with {@code ethBondMode}. */
    public record Eth1(int ethNetMode, String ethIpAddr, String ethSubmask, String ethGateway, String ethDns,
            int ethBondMode) {
        public Eth1 {
            ethIpAddr = ethIpAddr == null ? "" : ethIpAddr;
            ethSubmask = ethSubmask == null ? "" : ethSubmask;
            ethGateway = ethGateway == null ? "" : ethGateway;
            ethDns = ethDns == null ? "" : ethDns;
        }
    }

    /** The spec's time zone table: index 0 (UTC-12) .. 36 (UTC+14); default 27 (UTC+8). */
    static final int TIME_ZONES = 37;

    /**
     * Defaults as the spec's GET example: no heartbeat server and interval 0 ("如内容全空将不会主动上报"), NTP off,
     * interval 1 min, time zone 27, DHCP, bond mode 7 (two independent ports).
     */
    static final DeviceSettings DEFAULT = new DeviceSettings(new Heartbeat("", 0), new Time(false, "", 1, 27),
            new Eth(0, "", "", "", ""), new Eth1(0, "", "", "", "", 7));

    public DeviceSettings {
        deviceHeartbeat = deviceHeartbeat == null ? DEFAULT.deviceHeartbeat() : deviceHeartbeat;
        time = time == null ? DEFAULT.time() : time;
        eth = eth == null ? DEFAULT.eth() : eth;
        eth1 = eth1 == null ? DEFAULT.eth1() : eth1;
    }

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** A host name or IPv4 address, optionally {@code :port} (§4.1.1 "可指定端口，用“:”分隔"). */
    private static final Pattern HOST_PORT = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:(?<port>\\d{1,5}))?");

    /** §4.1.2: every field optional, unknown fields ignored; "" clears an address. */
    static final Schema SCHEMA = Schema.of(
            Field.object("deviceHeartbeat", Schema.of(
                    Field.string("serverAdd").bytes(0, 1024).check(n -> WsReports.validServer(n.asText())),
                    Field.integer("htInterval").range(1, 3600))),
            Field.object("time", Schema.of(
                    Field.integer("deviceTime").range(0, 4_294_967_295L),
                    Field.bool("ntpEnable"),
                    Field.string("ntpServerAdd").bytes(0, 255).check(n -> validHostPort(n.asText())),
                    Field.integer("ntpInterval").range(1, 65535),
                    Field.integer("timeZone").range(0, TIME_ZONES - 1))),
            Field.object("eth", Schema.of(ethFields(false))),
            Field.object("eth1", Schema.of(ethFields(true))));

    private static Field[] ethFields(boolean withBond) {
        List<Field> f = new ArrayList<>(List.of(
                Field.integer("ethNetMode").oneOf(0, 1),
                ipField("ethIpAddr"),
                Field.string("ethSubmask").check(n -> n.asText().isEmpty() || validMask(n.asText())),
                ipField("ethGateway"),
                ipField("ethDns")));
        if (withBond) {
            f.add(Field.integer("ethBondMode").oneOf(1, 2, 7));
        }
        return f.toArray(Field[]::new);
    }

    private static Field ipField(String name) {
        return Field.string(name).check(n -> n.asText().isEmpty() || IPV4.matcher(n.asText()).matches());
    }

    static boolean validHostPort(String s) {
        if (s.isEmpty()) {
            return true;
        }
        var m = HOST_PORT.matcher(s);
        if (!m.matches()) {
            return false;
        }
        String port = m.group("port");
        return port == null || (Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535);
    }

    /** A dotted IPv4 net mask: ones then zeros (0.0.0.0 .. 255.255.255.255). */
    static boolean validMask(String s) {
        if (!IPV4.matcher(s).matches()) {
            return false;
        }
        long bits = 0;
        for (String part : s.split("\\.")) {
            bits = (bits << 8) | Integer.parseInt(part);
        }
        long inverted = ~bits & 0xFFFF_FFFFL;
        return (inverted & (inverted + 1)) == 0;
    }

    /**
     * These settings with the fields of a validated body replaced. Checks across fields, each 104002 naming what is
     * missing: a heartbeat server needs an interval, NTP on needs a server, a static address needs address and mask.
     */
    DeviceSettings merge(JsonNode body) {
        JsonNode h = body.path("deviceHeartbeat");
        JsonNode t = body.path("time");
        JsonNode e = body.path("eth");
        JsonNode e1 = body.path("eth1");
        Heartbeat hb = new Heartbeat(text(h, "serverAdd", deviceHeartbeat.serverAdd()),
                integer(h, "htInterval", deviceHeartbeat.htInterval()));
        Time tm = new Time(bool(t, "ntpEnable", time.ntpEnable()), text(t, "ntpServerAdd", time.ntpServerAdd()),
                integer(t, "ntpInterval", time.ntpInterval()), integer(t, "timeZone", time.timeZone()));
        Eth et = new Eth(integer(e, "ethNetMode", eth.ethNetMode()), text(e, "ethIpAddr", eth.ethIpAddr()),
                text(e, "ethSubmask", eth.ethSubmask()), text(e, "ethGateway", eth.ethGateway()),
                text(e, "ethDns", eth.ethDns()));
        Eth1 et1 = new Eth1(integer(e1, "ethNetMode", eth1.ethNetMode()), text(e1, "ethIpAddr", eth1.ethIpAddr()),
                text(e1, "ethSubmask", eth1.ethSubmask()), text(e1, "ethGateway", eth1.ethGateway()),
                text(e1, "ethDns", eth1.ethDns()), integer(e1, "ethBondMode", eth1.ethBondMode()));
        List<String> missing = new ArrayList<>();
        if (!hb.serverAdd().isEmpty() && hb.htInterval() == 0) {
            missing.add("deviceHeartbeat.htInterval");
        }
        if (tm.ntpEnable() && tm.ntpServerAdd().isEmpty()) {
            missing.add("time.ntpServerAdd");
        }
        addStaticMissing("eth", et.ethNetMode(), et.ethIpAddr(), et.ethSubmask(), missing);
        addStaticMissing("eth1", et1.ethNetMode(), et1.ethIpAddr(), et1.ethSubmask(), missing);
        if (!missing.isEmpty()) {
            throw ApiException.missing(missing.toArray(String[]::new));
        }
        return new DeviceSettings(hb, tm, et, et1);
    }

    private static void addStaticMissing(String port, int mode, String ip, String mask, List<String> missing) {
        if (mode == 1 && ip.isEmpty()) {
            missing.add(port + ".ethIpAddr");
        }
        if (mode == 1 && mask.isEmpty()) {
            missing.add(port + ".ethSubmask");
        }
    }
}
