package org.megbox.api.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamSpecTest {

    @Test
    void intParamAcceptsIntegralValuesInsideItsRangeOnly() {
        ParamSpec duration = new ParamSpec("duration", ValueType.INT, 30, List.of(0, 60), true);
        assertThat(duration.accepts(0)).isTrue();
        assertThat(duration.accepts(60L)).isTrue();
        assertThat(duration.accepts(61)).isFalse();
        assertThat(duration.accepts(-1)).isFalse();
        assertThat(duration.accepts(2.5)).isFalse();
        assertThat(duration.accepts("5")).isFalse();
    }

    @Test
    void doubleParamComparesAgainstItsBounds() {
        ParamSpec min = new ParamSpec("target_min", ValueType.DOUBLE, 0.05, List.of(0, 1), true);
        assertThat(min.accepts(0.05)).isTrue();
        assertThat(min.accepts(1)).isTrue();
        assertThat(min.accepts(1.01)).isFalse();
    }

    @Test
    void arrayStringParamOnlyTakesListedValues() {
        ParamSpec colors = new ParamSpec("allowed_colors", ValueType.ARRAY_STRING, List.of(),
                List.of("red", "blue", "yellow", "gray"), false);
        assertThat(colors.accepts(List.of("red", "gray"))).isTrue();
        assertThat(colors.accepts(List.of("green"))).isFalse();
        assertThat(colors.accepts("red")).isFalse();
    }

    @Test
    void arrayIntParamChecksEveryElement() {
        ParamSpec timeRange = new ParamSpec("timeRange", ValueType.ARRAY_INT, List.of(0, 86400), List.of(0, 86400), true);
        assertThat(timeRange.accepts(List.of(0, 86400))).isTrue();
        assertThat(timeRange.accepts(List.of(0, 86401))).isFalse();
    }

    @Test
    void wireNamesRoundTrip() {
        for (ValueType t : ValueType.values()) {
            assertThat(ValueType.fromWireName(t.wireName())).isEqualTo(t);
        }
    }
}
