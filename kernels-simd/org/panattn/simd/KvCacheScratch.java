package org.panattn.simd;

/** Per-thread buffers of the OBCache score and eviction kernels, grown on demand and reused across calls. */
final class KvCacheScratch {
    private static final ThreadLocal<KvCacheScratch> PER_THREAD = ThreadLocal.withInitial(KvCacheScratch::new);

    float[] queriesT = new float[0];
    /** Logits, then weights, then per-(key, row) score terms of one key block: [key][rowLanes]. */
    float[] tile = new float[0];
    /** v_j . o_r of one key block: [key][rowLanes]. */
    float[] valueDotOutput = new float[0];
    float[] keys = new float[0];
    float[] values = new float[0];
    /** Window outputs transposed: [feature][rowLanes]. */
    float[] outputsT = new float[0];
    /** Window outputs row-major while pass 1 accumulates them for few rows: [rowLanes][feature]. */
    float[] outputs = new float[0];
    float[] rowMax = new float[0];
    float[] rowSum = new float[0];
    float[] alpha = new float[0];
    float[] outputNorm2 = new float[0];
    float[] valueNorm2 = new float[0];
    /** One score row per query head of the unit, then the pooled row. */
    float[] headScores = new float[0];
    float[] pooled = new float[0];
    long[] selectKeys = new long[0];
    /** The kept positions of one (batch, head), ascending. */
    int[] keptRows = new int[0];
    /** Digit counts of the eviction's radix select. */
    final int[] digitCounts = new int[4 * 256];
    /** Pass 1's masked base-2 logits for pass 2: [key][rowLanes], grown geometrically (a cache grows by tokens). */
    float[] logitStore = new float[0];
    /** Keys each row of a chunk may see. */
    int[] visible = new int[0];

    static KvCacheScratch current() {
        return PER_THREAD.get();
    }

    void ensureScores(int rowLanes, int headDim, int headDimV, int blockKeys, int heads, long keys) {
        queriesT = atLeast(queriesT, (long) headDim * rowLanes);
        tile = atLeast(tile, (long) blockKeys * rowLanes);
        valueDotOutput = atLeast(valueDotOutput, (long) blockKeys * rowLanes);
        this.keys = atLeast(this.keys, (long) blockKeys * headDim);
        values = atLeast(values, (long) blockKeys * headDimV);
        outputsT = atLeast(outputsT, (long) headDimV * rowLanes);
        outputs = atLeast(outputs, (long) headDimV * rowLanes);
        rowMax = atLeast(rowMax, rowLanes);
        rowSum = atLeast(rowSum, rowLanes);
        alpha = atLeast(alpha, rowLanes);
        outputNorm2 = atLeast(outputNorm2, rowLanes);
        valueNorm2 = atLeast(valueNorm2, blockKeys);
        headScores = atLeast(headScores, (long) heads * keys);
        pooled = atLeast(pooled, keys);
        if (visible.length < rowLanes) {
            visible = new int[rowLanes];
        }
    }

    /** Room for {@code floats} logits; grows by half at a time up to {@code limit} (floats <= limit). */
    void ensureLogitStore(long floats, long limit) {
        if (logitStore.length < floats) {
            logitStore = new float[(int) Math.max(floats, Math.min(limit, logitStore.length * 3L / 2))];
        }
    }

    void ensureEviction(long keys) {
        pooled = atLeast(pooled, keys);
        if (selectKeys.length < keys) {
            selectKeys = new long[(int) keys];
            keptRows = new int[(int) keys];
        }
    }

    private static float[] atLeast(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("kv-cache scratch of " + n + " floats exceeds a Java array");
        }
        // by half at a time at least: a cache observed at every decode step grows by one token per call
        return a.length >= n ? a : new float[(int) Math.max(n, Math.min(Integer.MAX_VALUE - 16, a.length * 3L / 2))];
    }
}
