package org.panattn.simd;

/**
 * One thread's reusable fp32 working set for hybrid attention (grown on demand, never shrunk, never shared while
 * a head is in flight). Chunk buffers hold two chunks of C keys: the previous one in [0, C), the current one in
 * [C, 2C), so that every window and every not-yet-folded linear key of a query row block is one contiguous range.
 */
final class SimdHybridScratch {
    private static final ThreadLocal<SimdHybridScratch> PER_THREAD = ThreadLocal.withInitial(SimdHybridScratch::new);

    /** Keys of the two chunks as fp32 rows: [2C][D]. */
    float[] keys = new float[0];
    /** The current chunk's keys transposed, [D][C]: the operand of the key feature map. */
    float[] keysCurrentT = new float[0];
    /** Values of the two chunks, [2C][DvPad], with a column of ones at Dv so that one product yields the normaliser. */
    float[] values = new float[0];
    /** phi of the two chunks' keys, transposed: [F][2C]. */
    float[] phiKeysT = new float[0];
    /** phi of the current chunk's keys, [F][C], before it joins phiKeysT. */
    float[] phiCurrentT = new float[0];
    /** Projected rows u = x W, transposed: [P][max(C, ROWS)]. */
    float[] projectedT = new float[0];
    /** The row block's queries transposed, [D][ROWS], and their features, [F][ROWS]. */
    float[] queriesT = new float[0];
    float[] phiQueriesT = new float[0];
    /** Window weights and linear scores of the row block: [keys][ROWS]. */
    float[] windowTile = new float[0];
    float[] linearTile = new float[0];
    /** Unnormalised branch outputs, transposed, [DvPad][ROWS]; row Dv holds each branch's normaliser. */
    float[] windowOutT = new float[0];
    float[] linearOutT = new float[0];
    /** The running state S [F][DvPad] (column Dv is z = sum phi(k)). */
    float[] state = new float[0];
    /** Feature weights of the head, [D][P], for queries and for keys. */
    float[] weightsQ = new float[0];
    float[] weightsK = new float[0];
    /** Rows staged from or to memory. */
    float[] rows = new float[0];
    float[] row = new float[0];
    /** Decode: one query's and one key's features, a value row, per-key logits. */
    float[] phiQuery = new float[0];
    float[] phiKey = new float[0];
    float[] numWindow = new float[0];
    float[] numLinear = new float[0];
    float[] logits = new float[0];

    /** Diagnostic sums of the heads one task writes (SimdHybrid.DIAGNOSTIC_SUMS each). */
    private double[] diagnostics = new double[0];

    /** Zeroed sums for {@code heads} heads. */
    double[] diagnostics(int heads) {
        int n = heads * SimdHybrid.DIAGNOSTIC_SUMS;
        if (diagnostics.length < n) {
            diagnostics = new double[n];
        }
        java.util.Arrays.fill(diagnostics, 0, n, 0.0);
        return diagnostics;
    }

    /** Decode: the feature weights of every head of a GQA group, [group][D][P], for queries and for keys. */
    float[] decodeWeightsQ = new float[0];
    float[] decodeWeightsK = new float[0];

    void ensureDecodeWeights(long floats) {
        decodeWeightsQ = atLeast(decodeWeightsQ, floats);
        decodeWeightsK = atLeast(decodeWeightsK, floats);
    }

    void ensureRows(int width) {
        rows = atLeast(rows, width);
    }

    static SimdHybridScratch current() {
        return PER_THREAD.get();
    }

    void ensurePrefill(int chunk, int rowsPerBlock, int headDim, int headDimVPadded, int projected, int features) {
        long wide = Math.max(chunk, rowsPerBlock);
        keys = atLeast(keys, 2L * chunk * headDim);
        keysCurrentT = atLeast(keysCurrentT, (long) headDim * chunk);
        values = atLeast(values, 2L * chunk * headDimVPadded);
        phiKeysT = atLeast(phiKeysT, (long) features * 2 * chunk);
        phiCurrentT = atLeast(phiCurrentT, (long) features * chunk);
        projectedT = atLeast(projectedT, projected * wide);
        queriesT = atLeast(queriesT, (long) headDim * rowsPerBlock);
        phiQueriesT = atLeast(phiQueriesT, (long) features * rowsPerBlock);
        windowTile = atLeast(windowTile, (long) (chunk + rowsPerBlock) * rowsPerBlock);
        linearTile = atLeast(linearTile, (long) (chunk + rowsPerBlock) * rowsPerBlock);
        windowOutT = atLeast(windowOutT, (long) headDimVPadded * rowsPerBlock);
        linearOutT = atLeast(linearOutT, (long) headDimVPadded * rowsPerBlock);
        state = atLeast(state, (long) features * headDimVPadded);
        weightsQ = atLeast(weightsQ, (long) headDim * projected);
        weightsK = atLeast(weightsK, (long) headDim * projected);
        rows = atLeast(rows, wide * Math.max(headDim, headDimVPadded));
        row = atLeast(row, headDimVPadded);
    }

    void ensureDecode(int window, int sinks, int headDim, int headDimVPadded, int projectedPadded,
                      int featuresPadded) {
        weightsQ = atLeast(weightsQ, (long) headDim * projectedPadded);
        weightsK = atLeast(weightsK, (long) headDim * projectedPadded);
        projectedT = atLeast(projectedT, projectedPadded);
        phiQuery = atLeast(phiQuery, featuresPadded);
        phiKey = atLeast(phiKey, featuresPadded);
        numWindow = atLeast(numWindow, headDimVPadded);
        numLinear = atLeast(numLinear, headDimVPadded);
        logits = atLeast(logits, Math.max(window, sinks));
        keys = atLeast(keys, (long) Math.max(window, sinks) * headDim);
        values = atLeast(values, (long) Math.max(window, sinks) * headDimVPadded);
        rows = atLeast(rows, Math.max(headDim, headDimVPadded));
        row = atLeast(row, Math.max(headDim, headDimVPadded));
    }

    private static float[] atLeast(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("scratch of " + n + " floats exceeds a Java array");
        }
        return a.length >= n ? a : new float[(int) n];
    }
}
