package org.megbox.facepipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceAnalysisService;
import org.megbox.api.face.FaceDetector;
import org.megbox.api.face.FaceEmbedder;
import org.megbox.api.face.FaceQuality;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Detect → judge → describe: every face the {@link FaceDetector} finds (largest first) with its quality, and a
 * description from the highest-ranked {@link FaceEmbedder} when the quality gates accept it. The embedder reference
 * is dynamic and greedy, so a vendor's better embedder takes over as soon as it is registered.
 */
@Component(service = FaceAnalysisService.class, configurationPid = "org.megbox.facepipeline.quality")
@Designate(ocd = QualityGates.class)
public final class DefaultFaceAnalysis implements FaceAnalysisService {

    private final FaceDetector detector;
    private volatile QualityEstimator quality;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile FaceEmbedder embedder;

    @Activate
    public DefaultFaceAnalysis(@Reference FaceDetector detector, QualityGates gates) {
        this.detector = detector;
        this.quality = new QualityEstimator(gates);
    }

    /** For tests: a fixed embedder. */
    DefaultFaceAnalysis(FaceDetector detector, FaceEmbedder embedder, QualityGates gates) {
        this(detector, gates);
        this.embedder = embedder;
    }

    @Modified
    void modified(QualityGates gates) {
        this.quality = new QualityEstimator(gates);
    }

    @Override
    public String embedderId() {
        return embedder().modelId();
    }

    @Override
    public int dimension() {
        return embedder().dimension();
    }

    @Override
    public List<AnalyzedFace> analyze(Frame image) {
        FaceEmbedder e = embedder();
        QualityEstimator q = quality;
        List<DetectedFace> faces = new ArrayList<>(detector.detect(image));
        faces.sort((a, b) -> Double.compare(side(b), side(a)));
        List<AnalyzedFace> result = new ArrayList<>(faces.size());
        for (DetectedFace f : faces) {
            FaceQuality fq = q.judge(image, f);
            result.add(new AnalyzedFace(f, fq, fq.accepted() ? Optional.of(e.describe(image, f)) : Optional.empty()));
        }
        return result;
    }

    private static double side(DetectedFace f) {
        return Math.min(f.box().width(), f.box().height());
    }

    private FaceEmbedder embedder() {
        FaceEmbedder e = embedder;
        if (e == null) {
            throw new IllegalStateException("no FaceEmbedder registered");
        }
        return e;
    }
}
