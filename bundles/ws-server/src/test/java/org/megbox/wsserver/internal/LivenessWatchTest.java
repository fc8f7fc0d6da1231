package org.megbox.wsserver.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LivenessWatchTest {

    @Test
    void deadOnlyAfterTheLimitWithoutPong() {
        AtomicLong now = new AtomicLong(1000);
        LivenessWatch w = new LivenessWatch(now::get, 10_000);
        now.set(11_000);
        assertThat(w.dead()).as("exactly 10 s").isFalse();
        w.pong();
        now.set(21_000);
        assertThat(w.dead()).isFalse();
        now.set(21_001);
        assertThat(w.dead()).isTrue();
        w.pong();
        assertThat(w.dead()).isFalse();
    }
}
