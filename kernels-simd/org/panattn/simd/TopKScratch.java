package org.panattn.simd;

/** Per-thread buffers of the top-k kernel, grown on demand and reused across calls. */
final class TopKScratch {
    private static final ThreadLocal<TopKScratch> PER_THREAD = ThreadLocal.withInitial(TopKScratch::new);

    float[] queriesT = new float[0];
    /** Row-major queries [8][D] of a decode unit, and the dot-product kernel's 16-vector scratch. */
    float[] queryRows = new float[0];
    float[] dotPartials = new float[16 * 16];
    float[] scoresT = new float[0];
    float[] keys = new float[0];
    float[] values = new float[0];
    /** Row-major weights w[r][j] = 2^(s_rj - max_r), one row per query row of the unit (rows rounded up to lanes). */
    float[] weights = new float[0];
    float[] blockMax = new float[0];
    float[] blockMin = new float[0];
    double[] blockSum = new double[0];
    float[] out = new float[0];
    /** Kept weights (0 elsewhere) [rows][64] of one key block, and all weights of it (for the exact error). */
    float[] kept = new float[0];
    float[] all = new float[0];
    float[] full = new float[0];
    float[] norms = new float[0];
    /** One output row [Dv] as written. */
    float[] row = new float[0];
    /** The unit's cached value norms [keysPerRow] (a vector of slack at the end). */
    float[] unitNorms = new float[0];
    /** The selection's sample of a row's weights. */
    final float[] sample = new float[128];
    /** One row's nonzero kept weights of a block and their positions in it (a vector of slack at the end). */
    float[] keptWeights = new float[0];
    int[] keptRows = new int[0];
    /** The selection's compacted candidates: weights and their row indices (a vector of slack at the end). */
    float[] candidateWeights = new float[0];
    int[] candidates = new int[0];
    /** The other side of each quickselect split (the two pairs swap roles). */
    float[] candidateWeights2 = new float[0];
    int[] candidates2 = new int[0];
    long[] sortKeys = new long[0];

    static TopKScratch current() {
        return PER_THREAD.get();
    }

    void ensure(int rowLanes, int rows, int headDim, int headDimV, int blockKeys, long keysPerRow, long rowPitch) {
        int blocks = (int) ((keysPerRow + blockKeys - 1) / blockKeys);
        queriesT = atLeast(queriesT, (long) headDim * rowLanes);
        queryRows = atLeast(queryRows, (long) DecodeKernels.ROW_GROUP * headDim);
        scoresT = atLeast(scoresT, (long) blockKeys * rowLanes);
        keys = atLeast(keys, (long) blockKeys * Math.max(headDim, headDimV));
        values = atLeast(values, (long) blockKeys * headDimV);
        weights = atLeast(weights, (long) rowLanes * rowPitch); // whole vectors of rows: see transposeTile
        blockMax = atLeast(blockMax, (long) rows * blocks);
        blockMin = atLeast(blockMin, (long) rows * blocks);
        if (blockSum.length < (long) rows * blocks) {
            blockSum = new double[rows * blocks];
        }
        int paddedRows = Math.max(rows, DecodeKernels.paddedRows(rows));
        out = atLeast(out, (long) paddedRows * headDimV);
        kept = atLeast(kept, (long) paddedRows * blockKeys);
        all = atLeast(all, (long) rows * blockKeys);
        full = atLeast(full, (long) rows * headDimV);
        norms = atLeast(norms, blockKeys);
        row = atLeast(row, headDimV);
        unitNorms = atLeast(unitNorms, keysPerRow + 16);
        keptWeights = atLeast(keptWeights, blockKeys + 16);
        if (keptRows.length < blockKeys + 16) {
            keptRows = new int[blockKeys + 16];
        }
        candidateWeights = atLeast(candidateWeights, keysPerRow + 16);
        candidateWeights2 = atLeast(candidateWeights2, keysPerRow + 16);
        if (candidates.length < keysPerRow + 16) {
            candidates = new int[(int) keysPerRow + 16];
            candidates2 = new int[(int) keysPerRow + 16];
            sortKeys = new long[(int) keysPerRow];
        }
    }

    private static float[] atLeast(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("top-k scratch of " + n + " floats exceeds a Java array");
        }
        return a.length >= n ? a : new float[(int) n];
    }
}
