package org.megbox.api.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DictionaryTest {

    @Test
    void eventTypesAreNumberedOneToThirtyFiveWithoutGaps() {
        assertThat(Arrays.stream(EventType.values()).mapToInt(EventType::index)).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 35).boxed().toList());
    }

    @Test
    void specExamplesResolve() {
        assertThat(EventType.of("intrusion")).contains(EventType.INTRUSION);
        assertThat(EventType.of(29)).contains(EventType.TRIPWIRE);
        assertThat(EventType.NO_UNIFORM.warehouse()).isEqualTo(AlgType.SAFETY_ALARM);
        assertThat(AreaType.of("multi_line_both").orElseThrow().lineCount()).isEqualTo(2);
        assertThat(TargetType.of("cycle")).contains(TargetType.CYCLE);
        assertThat(AlgType.of(15).orElseThrow().wireName()).isEqualTo("mclz_alarm");
    }
}
