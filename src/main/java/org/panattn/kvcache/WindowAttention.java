package org.panattn.kvcache;

/**
 * The dense attention of the window rows, when the caller already has it (an inference engine's prefill computes
 * it anyway; OBCache's own code takes O from the flash-attention output): {@code outputs} [B,Hq,w,Dv] F32 and
 * {@code lse} [B,Hq,w] F32, the natural-log log-sum-exp of each row, as {@link org.panattn.dense.DenseAttention}
 * writes them (slices of its [B,Hq,Nq,...] outputs are fine). With it, a score pass skips its own attention pass:
 * about half the work for the key and joint scores. The scores then use A_ij = exp(z_ij - lse_i) and o_i as given.
 */
public record WindowAttention(org.panattn.Tensor outputs, org.panattn.Tensor lse) {

    public WindowAttention {
        if (outputs == null) {
            throw new IllegalArgumentException("window outputs: expected a tensor, got null");
        }
        if (lse == null) {
            throw new IllegalArgumentException("window lse: expected a tensor, got null");
        }
    }
}
