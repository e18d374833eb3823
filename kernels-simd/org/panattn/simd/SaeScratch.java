package org.panattn.simd;

/** Per-thread buffers of the SAE kernels, grown on demand and reused across calls. */
final class SaeScratch {
    private static final ThreadLocal<SaeScratch> PER_THREAD = ThreadLocal.withInitial(SaeScratch::new);

    /** Token rows of the current block, fp32 (centred when the SAE asks). */
    float[] x = new float[0];
    /** A packed column block of W_enc. */
    float[] packed = new float[0];
    /** The C tile of the dense path, or full pre-activation rows of the row-wise path. */
    float[] tile = new float[0];
    /** b_enc, threshold, b_dec and one W_dec row as fp32. */
    float[] bias = new float[0];
    float[] theta = new float[0];
    float[] center = new float[0];
    float[] row = new float[0];
    /** Steering: per edit the W_enc column and the W_dec row, fp32. */
    float[] columns = new float[0];
    float[] directions = new float[0];
    float[] deltas = new float[0];
    float[] editScalars = new float[0];
    /** Partial statistics of one task. */
    double[] sums = new double[0];
    long[] active = new long[0];
    /** Token ids of a row block (masked tokens skipped). */
    long[] tokens = new long[0];
    /** Top-k selection heap. */
    int[] heapIndex = new int[0];
    float[] heapValue = new float[0];

    static SaeScratch current() {
        return PER_THREAD.get();
    }

    static float[] atLeast(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("SAE scratch of " + n + " floats exceeds a Java array");
        }
        return a.length >= n ? a : new float[(int) n];
    }

    void ensureStatistics(int dSae) {
        if (sums.length < dSae) {
            sums = new double[dSae];
            active = new long[dSae];
        }
    }

    void ensureTokens(int n) {
        if (tokens.length < n) {
            tokens = new long[n];
        }
    }

    void ensureHeap(int k) {
        if (heapIndex.length < k) {
            heapIndex = new int[k];
            heapValue = new float[k];
        }
    }
}
