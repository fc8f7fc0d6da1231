package org.megbox.video.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.video.ConnectionStatus;
import org.megbox.video.FrameSubscription;

/** One channel's decoder thread with real FFmpeg: a local file, a refused port, a source that never answers. */
class ChannelDecoderTest {

    private final List<ConnectionStatus> changes = new CopyOnWriteArrayList<>();

    private ChannelDecoder decoder(String url, int rotation, FrameHub hub) {
        return new ChannelDecoder(hub.videoNo(), url, "", "", rotation, hub, true, 1,
                new AtomicLong[] {new AtomicLong(), new AtomicLong()}, (from, to) -> changes.add(to));
    }

    private static void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void aLocalFilePlaysInRealTimeRotatedAtTheRequestedRate() throws Exception {
        assumeTrue(Files.isReadable(FfmpegSourceTest.VTEST), "vtest.avi not installed");
        FrameHub hub = new FrameHub(2);
        ChannelDecoder d = decoder(FfmpegSourceTest.VTEST.toString(), 270, hub);
        try (FrameSubscription sub = hub.subscribe(5)) {
            d.start();
            Frame first = sub.awaitNewer(-1, Duration.ofSeconds(10));
            assertThat(first).isNotNull();
            assertThat(first.width()).isEqualTo(576);
            assertThat(first.height()).isEqualTo(768);
            assertThat(first.bgr().remaining()).isEqualTo(576 * 768 * 3);
            Frame f = first;
            for (int i = 0; i < 4; i++) {
                f = sub.awaitNewer(f.frameId(), Duration.ofSeconds(5));
                assertThat(f).isNotNull();
            }
            // 5 frames at 5 fps of a 10 fps file: every other frame, 200 ms of video time apart
            assertThat(f.ptsMillis() - first.ptsMillis()).isEqualTo(800);
            assertThat(f.frameId() - first.frameId()).isEqualTo(8);
            assertThat(d.status()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(d.stats().framesDecoded()).isBetween(9L, 40L); // paced: not the whole file at once
            assertThat(d.stats().framesConverted()).isLessThan(d.stats().framesDecoded());
        } finally {
            d.stop(2_000);
        }
        assertThat(d.isAlive()).isFalse();
        assertThat(changes).containsExactly(ConnectionStatus.CONNECTED);
    }

    @Test
    void aFileThatEndsLoopsWithoutLeavingStatusConnected(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assumeTrue(Files.isReadable(FfmpegSourceTest.VTEST), "vtest.avi not installed");
        // the first 150 kB of the AVI: about a second of video, without the index at the end
        java.nio.file.Path shortClip = dir.resolve("short.avi");
        try (var in = Files.newInputStream(FfmpegSourceTest.VTEST)) {
            Files.write(shortClip, in.readNBytes(150_000));
        }
        FrameHub hub = new FrameHub(5);
        ChannelDecoder d = decoder(shortClip.toString(), 0, hub);
        try (FrameSubscription sub = hub.subscribe(Double.POSITIVE_INFINITY)) {
            d.start();
            await("looped twice", Duration.ofSeconds(20), () -> d.stats().reconnects() >= 2);
            Frame f = sub.awaitNewer(-1, Duration.ofSeconds(5));
            assertThat(f).isNotNull();
            Frame g = sub.awaitNewer(f.frameId(), Duration.ofSeconds(5));
            assertThat(g).isNotNull();
            assertThat(d.status()).isEqualTo(ConnectionStatus.CONNECTED);
        } finally {
            d.stop(2_000);
        }
        assertThat(changes).containsExactly(ConnectionStatus.CONNECTED); // no flicker at the loop
    }

    @Test
    void aRefusedSourceIsRetriedWithBackoffAndStopsAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        FrameHub hub = new FrameHub(3);
        ChannelDecoder d = decoder("rtsp://127.0.0.1:" + port + "/x", 0, hub);
        d.start();
        try {
            await("failed", Duration.ofSeconds(10), () -> d.status() == ConnectionStatus.CONNECT_FAILED);
            await("retried", Duration.ofSeconds(10), () -> d.stats().reconnects() >= 2);
            assertThat(d.stats().lastError()).contains("refused");
        } finally {
            d.stop(2_000);
        }
        assertThat(d.isAlive()).isFalse();
    }

    @Test
    void aSourceThatNeverAnswersNeitherBlocksNorDelaysStop() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts, then says nothing
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            FrameHub hub = new FrameHub(4);
            ChannelDecoder d = decoder("rtsp://127.0.0.1:" + silent.getLocalPort() + "/x", 0, hub);
            d.start();
            await("connected at TCP level", Duration.ofSeconds(5), () -> !accepted.isEmpty());
            // the watchdog's view: no frame for longer than the stall limit is a failure
            d.checkStall(System.currentTimeMillis() + ChannelDecoder.STALL_MILLIS + 1);
            assertThat(d.status()).isEqualTo(ConnectionStatus.CONNECT_FAILED);
            long t0 = System.nanoTime();
            d.stop(5_000);
            assertThat(d.isAlive()).isFalse();
            // stop aborted the blocked open through the interrupt callback, well before its own timeout
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(FfmpegSource.OPEN_TIMEOUT_MILLIS);
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
