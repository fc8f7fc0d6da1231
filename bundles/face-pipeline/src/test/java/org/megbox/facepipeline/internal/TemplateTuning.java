package org.megbox.facepipeline.internal;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;
import org.megbox.api.face.FaceEmbedder;
import org.megbox.api.face.FaceQuality;

/**
 * How the alignment template was chosen (not a unit test: the name does not match surefire's includes): the identity
 * set of {@link People} and its changed copies, described with the template scaled by s and shifted by dy pixels;
 * prints the worst and mean same-person cosine against the best other-person cosine. Run with
 * {@code mvn -B -o -q test -Dtest=TemplateTuning -Ds=0.85,1,1.15 -Ddy=-10,0,10 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TemplateTuning {
    @Test
    void explore() throws Exception {
        Map<String, BufferedImage> people = People.all();
        BlazeFaceDetector det = Images.detector();
        FaceResEmbedder emb = Images.embedder();
        for (String sv : System.getProperty("s", "1").split(",")) for (String dv : System.getProperty("dy", "0").split(",")) run(people, det, emb, new double[] {Double.parseDouble(sv)}, Double.parseDouble(dv));
    }

    void run(Map<String, BufferedImage> people, BlazeFaceDetector det, FaceResEmbedder emb, double[] scales, double dy) throws Exception {
        boolean verbose = Boolean.getBoolean("verbose");
        QualityEstimator q = new QualityEstimator(Gates.DEFAULTS);
        Map<String, float[]> orig = new LinkedHashMap<>();
        Map<String, List<float[]>> changed = new LinkedHashMap<>();
        for (var e : people.entrySet()) {
            BufferedImage im = e.getValue();
            List<BufferedImage> variants = new ArrayList<>();
            variants.add(im);
            int w = im.getWidth(), h = im.getHeight();
            variants.add(Images.crop(im, w / 10, h / 12, w * 8 / 10, h * 85 / 100));
            variants.add(Images.scale(im, 0.6));
            variants.add(Images.brightness(im, 1.35));
            variants.add(Images.jpeg(im, 0.3f));
            List<float[]> ds = new ArrayList<>();
            for (BufferedImage v : variants) {
                Frame f = Images.frame(v);
                List<DetectedFace> faces = det.detect(f);
                if (faces.isEmpty()) { System.out.println(e.getKey() + " NO FACE in variant"); ds.add(null); continue; }
                DetectedFace face = faces.get(0);
                FaceQuality fq = q.judge(f, face);
                Affine m = Affine.similarity(template(scales[0], dy), lm(face));
                FaceEmbedder.Description d = emb.describeAligned(Sampler.rgb(f, m, 224, 224));
                ds.add(d.descriptor());
                if (verbose) System.out.printf("%s %dx%d faces=%d score=%.3f %s age=%d gender=%d (%.2f)%n", e.getKey(), v.getWidth(), v.getHeight(), faces.size(), face.score(), fq, d.attributes().get().age(), d.attributes().get().gender(), d.attributes().get().genderConfidence());
            }
            orig.put(e.getKey(), ds.get(0));
            changed.put(e.getKey(), ds.subList(1, ds.size()));
        }
        double minSame = 1, maxOther = -1, sumSame = 0, sumOther = 0, minMargin = 1; int n = 0;
        for (var e : changed.entrySet()) {
            for (float[] c : e.getValue()) {
                if (c == null || orig.get(e.getKey()) == null) continue;
                double same = Images.cosine(c, orig.get(e.getKey()));
                double other = -1; String who = "";
                for (var o : orig.entrySet()) {
                    if (o.getKey().equals(e.getKey()) || o.getValue() == null) continue;
                    double cc = Images.cosine(c, o.getValue());
                    if (cc > other) { other = cc; who = o.getKey(); }
                }
                if (verbose) System.out.printf("  %s same %.3f best other %.3f (%s)%n", e.getKey(), same, other, who);
                if (true) { minSame = Math.min(minSame, same); maxOther = Math.max(maxOther, other); sumSame += same; sumOther += other; n++; minMargin = Math.min(minMargin, same - other); }
            }
        }
        System.out.printf("TEMPLATE s=%.2f dy=%.1f minSame %.3f maxOther %.3f meanSame %.3f meanOther %.3f minMargin %.3f%n", scales[0], dy, minSame, maxOther, sumSame / n, sumOther / n, minMargin);
    }

    static double[] template(double s, double dy) {
        double[] t = FaceAligner.TEMPLATE.clone();
        for (int i = 0; i < t.length; i += 2) {
            t[i] = 112 + (t[i] - 112) * s;
            t[i + 1] = 112 + (t[i + 1] - 112) * s + dy;
        }
        return t;
    }

    static double[] lm(DetectedFace f) {
        double[] r = new double[8];
        for (int k = 0; k < 4; k++) { r[2 * k] = f.landmarks().get(k).x(); r[2 * k + 1] = f.landmarks().get(k).y(); }
        return r;
    }
}
