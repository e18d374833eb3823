package org.panattn.sae;

import org.panattn.Tensor;

/**
 * Sparse SAE codes, per token (leading dims N... = those of x): {@code activeCount} [N...] I32 = the number of
 * nonzero f_j; {@code indices} [N..., C] I32 and {@code values} [N..., C] F32 = the min(activeCount, C) largest
 * activations in descending order (ties to the lower index), the rest padded with index -1 and value 0.
 * A token with more than C active features keeps its C largest; activeCount still says how many there were.
 */
public record SparseFeatures(Tensor indices, Tensor values, Tensor activeCount) {
}
