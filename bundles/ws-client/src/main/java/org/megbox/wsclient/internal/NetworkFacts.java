package org.megbox.wsclient.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The host's wired ports as §4.1.1 {@code eth}/{@code eth1} report them, read, never set: the up, non-loopback,
 * non-virtual interfaces with an IPv4 address, by name ({@code java.net.NetworkInterface}), the default gateway per
 * interface from {@code /proc/net/route}, the first IPv4 name server of {@code /etc/resolv.conf}.
 */
final class NetworkFacts {

    /** One port: {@code ethIpAddr}, {@code ethSubmask}, {@code ethGateway}, {@code ethDns}, {@code ethMac}. */
    record Port(String name, String ethIpAddr, String ethSubmask, String ethGateway, String ethDns, String ethMac) {
    }

    /** Container and VM plumbing, not a port of the box. */
    private static final List<String> VIRTUAL_PREFIXES = List.of("docker", "veth", "br-", "virbr", "cni", "flannel");

    private final Path procNetRoute;
    private final Path resolvConf;

    NetworkFacts(Path procNetRoute, Path resolvConf) {
        this.procNetRoute = procNetRoute;
        this.resolvConf = resolvConf;
    }

    static NetworkFacts ofHost() {
        return new NetworkFacts(Path.of("/proc/net/route"), Path.of("/etc/resolv.conf"));
    }

    List<Port> ports() {
        List<NetworkInterface> ifs = new ArrayList<>();
        try {
            NetworkInterface.networkInterfaces().forEach(ifs::add);
        } catch (SocketException e) {
            return List.of();
        }
        ifs.sort(Comparator.comparing(NetworkInterface::getName));
        String dns = dns();
        List<Port> out = new ArrayList<>();
        for (NetworkInterface ni : ifs) {
            try {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual() || isPlumbing(ni.getName())) {
                    continue;
                }
                for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address v4) {
                        out.add(new Port(ni.getName(), v4.getHostAddress(), mask(a.getNetworkPrefixLength()),
                                gateway(ni.getName()), dns, mac(ni.getHardwareAddress())));
                        break;
                    }
                }
            } catch (SocketException e) {
                // the interface went away meanwhile: not reported
            }
        }
        return out;
    }

    private static boolean isPlumbing(String name) {
        return VIRTUAL_PREFIXES.stream().anyMatch(name::startsWith);
    }

    static String mask(int prefix) {
        long bits = prefix <= 0 ? 0 : (0xFFFF_FFFFL << (32 - Math.min(prefix, 32))) & 0xFFFF_FFFFL;
        return ((bits >> 24) & 255) + "." + ((bits >> 16) & 255) + "." + ((bits >> 8) & 255) + "." + (bits & 255);
    }

    static String mac(byte[] hw) {
        if (hw == null || hw.length == 0) {
            return "";
        }
        return HexFormat.ofDelimiter(":").formatHex(hw).toLowerCase(Locale.ROOT);
    }

    /** The default route's gateway of {@code iface} (route table hex is little-endian), or "". */
    String gateway(String iface) {
        try {
            for (String line : Files.readAllLines(procNetRoute)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[0].equals(iface) && f[1].equals("00000000")) {
                    long g = Long.parseLong(f[2], 16);
                    return (g & 255) + "." + ((g >> 8) & 255) + "." + ((g >> 16) & 255) + "." + ((g >> 24) & 255);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no route table: unknown
        }
        return "";
    }

    /** The first IPv4 {@code nameserver}, or "". */
    String dns() {
        try {
            for (String line : Files.readAllLines(resolvConf)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1 && f[0].equals("nameserver") && f[1].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                    return f[1];
                }
            }
        } catch (IOException e) {
            // none configured
        }
        return "";
    }
}
