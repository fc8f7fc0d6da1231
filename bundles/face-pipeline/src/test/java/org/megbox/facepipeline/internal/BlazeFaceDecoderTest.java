package org.megbox.facepipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.megbox.facepipeline.internal.BlazeFaceDecoder.Candidate;

/**
 * The decoder on what tfjs 4.22.0 itself computed for BlazeFace on a 200×200 crop of messi5.jpg at (135, 20) scaled to
 * 256² (model-importer's reference fixtures): one face, at Messi's face, landmarks in anatomical order.
 */
class BlazeFaceDecoderTest {

    static float[] reference(String output) throws IOException {
        Path dir = Path.of(System.getProperty("megbox.reference.dir",
                "../model-importer/src/test/resources/reference"));
        byte[] b = Files.readAllBytes(dir.resolve("blazeface_messi." + output + ".f32"));
        float[] f = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    @Test
    void tfjsOutputsDecodeToMessisFace() throws Exception {
        List<Candidate> all = BlazeFaceDecoder.decode(reference("Identity"), reference("Identity_1"),
                reference("Identity_2"), reference("Identity_3"), 0.6f);
        List<Candidate> faces = BlazeFaceDecoder.nms(all, 0.3f);
        assertThat(faces).hasSize(1);
        Candidate c = faces.get(0);
        // messi5.jpg face box measured by eye: about x 222..258, y 96..134 → crop (x−135, y−20) · 256/200
        double s = 256 / 200.0;
        assertThat((double) c.x1()).isBetween((218 - 135) * s, (228 - 135) * s);
        assertThat((double) c.x2()).isBetween((252 - 135) * s, (264 - 135) * s);
        assertThat((double) c.y1()).isBetween((90 - 20) * s, (102 - 20) * s);
        assertThat((double) c.y2()).isBetween((128 - 20) * s, (140 - 20) * s);
        float[] lm = c.landmarks();
        assertThat(lm[0]).as("person's right eye left of the left eye").isLessThan(lm[2]);
        assertThat(lm[5]).as("nose below the eyes").isGreaterThan(Math.max(lm[1], lm[3]));
        assertThat(lm[7]).as("mouth below the nose").isGreaterThan(lm[5]);
        assertThat(lm[8]).as("right ear left of the left ear").isLessThan(lm[10]);
        for (int k = 0; k < lm.length; k += 2) {
            assertThat(lm[k]).isBetween(c.x1() - 5, c.x2() + 5);
            assertThat(lm[k + 1]).isBetween(c.y1() - 5, c.y2() + 5);
        }
    }

    @Test
    void nmsKeepsTheBestOfOverlappingBoxes() {
        float[] lm = new float[12];
        Candidate a = new Candidate(0.9f, 0, 0, 10, 10, lm);
        Candidate b = new Candidate(0.8f, 1, 1, 11, 11, lm);
        Candidate c = new Candidate(0.7f, 20, 20, 30, 30, lm);
        assertThat(BlazeFaceDecoder.nms(List.of(c, b, a), 0.3f)).containsExactly(a, c);
    }
}
