package org.megbox.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shared RTSP test server ({@code ../shared/tools/rtsp-serve}, GStreamer) serving a clip on
 * 127.0.0.1 for the video tests. {@link #available()} says whether this machine can run it (the tool, python3
 * with GstRtspServer, the clip); tests assume it rather than fail where it is not installed.
 */
final class RtspServer implements AutoCloseable {

    static final Path VTEST_DEB = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
    /** Debian's clip; gunzipped to a temporary file where the package ships it compressed. */
    static final Path VTEST = clip();
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90); // the first run transcodes the clip once

    private final int port;
    private final Path video;
    private Process process;

    RtspServer(Path video, int port) {
        this.video = video;
        this.port = port;
    }

    private static Path clip() {
        if (Files.isReadable(VTEST_DEB)) {
            return VTEST_DEB;
        }
        Path gz = Path.of(VTEST_DEB + ".gz");
        if (!Files.isReadable(gz)) {
            return VTEST_DEB;
        }
        try {
            Path out = Files.createTempFile("vtest-", ".avi");
            out.toFile().deleteOnExit();
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
                Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return out;
        } catch (IOException e) {
            return VTEST_DEB;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tool: {@code -Dmegbox.rtspServe} or {@code MEGBOX_RTSP_SERVE}, else the copy this module keeps in
     * {@code src/test/tools/rtsp-serve} (so CI never depends on a sibling folder), else found above the
     * working directory as {@code shared/tools/rtsp-serve}.
     */
    static Optional<Path> tool() {
        String explicit = System.getProperty("megbox.rtspServe", System.getenv("MEGBOX_RTSP_SERVE"));
        if (explicit != null) {
            return Optional.of(Path.of(explicit));
        }
        Path own = Path.of("src/test/tools/rtsp-serve").toAbsolutePath();
        if (Files.isExecutable(own)) {
            return Optional.of(own);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/tools/rtsp-serve");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Null when the server can run here, else why not. */
    static String unavailableReason() {
        if (tool().isEmpty()) {
            return "shared/tools/rtsp-serve not found";
        }
        if (!Files.isReadable(VTEST)) {
            return VTEST_DEB + " missing (apt-get install opencv-doc)";
        }
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                    "import gi; gi.require_version('GstRtspServer','1.0'); from gi.repository import GstRtspServer")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "GstRtspServer missing (apt-get install python3-gi gir1.2-gst-rtsp-server-1.0 "
                        + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad)";
            }
        } catch (IOException e) {
            return "no /usr/bin/python3";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/stream";
    }

    /** Starts the server and waits for its "serving rtsp://" line. */
    RtspServer start() {
        try {
            process = new ProcessBuilder(tool().orElseThrow().toString(), video.toString(), String.valueOf(port))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Boolean> readyLine = new CompletableFuture<>();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean seen = false;
                while ((line = r.readLine()) != null) { // keep draining so the server never blocks on stdout
                    if (!seen && line.startsWith("serving rtsp://")) {
                        seen = true;
                        readyLine.complete(true);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            readyLine.complete(false);
        }, "rtsp-serve-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!readyLine.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("rtsp-serve ended without serving");
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("rtsp-serve on port " + port + " did not start", e);
        }
        return this;
    }

    /** Kills the server (SIGKILL: the stream just stops, as when a camera loses power). */
    void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
