package org.panattn.kvcache;

import org.panattn.Tensor;

/**
 * OBCache saliency scores and KV-cache eviction. q [B,Hq,Nq,D] (the window is its last {@code spec.window()}
 * rows), k [B,Hkv,L,D], v [B,Hkv,L,Dv], Hq a multiple of Hkv; scores [B,Hkv,L] F32, or [B,Hq,L] with
 * {@link GroupAggregation#NONE}.
 */
public interface KvCacheOps {

    /**
     * Writes (or, with {@code accumulate}, adds to) the saliency of every key. Keys a window query cannot see
     * contribute nothing for it; NaN/Inf inside the tensors propagate as IEEE says.
     *
     * @param window the window rows' attention outputs and log-sum-exp if the caller has them (see
     *               {@link WindowAttention}), or null to compute them in the call
     */
    void scores(Tensor q, Tensor k, Tensor v, WindowAttention window, Tensor scores, ScoreSpec spec,
                boolean accumulate);

    /** The score pass computing the window's attention itself. */
    default void scores(Tensor q, Tensor k, Tensor v, Tensor scores, ScoreSpec spec, boolean accumulate) {
        scores(q, k, v, null, scores, spec, accumulate);
    }

    default void scores(Tensor q, Tensor k, Tensor v, Tensor scores, ScoreSpec spec) {
        scores(q, k, v, scores, spec, false);
    }

    /**
     * Per (batch, KV head): keeps {@code spec.budget()} of the L tokens (sinks, recents, then the top scores; see
     * {@link EvictionSpec}), writes their positions ascending into {@code kept} [B,Hkv,budget] I32, and compacts
     * k, v and scores in place: row t of each becomes row kept[t] (a stable gather in the same segments). Rows
     * [budget, L) are left as they were. Everything is validated first: on a bad call nothing is written.
     *
     * @param scores [B,Hkv,L] F32: read for the selection, then compacted like k and v
     */
    void evict(Tensor k, Tensor v, Tensor scores, Tensor kept, EvictionSpec spec);
}
