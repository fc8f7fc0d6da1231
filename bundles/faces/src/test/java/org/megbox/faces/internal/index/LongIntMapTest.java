package org.megbox.faces.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void behavesLikeAHashMapThroughPutsRemovesAndGrowth() {
        Random random = new Random(41);
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            long key = random.nextInt(5000) * 0x1_0000_0001L - 3; // colliding high and low bits, negatives too
            if (random.nextInt(3) == 0) {
                Integer gone = expected.remove(key);
                assertThat(map.remove(key)).isEqualTo(gone == null ? -1 : gone);
            } else {
                int value = random.nextInt(1_000_000);
                expected.put(key, value);
                map.put(key, value);
            }
            if (step % 997 == 0) {
                assertThat(map.size()).isEqualTo(expected.size());
                for (long probe = -10; probe < 5010; probe += 7) {
                    long k = probe * 0x1_0000_0001L - 3;
                    assertThat(map.get(k)).isEqualTo(expected.getOrDefault(k, -1));
                }
            }
        }
        expected.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(expected.keySet().iterator().next())).isEqualTo(-1);
    }
}
