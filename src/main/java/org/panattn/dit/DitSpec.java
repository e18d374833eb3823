package org.panattn.dit;

import org.panattn.dense.DenseSpec;

/**
 * Options of DiT window attention (DiTFastAttn): a non-causal band, query i sees keys j with |i - j| <= window
 * (flash-attention's window (w, w), 2w+1 keys away from the edges). A window >= N - 1 is full attention.
 *
 * @param window half-width w of the band, >= 0
 * @param scale  logit scale; null means 1/sqrt(D)
 */
public record DitSpec(int window, Float scale) {

    public DitSpec {
        if (window < 0) {
            throw new IllegalArgumentException("window: expected >= 0, got " + window);
        }
        if (scale != null && !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale: expected a finite number, got " + scale);
        }
    }

    /** Band of half-width {@code window}, scale 1/sqrt(D). */
    public static DitSpec window(int window) {
        return new DitSpec(window, null);
    }

    /** The window of the paper's image models: 1/8 of the token count (at least 1). */
    public static DitSpec eighthOf(long tokens) {
        return window((int) Math.max(1, Math.min(Integer.MAX_VALUE, tokens / 8)));
    }

    public DitSpec withScale(float s) {
        return new DitSpec(window, s);
    }

    public DitSpec withWindow(int w) {
        return new DitSpec(w, scale);
    }

    /** The scale used for head size {@code headDim}. */
    public float resolvedScale(long headDim) {
        return scale != null ? scale : (float) (1.0 / Math.sqrt(Math.max(headDim, 1)));
    }

    /** First key query {@code i} sees. */
    public long firstKey(long i) {
        return Math.max(0, i - window);
    }

    /** One past the last key query {@code i} of {@code n} tokens sees. */
    public long endKey(long i, long n) {
        return Math.min(n, i + window + 1L);
    }

    /** The same band as a dense-attention spec (window (w, w), not causal, this scale). */
    public DenseSpec toDenseWindow() {
        return new DenseSpec(scale, false, window, window);
    }

    /** Dense full attention with this spec's scale. */
    public DenseSpec toDenseFull() {
        return new DenseSpec(scale, false, DenseSpec.UNBOUNDED, DenseSpec.UNBOUNDED);
    }
}
