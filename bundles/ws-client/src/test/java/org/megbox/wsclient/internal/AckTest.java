package org.megbox.wsclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.megbox.events.StoredEvent;

class AckTest {

    private final StoredEvent e = FakePayloads.event(1, 14); // channel 1, trackId 601, timestamp 1700000001123

    @Test
    void theSpecShapeMatches() {
        assertThat(Ack.matches("Alert_01_1700000001_601_ACK", "Alert", e)).isTrue();
        assertThat(Ack.matches("Alert_1_1700000001123_601_ACK", "Alert", e)).isTrue();
        assertThat(Ack.matches(" Alert_01_1700000001_601_ACK\n", "Alert", e)).isTrue();
    }

    @Test
    void anythingElseDoesNot() {
        assertThat(Ack.matches("Alert_02_1700000001_601_ACK", "Alert", e)).isFalse();
        assertThat(Ack.matches("Alert_01_1700000002_601_ACK", "Alert", e)).isFalse();
        assertThat(Ack.matches("Alert_01_1700000001_602_ACK", "Alert", e)).isFalse();
        assertThat(Ack.matches("Capture_01_1700000001_601_ACK", "Alert", e)).isFalse();
        assertThat(Ack.matches("Alert_01_1700000001_601", "Alert", e)).isFalse();
        assertThat(Ack.matches("Alert_01_x_601_ACK", "Alert", e)).isFalse();
        assertThat(Ack.matches("200", "Alert", e)).isFalse();
    }
}
