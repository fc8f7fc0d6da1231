package org.megbox.video.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.megbox.video.ConnectionStatus;

/** The FFmpeg source against Debian's opencv-doc sample clip (skipped where it is not installed). */
class FfmpegSourceTest {

    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

    @Test
    void decodesEveryFrameOfTheSampleClip() throws Exception {
        assumeTrue(Files.isReadable(VTEST), "opencv-doc's vtest.avi is not installed");
        int frames = 0;
        long lastPts = -1;
        byte[] bgr = new byte[768 * 576 * 3];
        try (FfmpegSource s = new FfmpegSource(VTEST.toString(), Map.of(), 1)) {
            s.open();
            while (s.next()) {
                assertThat(s.width()).isEqualTo(768);
                assertThat(s.height()).isEqualTo(576);
                long pts = s.ptsMillis();
                assertThat(pts).isGreaterThan(lastPts);
                lastPts = pts;
                if (frames % 100 == 0) {
                    s.convertTo(bgr);
                }
                frames++;
            }
        }
        assertThat(frames).isEqualTo(795);
        assertThat(lastPts).isEqualTo(794 * 100); // 10 fps
        int nonZero = 0;
        for (byte b : bgr) {
            nonZero += b != 0 ? 1 : 0;
        }
        assertThat(nonZero).isGreaterThan(bgr.length / 2);
    }

    @Test
    void aMissingFileIsAConnectFailure() {
        try (FfmpegSource s = new FfmpegSource("/nonexistent/clip.mp4", Map.of(), 1)) {
            assertThatThrownBy(s::open).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.reason()).isEqualTo(ConnectionStatus.CONNECT_FAILED));
        }
    }

    @Test
    void aFileWithoutVideoIsAStreamFormatError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[4096]);
        try (FfmpegSource s = new FfmpegSource(junk.toString(), Map.of(), 1)) {
            assertThatThrownBy(s::open).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.reason()).isIn(ConnectionStatus.STREAM_FORMAT_ERROR));
        }
    }

    /** A one-shot RTSP server answering every request with {@code status}. */
    private static java.net.ServerSocket rtspAnswering(String status) throws java.io.IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (server) {
                while (true) {
                    try (java.net.Socket c = server.accept();
                            var in = new java.io.BufferedReader(new java.io.InputStreamReader(c.getInputStream(),
                                    java.nio.charset.StandardCharsets.US_ASCII));
                            var out = c.getOutputStream()) {
                        String cseq = "CSeq: 1";
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("cseq")) {
                                cseq = line;
                            }
                            if (line.isEmpty()) {
                                out.write(("RTSP/1.0 " + status + "\r\n" + cseq
                                        + "\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n")
                                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                                out.flush();
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // closed by the test
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void refusedCredentialsAreAnAuthFailure() throws Exception {
        for (String status : new String[] {"401 Unauthorized", "403 Forbidden"}) {
            try (var server = rtspAnswering(status);
                    FfmpegSource s = new FfmpegSource("rtsp://admin:wrong@127.0.0.1:" + server.getLocalPort() + "/s",
                            Map.of("rtsp_transport", "tcp"), 1)) {
                assertThatThrownBy(s::open).as(status).isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionStatus.AUTH_FAILED));
            }
        }
    }

    @Test
    void aDeadRtspPortFailsFastAndAbortIsPrompt() throws Exception {
        // nothing listens on this port: connection refused at once
        long t0 = System.nanoTime();
        try (FfmpegSource s = new FfmpegSource("rtsp://127.0.0.1:9/none", Map.of("rtsp_transport", "tcp"), 1)) {
            assertThatThrownBy(s::open).isInstanceOf(SourceException.class);
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(FfmpegSource.OPEN_TIMEOUT_MILLIS + 2_000);
    }
}
