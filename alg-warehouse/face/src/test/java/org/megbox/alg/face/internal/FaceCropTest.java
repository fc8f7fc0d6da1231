package org.megbox.alg.face.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;

/** The anti-spoofing crop's geometry and resampling. */
class FaceCropTest {

    /** Landmarks that are the template scaled by 2, turned by 30° and shifted: the fit recovers that map. */
    @Test
    void theSimilarityFitRecoversAKnownMap() {
        double k = FaceCrop.SIZE / 224.0;
        double[] t = {84, 92, 140, 92, 112, 128, 112, 152};
        double a = 2 * Math.cos(Math.toRadians(30));
        double b = 2 * Math.sin(Math.toRadians(30));
        List<Point> lm = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double x = t[2 * i] * k;
            double y = t[2 * i + 1] * k;
            lm.add(new Point(a * x - b * y + 300, b * x + a * y + 40));
        }
        double[] m = FaceCrop.similarity(lm);
        assertThat(m[0]).isCloseTo(a, within(1e-9));
        assertThat(m[1]).isCloseTo(b, within(1e-9));
        assertThat(m[2]).isCloseTo(300, within(1e-6));
        assertThat(m[3]).isCloseTo(40, within(1e-6));
    }

    /** tfjs resizeBilinear(alignCorners=false, halfPixelCenters=false): out[x] = in[x·in/out], interpolated. */
    @Test
    void resizeIsTfjsBilinearWithoutHalfPixelCentres() {
        int in = 4;
        float[] rgb = new float[in * in * 3];
        for (int y = 0; y < in; y++) {
            for (int x = 0; x < in; x++) {
                rgb[(y * in + x) * 3] = x; // red = column
                rgb[(y * in + x) * 3 + 1] = y; // green = row
            }
        }
        float[] two = FaceCrop.resizeBilinear(rgb, in, 2);
        assertThat(two[(1 * 2 + 1) * 3]).isEqualTo(2f); // source column 2
        assertThat(two[(1 * 2 + 1) * 3 + 1]).isEqualTo(2f);
        float[] three = FaceCrop.resizeBilinear(rgb, in, 3);
        assertThat(three[(0 * 3 + 1) * 3]).isCloseTo(4f / 3, within(1e-6f)); // source column 1.333
        assertThat(three[(0 * 3 + 2) * 3]).isCloseTo(8f / 3, within(1e-6f));
    }

    /** A frame whose left half is red and right half blue (BGR), face landmarks straddling the border: RGB 0..1. */
    @Test
    void theCropIsRgbZeroToOneAroundTheFace() {
        int w = 400;
        int h = 300;
        ByteBuffer bgr = ByteBuffer.allocate(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                if (x < 200) {
                    bgr.put(o + 2, (byte) 255); // red
                } else {
                    bgr.put(o, (byte) 255); // blue
                }
            }
        }
        Frame f = new Frame(1, 1, 0, 0, w, h, bgr);
        // eyes 40 px apart around x = 200: the crop spans about 40 / 56 * 224 = 160 px of the frame
        DetectedFace face = new DetectedFace(new Box(160, 100, 240, 200), 0.9f, List.of(new Point(180, 130),
                new Point(220, 130), new Point(200, 156), new Point(200, 173)));
        float[] c = FaceCrop.crop(f, face);
        int s = FaceCrop.SIZE;
        int left = (s / 2 * s + 10) * 3;
        int right = (s / 2 * s + s - 10) * 3;
        assertThat(c[left]).isEqualTo(1f); // red channel on the left
        assertThat(c[left + 2]).isZero();
        assertThat(c[right]).isZero();
        assertThat(c[right + 2]).isEqualTo(1f); // blue on the right
        assertThat(FaceCrop.rgb01(f, face, 32)).hasSize(32 * 32 * 3);
    }
}
