package org.megbox.alg.structure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.engine.CaptureTracker;
import org.megbox.engine.StructureSurveillance;
import org.megbox.engine.StructureSurveillanceService;
import org.megbox.engine.testing.InMemoryStructureSettings;
import org.megbox.engine.testing.ScriptedVideo;
import org.megbox.inference.internal.OrtInferenceEngine;

/**
 * The §20.1 setting (through the engine's {@link StructureSurveillanceService}) gates the capture component: it starts
 * and stops the channel's worker instead of the §7 switch when present, and only the named targets become captures;
 * without a setting, or without the service, the §7 switch decides as before.
 */
class StructureSettingGateTest {

    final ScriptedVideo video = new ScriptedVideo();
    final InMemoryStructureSettings settings = new InMemoryStructureSettings();
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

        video.ch = ScriptedVideo.channel(false);
        sc.setStructures(settings);
        sc.channelAdded(video.ch);
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
