package org.megbox.faces.internal;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.megbox.api.analysis.Frame;
import org.megbox.api.geometry.Box;
import org.megbox.rest.ApiException;
import org.megbox.rest.ErrorCode;

/**
 * A face photo as §5.1.1 / §10 accept it: JPG/JPEG, PNG or BMP (by content, not by name), at most 4 MB, between
 * 100×100 and 4096×4096 pixels. Checked before anything is decoded in full; refused with 104212 INVALID_SIZE,
 * 104211 INVALID_TYPE, 104207 IMAGE_DECODE_FAIL or 104210 INVALID_RESOLUTION, the field named in {@code data.reason}.
 */
final class UploadedImage {

    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MIN_SIDE = 100;
    static final int MAX_SIDE = 4096;

    final byte[] bytes;
    final String format;
    final BufferedImage bgr;

    private UploadedImage(byte[] bytes, String format, BufferedImage bgr) {
        this.bytes = bytes;
        this.format = format;
        this.bgr = bgr;
    }

    static UploadedImage check(String field, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw refused(ErrorCode.INVALID_SIZE, field + ": " + bytes.length + " bytes, at most " + MAX_BYTES);
        }
        String format = format(bytes);
        if (format == null) {
            throw refused(ErrorCode.INVALID_TYPE, field + ": not a JPG, PNG or BMP image");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw refused(ErrorCode.IMAGE_DECODE_FAIL, field + ": no decoder for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w < MIN_SIDE || h < MIN_SIDE || w > MAX_SIDE || h > MAX_SIDE) {
                    throw refused(ErrorCode.INVALID_RESOLUTION, field + ": " + w + "x" + h + ", allowed "
                            + MIN_SIDE + "x" + MIN_SIDE + " to " + MAX_SIDE + "x" + MAX_SIDE);
                }
                return new UploadedImage(bytes, format, toBgr(reader.read(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw refused(ErrorCode.IMAGE_DECODE_FAIL, field + ": " + e.getMessage());
        }
    }

    private static ApiException refused(ErrorCode code, String reason) {
        return new ApiException(code).withData(Map.of("reason", reason));
    }

    /** By the file's first bytes: {@code jpg}, {@code png}, {@code bmp}, or null. */
    static String format(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "jpg";
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length > 2 && b[0] == 'B' && b[1] == 'M') {
            return "bmp";
        }
        return null;
    }

    static String contentType(String format) {
        return switch (format) {
            case "png" -> "image/png";
            case "bmp" -> "image/bmp";
            default -> "image/jpeg";
        };
    }

    int width() {
        return bgr.getWidth();
    }

    int height() {
        return bgr.getHeight();
    }

    /** The pixels as the pipeline takes them (packed BGR24). */
    Frame frame() {
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        return new Frame(0, 0, 0, System.currentTimeMillis(), width(), height(),
                ByteBuffer.wrap(pixels).asReadOnlyBuffer());
    }

    /** The face box grown by {@code padding} of its size on each side, clipped, as a JPEG. */
    byte[] crop(Box box, double padding) {
        int x0 = (int) Math.floor(box.x1() - box.width() * padding);
        int y0 = (int) Math.floor(box.y1() - box.height() * padding);
        int x1 = (int) Math.ceil(box.x2() + box.width() * padding);
        int y1 = (int) Math.ceil(box.y2() + box.height() * padding);
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(width(), Math.max(x1, x0 + 1));
        y1 = Math.min(height(), Math.max(y1, y0 + 1));
        return jpeg(bgr.getSubimage(x0, y0, x1 - x0, y1 - y0), 0.9f);
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage toBgr(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
