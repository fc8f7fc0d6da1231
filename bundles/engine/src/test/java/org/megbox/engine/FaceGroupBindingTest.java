package org.megbox.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class FaceGroupBindingTest {

    @Test
    void theSpecsWindows() {
        FaceGroupBinding allDay = new FaceGroupBinding("g", "000000", "000000", 70, 20);
        assertThat(allDay.activeAt(LocalTime.of(3, 0))).isTrue();
        FaceGroupBinding office = new FaceGroupBinding("g", "080000", "184500", 70, 20);
        assertThat(office.activeAt(LocalTime.of(7, 59, 59))).isFalse();
        assertThat(office.activeAt(LocalTime.of(8, 0))).isTrue();
        assertThat(office.activeAt(LocalTime.of(18, 45))).isFalse();
        FaceGroupBinding evening = new FaceGroupBinding("g", "180000", "000000", 70, 20);
        assertThat(evening.activeAt(LocalTime.of(23, 59))).isTrue();
        assertThat(evening.activeAt(LocalTime.of(12, 0))).isFalse();
        assertThat(new GlobalStranger(false, 20, "000000", "000000").activeAt(LocalTime.NOON)).isFalse();
        assertThat(new GlobalStranger(true, 20, "000000", "000000").activeAt(LocalTime.NOON)).isTrue();
    }
}
