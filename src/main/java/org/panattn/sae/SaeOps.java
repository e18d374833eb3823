package org.panattn.sae;

import org.panattn.Tensor;

/**
 * Sparse-autoencoder kernels (Chou et al., "Causal Language Control in Multilingual Transformers via Sparse
 * Feature Steering"). x is [T, d_in] or [B, T, d_in] (F32, F16 or BF16, any strides with a contiguous last dim);
 * per-token outputs have the same leading dims. Every argument is checked before any kernel runs.
 */
public interface SaeOps {

    /** features [N..., d_sae] F32 = f(x), dense. */
    void encode(SparseAutoencoder sae, Tensor x, Tensor features);

    /** The codes of x in sparse form (see {@link SparseFeatures}). */
    void encodeSparse(SparseAutoencoder sae, Tensor x, SparseFeatures out);

    /** reconstruction [N..., d_in] F32 = features W_dec + b_dec, for dense features [N..., d_sae]. */
    void decode(SparseAutoencoder sae, Tensor features, Tensor reconstruction);

    /**
     * Applies {@code steering} to the tokens of x selected by {@code mask} (leading dims of x, I32 or float,
     * nonzero = steer; null = every token) and writes every token to {@code out} (unselected ones copied).
     * {@code out} may be x itself (in place) but must not otherwise overlap it. O(d_in) per token and edit: reads
     * one column of W_enc (CLAMP only) and one row of W_dec. CLAMP needs f_j(x) alone, so it is refused for TOPK
     * SAEs, where f_j depends on every feature.
     */
    void steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out);

    /**
     * {@link #steer(SparseAutoencoder, Tensor, Tensor, Steering, Tensor)} with the edit vectors prepared once (see
     * {@link PreparedSteering}): the form for decode loops that steer a few tokens per call.
     */
    default void steer(PreparedSteering prepared, Tensor x, Tensor mask, Tensor out) {
        if (prepared == null) {
            throw new IllegalArgumentException("prepared: expected a PreparedSteering, got null");
        }
        steer(prepared.sae(), x, mask, prepared.steering(), out);
    }

    /** Adds f(x) of the tokens selected by {@code mask} (null = all) to the per-feature sums of {@code statistics}. */
    void accumulate(SparseAutoencoder sae, Tensor x, Tensor mask, FeatureStatistics statistics);
}
