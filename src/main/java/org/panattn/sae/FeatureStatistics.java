package org.panattn.sae;

/**
 * Streaming per-feature statistics of one class of tokens (e.g. one language): the sum of f_j and the number of
 * tokens with f_j != 0 over every token accumulated so far, in double. Fed by {@link SaeOps#accumulate}, merged
 * under its own lock so that several calls (or threads of one call) may feed it.
 */
public final class FeatureStatistics {
    private final double[] sums;
    private final long[] active;
    private long tokens;

    public FeatureStatistics(long dSae) {
        if (dSae < 1 || dSae > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("dSae: expected in [1, 2^31 - 64], got " + dSae);
        }
        this.sums = new double[(int) dSae];
        this.active = new long[(int) dSae];
    }

    public int dSae() {
        return sums.length;
    }

    public synchronized long tokens() {
        return tokens;
    }

    /** Mean of f_j over the accumulated tokens (NaN before any token). */
    public synchronized double mean(int feature) {
        return tokens == 0 ? Double.NaN : sums[check(feature)] / tokens;
    }

    /** Fraction of accumulated tokens with f_j != 0 (NaN before any token). */
    public synchronized double activeFraction(int feature) {
        return tokens == 0 ? Double.NaN : (double) active[check(feature)] / tokens;
    }

    /** Every mean (a copy). */
    public synchronized double[] means() {
        double[] m = new double[sums.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = tokens == 0 ? Double.NaN : sums[j] / tokens;
        }
        return m;
    }

    /** Adds the partial sums of {@code count} tokens (for backends: arrays of length d_sae). */
    public synchronized void merge(double[] partialSums, long[] partialActive, long count) {
        if (partialSums.length < sums.length || partialActive.length < active.length) {
            throw new IllegalArgumentException("partialSums: expected at least " + sums.length + " entries, got "
                    + partialSums.length);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count: expected >= 0, got " + count);
        }
        for (int j = 0; j < sums.length; j++) {
            sums[j] += partialSums[j];
            active[j] += partialActive[j];
        }
        tokens += count;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(active, 0);
        tokens = 0;
    }

    private int check(int feature) {
        if (feature < 0 || feature >= sums.length) {
            throw new IllegalArgumentException("feature: expected in [0, " + sums.length + "), got " + feature);
        }
        return feature;
    }
}
