package org.panattn.topk;

import org.panattn.Tensor;

/**
 * Certified top-k attention (Tzachristas et al.): per row keep the k largest logits (fixed k) or the fewest with
 * discarded tail mass tau <= epsilon, renormalise the softmax over them, and report tau (= TV(P, P_k) exactly)
 * with an output-error certificate. q [B,Hq,Nq,D], k [B,Hkv,Nk,D], v [B,Hkv,Nk,Dv], Hq a multiple of Hkv.
 * A row with no visible key keeps 0 keys, writes out 0, tau 0 and certificate 0; a row whose logits contain NaN
 * (or are all -inf, or any +inf) writes NaN for tau and the certificates: never a claim.
 */
public interface TopKAttention {

    /**
     * @param valueNorms optional [B,Hkv,Nk] F32 cache of ||v_j||_2 (see {@link ValueNorms}); with it the certificate
     *                   reads no discarded V row, without it the norms are computed from V in the call
     */
    void attention(Tensor q, Tensor k, Tensor v, Tensor valueNorms, TopKOutputs outputs, TopKSpec spec);

    default void attention(Tensor q, Tensor k, Tensor v, TopKOutputs outputs, TopKSpec spec) {
        attention(q, k, v, null, outputs, spec);
    }
}
