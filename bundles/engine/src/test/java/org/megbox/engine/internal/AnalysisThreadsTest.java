package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code megbox.engine.threads}: the analysis pool's size, the number of cores unless set. */
class AnalysisThreadsTest {

    @Test
    void defaultsToTheCoresAndTakesAPositiveNumber() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(RuleEngine.threads(null)).isEqualTo(cores);
        assertThat(RuleEngine.threads(" ")).isEqualTo(cores);
        assertThat(RuleEngine.threads("1")).isEqualTo(1);
        assertThat(RuleEngine.threads(" 3 ")).isEqualTo(3);
        assertThat(RuleEngine.threads("0")).isEqualTo(1);
        assertThat(RuleEngine.threads("many")).isEqualTo(cores);
    }
}
