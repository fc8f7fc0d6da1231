package org.megbox.facepipeline.internal;

import java.net.URL;
import java.util.Map;
import java.util.Optional;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceAttributes;
import org.megbox.api.face.FaceEmbedder;
import org.megbox.api.inference.InferenceEngineService;
import org.megbox.api.inference.InferenceException;
import org.megbox.api.inference.InferenceModel;
import org.megbox.api.inference.Tensor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * FaceRes (human-models 3.0.4): input {@code input_1} [N,224,224,3] RGB 0..255 (the {@link FaceAligner} crop);
 * outputs {@code global_pooling/Mean} [N,1024] (L2-normalised here), {@code gender_pred/Sigmoid} [N,1] and
 * {@code age_pred/Softmax} [N,100].
 *
 * <p>Age is the expected value Σ k·p(k) of the 100-bin softmax (years; a broad distribution gives a middle value
 * rather than an arbitrary peak). Gender: the sigmoid is the probability of <i>male</i> (vladmandic/human reads
 * ≤ 0.5 as female; checked here on known images, see FaceResEmbedderTest), mapped to §23.1.2's 0 male / 1 female
 * with confidence max(p, 1−p).
 *
 * <p>Ranking 0: a vendor's embedder registered with a higher {@code service.ranking} takes over.
 */
@Component(service = FaceEmbedder.class, property = Constants.SERVICE_RANKING + ":Integer=0")
public final class FaceResEmbedder implements FaceEmbedder {

    static final String MODEL_ID = "faceres-human-3.0.4";
    static final String RESOURCE = "models/faceres.onnx";
    static final int DIMENSION = 1024;
    private static final String DESCRIPTOR = "global_pooling/Mean";
    private static final String GENDER = "gender_pred/Sigmoid";
    private static final String AGE = "age_pred/Softmax";

    private final ModelHandle model;

    @Activate
    public FaceResEmbedder(@Reference InferenceEngineService engine, BundleContext context) {
        this(engine, context.getBundle().getEntry(RESOURCE));
    }

    FaceResEmbedder(InferenceEngineService engine, URL model) {
        this.model = new ModelHandle(engine, "faceres", model);
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public Description describe(Frame image, DetectedFace face) {
        return describeAligned(FaceAligner.align(image, face));
    }

    /** Describes a face already aligned to 224×224 RGB 0..255 (interleaved). */
    Description describeAligned(float[] rgb224) {
        InferenceModel m = model.get();
        Map<String, Tensor> out;
        try {
            String input = m.inputs().keySet().iterator().next();
            int s = FaceAligner.SIZE;
            out = m.run(Map.of(input, new Tensor(new long[] {1, s, s, 3}, rgb224)));
        } catch (InferenceException e) {
            throw new IllegalStateException("FaceRes failed: " + e.getMessage(), e);
        }
        float[] descriptor = normalise(find(out, DESCRIPTOR).data());
        float male = find(out, GENDER).data()[0];
        float[] age = find(out, AGE).data();
        return new Description(descriptor, Optional.of(attributes(male, age)));
    }

    static FaceAttributes attributes(float maleProbability, float[] ageSoftmax) {
        double expected = 0;
        double sum = 0;
        for (int k = 0; k < ageSoftmax.length; k++) {
            expected += k * ageSoftmax[k];
            sum += ageSoftmax[k];
        }
        int age = (int) Math.round(expected / sum);
        boolean female = maleProbability < 0.5f;
        return new FaceAttributes(age, female ? 1 : 0, female ? 1 - maleProbability : maleProbability);
    }

    private static Tensor find(Map<String, Tensor> out, String name) {
        Tensor t = out.get(name);
        if (t == null) {
            t = out.get(name + ":0");
        }
        if (t == null) {
            throw new IllegalStateException("FaceRes output " + name + " not found in " + out.keySet());
        }
        return t;
    }

    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(n, 1e-24)));
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] * inv;
        }
        return r;
    }

    @Deactivate
    void deactivate() {
        model.close();
    }
}
