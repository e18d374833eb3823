package org.panattn.dit;

import org.panattn.Tensor;

/**
 * The self-attention of one transformer step, as a model sees it: {@code attend(layer, q, k, v, out)} computes
 * (or reuses) layer {@code layer}'s attention with whatever method the plan gives it. Tensors as
 * {@link DitAttention}: q/k/v [B,H,N,D] (views of [B,N,H,D] are fine), out [B,H,N,Dv] F32.
 */
@FunctionalInterface
public interface LayerAttention {
    void attend(int layer, Tensor q, Tensor k, Tensor v, Tensor out);
}
