package org.megbox.facepipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.megbox.api.face.AnalyzedFace;
import org.megbox.api.face.FaceAttributes;

/**
 * The whole pipeline (BlazeFace → quality → alignment → FaceRes) on real photos of different people and on changed
 * copies of them (cropped, shrunk, brighter, JPEG quality 30).
 */
class DefaultFaceAnalysisTest {

    static final DefaultFaceAnalysis ANALYSIS = new DefaultFaceAnalysis(Images.detector(), Images.embedder(),
            Gates.DEFAULTS);

    static AnalyzedFace only(BufferedImage img) {
        List<AnalyzedFace> faces = ANALYSIS.analyze(Images.frame(img));
        assertThat(faces).hasSize(1);
        return faces.get(0);
    }

    static float[] descriptor(BufferedImage img) {
        AnalyzedFace f = only(img);
        assertThat(f.quality().accepted()).as("quality %s", f.quality()).isTrue();
        float[] d = f.description().orElseThrow().descriptor();
        assertThat(d).hasSize(ANALYSIS.dimension());
        return d;
    }

    /** Cropped, rescaled (shrunk to 0.6 unless the face would fall under 40 pixels, then enlarged 1.5×), brighter, JPEG 30. */
    static List<BufferedImage> changedCopies(BufferedImage im) throws Exception {
        int w = im.getWidth();
        int h = im.getHeight();
        double scale = only(im).quality().size() * 0.6 >= 40 ? 0.6 : 1.5;
        return List.of(Images.crop(im, w / 10, h / 12, w * 8 / 10, h * 85 / 100), Images.scale(im, scale),
                Images.brightness(im, 1.35), Images.jpeg(im, 0.3f));
    }

    @Test
    void aChangedCopyIsMuchCloserToItsOriginalThanToAnyoneElse() throws Exception {
        Map<String, BufferedImage> people = People.all();
        Map<String, float[]> originals = new LinkedHashMap<>();
        for (var p : people.entrySet()) {
            originals.put(p.getKey(), descriptor(p.getValue()));
        }
        List<String> report = new ArrayList<>();
        for (var p : people.entrySet()) {
            for (BufferedImage copy : changedCopies(p.getValue())) {
                float[] d = descriptor(copy);
                double same = Images.cosine(d, originals.get(p.getKey()));
                double other = -1;
                for (var o : originals.entrySet()) {
                    if (!o.getKey().equals(p.getKey())) {
                        other = Math.max(other, Images.cosine(d, o.getValue()));
                    }
                }
                report.add(String.format("%s %.3f/%.3f", p.getKey(), same, other));
                assertThat(same).as("%s: same person %.3f, best other %.3f", p.getKey(), same, other)
                        .isGreaterThan(0.7).isGreaterThan(other + 0.15);
            }
        }
        System.out.println("same/best-other cosines: " + report);
        System.out.printf("same %.3f..%.3f mean %.3f, best other %.3f..%.3f mean %.3f, smallest margin %.3f%n",
                stats(report, 0)[0], stats(report, 0)[1], stats(report, 0)[2], stats(report, 1)[0], stats(report, 1)[1],
                stats(report, 1)[2], stats(report, 2)[0]);
    }

