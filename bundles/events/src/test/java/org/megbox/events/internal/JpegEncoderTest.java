package org.megbox.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;

class JpegEncoderTest {

    private static byte[] bgr(Frame f) {
        byte[] b = new byte[f.bgr().remaining()];
        f.bgr().duplicate().get(b);
        return b;
    }

    @Test
    void fullPictureAndCropDecodeWithTheirSizesAndColours() throws Exception {
        Frame f = TestSupport.frame(1, 1, 0, 768, 576); // left half blue, right half red
        try (JpegEncoder jpeg = new JpegEncoder()) {
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(jpeg.encode(bgr(f), 768, 576, 0.8f)));
            assertThat(full.getWidth()).isEqualTo(768);
            assertThat(full.getHeight()).isEqualTo(576);
            assertThat(isBlue(full.getRGB(100, 100))).isTrue();
            assertThat(isRed(full.getRGB(600, 100))).isTrue();

            BufferedImage crop = ImageIO.read(new ByteArrayInputStream(
                    jpeg.encode(bgr(f), 768, 576, new Rect(500, 300, 120, 80), 0.9f)));
            assertThat(crop.getWidth()).isEqualTo(120);
            assertThat(crop.getHeight()).isEqualTo(80);
            assertThat(isRed(crop.getRGB(60, 40))).isTrue();

            BufferedImage straddling = ImageIO.read(new ByteArrayInputStream(
                    jpeg.encode(bgr(f), 768, 576, new Rect(344, 0, 80, 40), 0.9f)));
            assertThat(isBlue(straddling.getRGB(10, 20))).isTrue();
            assertThat(isRed(straddling.getRGB(70, 20))).isTrue();
        }
    }

    @Test
    void drawRectMarksTheBoxInRed() {
        byte[] b = new byte[20 * 10 * 3];
        JpegEncoder.drawRect(b, 20, 10, new Rect(2, 2, 10, 5));
        int i = (2 * 20 + 5) * 3; // top edge
        assertThat(b[i + 2] & 0xff).isEqualTo(255);
        int inside = (4 * 20 + 6) * 3;
        assertThat(b[inside + 2]).isZero();
    }

    private static boolean isBlue(int rgb) {
        return (rgb & 0xff) > 200 && ((rgb >> 16) & 0xff) < 60;
    }

    private static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xff) > 200 && (rgb & 0xff) < 60;
    }

}
