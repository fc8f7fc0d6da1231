package org.megbox.events.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Packed BGR24 to baseline JPEG with the JDK's writer (the same as the video bundle's snapshots). One instance per
 * thread: it keeps its {@link ImageWriter} (looking one up costs more than a small crop's encoding).
 */
final class JpegEncoder implements AutoCloseable {

    private final ImageWriter writer;

    JpegEncoder() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this JRE");
        }
        this.writer = writers.next();
    }

    /** The whole {@code w x h} frame. */
    byte[] encode(byte[] bgr, int w, int h, float quality) {
        return encode(bgr, w, h, new Rect(0, 0, w, h), quality);
    }

    /** The part {@code r} of the {@code w x h} frame {@code bgr}; {@code quality} 0..1. */
    byte[] encode(byte[] bgr, int w, int h, Rect r, float quality) {
        if (r.x() < 0 || r.y() < 0 || r.x() + r.w() > w || r.y() + r.h() > h) {
            throw new IllegalArgumentException(r + " outside " + w + "x" + h);
        }
        BufferedImage img = new BufferedImage(r.w(), r.h(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int row = r.w() * 3;
        if (r.x() == 0 && r.w() == w) {
            System.arraycopy(bgr, r.y() * w * 3, target, 0, row * r.h());
        } else {
            for (int y = 0; y < r.h(); y++) {
                System.arraycopy(bgr, ((r.y() + y) * w + r.x()) * 3, target, y * row, row);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, r.w() * r.h() / 4));
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(Math.max(0.05f, Math.min(1f, quality)));
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.reset();
        }
        return out.toByteArray();
    }

    /** Draws a 2-pixel red frame around {@code r} into {@code bgr} (for {@code fullPicDrawRectEnabled}). */
    static void drawRect(byte[] bgr, int w, int h, Rect r) {
        for (int t = 0; t < 2; t++) {
            int x0 = Math.min(w - 1, r.x() + t);
            int y0 = Math.min(h - 1, r.y() + t);
            int x1 = Math.max(0, r.x() + r.w() - 1 - t);
            int y1 = Math.max(0, r.y() + r.h() - 1 - t);
            for (int x = x0; x <= x1; x++) {
                red(bgr, w, x, y0);
                red(bgr, w, x, y1);
            }
            for (int y = y0; y <= y1; y++) {
                red(bgr, w, x0, y);
                red(bgr, w, x1, y);
            }
        }
    }

    private static void red(byte[] bgr, int w, int x, int y) {
        int i = (y * w + x) * 3;
        bgr[i] = 0;
        bgr[i + 1] = 0;
        bgr[i + 2] = (byte) 255;
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
