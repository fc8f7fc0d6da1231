package org.megbox.faces.internal.index;

/**
 * The best {@code capacity} approximate scores one scan worker has seen: a min-heap of (score, slot) in two primitive
 * arrays. Remembers whether it ever turned a slot away, since only then is its lowest score a bound on the rest.
 */
final class Candidates {
    final float[] scores;
    final int[] slots;
    int size;
    boolean rejected;

    Candidates(int capacity) {
        scores = new float[capacity];
        slots = new int[capacity];
    }

    /** The score a slot must beat to be offered: -∞ while there is room. */
    float threshold() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    /** Only called with score > threshold(). */
    void offer(float score, int slot) {
        if (size < scores.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (scores[parent] <= score) {
                    break;
                }
                scores[i] = scores[parent];
                slots[i] = slots[parent];
                i = parent;
            }
            scores[i] = score;
            slots[i] = slot;
            return;
        }
        rejected = true; // the old minimum leaves
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && scores[child + 1] < scores[child]) {
                child++;
            }
            if (scores[child] >= score) {
                break;
            }
            scores[i] = scores[child];
            slots[i] = slots[child];
            i = child;
        }
        scores[i] = score;
        slots[i] = slot;
    }

    /** No slot outside the heap scored above this (-∞ when none was turned away). */
    float bound() {
        return rejected ? scores[0] : Float.NEGATIVE_INFINITY;
    }
}
