package org.megbox.facepipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.megbox.api.face.FaceAttributes;
import org.megbox.api.face.FaceEmbedder.Description;

/** FaceRes through the real ONNX Runtime engine: equal to tfjs on its reference input, and what its outputs mean. */
class FaceResEmbedderTest {

    static final FaceResEmbedder EMBEDDER = Images.embedder();

    static Path referenceDir() {
        return Path.of(System.getProperty("megbox.reference.dir", "../model-importer/src/test/resources/reference"));
    }

    static float[] reference(String output) throws IOException {
        byte[] b = Files.readAllBytes(referenceDir().resolve("faceres_messi." + output + ".f32"));
        float[] f = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    @Test
    void matchesTfjsOnItsReferenceInput() throws Exception {
        // the exact 224² RGB the tfjs reference was computed from (a crop of messi5.jpg), fed as 0..255 floats
        BufferedImage img = ImageIO.read(referenceDir().resolve("faceres_messi.png").toFile());
        float[] rgb = new float[224 * 224 * 3];
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                int p = img.getRGB(x, y);
                int o = (y * 224 + x) * 3;
                rgb[o] = p >> 16 & 0xFF;
                rgb[o + 1] = p >> 8 & 0xFF;
                rgb[o + 2] = p & 0xFF;
            }
        }
        Description d = EMBEDDER.describeAligned(rgb);
        assertThat(d.descriptor()).hasSize(EMBEDDER.dimension());
        float[] tfjs = FaceResEmbedder.normalise(reference("global_pooling_Mean"));
        assertThat(Images.cosine(d.descriptor(), tfjs)).isGreaterThan(0.99999);
        assertThat(Images.cosine(d.descriptor(), d.descriptor())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        FaceAttributes a = d.attributes().orElseThrow();
        FaceAttributes tfjsAttributes = FaceResEmbedder.attributes(reference("gender_pred_Sigmoid")[0],
                reference("age_pred_Softmax"));
        assertThat(a.age()).isEqualTo(tfjsAttributes.age());
        assertThat(a.gender()).isEqualTo(tfjsAttributes.gender());
        assertThat(a.genderConfidence()).isCloseTo(tfjsAttributes.genderConfidence(), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(EMBEDDER.modelId()).isEqualTo("faceres-human-3.0.4");
    }

    @Test
    void attributesReadTheSigmoidAsMaleAndTheAgeAsExpectedValue() {
        float[] age = new float[100];
        age[20] = 0.5f;
        age[30] = 0.5f;
        assertThat(FaceResEmbedder.attributes(0.9f, age)).isEqualTo(new FaceAttributes(25, 0, 0.9f));
        assertThat(FaceResEmbedder.attributes(0.2f, age)).isEqualTo(new FaceAttributes(25, 1, 0.8f));
    }
}
