package org.megbox.engine.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.megbox.api.analysis.Frame;
import org.megbox.video.ChannelStats;
import org.megbox.video.ConnectionStatus;
import org.megbox.video.FaceSurveillance;
import org.megbox.video.FrameSubscription;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannels;

/**
 * One video channel for the capture tests (engine test-jar, used by the capture warehouses): channel {@link #ch}
 * (number {@value #VIDEO_NO}, switch on unless the test sets another), whose frames the test queues; every
 * subscription reads the same queue.
 */
public final class ScriptedVideo implements VideoChannels {

    public static final int VIDEO_NO = 4;

    public final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    /** The rate of each subscription, in order. */
    public final List<Double> rates = new CopyOnWriteArrayList<>();
    /** The threads that waited for frames. */
    public final List<String> subscribers = new CopyOnWriteArrayList<>();
    public volatile VideoChannel ch = channel(true);
    /** Whether the last subscription was closed. */
    public volatile boolean closed;
    /** What the channel's §7 surveillance binds (null: nothing kept). */
    public volatile FaceSurveillance faceSurveillance;

    /** Channel {@value #VIDEO_NO} with its §7 surveillance switch. */
    public static VideoChannel channel(boolean surveillance) {
        return new VideoChannel(VIDEO_NO, "cam_4", "rtsp://x/y", "", "", "", 0, surveillance,
                ConnectionStatus.CONNECTED);
    }

    @Override
    public Optional<FaceSurveillance> faceSurveillance(int videoNo) {
        return videoNo == VIDEO_NO ? Optional.ofNullable(faceSurveillance) : Optional.empty();
    }

    @Override
    public List<VideoChannel> channels() {
        return List.of(ch);
    }

    @Override
    public Optional<VideoChannel> channel(int videoNo) {
        return videoNo == VIDEO_NO ? Optional.of(ch) : Optional.empty();
    }

    @Override
    public Optional<ChannelStats> stats(int videoNo) {
        return Optional.empty();
    }

    @Override
    public FrameSubscription subscribe(int videoNo, double fps) {
        rates.add(fps);
        closed = false;
        return new FrameSubscription() {
            @Override
            public int videoNo() {
                return videoNo;
            }

            @Override
            public Frame awaitNewer(long lastFrameId, Duration timeout) throws InterruptedException {
                subscribers.add(Thread.currentThread().getName());
                return closed ? null : frames.poll(Math.min(timeout.toMillis(), 50), TimeUnit.MILLISECONDS);
            }

            @Override
            public void requestRate(double rate) {
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
        };
    }
}
