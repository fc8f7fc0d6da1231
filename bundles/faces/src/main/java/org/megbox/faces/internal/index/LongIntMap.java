package org.megbox.faces.internal.index;

import java.util.Arrays;

/** key → slot without one object per entry: open addressing, linear probing, backward-shift deletion. */
final class LongIntMap {
    private static final int ABSENT = -1;
    private long[] keys = new long[16];
    private int[] values = filled(16);
    private int size;

    int get(long key) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == ABSENT) {
                return ABSENT;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    /** @param value a slot, never negative */
    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == ABSENT) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    /** @return the removed value or -1 */
    int remove(long key) {
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (values[i] != ABSENT && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == ABSENT) {
            return ABSENT;
        }
        int removed = values[i];
        // shift later entries of the probe run back so that lookups never stop at the hole
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != ABSENT; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            boolean staysBehind = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!staysBehind) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = ABSENT;
        size--;
        return removed;
    }

    int size() {
        return size;
    }

    void clear() {
        keys = new long[16];
        values = filled(16);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = filled(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, ABSENT);
        return a;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
