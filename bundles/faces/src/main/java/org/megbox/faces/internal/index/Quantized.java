package org.megbox.faces.internal.index;

/**
 * A unit vector as int8 codes with one scale per vector: v[d] ≈ scale × codes[d], |codes[d]| ≤ 127, and the
 * rounding error of each component is at most scale / 2.
 */
record Quantized(byte[] codes, float scale) {

    static Quantized of(float[] unit) {
        float max = 0;
        for (float x : unit) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max / 127f;
        byte[] codes = new byte[unit.length];
        for (int d = 0; d < unit.length; d++) {
            codes[d] = (byte) Math.max(-127, Math.min(127, Math.round(unit[d] / scale)));
        }
        return new Quantized(codes, scale);
    }
}
