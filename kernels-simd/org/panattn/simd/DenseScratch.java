package org.panattn.simd;

/**
 * One thread's reusable fp32 working set for dense attention: grown on demand, never shrunk, never shared
 * between threads while a tile is in flight (each pool thread and each calling thread has its own).
 */
final class DenseScratch {
    private static final ThreadLocal<DenseScratch> PER_THREAD = ThreadLocal.withInitial(DenseScratch::new);

    /** Scaled queries, transposed: [D][rowLanes]. */
    float[] queriesT = new float[0];
    /** Decode: the row set's queries row-major [rows][D], before {@link DecodeKernels#prepareQueries}. */
    float[] queryRows = new float[0];
    /** Logits, then weights, of one key block: [keys][rowLanes]. */
    float[] scoresT = new float[0];
    /** Unnormalised output, transposed: [Dv][rowLanes]. */
    float[] outputT = new float[0];
    /** The key block as fp32 rows: [keys][D]. */
    float[] keys = new float[0];
    /** The value block as fp32 rows: [keys][Dv]. */
    float[] values = new float[0];
    /** Running maximum (base-2 logits), running sum, and the last rescale factor, per row lane. */
    float[] rowMax = new float[0];
    float[] rowSum = new float[0];
    float[] alpha = new float[0];
    float[] blockSum = new float[0];
    /** Per row lane, the maximum logit of the current block, when the logits kernel found it. */
    float[] blockMax = new float[0];
    /** One input or output row in fp32. */
    float[] row = new float[0];
    /** Per row of the current row set: its query head, query index, and visible keys [first, end). */
    int[] rowHead = new int[0];
    long[] rowQuery = new long[0];
    long[] rowFirst = new long[0];
    long[] rowEnd = new long[0];
    /** Sixteen dot-product vectors of the decode logits, awaiting their sums across lanes. */
    final float[] dotPartials = new float[16 * 16];
    /** Whether outputT holds [rows][Dv] (the decode kernels' layout) instead of [Dv][rowLanes]. */
    boolean outputRowMajor;
    /** Over the non-empty rows of the current row set: extremes of their first and end visible keys. */
    long minFirst;
    long maxFirst;
    long minEnd;
    long maxEnd;
    /** Partial results of a key-split call, owned by the calling thread while its workers fill them. */
    float[] partials = new float[0];

    static DenseScratch current() {
        return PER_THREAD.get();
    }

    void ensureTiles(int rowLanes, int headDim, int headDimV, int blockKeys) {
        queriesT = atLeast(queriesT, (long) headDim * rowLanes);
        queryRows = atLeast(queryRows, (long) headDim * rowLanes);
        scoresT = atLeast(scoresT, (long) blockKeys * rowLanes);
        outputT = atLeast(outputT, (long) headDimV * rowLanes);
        keys = atLeast(keys, (long) blockKeys * headDim);
        values = atLeast(values, (long) blockKeys * headDimV);
        rowMax = atLeast(rowMax, rowLanes);
        rowSum = atLeast(rowSum, rowLanes);
        alpha = atLeast(alpha, rowLanes);
        blockSum = atLeast(blockSum, rowLanes);
        blockMax = atLeast(blockMax, rowLanes);
        row = atLeast(row, Math.max(headDim, headDimV));
        if (rowHead.length < rowLanes) {
            rowHead = new int[rowLanes];
            rowQuery = new long[rowLanes];
            rowFirst = new long[rowLanes];
            rowEnd = new long[rowLanes];
        }
    }

    void ensurePartials(long floats) {
        partials = atLeast(partials, floats);
    }

    private static float[] atLeast(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("scratch of " + n + " floats exceeds a Java array");
        }
        return a.length >= n ? a : new float[(int) n];
    }
}
