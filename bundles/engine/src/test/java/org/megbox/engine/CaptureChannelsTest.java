package org.megbox.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.api.geometry.Point;
import org.megbox.engine.testing.InMemoryStructureSettings;
import org.megbox.engine.testing.ScriptedVideo;
import org.slf4j.LoggerFactory;

/**
 * The per-channel capture workers shared by the capture warehouses: which channels capture (§20.1 setting, else the §7
 * switch), one worker with its own subscription per capturing channel, one capture per finished track with the
 * warehouse's payload, trackReset, and stopping (open tracks delivered) — with a scripted channel and analysis.
 */
class CaptureChannelsTest {

    static final double FPS = 7.5;
    static final long ID_BASE = 5_000_000;

    /** A warehouse that wants the target "human", finds one box in the frames the test names, payload "seen@id". */
    final class ScriptedWarehouse implements CaptureChannels.Warehouse<String> {
        final Map<Long, Boolean> boxIn = new ConcurrentHashMap<>();
        final List<CaptureTracker.Capture<String>> delivered = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger analysed = new AtomicInteger();
        final List<String> deliveredOn = new CopyOnWriteArrayList<>();
        volatile RuntimeException openFails;
        volatile long failOnFrame = -1;

        @Override
        public boolean wants(StructureSurveillance setting) {
            return setting.detects("human");
        }

        @Override
        public CaptureChannels.FrameAnalysis<String> open(int videoNo) {
            if (openFails != null) {
                throw openFails;
            }
            return frame -> {
                analysed.incrementAndGet();
                if (frame.frameId() == failOnFrame) {
                    throw new Exception("scripted failure");
                }
                if (!boxIn.getOrDefault(frame.frameId(), false)) {
                    return CaptureChannels.Sightings.of(List.of());
                }
                return new CaptureChannels.Sightings<>(
                        List.of(new Detection("person", 0.5f + frame.frameId() / 20f, new Box(0.1, 0.1, 0.3, 0.5))),
                        List.of("seen@" + frame.frameId()));
            };
        }

        @Override
        public void deliver(CaptureTracker.Capture<String> capture) {
            deliveredOn.add(Thread.currentThread().getName());
            delivered.add(capture);
        }

        @Override
        public String capturing() {
            return "scripted targets at " + FPS + " fps";
        }
    }

    static Frame frame(long id) {
        return new Frame(4, id, id * 100, 1_700_000_000_000L + id * 100, 8, 4, ByteBuffer.allocate(8 * 4 * 3));
    }

    final ScriptedVideo video = new ScriptedVideo();
    final ScriptedWarehouse warehouse = new ScriptedWarehouse();
    final CaptureChannels<String> channels = new CaptureChannels<>(LoggerFactory.getLogger(CaptureChannelsTest.class),
            "scripted", video, FPS, ID_BASE, warehouse);

    @AfterEach
    void close() {
        channels.close();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }

    /** Queues frames first..last (a box in those marked) and waits until the worker analysed them all. */
    void play(long first, long last, boolean box) throws InterruptedException {
        int before = warehouse.analysed.get();
        for (long i = first; i <= last; i++) {
            warehouse.boxIn.put(i, box);
            video.frames.add(frame(i));
        }
        await(() -> warehouse.analysed.get() >= before + (last - first + 1));
    }

    @Test
    void withoutSettingsTheSwitchDecides() {
        video.ch = ScriptedVideo.channel(false);
        channels.channelAdded(video.ch);
        assertThat(channels.capturing(4)).isFalse();
        assertThat(video.rates).isEmpty();

        video.ch = ScriptedVideo.channel(true);
        channels.channelUpdated(ScriptedVideo.channel(false), video.ch);
        assertThat(channels.capturing(4)).isTrue();
        assertThat(video.rates).containsExactly(FPS);
        channels.channelUpdated(video.ch, video.ch);
        assertThat(video.rates).as("one worker per channel").hasSize(1);

        channels.channelRemoved(video.ch);
        assertThat(channels.capturing(4)).isFalse();
        assertThat(video.closed).isTrue();
    }

