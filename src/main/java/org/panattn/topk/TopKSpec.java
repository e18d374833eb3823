package org.panattn.topk;

/**
 * Options of certified top-k attention.
 *
 * @param kFixed   keep the k largest logits of each row (mode FIXED_K), else 0
 * @param epsilon  TV budget: keep the fewest keys with discarded tail mass tau <= epsilon (mode TV_BUDGET), else NaN
 * @param scale    logit scale; null means 1/sqrt(D)
 * @param causal   query i sees keys j <= i + Nk - Nq (bottom-right aligned, as dense attention)
 * @param certify  EXACT: tau from the exact log-sum-exp; BOUND: k chosen from, and tau reported as, the blockwise
 *                 upper bound on tau built from per-block logit maxima (conservative)
 */
public record TopKSpec(int kFixed, double epsilon, Float scale, boolean causal, Certify certify) {

    /** Key-block size of the blockwise bound (and of the kernels' pass 1). */
    public static final int BLOCK = 64;

    public enum Certify { EXACT, BOUND }

    public TopKSpec {
        boolean fixed = kFixed != 0;
        boolean budget = !Double.isNaN(epsilon);
        if (fixed == budget) {
            if (fixed) {
                throw new IllegalArgumentException("spec: expected either a fixed k or a TV budget epsilon, got both (k "
                        + kFixed + ", epsilon " + epsilon + ")");
            }
            throw new IllegalArgumentException("spec: expected either a fixed k >= 1 or a TV budget epsilon in (0, 1),"
                    + " got neither");
        }
        if (fixed && kFixed < 0) {
            throw new IllegalArgumentException("k: expected >= 1, got " + kFixed);
        }
        if (budget && !(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon: expected a TV budget in (0, 1), got " + epsilon);
        }
        if (scale != null && !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale: expected a finite number, got " + scale);
        }
        if (certify == null) {
            throw new IllegalArgumentException("certify: expected EXACT or BOUND, got null");
        }
    }

    /** Keep the {@code k} largest logits of each row (all of them where a row has fewer keys). */
    public static TopKSpec fixedK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k: expected >= 1, got " + k);
        }
        return new TopKSpec(k, Double.NaN, null, false, Certify.EXACT);
    }

    /** Keep, per row, the fewest keys whose discarded tail mass (= total-variation distance) is at most epsilon. */
    public static TopKSpec tvBudget(double epsilon) {
        return new TopKSpec(0, epsilon, null, false, Certify.EXACT);
    }

    public boolean isFixedK() {
        return kFixed != 0;
    }

    public TopKSpec withScale(float s) {
        return new TopKSpec(kFixed, epsilon, s, causal, certify);
    }

    public TopKSpec withCausal(boolean c) {
        return new TopKSpec(kFixed, epsilon, scale, c, certify);
    }

    public TopKSpec withCertify(Certify c) {
        return new TopKSpec(kFixed, epsilon, scale, causal, c);
    }

    public float resolvedScale(long headDim) {
        return scale != null ? scale : (float) (1.0 / Math.sqrt(Math.max(headDim, 1)));
    }

    /** One past the last key query {@code i} may see. */
    public long endKey(long i, long nq, long nk) {
        return causal ? Math.max(0, Math.min(nk, i + nk - nq + 1)) : nk;
    }
}
