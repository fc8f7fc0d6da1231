package org.megbox.video.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.megbox.api.analysis.Frame;
import org.megbox.video.FrameSubscription;

/**
 * Decode throughput of this box's decoder path outside the box (no REST, no pacing), for
 * dist/src/bench/video-ingest.sh: {@code DecodeBench FILE PASSES PARALLEL MODE} where MODE is
 * {@code decode} (every packet decoded, nothing converted: what a channel costs with no consumer),
 * {@code bgr} (every frame converted to BGR, as with a consumer at the source rate) or {@code bgr5}
 * (converted at 5 fps of video time through the frame hub, as for a 5 fps analysis rate). PARALLEL decoders
 * run at once, each over the file PASSES times. Prints one line: {@code frames=N seconds=S fps=F}.
 */
public final class DecodeBench {

    private DecodeBench() {
    }

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int passes = Integer.parseInt(args[1]);
        int parallel = Integer.parseInt(args[2]);
        String mode = args[3];
        FfmpegSource.initialise();
        run(file, 1, 1, mode); // warm-up: natives loaded, JIT
        AtomicLong frames = new AtomicLong();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            Thread t = new Thread(() -> {
                try {
                    frames.addAndGet(run(file, passes, 1, mode));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("frames=%d seconds=%.3f fps=%.1f%n", frames.get(), s, frames.get() / s);
    }

    /** The decoder thread's loop (ChannelDecoder.decodeLoop) without pacing; returns the frames decoded. */
    static long run(String file, int passes, int videoNo, String mode) throws Exception {
        FrameHub hub = new FrameHub(videoNo);
        double fps = switch (mode) {
            case "decode" -> 0;
            case "bgr" -> Double.POSITIVE_INFINITY;
            case "bgr5" -> 5;
            default -> throw new IllegalArgumentException(mode);
        };
        long n = 0;
        try (FrameSubscription sub = fps == 0 ? null : hub.subscribe(fps)) {
            for (int p = 0; p < passes; p++) {
                try (FfmpegSource source = new FfmpegSource(file, Map.of(), ChannelManager.DECODER_THREADS)) {
                    source.open();
                    while (source.next()) {
                        n++;
                        long pts = source.ptsMillis() + p * 1_000_000L;
                        long id = hub.nextFrameId();
                        if (!hub.beginFrame(pts)) {
                            continue;
                        }
                        int w = source.width();
                        int h = source.height();
                        ByteBuffer target = hub.acquireBuffer(w * h * 3);
                        source.convertTo(target.array());
                        hub.publish(new Frame(videoNo, id, pts, System.currentTimeMillis(), w, h, target));
                        sub.awaitNewer(-1, Duration.ZERO); // the consumer takes it at once
                    }
                }
            }
        }
        return n;
    }
}
