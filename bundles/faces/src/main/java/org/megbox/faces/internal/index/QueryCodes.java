package org.megbox.faces.internal.index;

/**
 * A query quantised for the scan, and what is needed to bound the scan's error.
 *
 * <p>With q = sq·cq + eq and v = sv·cv + ev (|ev[d]| ≤ sv/2), q·v − sq·sv·(cq·cv) = eq·v + sq·cq·ev, so for a unit v
 * the approximation is off by at most ‖eq‖₂ + ‖sq·cq‖₁ · sv/2: {@link #errorBound(float)}.
 *
 * @param codes cq as ints; bias = 128 · Σ cq (the stored codes are biased by +128)
 */
record QueryCodes(float[] unit, int[] codes, float scale, int bias, double residualNorm, double scaledL1) {

    static QueryCodes of(float[] unit) {
        Quantized q = Quantized.of(unit);
        int[] codes = new int[unit.length];
        int sum = 0;
        double residual = 0, l1 = 0;
        for (int d = 0; d < unit.length; d++) {
            codes[d] = q.codes()[d];
            sum += codes[d];
            double e = unit[d] - (double) q.scale() * codes[d];
            residual += e * e;
            l1 += Math.abs((double) q.scale() * codes[d]);
        }
        return new QueryCodes(unit, codes, q.scale(), 128 * sum, Math.sqrt(residual), l1);
    }

    /** The most the approximate cosine can differ from the exact one for any stored vector with scale ≤ maxScale. */
    double errorBound(float maxScale) {
        return residualNorm + scaledL1 * maxScale / 2 + 1e-5; // + float rounding of the scores
    }
}
