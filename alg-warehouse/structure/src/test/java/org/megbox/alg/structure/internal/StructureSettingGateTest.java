package org.megbox.alg.structure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.StructureSurveillanceService;
import org.megbox.inference.internal.OrtInferenceEngine;
import org.megbox.video.ChannelStats;
import org.megbox.video.FrameSubscription;
import org.megbox.video.VideoChannel;
import org.megbox.video.VideoChannels;

/**
 * The §20.1 setting (through the engine's {@link StructureSurveillanceService}) gates the capture component: it starts
 * and stops the channel's worker instead of the §7 switch when present, and only the named targets become captures;
 * without a setting, or without the service, the §7 switch decides as before.
 */
class StructureSettingGateTest {

    /** The engine's service, in memory. */
    static final class Settings implements StructureSurveillanceService {
        final Map<Integer, StructureSurveillance> map = new ConcurrentHashMap<>();
        final List<Listener> listeners = new CopyOnWriteArrayList<>();

        void put(StructureSurveillance s) {
            map.put(s.videoNo(), s);
            listeners.forEach(l -> l.changed(s.videoNo()));
        }

        @Override
        public Optional<StructureSurveillance> get(int videoNo) {
            return Optional.ofNullable(map.get(videoNo));
        }

        @Override
        public void addListener(Listener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(Listener listener) {
            listeners.remove(listener);
        }
    }

    final StructureCaptureTest.ScriptedChannels frames = new StructureCaptureTest.ScriptedChannels();
    volatile VideoChannel ch4 = StructureCaptureTest.channel(true);
    /** Channel 4 with the switch of {@link #ch4}; frames from the scripted channels (none are queued). */
    final VideoChannels video = new VideoChannels() {
        @Override
        public List<VideoChannel> channels() {
            return List.of(ch4);
        }

        @Override
        public Optional<VideoChannel> channel(int videoNo) {
            return videoNo == 4 ? Optional.of(ch4) : Optional.empty();
        }

        @Override
        public Optional<ChannelStats> stats(int videoNo) {
            return Optional.empty();
        }

        @Override
        public FrameSubscription subscribe(int videoNo, double fps) {
            return frames.subscribe(videoNo, fps);
        }
    };
    final Settings settings = new Settings();
    final List<AlarmEvent> events = Collections.synchronizedList(new ArrayList<>());
    OrtInferenceEngine engine;
    StructureCapture sc;

    @BeforeEach
    void open() throws Exception {
        URL model = StructureSettingGateTest.class.getResource("/" + StructureCapture.MODEL.resource());
        engine = OrtInferenceEngine.create(0, 0);
        sc = new StructureCapture(video, engine, model);
        sc.addSink((e, f) -> events.add(e));
    }

    @AfterEach
    void close() {
        sc.deactivate();
        assertThat(engine.openSessions()).isZero();
    }

    static StructureSurveillance setting(boolean on, String... targets) {
        return new StructureSurveillance(4, on, 1, List.of(targets));
    }

    /** Which §20.1 settings start the channel; the start/stop lifecycle itself is CaptureChannelsTest's (engine). */
    @Test
    void aSettingStartsTheChannelOnlyForTargetsThisComponentProduces() {
        assertThat(StructureCapture.wants(setting(true, "human"))).isTrue();
        assertThat(StructureCapture.wants(setting(true, "motorVehicle"))).isTrue();
        assertThat(StructureCapture.wants(setting(true, "nonMotorVehicle"))).isTrue();
        assertThat(StructureCapture.wants(setting(true, "face", "plate"))).isFalse();
        assertThat(StructureCapture.wants(setting(false, "human", "motorVehicle"))).isFalse();

        ch4 = StructureCaptureTest.channel(false);
        sc.setStructures(settings);
        sc.channelAdded(ch4);
        assertThat(sc.capturing(4)).as("no setting: the §7 switch (off)").isFalse();
        settings.put(setting(true, "human"));
        assertThat(sc.capturing(4)).as("setting on, §7 switch off").isTrue();
        sc.unsetStructures(settings);
        assertThat(sc.capturing(4)).as("service gone: back to the §7 switch").isFalse();
        assertThat(settings.listeners).isEmpty();
    }

    static CaptureTracker.Capture<Void> capture(long id, String type) {
        return new CaptureTracker.Capture<>(id, type, 0.9f, new Box(1, 1, 2, 2),
                new Frame(4, id, id * 100, 1_700_000_000_000L + id, 4, 4, ByteBuffer.allocate(48)), null);
    }

    List<String> delivered() {
        List<String> types = events.stream().map(AlarmEvent::targetType).toList();
        events.clear();
        return types;
    }

    void deliverAll() {
        sc.deliver(capture(1, "person"));
        sc.deliver(capture(2, "car"));
        sc.deliver(capture(3, "cycle"));
    }

    @Test
    void onlyTheNamedTargetsBecomeCaptures() {
        deliverAll();
        assertThat(delivered()).as("no service").containsExactly("person", "car", "cycle");
        sc.setStructures(settings);
        deliverAll();
        assertThat(delivered()).as("no setting").containsExactly("person", "car", "cycle");
        settings.put(setting(true, "human"));
        deliverAll();
        assertThat(delivered()).containsExactly("person");
        settings.put(setting(true, "motorVehicle", "nonMotorVehicle"));
        deliverAll();
        assertThat(delivered()).containsExactly("car", "cycle");
        settings.put(setting(false, "human", "motorVehicle", "nonMotorVehicle"));
        deliverAll();
        assertThat(delivered()).isEmpty();
        assertThat(StructureCapture.specTarget("person")).isEqualTo("human");
    }
}
