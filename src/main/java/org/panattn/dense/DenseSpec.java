package org.panattn.dense;

/**
 * Options of dense attention.
 *
 * @param scale        logit scale; null means 1/sqrt(D)
 * @param causal       query i sees keys j <= i + Nk - Nq (bottom-right aligned, as flash-attention)
 * @param windowLeft   band: keys j >= i + Nk - Nq - windowLeft; -1 = unbounded
 * @param windowRight  band: keys j <= i + Nk - Nq + windowRight; -1 = unbounded
 */
public record DenseSpec(Float scale, boolean causal, int windowLeft, int windowRight) {

    public static final int UNBOUNDED = -1;

    public DenseSpec {
        if (scale != null && !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale: expected a finite number, got " + scale);
        }
        if (windowLeft < UNBOUNDED) {
            throw new IllegalArgumentException("windowLeft: expected >= 0 or -1 (unbounded), got " + windowLeft);
        }
        if (windowRight < UNBOUNDED) {
            throw new IllegalArgumentException("windowRight: expected >= 0 or -1 (unbounded), got " + windowRight);
        }
    }

    /** Not causal, no window, scale 1/sqrt(D). */
    public static DenseSpec defaults() {
        return new DenseSpec(null, false, UNBOUNDED, UNBOUNDED);
    }

    public static DenseSpec causalDefaults() {
        return new DenseSpec(null, true, UNBOUNDED, UNBOUNDED);
    }

    public DenseSpec withScale(float s) {
        return new DenseSpec(s, causal, windowLeft, windowRight);
    }

    public DenseSpec withCausal(boolean c) {
        return new DenseSpec(scale, c, windowLeft, windowRight);
    }

    public DenseSpec withWindow(int left, int right) {
        return new DenseSpec(scale, causal, left, right);
    }

    /** The scale used for head size {@code headDim}. */
    public float resolvedScale(long headDim) {
        return scale != null ? scale : (float) (1.0 / Math.sqrt(Math.max(headDim, 1)));
    }

    /** First key query {@code i} may see (may exceed the last when the row is empty). */
    public long firstKey(long i, long nq, long nk) {
        long pos = i + nk - nq;
        return windowLeft == UNBOUNDED ? 0 : Math.max(0, pos - windowLeft);
    }

    /** One past the last key query {@code i} may see. */
    public long endKey(long i, long nq, long nk) {
        long pos = i + nk - nq;
        long hi = nk - 1;
        if (causal) {
            hi = Math.min(hi, pos);
        }
        if (windowRight != UNBOUNDED) {
            hi = Math.min(hi, pos + windowRight);
        }
        return Math.max(hi + 1, 0);
    }
}
