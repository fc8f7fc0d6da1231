package org.megbox.modelimport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConverterTest {

    @Test
    void halfToFloatIsExact() {
        assertThat(TfjsModel.Half.toFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(TfjsModel.Half.toFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(TfjsModel.Half.toFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(TfjsModel.Half.toFloat((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(TfjsModel.Half.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(TfjsModel.Half.toFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    }

    @Test
    void tfSamePaddingPutsTheOddPixelAfter() {
        // 416 input, 3x3 kernel, stride 2: TF pads 0 before and 1 after (not 1/1)
        assertThat(Converter.samePads(416, 3, 2, 1)).containsExactly(0, 1);
        // stride 1: symmetric
        assertThat(Converter.samePads(128, 3, 1, 1)).containsExactly(1, 1);
        // odd input at stride 2 pads symmetrically
        assertThat(Converter.samePads(15, 3, 2, 1)).containsExactly(1, 1);
        // 2x2 stride 2 on even input: no padding
        assertThat(Converter.samePads(256, 2, 2, 1)).containsExactly(0, 0);
    }
}
