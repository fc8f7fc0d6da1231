package org.megbox.engine.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.megbox.api.analysis.Frame;
import org.megbox.video.ChannelStats;
import org.megbox.video.ConnectionStatus;
import org.megbox.video.FrameSubscription;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannels;

/** Channels without decoders: each subscription replays the frames a test queued for its channel, in order. */
final class FakeVideo implements VideoChannels {

    final Map<Integer, VideoChannel> channels = new TreeMap<>();
    final Map<Integer, ConcurrentLinkedQueue<Frame>> queued = new TreeMap<>();
    final List<Scripted> subscriptions = new ArrayList<>();

    static final ByteBuffer PIXELS = ByteBuffer.allocate(0).asReadOnlyBuffer();

    FakeVideo add(int videoNo) {
        channels.put(videoNo, new VideoChannel(videoNo, "cam" + videoNo, "rtsp://127.0.0.1/" + videoNo, "", "", "", 0,
                true, ConnectionStatus.CONNECTED));
        return this;
    }

    /** Queues frames 1..n for the channel, {@code stepMillis} apart from {@code startMillis}. */
    synchronized void queue(int videoNo, int n, long startMillis, long stepMillis) {
        ConcurrentLinkedQueue<Frame> q = queued.computeIfAbsent(videoNo, k -> new ConcurrentLinkedQueue<>());
        for (int i = 1; i <= n; i++) {
            long t = startMillis + (i - 1) * stepMillis;
            q.add(new Frame(videoNo, i, t - startMillis, t, 64, 36, PIXELS));
        }
    }

    synchronized int remaining(int videoNo) {
        ConcurrentLinkedQueue<Frame> q = queued.get(videoNo);
        return q == null ? 0 : q.size();
    }

    @Override
    public synchronized List<VideoChannel> channels() {
        return List.copyOf(channels.values());
    }

    @Override
    public synchronized Optional<VideoChannel> channel(int videoNo) {
        return Optional.ofNullable(channels.get(videoNo));
    }

    @Override
    public Optional<ChannelStats> stats(int videoNo) {
        return Optional.empty();
    }

    @Override
    public synchronized FrameSubscription subscribe(int videoNo, double fps) {
        Scripted s = new Scripted(videoNo, fps, queued.computeIfAbsent(videoNo, k -> new ConcurrentLinkedQueue<>()));
        subscriptions.add(s);
        return s;
    }

    static final class Scripted implements FrameSubscription {
        final int videoNo;
        volatile double fps;
        volatile boolean closed;
        final ConcurrentLinkedQueue<Frame> frames;

        Scripted(int videoNo, double fps, ConcurrentLinkedQueue<Frame> frames) {
            this.videoNo = videoNo;
            this.fps = fps;
            this.frames = frames;
        }

        @Override
        public int videoNo() {
            return videoNo;
        }

        @Override
        public Frame awaitNewer(long lastFrameId, Duration timeout) {
            return closed ? null : frames.poll();
        }

        @Override
        public void requestRate(double fps) {
            this.fps = fps;
        }

        @Override
        public double requestedRate() {
            return fps;
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