    @Test
    void aSection20SettingDecidesInsteadOfTheSwitch() {
        InMemoryStructureSettings settings = new InMemoryStructureSettings();
        video.ch = ScriptedVideo.channel(false);
        channels.bind(settings);
        channels.channelAdded(video.ch);
        assertThat(channels.capturing(4)).as("no setting: the §7 switch (off)").isFalse();
        assertThat(channels.setting(4)).isEmpty();

        settings.put(new StructureSurveillance(4, true, 1, List.of("human")));
        assertThat(channels.capturing(4)).as("setting names a wanted target, switch off").isTrue();
        assertThat(channels.setting(4)).isPresent();
        settings.put(new StructureSurveillance(4, true, 1, List.of("plate")));
        assertThat(channels.capturing(4)).as("no target of this warehouse").isFalse();
        settings.put(new StructureSurveillance(4, true, 1, List.of("human")));
        video.ch = ScriptedVideo.channel(true);
        channels.channelUpdated(ScriptedVideo.channel(false), video.ch);
        settings.put(new StructureSurveillance(4, false, 1, List.of("human")));
        assertThat(channels.capturing(4)).as("setting off wins over the switch").isFalse();

        channels.unbind(settings);
        assertThat(channels.capturing(4)).as("service gone: back to the §7 switch (on)").isTrue();
        assertThat(settings.listeners).isEmpty();
        assertThat(channels.setting(4)).isEmpty();
    }

    @Test
    void eachTrackOnceWithItsBestSightingOnTheChannelsThread() throws Exception {
        channels.channelAdded(video.ch);
        play(1, 4, true);
        play(5, 5 + CaptureTracker.MAX_MISSES, false);
        assertThat(warehouse.delivered).hasSize(1);
        CaptureTracker.Capture<String> c = warehouse.delivered.get(0);
        assertThat(c.trackId()).isGreaterThan(ID_BASE);
        assertThat(c.targetType()).isEqualTo("person");
        assertThat(c.payload()).as("the best-scoring sighting's payload").isEqualTo("seen@4");
        assertThat(c.frame().frameId()).isEqualTo(4);
        assertThat(warehouse.deliveredOn).containsOnly("megbox-scripted-4");
        assertThat(video.subscribers).containsOnly("megbox-scripted-4");
    }

    @Test
    void trackResetAndStoppingDeliverTheOpenTracks() throws Exception {
        channels.channelAdded(video.ch);
        play(1, 3, true);
        assertThat(warehouse.delivered).isEmpty();
        channels.trackReset(4);
        await(() -> warehouse.delivered.size() == 1);

        play(4, 6, true);
        assertThat(warehouse.delivered).hasSize(1);
        video.ch = ScriptedVideo.channel(false);
        channels.channelUpdated(ScriptedVideo.channel(true), video.ch);
        assertThat(channels.capturing(4)).isFalse();
        assertThat(warehouse.delivered).as("the open track, when the channel stopped").hasSize(2);
        assertThat(warehouse.delivered.get(0).payload()).isEqualTo("seen@3");
        assertThat(warehouse.delivered.get(1).payload()).isEqualTo("seen@6");
        assertThat(warehouse.delivered.get(1).trackId()).as("the fresh tracker's range").isGreaterThan(ID_BASE);
    }

    @Test
    void aFailingFrameIsSkippedAndAFailingOpenKeepsTheChannelIdle() throws Exception {
        warehouse.openFails = new IllegalStateException("no model");
        channels.channelAdded(video.ch);
        assertThat(channels.capturing(4)).isFalse();
        assertThat(video.rates).isEmpty();

        warehouse.openFails = null;
        channels.channelUpdated(video.ch, video.ch);
        assertThat(channels.capturing(4)).isTrue();
        warehouse.failOnFrame = 2;
        play(1, 4, true);
        channels.close();
        assertThat(warehouse.delivered).as("frames 1, 3, 4: confirmed").hasSize(1);
        assertThat(warehouse.delivered.get(0).payload()).isEqualTo("seen@4");
        assertThat(channels.capturing(4)).isFalse();
        channels.channelAdded(video.ch);
        assertThat(channels.capturing(4)).as("closed: no more workers").isFalse();
    }

    @Test
    void aFailingSinkDoesNotKeepTheEventFromTheOthers() {
        List<AlarmEvent> got = new CopyOnWriteArrayList<>();
        AlarmEventSink failing = (e, f) -> {
            throw new IllegalStateException("full");
        };
        channels.addSink(failing);
        channels.addSink((e, f) -> got.add(e));
        Frame f = frame(1);
        AlarmEvent e = new AlarmEvent(4, 1, "capture", 0, "", 0, "person", ID_BASE + 1,
                CaptureChannels.corners(new Box(0.1, 0.2, 0.3, 0.4)), 1, f.recvTimestampMillis());
        channels.publish(e, f);
        assertThat(got).containsExactly(e);
        assertThat(e.targetPoints()).containsExactly(new Point(0.1, 0.2), new Point(0.3, 0.2), new Point(0.3, 0.4),
                new Point(0.1, 0.4));
        channels.removeSink(failing);
        channels.publish(e, f);
        assertThat(got).hasSize(2);
    }
}
