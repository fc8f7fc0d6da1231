package org.megbox.facepipeline.internal;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.megbox.api.analysis.Frame;
import org.megbox.api.face.DetectedFace;

/**
 * How the alignment template was chosen (not a unit test: the name does not match surefire's includes): the people of
 * {@link People} and changed copies of them (cropped, shrunk to 0.6, 1.35× brighter, JPEG 30) are described with the
 * template scaled by {@code s} about the crop centre and shifted down by {@code dy} pixels; prints the same-person
 * cosines against the best other-person cosines (add {@code -Dverbose=true} for every copy). Run with
 * {@code mvn -B -o -q test -Dtest=TemplateTuning -Ds=0.85,1,1.15 -Ddy=-10,0,10 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TemplateTuning {

    @Test
    void compareTemplates() throws Exception {
        Map<String, BufferedImage> people = People.all();
        BlazeFaceDetector detector = Images.detector();
        FaceResEmbedder embedder = Images.embedder();
        for (String s : System.getProperty("s", "1").split(",")) {
            for (String dy : System.getProperty("dy", "0").split(",")) {
                run(people, detector, embedder, Double.parseDouble(s), Double.parseDouble(dy));
            }
        }
    }

    static void run(Map<String, BufferedImage> people, BlazeFaceDetector detector, FaceResEmbedder embedder, double s,
            double dy) throws Exception {
        boolean verbose = Boolean.getBoolean("verbose");
        double[] template = template(s, dy);
        Map<String, float[]> originals = new LinkedHashMap<>();
        Map<String, List<float[]>> copies = new LinkedHashMap<>();
        for (var p : people.entrySet()) {
            BufferedImage im = p.getValue();
            int w = im.getWidth();
            int h = im.getHeight();
            List<BufferedImage> variants = List.of(im, Images.crop(im, w / 10, h / 12, w * 8 / 10, h * 85 / 100),
                    Images.scale(im, 0.6), Images.brightness(im, 1.35), Images.jpeg(im, 0.3f));
            List<float[]> descriptors = new ArrayList<>();
            for (BufferedImage v : variants) {
                Frame f = Images.frame(v);
                List<DetectedFace> faces = detector.detect(f);
                if (faces.isEmpty()) {
                    System.out.println(p.getKey() + ": no face in a copy");
                    continue;
                }
                Affine map = Affine.similarity(template, landmarks(faces.get(0)));
                descriptors.add(embedder.describeAligned(Sampler.rgb(f, map, FaceAligner.SIZE, FaceAligner.SIZE))
                        .descriptor());
            }
            originals.put(p.getKey(), descriptors.get(0));
            copies.put(p.getKey(), descriptors.subList(1, descriptors.size()));
        }
        double minSame = 1;
        double maxOther = -1;
        double sumSame = 0;
        double sumOther = 0;
        double minMargin = 1;
        int n = 0;
        for (var p : copies.entrySet()) {
            for (float[] c : p.getValue()) {
                double same = Images.cosine(c, originals.get(p.getKey()));
                double other = -1;
                for (var o : originals.entrySet()) {
                    if (!o.getKey().equals(p.getKey())) {
                        other = Math.max(other, Images.cosine(c, o.getValue()));
                    }
                }
                if (verbose) {
                    System.out.printf("  %s same %.3f best other %.3f%n", p.getKey(), same, other);
                }
                minSame = Math.min(minSame, same);
                maxOther = Math.max(maxOther, other);
                sumSame += same;
                sumOther += other;
                minMargin = Math.min(minMargin, same - other);
                n++;
            }
        }
        System.out.printf("TEMPLATE s=%.2f dy=%.1f: same min %.3f mean %.3f, best other max %.3f mean %.3f, "
                + "smallest margin %.3f%n", s, dy, minSame, sumSame / n, maxOther, sumOther / n, minMargin);
    }

    static double[] template(double s, double dy) {
        double[] t = FaceAligner.TEMPLATE.clone();
        double c = FaceAligner.SIZE / 2.0;
        for (int i = 0; i < t.length; i += 2) {
            t[i] = c + (t[i] - c) * s;
            t[i + 1] = c + (t[i + 1] - c) * s + dy;
        }
        return t;
    }

    static double[] landmarks(DetectedFace f) {
        double[] r = new double[8];
        for (int k = 0; k < 4; k++) {
            r[2 * k] = f.landmarks().get(k).x();
            r[2 * k + 1] = f.landmarks().get(k).y();
        }
        return r;
    }
}
