package org.megbox.faces.internal.index;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The int8 scan of a range of blocks for one query: per block of 256 slots, 256 integer dot products between the
 * query's codes and the slots' codes, then each slot's score (scale × integer dot) is offered to the worker's
 * candidates, asking the filter only about slots that would enter them.
 */
final class QuantisedScan {
    private final int[] lane0 = new int[IndexChunk.COLUMNS];
    private final int[] lane1 = new int[IndexChunk.COLUMNS];
    private final int[] lane2 = new int[IndexChunk.COLUMNS];
    private final int[] lane3 = new int[IndexChunk.COLUMNS];
    private final int[][] lanes = {lane0, lane1, lane2, lane3};
    private final int[] row = new int[IndexChunk.COLUMNS];

    /** Scans blocks [from, to) (global block numbers) into {@code out}. */
    void run(List<IndexChunk> chunks, QueryCodes query, LongPredicate filter, int from, int to, Candidates out) {
        int dimension = query.codes().length;
        for (int block = from; block < to; block++) {
            IndexChunk chunk = chunks.get(block / IndexChunk.BLOCKS);
            int inChunk = block % IndexChunk.BLOCKS;
            dots(chunk.codes, inChunk * IndexChunk.COLUMNS * dimension, query.codes(), dimension);
            float[] scales = chunk.scales;
            int first = inChunk * IndexChunk.BLOCK;
            int global = chunk.number * IndexChunk.SLOTS;
            for (int lane = 0; lane < 4; lane++) {
                int[] sums = lanes[lane];
                for (int column = 0; column < IndexChunk.COLUMNS; column++) {
                    int slot = first + lane * IndexChunk.COLUMNS + column;
                    float score = scales[slot] * (sums[column] - query.bias()); // NaN for a free slot: never offered
                    if (score > out.threshold() && (filter == null || filter.test(chunk.keys[slot]))) {
                        out.offer(score, global + slot);
                    }
                }
            }
        }
    }

    /**
     * Σ q[d] × (code + 128) for the 4 × 64 slots of one block; kept small and plain so that C2 vectorises it. Each
     * row is first copied to {@code row}: Java 17's C2 vectorises the loop only when the codes and the sums are
     * indexed alike (measured: 3× slower when reading {@code codes[at + j]} directly).
     */
    private void dots(int[] codes, int base, int[] q, int dimension) {
        int[] a0 = lane0, a1 = lane1, a2 = lane2, a3 = lane3, row = this.row;
        Arrays.fill(a0, 0);
        Arrays.fill(a1, 0);
        Arrays.fill(a2, 0);
        Arrays.fill(a3, 0);
        for (int d = 0; d < dimension; d++) {
            int qd = q[d];
            System.arraycopy(codes, base + d * IndexChunk.COLUMNS, row, 0, IndexChunk.COLUMNS);
            for (int j = 0; j < IndexChunk.COLUMNS; j++) {
                int packed = row[j];
                a0[j] += qd * (packed & 0xFF);
                a1[j] += qd * ((packed >>> 8) & 0xFF);
                a2[j] += qd * ((packed >>> 16) & 0xFF);
                a3[j] += qd * (packed >>> 24);
            }
        }
    }
}