    /** min, max, mean of the same (0) or best-other (1) cosine, or of their difference (2), from the report lines. */
    static double[] stats(List<String> report, int which) {
        double min = 9;
        double max = -9;
        double sum = 0;
        for (String r : report) {
            String[] v = r.substring(r.indexOf(' ') + 1).split("/");
            double same = Double.parseDouble(v[0]);
            double other = Double.parseDouble(v[1]);
            double x = which == 0 ? same : which == 1 ? other : same - other;
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        return new double[] {min, max, sum / report.size()};
    }

    @Test
    void ageAndGenderAreSaneForKnownPeople() throws Exception {
        Map<String, BufferedImage> people = People.all();
        for (var known : People.GENDER.entrySet()) {
            FaceAttributes a = only(people.get(known.getKey())).description().orElseThrow().attributes().orElseThrow();
            assertThat(a.gender()).as("%s: %s", known.getKey(), a).isEqualTo(known.getValue());
            assertThat(a.genderConfidence()).isBetween(0.5f, 1f);
            assertThat(a.age()).as("%s: %s", known.getKey(), a).isBetween(18, 60);
        }
        // Messi was 22 or 23 in the 2010 photo; the model says early thirties
        assertThat(only(people.get("messi")).description().orElseThrow().attributes().orElseThrow().age())
                .isBetween(18, 40);
    }

    @Test
    void aProfileIsDetectedButRejectedByPose() throws Exception {
        // left06.jpg: a man holding a chessboard, face seen from the side
        AnalyzedFace f = only(Images.opencv("left06.jpg"));
        assertThat(f.quality().rejection()).isEqualTo("pose");
        assertThat(Math.abs(f.quality().yaw())).isGreaterThan(60);
        assertThat(f.description()).isEmpty();
    }

    @Test
    void frontalFacesPassEveryGate() throws Exception {
        List<String> report = new ArrayList<>();
        for (var p : People.all().entrySet()) {
            AnalyzedFace f = only(p.getValue());
            report.add(p.getKey() + " " + f.quality());
            assertThat(f.quality().accepted()).as("%s %s", p.getKey(), f.quality()).isTrue();
            assertThat(Math.abs(f.quality().yaw())).as(p.getKey()).isLessThan(40);
            assertThat(Math.abs(f.quality().roll())).as(p.getKey()).isLessThan(20);
            assertThat(f.quality().blur()).as(p.getKey()).isBetween(50.0, 100.0);
        }
        System.out.println("qualities: " + report);
    }

    @Test
    void gatesComeFromConfig() throws Exception {
        BufferedImage messi = Images.opencv("messi5.jpg");
        DefaultFaceAnalysis strict = new DefaultFaceAnalysis(Images.detector(), Images.embedder(),
                new Gates(0.75f, 80, 20, 45, 45, 45));
        AnalyzedFace small = strict.analyze(Images.frame(messi)).get(0);
        assertThat(small.quality().size()).isBetween(34, 42);
        assertThat(small.quality().rejection()).isEqualTo("size");
        assertThat(small.description()).isEmpty();
        strict.modified(new Gates(0.75f, 32, 20, 10, 45, 45));
        assertThat(strict.analyze(Images.frame(messi)).get(0).quality().rejection()).as("yaw ≈ 20° > 10°")
                .isEqualTo("pose");
        // a blurred copy: same face, sharpness far lower
        double sharp = only(messi).quality().blur();
        double blurred = only(blur(messi, 2)).quality().blur();
        assertThat(blurred).isLessThan(sharp - 20);
    }

    @Test
    void twoCallersAtOnceGetWhatOneGets() throws Exception {
        Map<String, BufferedImage> people = People.all();
        List<BufferedImage> images = List.of(people.get("messi"), people.get("actressA"), people.get("obama"));
        List<float[]> alone = new ArrayList<>();
        for (BufferedImage img : images) {
            alone.add(descriptor(img));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<float[]>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (BufferedImage img : images) {
                    futures.add(pool.submit(() -> descriptor(img)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(Images.cosine(futures.get(i).get(), alone.get(i % images.size()))).isGreaterThan(0.9999);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noFaceNoResult() throws Exception {
        assertThat(ANALYSIS.analyze(Images.frame(Images.opencv("fruits.jpg")))).isEmpty();
        assertThat(ANALYSIS.embedderId()).isEqualTo("faceres-human-3.0.4");
        assertThat(ANALYSIS.dimension()).isEqualTo(1024);
    }

    /** A box blur of radius r, applied twice (close to a Gaussian). */
    static BufferedImage blur(BufferedImage img, int r) {
        BufferedImage a = img;
        for (int pass = 0; pass < 2; pass++) {
            java.awt.image.Kernel k = new java.awt.image.Kernel(2 * r + 1, 2 * r + 1, box(r));
            BufferedImage src = Images.crop(a, 0, 0, a.getWidth(), a.getHeight());
            a = new java.awt.image.ConvolveOp(k, java.awt.image.ConvolveOp.EDGE_NO_OP, null).filter(src, null);
        }
        return a;
    }

    private static float[] box(int r) {
        int n = (2 * r + 1) * (2 * r + 1);
        float[] k = new float[n];
        java.util.Arrays.fill(k, 1f / n);
        return k;
    }
}
