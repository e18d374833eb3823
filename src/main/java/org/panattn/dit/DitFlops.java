package org.panattn.dit;

/** FLOP accounting of DiTFastAttn: band sizes and the relative cost of plans (the paper's counter). */
public final class DitFlops {
    private DitFlops() {
    }

    /** (query, key) pairs of an N-token band of half-width w: sum over i of |{j : |i - j| <= w}|. */
    public static double bandPairs(int window, long tokens) {
        double n = tokens;
        if (window >= tokens - 1) {
            return n * n;
        }
        return n * (2.0 * window + 1) - (double) window * (window + 1);
    }

    /** The paper's window cost relative to full attention: (2w+1)/N, at most 1. */
    public static double windowFraction(int window, long tokens) {
        if (window < 0) {
            throw new IllegalArgumentException("window: expected >= 0, got " + window);
        }
        if (tokens <= 0) {
            throw new IllegalArgumentException("tokens: expected >= 1, got " + tokens);
        }
        return Math.min(1.0, (2.0 * window + 1) / tokens);
    }

    /** Multiply-add FLOPs of full attention, 2 (D + Dv) per (query, key) pair over the whole batch. */
    public static double fullAttentionFlops(long batch, long heads, long tokens, long headDim, long headDimV) {
        return 2.0 * batch * heads * (double) tokens * tokens * (headDim + headDimV);
    }
}
