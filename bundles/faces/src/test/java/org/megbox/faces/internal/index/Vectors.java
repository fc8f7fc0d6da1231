package org.megbox.faces.internal.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;

/** Test vectors and the brute-force top-k every search is compared with. */
final class Vectors {
    private Vectors() {
    }

    static float[] randomUnit(Random random, int dimension) {
        double[] v = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = random.nextGaussian();
        }
        return unit(v);
    }

    /** {@code center} moved by Gaussian noise of {@code sigma} per component, renormalised. */
    static float[] near(Random random, float[] center, double sigma) {
        double[] v = new double[center.length];
        for (int d = 0; d < v.length; d++) {
            v[d] = center[d] + sigma * random.nextGaussian();
        }
        return unit(v);
    }

    static float[] unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] f = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            f[d] = (float) (v[d] / norm);
        }
        return f;
    }

    /** The exact top-k over {@code stored}: cosine summed in double in dimension order, ties by smaller key. */
    static List<FaceIndex.Hit> bruteForce(Map<Long, float[]> stored, float[] query, int k, LongPredicate filter) {
        List<FaceIndex.Hit> all = new ArrayList<>();
        stored.forEach((key, v) -> {
            if (filter == null || filter.test(key)) {
                double sum = 0;
                for (int d = 0; d < v.length; d++) {
                    sum += (double) query[d] * v[d];
                }
                all.add(new FaceIndex.Hit(key, (float) sum));
            }
        });
        all.sort(Comparator.comparingDouble((FaceIndex.Hit h) -> -h.cosine()).thenComparingLong(FaceIndex.Hit::key));
        return all.subList(0, Math.min(k, all.size()));
    }
}
