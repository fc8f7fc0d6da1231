package org.megbox.facepipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.geometry.Point;
import org.megbox.facepipeline.internal.BlazeFaceDetector.Tile;

/** BlazeFace through the real ONNX Runtime engine on real pictures of Debian's opencv-doc. */
class BlazeFaceDetectorTest {

    static final BlazeFaceDetector DETECTOR = Images.detector();

    @Test
    void findsMessisFaceWhereItIs() throws Exception {
        List<DetectedFace> faces = DETECTOR.detect(Images.frame(Images.opencv("messi5.jpg")));
        assertThat(faces).hasSize(1);
        assertMessi(faces.get(0), 0, 0);
        assertThat(DETECTOR.modelId()).isEqualTo("blazeface-human-3.0.4");
    }

    /** Box and landmarks in pixels of the image, by eye: the face spans about x 222..258, y 96..134. */
    static void assertMessi(DetectedFace f, int dx, int dy) {
        assertThat(f.score()).isGreaterThan(0.8f);
        assertThat(f.box().x1()).isBetween(216.0 + dx, 228.0 + dx);
        assertThat(f.box().x2()).isBetween(252.0 + dx, 264.0 + dx);
        assertThat(f.box().y1()).isBetween(90.0 + dy, 102.0 + dy);
        assertThat(f.box().y2()).isBetween(128.0 + dy, 140.0 + dy);
        List<Point> lm = f.landmarks();
        assertThat(lm).hasSize(6);
        assertThat(lm.get(0).x()).as("right eye (image left)").isBetween(230.0 + dx, 240.0 + dx);
        assertThat(lm.get(1).x()).as("left eye").isBetween(245.0 + dx, 255.0 + dx);
        assertThat(lm.get(0).y()).isBetween(102.0 + dy, 113.0 + dy);
        assertThat(lm.get(3).y()).as("mouth").isBetween(119.0 + dy, 130.0 + dy);
    }

    @Test
    void findsNoFaceInFruits() throws Exception {
        assertThat(DETECTOR.detect(Images.frame(Images.opencv("fruits.jpg")))).isEmpty();
        assertThat(DETECTOR.detect(Images.frame(Images.opencv("baboon.jpg")))).isEmpty();
    }

    @Test
    void findsASmallFaceInA1080pFrame() throws Exception {
        // shrunk whole the 38-pixel face would be 5 pixels; the tiles see it at full size
        BufferedImage frame = Images.messiIn1080p();
        List<DetectedFace> faces = DETECTOR.detect(Images.frame(frame));
        assertThat(faces).hasSize(1);
        assertMessi(faces.get(0), Images.MESSI_X, Images.MESSI_Y);
        // without tiles it is missed: that is what the tiles are for
        BlazeFaceDetector wholeOnly = new BlazeFaceDetector(Images.engine(), Images.model(BlazeFaceDetector.RESOURCE),
                0.6f, 0.3f, 0);
        assertThat(wholeOnly.detect(Images.frame(frame))).isEmpty();
    }

    @Test
    void findsEveryFaceOfAGroupLargestFirst() throws Exception {
        List<DetectedFace> faces = DETECTOR.detect(Images.frame(People.html("facereg.jpg")));
        assertThat(faces).hasSize(4);
        for (int i = 1; i < faces.size(); i++) {
            assertThat(side(faces.get(i))).isLessThanOrEqualTo(side(faces.get(i - 1)));
        }
    }

    static double side(DetectedFace f) {
        return Math.min(f.box().width(), f.box().height());
    }

    @Test
    void tilesCoverLargeImagesWithOverlap() {
        assertThat(BlazeFaceDetector.tiles(548, 342, 512)).containsExactly(new Tile(0, 0, 548), new Tile(0, 0, 512),
                new Tile(36, 0, 512));
        assertThat(BlazeFaceDetector.tiles(400, 300, 512)).containsExactly(new Tile(0, 0, 400));
        List<Tile> hd = BlazeFaceDetector.tiles(1920, 1080, 512);
        assertThat(hd.get(0)).isEqualTo(new Tile(0, 0, 1920));
        // every 128-pixel square of the frame lies whole inside some 512 tile (a quarter of a tile)
        for (int y = 0; y + 128 <= 1080; y += 16) {
            for (int x = 0; x + 128 <= 1920; x += 16) {
                int fx = x;
                int fy = y;
                assertThat(hd).as("square at %d,%d", x, y).anySatisfy(t -> {
                    assertThat(t.side()).isEqualTo(512);
                    assertThat(fx).isGreaterThanOrEqualTo(t.x0());
                    assertThat(fy).isGreaterThanOrEqualTo(t.y0());
                    assertThat(fx + 128).isLessThanOrEqualTo(t.x0() + t.side());
                    assertThat(fy + 128).isLessThanOrEqualTo(t.y0() + t.side());
                });
            }
        }
    }
}
