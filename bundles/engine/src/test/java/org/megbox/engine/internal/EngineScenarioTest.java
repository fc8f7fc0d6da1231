package org.megbox.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.megbox.api.analysis.AnalysisResult;
import org.megbox.api.analysis.Analyzer;
import org.megbox.api.analysis.AnalyzerFactory;
import org.megbox.api.analysis.Detection;
import org.megbox.api.analysis.Frame;
import org.megbox.api.event.AlarmEvent;
import org.megbox.api.geometry.Box;
import org.megbox.api.rule.AlertRule;
import org.megbox.api.warehouse.AnalyzerSupport;
import org.megbox.api.warehouse.Warehouse;
import org.megbox.api.warehouse.WarehouseDescriptor;
import org.megbox.engine.AlarmEventSink;
import org.megbox.engine.FrameDetector;
import org.megbox.engine.RuleStatus;
import org.megbox.persistence.internal.MapDbDatabase;
import org.osgi.framework.Constants;

/**
 * Scheduler + tracker + evaluators in process: a fake channel replays scripted frames (125 ms apart in frame
 * time), a fake detector answers from a script, a recording sink collects the events. The test steps the
 * channel itself (the pool may step it too; each frame is analysed exactly once, in order).
 */
class EngineScenarioTest {

    static final String MULTI = "/multiAlgVideos/{videoNo}/multiAlert";
    static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    MapDbDatabase db;
    RuleEngine engine;
    RuleEndpoints endpoints;
    final FakeVideo video = new FakeVideo().add(3);
    /** The shipped perimeter descriptor, but declaring an analyzer for every event (analyzer.events absent). */
    final FakeWarehouse perimeter = new FakeWarehouse(everyEventAnalysed(Descriptors.perimeter()), 11);

    static WarehouseDescriptor everyEventAnalysed(WarehouseDescriptor d) {
        return new WarehouseDescriptor(d.algType(), d.itemsType(), d.version(), d.algFrameRate(), d.maskAreaNum(),
                d.areaMaxNum(), d.roiAreaPointsRange(), d.maskAreaPointsRange(), d.alertorTypes(),
                new AnalyzerSupport(true, "test: every declared event"));
    }
    final List<AlarmEvent> events = Collections.synchronizedList(new ArrayList<>());
    final AlarmEventSink sink = (event, frame) -> events.add(event);

    @BeforeEach
    void open() {
        db = new MapDbDatabase(dir.resolve("db/megbox.db"), false);
        engine = new RuleEngine(db, ZoneOffset.UTC, 2);
        engine.setVideo(video);
        engine.addWarehouse(perimeter, perimeter.properties());
        engine.addSink(sink);
        endpoints = new RuleEndpoints(engine);
    }

    @AfterEach
    void close() {
        engine.deactivate();
        db.close();
    }

    /** A detector whose answer for frame n is script(n), counting its calls. */
    static final class ScriptedDetector implements FrameDetector {
        final LongFunction<List<Detection>> script;
        final AtomicInteger calls = new AtomicInteger();

        ScriptedDetector(LongFunction<List<Detection>> script) {
            this.script = script;
        }

        @Override
        public Set<String> targetTypes() {
            return Set.of("person", "car", "cycle");
        }

        @Override
        public List<Detection> detect(Frame frame) {
            calls.incrementAndGet();
            return script.apply(frame.frameId());
        }
    }

    static Detection person(double x, double y) {
        return new Detection("person", 0.9f, new Box(x - 0.05, y - 0.2, x + 0.05, y));
    }

    /** Frames 1..16 nobody; 17..80 a person standing at (0.5, 0.5) inside the rule's square. */
    static List<Detection> standing(long frameId) {
        return frameId <= 16 ? List.of() : List.of(person(0.5, 0.5));
    }

    void post(ObjectNode body) {
        endpoints.multiAlert(FakeRequest.post(MULTI, 3, body.toString()));
    }

    /** Steps the channel until its queued frames are gone. */
    void drain() {
        for (int i = 0; i < 10_000 && video.remaining(3) > 0; i++) {
            engine.step(3);
        }
        assertThat(video.remaining(3)).isZero();
    }

    static ObjectNode intrusionRule(int ruleIndex, long duration, long cooldown) {
        ObjectNode body = RuleValidatorTest.intrusion();
        body.put("ruleIndex", ruleIndex);
        RuleValidatorTest.alertor(body, 0).put("duration", duration).put("cooldown_duration", cooldown);
        return body;
    }

