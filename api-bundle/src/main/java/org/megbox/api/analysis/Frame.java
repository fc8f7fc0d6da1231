package org.megbox.api.analysis;

import java.nio.ByteBuffer;

/**
 * A decoded video frame as packed BGR24 ({@code width*height*3} bytes, row-major, no padding).
 * The buffer is shared by every rule of the channel: analyzers read it and never write it.
 */
public record Frame(int videoNo, long frameId, long ptsMillis, long recvTimestampMillis, int width, int height,
        ByteBuffer bgr) {
}
