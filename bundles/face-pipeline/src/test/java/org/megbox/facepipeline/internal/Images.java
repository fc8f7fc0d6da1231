package org.megbox.facepipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.megbox.api.analysis.Frame;
import org.megbox.inference.internal.OrtInferenceEngine;

/** Real pictures for the tests: committed face photos, Debian's opencv-doc samples, and changed copies of them. */
final class Images {

    static final Path OPENCV_DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");

    /**
     * The engine on the test class path, created on first use only: FacePipelineInFelixIT reads pictures through this
     * class while the natives bundle inside Felix owns libonnxruntime, and a JVM loads a native library for one class
     * loader only.
     */
    static OrtInferenceEngine engine() {
        return EngineHolder.ENGINE;
    }

    private static final class EngineHolder {
        static final OrtInferenceEngine ENGINE = OrtInferenceEngine.create(0, 0);
    }

    private Images() {
    }

    /** A picture of opencv-doc (Debian); fails (or skips with -Dmegbox.allowSkip=true) when it is not installed. */
    static BufferedImage opencv(String name) throws IOException {
        return opencvFile(OPENCV_DATA.resolve(name).toString());
    }

    /** Any picture of the opencv-doc package, by absolute path. */
    static BufferedImage opencvFile(String path) throws IOException {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            // a missing prerequisite fails, unless -Dmegbox.allowSkip=true says this machine knowingly lacks it
            org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("megbox.allowSkip"), p + " missing");
            throw new AssertionError(p + " missing: apt-get install opencv-doc");
        }
        return ImageIO.read(p.toFile());
    }

    /** Where {@link #messiIn1080p} puts messi5.jpg's top left corner. */
    static final int MESSI_X = 1250;
    static final int MESSI_Y = 620;

    /**
     * messi5.jpg at its own size (a 38-pixel face) at {@link #MESSI_X},{@link #MESSI_Y} of a grey 1920×1080 frame:
     * shrunk whole the face would be 5 pixels.
     */
    static BufferedImage messiIn1080p() throws IOException {
        BufferedImage frame = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(120, 120, 120));
        g.fillRect(0, 0, 1920, 1080);
        g.drawImage(opencv("messi5.jpg"), MESSI_X, MESSI_Y, null);
        g.dispose();
        return frame;
    }

    static Frame frame(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ByteBuffer bgr = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                bgr.put((byte) p).put((byte) (p >> 8)).put((byte) (p >> 16));
            }
        }
        return new Frame(0, 0, 0, 0, w, h, bgr.flip());
    }

    static BufferedImage crop(BufferedImage img, int x, int y, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, -x, -y, null);
        g.dispose();
        return out;
    }

    static BufferedImage scale(BufferedImage img, double f) {
        int w = (int) Math.round(img.getWidth() * f);
        int h = (int) Math.round(img.getHeight() * f);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(java.awt.RenderingHints.KEY_RENDERING, java.awt.RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Every channel multiplied by {@code f} (clamped). */
    static BufferedImage brightness(BufferedImage img, double f) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = Math.min(255, (int) Math.round((p >> 16 & 0xFF) * f));
                int g = Math.min(255, (int) Math.round((p >> 8 & 0xFF) * f));
                int b = Math.min(255, (int) Math.round((p & 0xFF) * f));
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    /** Re-encoded as JPEG at {@code quality} (0..1) and decoded again. */
    static BufferedImage jpeg(BufferedImage img, float quality) throws IOException {
        BufferedImage rgb = crop(img, 0, 0, img.getWidth(), img.getHeight());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), p);
        } finally {
            writer.dispose();
        }
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    static URL model(String resource) {
        URL url = Images.class.getResource("/" + resource);
        assertThat(url).as(resource + " imported at generate-resources").isNotNull();
        return url;
    }

    static BlazeFaceDetector detector() {
        return new BlazeFaceDetector(engine(), model(BlazeFaceDetector.RESOURCE), 0.6f, 0.3f, 512);
    }

    static FaceResEmbedder embedder() {
        return new FaceResEmbedder(engine(), model(FaceResEmbedder.RESOURCE));
    }

    static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