    @Test
    void intrusionThroughTheWholePath() {
        ScriptedDetector detector = new ScriptedDetector(EngineScenarioTest::standing);
        engine.addDetector(detector, Map.of(Constants.SERVICE_ID, 50L));
        post(intrusionRule(1, 2, 5));
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);
        assertThat(video.subscriptions).hasSize(1);
        assertThat(video.subscriptions.get(0).requestedRate()).isEqualTo(8.0); // the perimeter's alg_frame_rate
        video.queue(3, 80, T0, 125);
        drain();
        assertThat(events).hasSize(1);
        AlarmEvent e = events.get(0);
        assertThat(e.videoNo()).isEqualTo(3);
        assertThat(e.algType()).isEqualTo(14);
        assertThat(e.eventType()).isEqualTo("intrusion");
        assertThat(e.targetType()).isEqualTo("person");
        // born at frame 18 (second sighting), inside for 2 s = 16 frames of 125 ms
        assertThat(e.frameId()).isBetween(33L, 35L);
        assertThat(e.timestampMillis()).isEqualTo(T0 + (e.frameId() - 1) * 125);
        assertThat(engine.eventsRaised()).isEqualTo(1);
        assertThat(engine.eventsWithoutSink()).isZero();
        assertThat(new org.megbox.engine.internal.console.RuleCommands(engine).rules())
                .contains("channel 3 rule 1 algType 14: RUNNING - generic detector", "channel 3: 80 frames analysed",
                        "events raised: 1, without a sink: 0");
    }

    @Test
    void oneDetectionPerFrameSharedByTheChannelsRules() {
        ScriptedDetector detector = new ScriptedDetector(EngineScenarioTest::standing);
        engine.addDetector(detector, Map.of(Constants.SERVICE_ID, 50L));
        post(intrusionRule(1, 2, 5));
        post(intrusionRule(2, 4, 5));
        video.queue(3, 80, T0, 125);
        drain();
        assertThat(detector.calls.get()).isEqualTo(80);
        assertThat(events).extracting(e -> e.frameId() > 40).containsExactly(false, true);
        // both rules saw the same track
        assertThat(events.get(0).targetId()).isEqualTo(events.get(1).targetId());
    }

    @Test
    void trackResetGivesNewIdsAndRestartsTimers() {
        ScriptedDetector detector = new ScriptedDetector(EngineScenarioTest::standing);
        engine.addDetector(detector, Map.of(Constants.SERVICE_ID, 50L));
        post(intrusionRule(1, 2, 0));
        video.queue(3, 40, T0, 125);
        drain();
        assertThat(events).hasSize(1);
        engine.trackReset(3);
        video.queue(3, 40, T0 + 5000, 125); // frame ids restart in the fake; the person is still there
        drain();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).targetId()).isNotEqualTo(events.get(0).targetId());
    }

    @Test
    void withoutASinkEventsAreCounted() {
        engine.removeSink(sink);
        engine.addDetector(new ScriptedDetector(EngineScenarioTest::standing), Map.of(Constants.SERVICE_ID, 50L));
        post(intrusionRule(1, 2, 5));
        video.queue(3, 80, T0, 125);
        drain();
        assertThat(events).isEmpty();
        assertThat(engine.eventsWithoutSink()).isEqualTo(1);
    }

    /** A warehouse analyzer: supplies detections and raises one event of its own on frame 5. */
    static final class FakeFactory implements AnalyzerFactory {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final List<AlertRule> rules = new ArrayList<>();

        @Override
        public Analyzer open(AlertRule rule) {
            opened.incrementAndGet();
            rules.add(rule);
            return new Analyzer() {
                @Override
                public AnalysisResult analyze(Frame frame) {
                    List<AlarmEvent> own = frame.frameId() == 5
                            ? List.of(new AlarmEvent(3, 14, "fall", 1, "polygon", 1, "person", 0, List.of(), 5, 0))
                            : List.of();
                    return new AnalysisResult(standing(frame.frameId()), own);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    @Test
    void aWarehouseAnalyzerSuppliesDetectionsAndIsClosedOnUnbindAndReopened() {
        FakeFactory factory = new FakeFactory();
        Map<String, Object> props = Map.of(Constants.SERVICE_ID, 60L, Warehouse.ALG_TYPE, 14);
        engine.addAnalyzerFactory(factory, props);
        ObjectNode rule = intrusionRule(1, 2, 5);
        ((ArrayNode) RuleValidatorTest.alertor(rule, 0).get("alertor_type")).removeAll().add("fall"); // not generic
        post(rule);
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);
        assertThat(factory.opened.get()).isEqualTo(1);
        assertThat(factory.rules.get(0).alertors().get(0).alertorTypes()).containsExactly("fall");
        video.queue(3, 80, T0, 125);
        drain();
        // the analyzer's own event passes through; the engine times its detections as "fall" presence
        assertThat(events).extracting(AlarmEvent::frameId).containsExactly(5L, events.get(1).frameId());
        assertThat(events.get(1).eventType()).isEqualTo("fall");

        engine.removeAnalyzerFactory(factory, props);
        assertThat(factory.closed.get()).isEqualTo(1);
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.NO_ANALYZER);
        assertThat(video.subscriptions.get(0).closed).isTrue();

        engine.addAnalyzerFactory(factory, props);
        assertThat(factory.opened.get()).isEqualTo(2);
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);

        // warehouse leaves: analyzers closed, the rule waits; it comes back: re-armed
        engine.removeWarehouse(perimeter, perimeter.properties());
        assertThat(factory.closed.get()).isEqualTo(2);
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.WAITING_FOR_WAREHOUSE);
        engine.addWarehouse(perimeter, perimeter.properties());
        assertThat(factory.opened.get()).isEqualTo(3);
    }

    @Test
    void theBoundedPoolAnalysesOnItsOwn() throws InterruptedException {
        ScriptedDetector detector = new ScriptedDetector(EngineScenarioTest::standing);
        engine.addDetector(detector, Map.of(Constants.SERVICE_ID, 50L));
        post(intrusionRule(1, 0, 5));
        video.queue(3, 20, T0, 125);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // waiting for the pool's own ticks, not for frame time
        }
        assertThat(events).hasSize(1);
        assertThat(engine.framesAnalysed(3)).isGreaterThanOrEqualTo(18);
    }

    @Test
    void analyzerScopeRuleOpensOnePerRuleChannelScopeSharesOne() {
        ObjectNode rule1 = intrusionRule(1, 2, 5);
        ((ArrayNode) RuleValidatorTest.alertor(rule1, 0).get("alertor_type")).removeAll().add("fall");
        ObjectNode rule2 = rule1.deepCopy();
        rule2.put("ruleIndex", 2);

        FakeFactory perRule = new FakeFactory();
        Map<String, Object> props = Map.of(Constants.SERVICE_ID, 60L, Warehouse.ALG_TYPE, 14);
        engine.addAnalyzerFactory(perRule, props);
        post(rule1);
        post(rule2);
        assertThat(perRule.rules).extracting(AlertRule::ruleIndex).containsExactly(1, 1, 2); // rule 1, then both anew
        engine.removeAnalyzerFactory(perRule, props);

        FakeFactory shared = new FakeFactory();
        engine.addAnalyzerFactory(shared, Map.of(Constants.SERVICE_ID, 61L, Warehouse.ALG_TYPE, 14,
                org.megbox.engine.AnalyzerScope.PROPERTY, org.megbox.engine.AnalyzerScope.CHANNEL));
        assertThat(shared.opened.get()).isEqualTo(1);
        assertThat(shared.rules.get(0).ruleIndex()).isEqualTo(1);
    }

    @Test
    void aRuleUsingAnEventTheWarehouseDoesNotAnalyseIsNotRun() {
        // the shipped perimeter descriptor lists the events its detector-only analyzer really supports
        FakeWarehouse shipped = new FakeWarehouse(Descriptors.perimeter(), 12);
        engine.removeWarehouse(perimeter, perimeter.properties());
        engine.addWarehouse(shipped, shipped.properties());
        FakeFactory factory = new FakeFactory();
        engine.addAnalyzerFactory(factory, Map.of(Constants.SERVICE_ID, 63L, Warehouse.ALG_TYPE, 14,
                org.megbox.engine.AnalyzerScope.PROPERTY, org.megbox.engine.AnalyzerScope.CHANNEL));
        ObjectNode fall = intrusionRule(1, 0, 5);
        ((ArrayNode) RuleValidatorTest.alertor(fall, 0).get("alertor_type")).removeAll().add("intrusion").add("fall");
        post(fall);
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.NO_ANALYZER);
        assertThat(engine.rule(3, 1).orElseThrow().detail()).contains("does not analyse [fall]");
        post(intrusionRule(2, 0, 5));
        assertThat(engine.rule(3, 2).orElseThrow().status()).isEqualTo(RuleStatus.RUNNING);
        assertThat(factory.rules).extracting(AlertRule::ruleIndex).containsExactly(2);
        video.queue(3, 40, T0, 125);
        drain();
        assertThat(events).isNotEmpty().allMatch(e -> e.eventType().equals("intrusion") || e.frameId() == 5);
    }

    @Test
    void anAnalyzerThatFailsToOpenIsReported() {
        AnalyzerFactory broken = rule -> {
            throw new IllegalStateException("model missing");
        };
        engine.addAnalyzerFactory(broken, Map.of(Constants.SERVICE_ID, 62L, Warehouse.ALG_TYPE, 14));
        post(intrusionRule(1, 2, 5));
        assertThat(engine.rule(3, 1).orElseThrow().status()).isEqualTo(RuleStatus.NO_ANALYZER);
        assertThat(engine.rule(3, 1).orElseThrow().detail()).contains("model missing");
    }
}
