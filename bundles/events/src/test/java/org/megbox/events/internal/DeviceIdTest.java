package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceIdTest {

    @Test
    void macHexUpperCaseAndEightZeros() {
        // the spec's example L1244: 78:ca:83:40:05:06 -> 78CA8340050600000000
        assertThat(DeviceId.fromMac(new byte[] {0x78, (byte) 0xca, (byte) 0x83, 0x40, 0x05, 0x06}))
                .isEqualTo("78CA8340050600000000");
        assertThat(DeviceId.isValid("78CA8340050600000000")).isTrue();
        assertThat(DeviceId.isValid("M030201202105000021")).isFalse();
        assertThat(DeviceId.isValid(null)).isFalse();
    }

    @Test
    void derivedIdsHaveTheFormatAndRandomOnesAreLocallyAdministered() {
        assertThat(DeviceId.derive()).hasSize(20).matches(DeviceId.FORMAT);
        byte[] mac = DeviceId.randomLocalMac();
        assertThat(mac[0] & 0x03).isEqualTo(0x02); // unicast, locally administered
        assertThat(DeviceId.fromMac(mac)).matches(DeviceId.FORMAT);
    }
}
