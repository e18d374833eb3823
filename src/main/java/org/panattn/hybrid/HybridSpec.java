package org.panattn.hybrid;

/**
 * Options of windowed/linear hybrid attention (LoLCATs form, Benfeghoul et al.):
 * <pre>
 * y_i = [g sum_{j in W(i)} e^{s_ij - m_i} v_j + l sum_{j in L(i)} phi(q_i).phi(k_j) v_j]
 *     / [g sum_{j in W(i)} e^{s_ij - m_i}     + l sum_{j in L(i)} phi(q_i).phi(k_j)]
 * </pre>
 * with W(i) = {j : i - w &lt; j &lt;= i}, L(i) = {j &lt;= i - w}, s_ij = q_i.k_j scale, m_i the largest window logit
 * (only the window branch is shifted, as LoLCATs does), g the head's window factor, l = 1 (or 1 - g if affine).
 *
 * @param window     w &gt;= 1: keys in the softmax window, the query's own key included
 * @param featureMap phi of the linear branch
 * @param mode       the full layer or one of the component diagnostics
 * @param gamma      the window factor g of every head, unless the call passes per-head factors; &gt;= 0 (&lt;= 1
 *                   with affine)
 * @param affine     l = 1 - g instead of 1
 * @param sinks      the number of leading tokens {@link HybridMode#SINKS_ONLY} attends to (&gt;= 1 in that mode)
 * @param scale      logit scale of the window branch; null means 1/sqrt(D) (the linear branch is never scaled)
 */
public record HybridSpec(int window, FeatureMap featureMap, HybridMode mode, float gamma, boolean affine, int sinks,
                         Float scale) {

    /** LoLCATs' window. */
    public static final int DEFAULT_WINDOW = 64;
    /** LoLCATs' initial window factor, sigmoid(-2.1972). */
    public static final float DEFAULT_GAMMA = 0.1f;

    public HybridSpec {
        if (window < 1) {
            throw new IllegalArgumentException("window: expected >= 1, got " + window);
        }
        if (featureMap == null) {
            throw new IllegalArgumentException("featureMap: expected hedgehog, elu1, relu or exp, got null");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode: expected hybrid, window-only, linear-only, sinks-only or zero,"
                    + " got null");
        }
        checkWindowFactor("gamma", gamma, affine);
        if (sinks < 0) {
            throw new IllegalArgumentException("sinks: expected >= 0, got " + sinks);
        }
        if (mode == HybridMode.SINKS_ONLY && sinks == 0) {
            throw new IllegalArgumentException("sinks: expected >= 1 in mode sinks-only, got 0");
        }
        if (scale != null && !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale: expected a finite number, got " + scale);
        }
    }

    /** Window {@code window}, feature map {@code featureMap}, mode hybrid, g = 0.1, l = 1, no sinks, 1/sqrt(D). */
    public static HybridSpec of(int window, FeatureMap featureMap) {
        return new HybridSpec(window, featureMap, HybridMode.HYBRID, DEFAULT_GAMMA, false, 0, null);
    }

    public HybridSpec withMode(HybridMode m) {
        return new HybridSpec(window, featureMap, m, gamma, affine, sinks, scale);
    }

    public HybridSpec withGamma(float g) {
        return new HybridSpec(window, featureMap, mode, g, affine, sinks, scale);
    }

    public HybridSpec withAffine(boolean a) {
        return new HybridSpec(window, featureMap, mode, gamma, a, sinks, scale);
    }

    public HybridSpec withSinks(int s) {
        return new HybridSpec(window, featureMap, mode, gamma, affine, s, scale);
    }

    public HybridSpec withScale(float s) {
        return new HybridSpec(window, featureMap, mode, gamma, affine, sinks, s);
    }

    public float resolvedScale(long headDim) {
        return scale != null ? scale : (float) (1.0 / Math.sqrt(Math.max(headDim, 1)));
    }

    /** The factor l of the linear branch for a window factor g. */
    public float linearFactor(float g) {
        return affine ? 1f - g : 1f;
    }

    /** Throws unless g is a valid window factor: finite, >= 0, and <= 1 when l = 1 - g. */
    static void checkWindowFactor(String name, float g, boolean affine) {
        if (!Float.isFinite(g) || g < 0) {
            throw new IllegalArgumentException(name + ": expected a finite window factor >= 0, got " + g);
        }
        if (affine && g > 1) {
            throw new IllegalArgumentException(name + ": expected a window factor in [0, 1] with affine (l = 1 - g),"
                    + " got " + g);
        }
    }
}
