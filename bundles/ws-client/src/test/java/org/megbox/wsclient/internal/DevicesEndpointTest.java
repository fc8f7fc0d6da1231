package org.megbox.wsclient.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.megbox.persistence.internal.MapDbDatabase;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;
import org.megbox.rest.FakeRestRequest;

/** §4.1.1/§4.1.2 {@code /devices} with the real database and a made-up {@code /proc} and {@code /sys}. */
class DevicesEndpointTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DEVICE_ID = "0123456789AB00000000";

    @TempDir
    Path dir;
    private MapDbDatabase db;
    private HostStatus host;
    private DevicesEndpoint endpoint;

    @BeforeEach
    void open() throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0 0 0\n");
        Files.writeString(proc.resolve("meminfo"),
                "MemTotal:        4194304 kB\nMemFree:          100000 kB\nMemAvailable:    1048576 kB\n");
        Path thermal = Files.createDirectories(dir.resolve("sys/class/thermal"));
        zone(thermal, 0, "acpitz", 35_400);
        zone(thermal, 1, "x86_pkg_temp", 52_600);
        zone(thermal, 2, "gpu-thermal", 48_000);
        Path net = Files.createDirectories(dir.resolve("net"));
        Files.writeString(net.resolve("route"), "Iface\tDestination\tGateway \tFlags\n"
                + "eth0\t00000000\t0102A8C0\t0003\neth0\t0002A8C0\t00000000\t0001\n");
        Files.writeString(net.resolve("resolv.conf"), "# comment\nnameserver ::1\nnameserver 10.7.7.7\n");
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        host = new HostStatus(proc, dir.resolve("sys"), dir);
        endpoint = newEndpoint();
    }

    private DevicesEndpoint newEndpoint() {
        return new DevicesEndpoint(new DeviceSettingsStore(db), () -> DEVICE_ID, "megbox-osgi 1.2.3", host,
                new NetworkFacts(dir.resolve("net/route"), dir.resolve("net/resolv.conf")));
    }

    private static void zone(Path thermal, int n, String type, int milliC) throws Exception {
        Path z = Files.createDirectories(thermal.resolve("thermal_zone" + n));
        Files.writeString(z.resolve("type"), type + "\n");
        Files.writeString(z.resolve("temp"), milliC + "\n");
    }

    @AfterEach
    void close() {
        host.close();
        db.close();
    }

    private JsonNode get() {
        return MAPPER.valueToTree(endpoint.getDevices(FakeRestRequest.of("GET", "/devices")));
    }

    private JsonNode post(String json) {
        return MAPPER.valueToTree(endpoint.setDevices(FakeRestRequest.of("POST", "/devices").body(json)));
    }

    /** The settings part of GET, which only a POST changes. */
    private String settings() {
        JsonNode d = get();
        JsonNode time = d.get("time").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) time).remove("deviceTime");
        return d.get("deviceHeartbeat") + " " + time + " " + d.at("/eth/ethNetMode") + " " + d.at("/eth1");
    }

    @Test
    void getPrintsEveryFieldOfTheSpecWithTheHostsFacts() {
        long before = System.currentTimeMillis() / 1000;
        JsonNode d = get();
        assertThat(d.get("deviceId").asText()).isEqualTo(DEVICE_ID);
        assertThat(d.get("firmwareVer").asText()).isEqualTo("megbox-osgi 1.2.3");
        assertThat(d.get("channelNum").asInt()).isEqualTo(16);
        assertThat(d.has("hardwareVer")).isTrue();
        assertThat(d.has("deviceModel")).isTrue();
        assertThat(d.has("licenseKey")).isTrue();
        assertThat(d.has("serialNumber")).isTrue();
        assertThat(d.get("deviceHeartbeat").toString()).isEqualTo("{\"serverAdd\":\"\",\"htInterval\":0}");

        JsonNode hw = d.get("hardwareStatus");
        assertThat(hw.get("cpuUseRate").asInt()).as("since boot: 200 busy of 1000").isEqualTo(20);
        assertThat(hw.get("cpuTemp").asInt()).isEqualTo(53);
        assertThat(hw.get("gpuTemp").asInt()).isEqualTo(48);
        assertThat(hw.get("caseTemp").asInt()).isEqualTo(35);
        assertThat(hw.get("memSize").asInt()).isEqualTo(4096);
        assertThat(hw.get("memUse").asInt()).isEqualTo(3072);
        assertThat(hw.get("storageSize").asLong()).isPositive();
        assertThat(hw.get("storageUseSize").asLong()).isBetween(0L, hw.get("storageSize").asLong());

        JsonNode time = d.get("time");
        assertThat(time.get("deviceTime").asLong()).isBetween(before, System.currentTimeMillis() / 1000);
        assertThat(time.get("ntpEnable").asBoolean()).isFalse();
        assertThat(time.get("ntpInterval").asInt()).isEqualTo(1);
        assertThat(time.get("ntpFailCount").asInt()).isZero();
        assertThat(time.get("ntpServerAdd").asText()).isEmpty();
        assertThat(time.get("timeZone").asInt()).isEqualTo(27);

        JsonNode eth = d.get("eth");
        assertThat(eth.get("ethNetMode").asInt()).isZero();
        for (String f : List.of("ethIpAddr", "ethSubmask", "ethGateway", "ethDns", "ethMac")) {
            assertThat(eth.has(f)).as(f).isTrue();
        }
    }

    @Test
    void cpuUseIsTheLastWindowOfTheSampler() throws Exception {
        Files.writeString(dir.resolve("proc/stat"), "cpu  175 0 100 825 0 0 0 0 0 0\n");
        host.sample();
        assertThat(get().at("/hardwareStatus/cpuUseRate").asInt()).as("75 busy of 100").isEqualTo(75);
        host.sample();
        assertThat(get().at("/hardwareStatus/cpuUseRate").asInt()).as("nothing elapsed").isZero();
    }

    @Test
    void withoutThermalZonesTemperaturesAreZero() {
        HostStatus bare = new HostStatus(dir.resolve("proc"), dir.resolve("nosys"), dir);
        try {
            assertThat(bare.temperatures()).isEqualTo(new HostStatus.Temperatures(0, 0, 0));
        } finally {
            bare.close();
        }
    }

    @Test
    void theHostsRouteTableAndNameServerAreRead() {
        NetworkFacts n = new NetworkFacts(dir.resolve("net/route"), dir.resolve("net/resolv.conf"));
        assertThat(n.gateway("eth0")).isEqualTo("192.168.2.1");
        assertThat(n.gateway("eth9")).isEmpty();
        assertThat(n.dns()).isEqualTo("10.7.7.7");
        assertThat(NetworkFacts.mask(24)).isEqualTo("255.255.255.0");
        assertThat(NetworkFacts.mask(0)).isEqualTo("0.0.0.0");
        assertThat(NetworkFacts.mask(32)).isEqualTo("255.255.255.255");
        assertThat(NetworkFacts.mac(new byte[] {0x78, (byte) 0xCA, (byte) 0x83, 0x40, 0x05, 0x06}))
                .isEqualTo("78:ca:83:40:05:06");
    }

    @Test
    void everySettingIsStoredReturnedAndSurvivesARestart() {
        JsonNode answer = post("""
                {"deviceHeartbeat":{"serverAdd":"ws://127.0.0.1:9/hb","htInterval":15},
                 "time":{"deviceTime":1569813184,"ntpEnable":true,"ntpServerAdd":"10.169.246.175:123",
                         "ntpInterval":60,"timeZone":15},
                 "eth":{"ethNetMode":1,"ethIpAddr":"192.168.1.100","ethSubmask":"255.255.255.0",
                        "ethGateway":"192.168.1.200","ethDns":"10.7.7.7"},
                 "eth1":{"ethNetMode":1,"ethIpAddr":"192.168.1.101","ethSubmask":"255.255.0.0",
                         "ethGateway":"192.168.1.200","ethDns":"10.7.7.7","ethBondMode":2}}
                """);
        assertThat(answer.get("hardwareStatus")).as("the answer is the status, as the spec's example").isNotNull();
        JsonNode d = get();
        assertThat(d.get("deviceHeartbeat").toString()).isEqualTo("{\"serverAdd\":\"ws://127.0.0.1:9/hb\",\"htInterval\":15}");
        assertThat(d.at("/time/ntpEnable").asBoolean()).isTrue();
        assertThat(d.at("/time/ntpServerAdd").asText()).isEqualTo("10.169.246.175:123");
        assertThat(d.at("/time/ntpInterval").asInt()).isEqualTo(60);
        assertThat(d.at("/time/timeZone").asInt()).isEqualTo(15);
        assertThat(d.at("/eth/ethNetMode").asInt()).isEqualTo(1);
        DeviceSettings stored = new DeviceSettingsStore(db).current();
        assertThat(stored.eth()).isEqualTo(new DeviceSettings.Eth(1, "192.168.1.100", "255.255.255.0",
                "192.168.1.200", "10.7.7.7"));
        assertThat(stored.eth1().ethBondMode()).isEqualTo(2);
        assertThat(stored.eth1().ethSubmask()).isEqualTo("255.255.0.0");

        // a partial body changes only what it names
        post("{\"deviceHeartbeat\":{\"htInterval\":3600},\"time\":{\"timeZone\":0}}");
        String after = settings();
        assertThat(after).contains("\"htInterval\":3600", "ws://127.0.0.1:9/hb", "\"timeZone\":0",
                "\"ntpInterval\":60");

        // a restart reads the same from the database
        endpoint = newEndpoint();
        assertEquals(after, settings());

        // "" switches the heartbeat off and keeps the interval
        post("{\"deviceHeartbeat\":{\"serverAdd\":\"\"}}");
        assertThat(get().get("deviceHeartbeat").toString()).isEqualTo("{\"serverAdd\":\"\",\"htInterval\":3600}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"deviceHeartbeat\":{\"htInterval\":0}}|deviceHeartbeat.htInterval",
        "{\"deviceHeartbeat\":{\"htInterval\":3601}}|deviceHeartbeat.htInterval",
        "{\"deviceHeartbeat\":{\"htInterval\":\"10\"}}|deviceHeartbeat.htInterval",
        "{\"deviceHeartbeat\":{\"htInterval\":1.5}}|deviceHeartbeat.htInterval",
        "{\"deviceHeartbeat\":{\"serverAdd\":\"http://1.2.3.4/\",\"htInterval\":5}}|deviceHeartbeat.serverAdd",
        "{\"deviceHeartbeat\":{\"serverAdd\":\"ws://h:70000/\",\"htInterval\":5}}|deviceHeartbeat.serverAdd",
        "{\"deviceHeartbeat\":[]}|deviceHeartbeat",
        "{\"time\":{\"deviceTime\":-1}}|time.deviceTime",
        "{\"time\":{\"ntpEnable\":1}}|time.ntpEnable",
        "{\"time\":{\"ntpServerAdd\":\"a b\"}}|time.ntpServerAdd",
        "{\"time\":{\"ntpServerAdd\":\"ntp.example.org:70000\"}}|time.ntpServerAdd",
        "{\"time\":{\"ntpInterval\":0}}|time.ntpInterval",
        "{\"time\":{\"ntpInterval\":65536}}|time.ntpInterval",
        "{\"time\":{\"timeZone\":-1}}|time.timeZone",
        "{\"time\":{\"timeZone\":37}}|time.timeZone",
        "{\"eth\":{\"ethNetMode\":2}}|eth.ethNetMode",
        "{\"eth\":{\"ethIpAddr\":\"192.168.1.256\"}}|eth.ethIpAddr",
        "{\"eth\":{\"ethIpAddr\":\"192.168.1\"}}|eth.ethIpAddr",
        "{\"eth\":{\"ethSubmask\":\"255.0.255.0\"}}|eth.ethSubmask",
        "{\"eth\":{\"ethGateway\":\"gateway\"}}|eth.ethGateway",
        "{\"eth\":{\"ethDns\":\"::1\"}}|eth.ethDns",
        "{\"eth1\":{\"ethBondMode\":3}}|eth1.ethBondMode",
        "{\"eth1\":{\"ethDns\":\"1.2.3.4.5\"}}|eth1.ethDns",
    })
    void illegalFieldsAre104001NamingTheFieldAndChangeNothing(String body, String field) {
        String before = settings();
        ApiException e = assertThrows(ApiException.class, () -> post(body));
        assertEquals(ErrorCode.ILLEGAL_ARGUMENT, e.error());
        assertEquals(List.of(field), e.args());
        assertEquals(before, settings());
    }

    @Test
    void oneBadFieldRefusesTheWholeBody() {
        String before = settings();
        ApiException e = assertThrows(ApiException.class, () -> post(
                "{\"deviceHeartbeat\":{\"serverAdd\":\"ws://127.0.0.1:9/\",\"htInterval\":0},\"time\":{\"timeZone\":3}}"));
        assertEquals(List.of("deviceHeartbeat.htInterval"), e.args());
        assertEquals(before, settings());
    }

    @Test
    void whatASettingNeedsIs104002() {
        String before = settings();
        ApiException e = assertThrows(ApiException.class,
                () -> post("{\"deviceHeartbeat\":{\"serverAdd\":\"ws://127.0.0.1:9/\"}}"));
        assertEquals(ErrorCode.MISSING_ARGUMENT, e.error());
        assertEquals(List.of("deviceHeartbeat.htInterval"), e.args());
        e = assertThrows(ApiException.class, () -> post("{\"time\":{\"ntpEnable\":true}}"));
        assertEquals(List.of("time.ntpServerAdd"), e.args());
        e = assertThrows(ApiException.class, () -> post("{\"eth\":{\"ethNetMode\":1,\"ethSubmask\":\"255.0.0.0\"}}"));
        assertEquals(List.of("eth.ethIpAddr"), e.args());
        assertEquals(before, settings());
    }

    @Test
    void unparsableJsonIs104000() {
        ApiException e = assertThrows(ApiException.class, () -> post("{\"time\":"));
        assertEquals(ErrorCode.ILLEGAL_JSON_BODY, e.error());
    }

    @Test
    void validatorsAcceptTheSpecsExamples() {
        assertThat(DeviceSettings.validHostPort("10.169.246.175")).isTrue();
        assertThat(DeviceSettings.validHostPort("ntp.example.org:123")).isTrue();
        assertThat(DeviceSettings.validHostPort("")).isTrue();
        assertThat(DeviceSettings.validHostPort("-bad.org")).isFalse();
        assertThat(DeviceSettings.validMask("255.255.255.0")).isTrue();
        assertThat(DeviceSettings.validMask("255.255.255.255")).isTrue();
        assertThat(DeviceSettings.validMask("0.0.0.0")).isTrue();
        assertThat(DeviceSettings.validMask("255.255.254.1")).isFalse();
    }
}
