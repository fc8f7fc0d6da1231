package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.api.geometry.Point;

class RectTest {

    @Test
    void boundsArePixelBoxesOfTheNormalisedPoints() {
        Rect r = Rect.bounds(List.of(new Point(0.25, 0.5), new Point(0.5, 0.75)), 768, 576);
        assertThat(r).isEqualTo(new Rect(192, 288, 192, 144));
        assertThat(Rect.bounds(List.of(), 768, 576)).isNull();
    }

    @Test
    void cropIsPaddedOnEachSide() {
        // box 100x200 at (300,100) in 768x576; 10% padding = 10 px / 20 px per side
        Rect c = Rect.crop(List.of(new Point(300 / 768.0, 100 / 576.0), new Point(400 / 768.0, 300 / 576.0)), 768,
                576, 0.10);
        assertThat(c).isEqualTo(new Rect(290, 80, 120, 240));
    }

    @Test
    void cropIsShiftedAndClampedIntoTheFrame() {
        // a box at the bottom-right corner: padding would leave the frame, the crop stays inside, same size
        Rect c = Rect.crop(List.of(new Point(0.9, 0.9), new Point(1.0, 1.0)), 1000, 1000, 0.5);
        assertThat(c.x() + c.w()).isEqualTo(1000);
        assertThat(c.y() + c.h()).isEqualTo(1000);
        assertThat(c.w()).isEqualTo(200);
        // coordinates beyond the frame (a tracker's prediction) are clamped
        Rect out = Rect.crop(List.of(new Point(-0.2, -0.1), new Point(1.3, 1.2)), 640, 480, 0.15);
        assertThat(out).isEqualTo(new Rect(0, 0, 640, 480));
    }

    @Test
    void tinyTargetsGetAMinimumSideAndDegenerateOnesStillCrop() {
        Rect c = Rect.crop(List.of(new Point(0.5, 0.5), new Point(0.501, 0.501)), 768, 576, 0.0);
        assertThat(c.w()).isEqualTo(Rect.MIN_SIDE);
        assertThat(c.h()).isEqualTo(Rect.MIN_SIDE);
        Rect point = Rect.crop(List.of(new Point(0.0, 0.0)), 768, 576, 0.15);
        assertThat(point).isEqualTo(new Rect(0, 0, Rect.MIN_SIDE, Rect.MIN_SIDE));
        // a frame smaller than the minimum
        assertThat(Rect.crop(List.of(new Point(0.5, 0.5)), 8, 6, 0)).isEqualTo(new Rect(0, 0, 8, 6));
    }
}
