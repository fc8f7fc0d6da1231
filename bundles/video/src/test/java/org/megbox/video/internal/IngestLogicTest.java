package org.megbox.video.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.video.ConnectionStatus;

/** Backoff, rate gate and status machine: the decision logic of ingest, without FFmpeg. */
class IngestLogicTest {

    @Test
    void backoffDoublesToItsCapAndResets() {
        Backoff b = new Backoff(500, 10_000);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(b.nextDelayMillis());
        }
        assertThat(delays).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L, 10_000L);
        b.reset();
        assertThat(b.nextDelayMillis()).isEqualTo(500);
        assertThatThrownBy(() -> new Backoff(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int dueCount(RateGate g, int sourceFps, int seconds) {
        int n = 0;
        double step = 1000.0 / sourceFps;
        for (int i = 0; i < sourceFps * seconds; i++) {
            n += g.due(Math.round(i * step)) ? 1 : 0;
        }
        return n;
    }

    @Test
    void rateGateKeepsTheAverageRate() {
        assertThat(dueCount(new RateGate(5), 25, 10)).isEqualTo(50);
        assertThat(dueCount(new RateGate(7), 25, 10)).isBetween(69, 71);
        assertThat(dueCount(new RateGate(1), 10, 10)).isEqualTo(10);
        assertThat(dueCount(new RateGate(10), 10, 10)).isEqualTo(100);
        assertThat(dueCount(new RateGate(30), 10, 10)).isEqualTo(100); // never more than the source
        assertThat(dueCount(new RateGate(Double.POSITIVE_INFINITY), 25, 2)).isEqualTo(50);
        assertThat(dueCount(new RateGate(0), 25, 2)).isZero();
    }

    @Test
    void rateGateRestartsWhenTimeJumpsBack() {
        RateGate g = new RateGate(1);
        assertThat(g.due(0)).isTrue();
        assertThat(g.due(500)).isFalse();
        assertThat(g.due(1000)).isTrue();
        assertThat(g.due(100)).isTrue(); // the source restarted (a loop, a reconnect)
        assertThat(g.due(600)).isFalse();
        assertThat(g.due(60_000)).isTrue(); // a jump forward
        assertThatThrownBy(() -> g.setRate(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.setRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateGateDoesNotBurstAfterAGap() {
        RateGate g = new RateGate(5);
        assertThat(g.due(0)).isTrue();
        assertThat(g.due(1000)).isTrue(); // 4 intervals missed: one frame, not five
        assertThat(g.due(1040)).isFalse();
        assertThat(g.due(1200)).isTrue();
    }

    record Change(ConnectionStatus from, ConnectionStatus to) {
    }

    @Test
    void statusIsConnectedOnlyWhileFramesArrive() {
        List<Change> changes = new ArrayList<>();
        StatusMachine s = new StatusMachine(3_000, (a, b) -> changes.add(new Change(a, b)));
        assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECTING);
        assertThat(s.status().conStatus()).isEqualTo(1);

        s.checkStall(2_000, 0);
        assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECTING);
        s.frame(1_000);
        assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(s.status().conStatus()).isZero();
        s.frame(1_040);
        s.checkStall(4_000, 0);
        assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECTED); // 2960 ms: not stalled yet
        s.checkStall(4_041, 0);
        assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECT_FAILED);
        s.checkStall(9_000, 0);
        s.frame(9_100);
        s.failed(ConnectionStatus.AUTH_FAILED);
        s.failed(ConnectionStatus.AUTH_FAILED);
        assertThat(changes).containsExactly(
                new Change(ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED),
                new Change(ConnectionStatus.CONNECTED, ConnectionStatus.CONNECT_FAILED),
                new Change(ConnectionStatus.CONNECT_FAILED, ConnectionStatus.CONNECTED),
                new Change(ConnectionStatus.CONNECTED, ConnectionStatus.AUTH_FAILED));
        assertThat(s.status().conStatus()).isEqualTo(2);
        assertThatThrownBy(() -> s.failed(ConnectionStatus.CONNECTED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSourceThatNeverDeliversIsFailedAfterTheStallLimit() {
        StatusMachine s = new StatusMachine(3_000, (a, b) -> { });
        s.checkStall(13_000, 10_000);
        assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECTING);
        s.checkStall(13_001, 10_000);
        assertThat(s.status()).isEqualTo(ConnectionStatus.CONNECT_FAILED);
    }

    @Test
    void everyStatusHasTheSpecCode() {
        assertThat(ConnectionStatus.CONNECTED.conStatus()).isZero();
        assertThat(ConnectionStatus.CONNECTING.conStatus()).isEqualTo(1);
        assertThat(ConnectionStatus.CONNECT_FAILED.conStatus()).isEqualTo(1);
        assertThat(ConnectionStatus.AUTH_FAILED.conStatus()).isEqualTo(2);
        assertThat(ConnectionStatus.STREAM_FORMAT_ERROR.conStatus()).isEqualTo(3);
        assertThat(ConnectionStatus.OVER_MAX_RESOLUTION.conStatus()).isEqualTo(4);
        assertThat(ConnectionStatus.DECODE_FAILED.conStatus()).isEqualTo(5);
        assertThat(ConnectionStatus.OVER_DECODE_CAPACITY.conStatus()).isEqualTo(6);
    }

    @Test
    void credentialsGoIntoTheUrlUnlessItHasItsOwn() {
        assertThat(ChannelDecoder.withCredentials("rtsp://cam:554/s", "admin", "p@ss word"))
                .isEqualTo("rtsp://admin:p%40ss%20word@cam:554/s");
        assertThat(ChannelDecoder.withCredentials("rtsp://cam/s", "admin", "")).isEqualTo("rtsp://admin@cam/s");
        assertThat(ChannelDecoder.withCredentials("rtsp://u:p@cam/s", "admin", "x")).isEqualTo("rtsp://u:p@cam/s");
        assertThat(ChannelDecoder.withCredentials("rtsp://cam/s", "", "x")).isEqualTo("rtsp://cam/s");
        assertThat(ChannelDecoder.withCredentials("/data/a.mp4", "u", "p")).isEqualTo("/data/a.mp4");
        assertThat(ChannelDecoder.redacted("rtsp://admin:secret@cam/s")).isEqualTo("rtsp://***@cam/s");
    }
}
