package org.megbox.delivery.internal;

/** Width and height of a JPEG from its SOF segment, without decoding it. */
final class JpegSize {

    private JpegSize() {
    }

    /** {width, height}, or null when {@code jpeg} is not a JPEG with a frame header. */
    static int[] of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return null;
        }
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                if (i + 9 > jpeg.length) {
                    return null;
                }
                int height = ((jpeg[i + 5] & 0xFF) << 8) | (jpeg[i + 6] & 0xFF);
                int width = ((jpeg[i + 7] & 0xFF) << 8) | (jpeg[i + 8] & 0xFF);
                return width > 0 && height > 0 ? new int[] {width, height} : null;
            }
            if (marker == 0xDA || length < 2) {
                return null; // image data before any frame header
            }
            i += 2 + length;
        }
        return null;
    }
}
