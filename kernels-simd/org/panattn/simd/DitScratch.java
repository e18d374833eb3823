package org.panattn.simd;

/**
 * One thread's reusable fp32 working set for DiT attention: the dense tiles plus a second set of softmax
 * statistics and output accumulator for the window, so that one pass over the keys feeds both.
 */
final class DitScratch {
    private static final ThreadLocal<DitScratch> PER_THREAD = ThreadLocal.withInitial(DitScratch::new);

    /** Queries, transposed: [D][rowLanes]. */
    float[] queriesT = new float[0];
    /** Logits, then full-attention weights, of one key block: [keys][rowLanes]. */
    float[] scoresT = new float[0];
    /** The same logits masked to the band, then window weights: [keys][rowLanes]. */
    float[] windowScoresT = new float[0];
    /** Unnormalised full and window outputs, transposed: [Dv][rowLanes]. */
    float[] fullT = new float[0];
    float[] windowT = new float[0];
    /** The key and value blocks as fp32 rows: [keys][D], [keys][Dv]. */
    float[] keys = new float[0];
    float[] values = new float[0];
    /** Running maximum (base-2 logits), running sum and last rescale factor per row lane: full, then window. */
    float[] fullMax = new float[0];
    float[] fullSum = new float[0];
    float[] windowMax = new float[0];
    float[] windowSum = new float[0];
    float[] alpha = new float[0];
    /** Output rows in fp32: window, residual, full. */
    float[] windowRow = new float[0];
    float[] residualRow = new float[0];
    float[] fullRow = new float[0];
    /** Visible keys [first, end) of each row of the current row set. */
    long[] rowFirst = new long[0];
    long[] rowEnd = new long[0];

    static DitScratch current() {
        return PER_THREAD.get();
    }

    void ensure(int rowLanes, int headDim, int headDimV, int blockKeys, boolean fused) {
        queriesT = atLeast(queriesT, (long) headDim * rowLanes);
        scoresT = atLeast(scoresT, (long) blockKeys * rowLanes);
        windowT = atLeast(windowT, (long) headDimV * rowLanes);
        keys = atLeast(keys, (long) blockKeys * headDim);
        values = atLeast(values, (long) blockKeys * headDimV);
        windowMax = atLeast(windowMax, rowLanes);
        windowSum = atLeast(windowSum, rowLanes);
        alpha = atLeast(alpha, rowLanes);
        windowRow = atLeast(windowRow, Math.max(headDim, headDimV));
        if (fused) {
            windowScoresT = atLeast(windowScoresT, (long) blockKeys * rowLanes);
            fullT = atLeast(fullT, (long) headDimV * rowLanes);
            fullMax = atLeast(fullMax, rowLanes);
            fullSum = atLeast(fullSum, rowLanes);
            residualRow = atLeast(residualRow, headDimV);
            fullRow = atLeast(fullRow, headDimV);
        }
        if (rowFirst.length < rowLanes) {
            rowFirst = new long[rowLanes];
            rowEnd = new long[rowLanes];
        }
    }

    private static float[] atLeast(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("scratch of " + n + " floats exceeds a Java array");
        }
        return a.length >= n ? a : new float[(int) n];
    }
}
