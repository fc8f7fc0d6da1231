package org.megbox.video.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;

/** Rotation while copying, and the JPEG of snapFullImage. */
class PixelsTest {

    /** A 3x2 picture whose pixel (x, y) has B=x, G=y, R=9. */
    private static byte[] picture(int w, int h, int stride) {
        byte[] p = new byte[stride * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * stride + x * 3] = (byte) x;
                p[y * stride + x * 3 + 1] = (byte) y;
                p[y * stride + x * 3 + 2] = 9;
            }
        }
        return p;
    }

    private static int[] at(byte[] p, int w, int x, int y) {
        int i = (y * w + x) * 3;
        return new int[] {p[i], p[i + 1], p[i + 2]};
    }

    @Test
    void rotatesClockwise() {
        int w = 3;
        int h = 2;
        byte[] src = picture(w, h, w * 3 + 5); // rows with padding, as swscale may leave them
        byte[] out = new byte[w * h * 3];

        Pixels.rotateCopy(src, w * 3 + 5, w, h, 0, out);
        assertThat(at(out, 3, 2, 1)).containsExactly(2, 1, 9);

        // 90° clockwise: the picture is 2 wide, 3 high; the source's bottom-left (0,1) is now top-left
        Pixels.rotateCopy(src, w * 3 + 5, w, h, 90, out);
        assertThat(Pixels.rotatedWidth(w, h, 90)).isEqualTo(2);
        assertThat(at(out, 2, 0, 0)).containsExactly(0, 1, 9);
        assertThat(at(out, 2, 1, 0)).containsExactly(0, 0, 9);
        assertThat(at(out, 2, 0, 2)).containsExactly(2, 1, 9);

        Pixels.rotateCopy(src, w * 3 + 5, w, h, 180, out);
        assertThat(at(out, 3, 0, 0)).containsExactly(2, 1, 9);
        assertThat(at(out, 3, 2, 1)).containsExactly(0, 0, 9);

        // 270° clockwise: the source's top-right (2,0) is now top-left
        Pixels.rotateCopy(src, w * 3 + 5, w, h, 270, out);
        assertThat(Pixels.rotatedHeight(w, h, 270)).isEqualTo(3);
        assertThat(at(out, 2, 0, 0)).containsExactly(2, 0, 9);
        assertThat(at(out, 2, 1, 2)).containsExactly(0, 1, 9);
    }

    @Test
    void jpegHasTheFramesSizeAndColours() throws Exception {
        int w = 64;
        int h = 48;
        ByteBuffer bgr = ByteBuffer.allocate(w * h * 3);
        for (int i = 0; i < w * h; i++) { // pure red in BGR order
            bgr.put((byte) 0).put((byte) 0).put((byte) 255);
        }
        bgr.flip();
        byte[] jpeg = Pixels.jpeg(new Frame(1, 1, 0, 0, w, h, bgr.asReadOnlyBuffer()), 0.9f);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img.getWidth()).isEqualTo(w);
        assertThat(img.getHeight()).isEqualTo(h);
        int rgb = img.getRGB(10, 10);
        assertThat((rgb >> 16) & 0xff).isGreaterThan(200);
        assertThat(rgb & 0xff).isLessThan(50);
    }
}
