package org.megbox.alg.perimeter.internal;

import java.net.URL;
import java.util.List;
import org.megbox.api.analysis.AnalysisResult;
import org.megbox.api.analysis.Analyzer;
import org.megbox.api.analysis.AnalyzerFactory;
import org.megbox.api.analysis.Frame;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.rule.AlertRule;
import org.megbox.inference.detect.CocoDetector;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The perimeter warehouse's analyzer (alg_type 14): only <b>detections</b> — persons, cars and cycles from the COCO
 * detector shipped in this bundle ({@code models/nanodet.onnx}, NanoDet 416², the inference bundle's measured
 * default: about 16 ms/frame on 2 cores against 73 ms for CenterNet). The engine does the rest (tracking,
 * areas and lines, duration/cooldown/timeRange), so the events this warehouse really analyses are exactly those the
 * engine evaluates from plain detections; its descriptor lists them in {@code analyzer.events} and the engine refuses
 * to run a rule that uses any other (fall, smoke, call, …: no model for them).
 *
 * <p>Registered with {@code megbox.analyzer.scope=channel}: detection does not depend on the rule, so a channel runs
 * the detector once per frame for all its perimeter rules. The ONNX session is loaded on the first open (so a box
 * without perimeter rules pays nothing) and shared by every channel (InferenceEngineService caches it by name and
 * content).
 */
@Component(service = AnalyzerFactory.class, property = {"megbox.alg_type:Integer=14", "megbox.analyzer.scope=channel"})
public final class PerimeterAnalyzerFactory implements AnalyzerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PerimeterAnalyzerFactory.class);

    /** The model this warehouse runs. */
    static final CocoDetector.Model MODEL = CocoDetector.Model.NANODET;

    private final InferenceEngineService inference;
    private final URL model;
    private CocoDetector detector;

    @Activate
    public PerimeterAnalyzerFactory(@Reference InferenceEngineService inference, BundleContext context) {
        this(inference, context.getBundle().getEntry(MODEL.resource()));
    }

    PerimeterAnalyzerFactory(InferenceEngineService inference, URL model) {
        this.inference = inference;
        this.model = model;
    }

    /** The shared detector, loaded on first use. */
    synchronized CocoDetector detector() {
        if (detector == null) {
            if (model == null) {
                throw new IllegalStateException("the perimeter bundle ships no " + MODEL.resource());
            }
            try {
                detector = CocoDetector.open(inference, MODEL, model, CocoDetector.Settings.defaults(MODEL));
            } catch (InferenceException e) {
                throw new IllegalStateException("cannot load " + MODEL.resource() + ": " + e.getMessage(), e);
            }
            LOG.info("perimeter: {} loaded ({} threads per run)", MODEL.resource(), inference.intraOpThreads());
        }
        return detector;
    }

    @Override
    public Analyzer open(AlertRule rule) {
        CocoDetector d = detector();
        return new Analyzer() {
            @Override
            public AnalysisResult analyze(Frame frame) {
                try {
                    return new AnalysisResult(d.detect(frame), List.of());
                } catch (InferenceException e) {
                    throw new IllegalStateException("detector failed on frame " + frame.frameId(), e);
                }
            }

            @Override
            public void close() {
                // the detector is shared by every channel; it goes with the component
            }
        };
    }

    @Deactivate
    synchronized void deactivate() {
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }
}
