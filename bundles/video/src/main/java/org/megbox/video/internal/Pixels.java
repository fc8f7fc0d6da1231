package org.megbox.video.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.megbox.api.analysis.Frame;

/** Packed BGR24 helpers: clockwise rotation while copying, and JPEG encoding. */
final class Pixels {

    private Pixels() {
    }

    /** Width of a {@code w x h} picture after rotating it by {@code rotation} degrees clockwise. */
    static int rotatedWidth(int w, int h, int rotation) {
        return rotation == 90 || rotation == 270 ? h : w;
    }

    static int rotatedHeight(int w, int h, int rotation) {
        return rotation == 90 || rotation == 270 ? w : h;
    }

    /**
     * Copies packed BGR24 {@code src} ({@code w x h}, rows of {@code srcStride} bytes) into {@code dst}
     * (packed, no padding), rotated clockwise by 0, 90, 180 or 270 degrees.
     */
    static void rotateCopy(byte[] src, int srcStride, int w, int h, int rotation, byte[] dst) {
        int row = w * 3;
        switch (rotation) {
            case 0 -> {
                if (srcStride == row) {
                    System.arraycopy(src, 0, dst, 0, row * h);
                } else {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(src, y * srcStride, dst, y * row, row);
                    }
                }
            }
            case 180 -> {
                for (int y = 0; y < h; y++) {
                    int s = y * srcStride;
                    int d = ((h - 1 - y) * w + (w - 1)) * 3;
                    for (int x = 0; x < w; x++, s += 3, d -= 3) {
                        dst[d] = src[s];
                        dst[d + 1] = src[s + 1];
                        dst[d + 2] = src[s + 2];
                    }
                }
            }
            case 90 -> { // (x, y) -> (h - 1 - y, x) in a picture h wide
                int dstRow = h * 3;
                for (int y = 0; y < h; y++) {
                    int s = y * srcStride;
                    int d = (h - 1 - y) * 3;
                    for (int x = 0; x < w; x++, s += 3, d += dstRow) {
                        dst[d] = src[s];
                        dst[d + 1] = src[s + 1];
                        dst[d + 2] = src[s + 2];
                    }
                }
            }
            case 270 -> { // (x, y) -> (y, w - 1 - x) in a picture h wide
                int dstRow = h * 3;
                for (int y = 0; y < h; y++) {
                    int s = y * srcStride;
                    int d = (w - 1) * dstRow + y * 3;
                    for (int x = 0; x < w; x++, s += 3, d -= dstRow) {
                        dst[d] = src[s];
                        dst[d + 1] = src[s + 1];
                        dst[d + 2] = src[s + 2];
                    }
                }
            }
            default -> throw new IllegalArgumentException("rotation " + rotation);
        }
    }

    /** The frame as a baseline JPEG of the given quality (0..1). */
    static byte[] jpeg(Frame frame, float quality) {
        BufferedImage img = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        ByteBuffer src = frame.bgr().duplicate();
        src.position(0);
        src.get(target, 0, Math.min(target.length, src.remaining()));
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this JRE");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.width() * frame.height() / 4);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
