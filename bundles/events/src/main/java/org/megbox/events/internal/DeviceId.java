package org.megbox.events.internal;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The box's {@code device_id} (spec L69, L1244, L9591: "fixed 20 characters, MAC followed by zeros", e.g.
 * {@code 78CA8340050600000000}): the 12 upper-case hex digits of a MAC address and eight zeros. Derived once
 * and then persisted by the caller, so changing network cards later does not change it.
 *
 * <p>The MAC is that of the first up, non-loopback, non-virtual interface with a 6-byte hardware address, by
 * name (so {@code eth0} before {@code wlan0}; interfaces that are down only when none is up); interfaces whose names look virtual (docker, veth, br-, virbr,
 * vmnet, tun, tap, lo) are skipped. Without any (e.g. a container with no such interface) a random
 * locally-administered unicast MAC is used (first octet {@code x2}, {@code x6}, {@code xA} or {@code xE}).
 */
final class DeviceId {

    static final Pattern FORMAT = Pattern.compile("[0-9A-F]{12}0{8}");
    private static final Pattern VIRTUAL = Pattern.compile("^(lo|docker|veth|br-|virbr|vmnet|tun|tap|kube|cni|flannel).*");

    private DeviceId() {
    }

    static String derive() {
        return fromMac(firstPhysicalMac().orElseGet(DeviceId::randomLocalMac));
    }

    static String fromMac(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC of " + mac.length + " bytes");
        }
        return HexFormat.of().withUpperCase().formatHex(mac) + "00000000";
    }

    static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }

    static Optional<byte[]> firstPhysicalMac() {
        try {
            List<NetworkInterface> all = new ArrayList<>(Collections.list(NetworkInterface.getNetworkInterfaces()));
            all.sort(Comparator.comparing(NetworkInterface::getName));
            for (boolean mustBeUp : new boolean[] {true, false}) { // an interface that is up first, then any
                for (NetworkInterface nif : all) {
                    if (nif.isLoopback() || nif.isVirtual() || VIRTUAL.matcher(nif.getName()).matches()
                            || (mustBeUp && !nif.isUp())) {
                        continue;
                    }
                    byte[] mac = nif.getHardwareAddress();
                    if (mac != null && mac.length == 6 && !allZero(mac)) {
                        return Optional.of(mac);
                    }
                }
            }
        } catch (SocketException | RuntimeException e) {
            // no interfaces readable: fall back to a random address
        }
        return Optional.empty();
    }

    private static boolean allZero(byte[] mac) {
        for (byte b : mac) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] randomLocalMac() {
        byte[] mac = new byte[6];
        new SecureRandom().nextBytes(mac);
        mac[0] = (byte) ((mac[0] & 0xFC) | 0x02); // unicast, locally administered
        return mac;
    }
}
