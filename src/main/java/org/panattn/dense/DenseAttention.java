package org.panattn.dense;

import java.lang.foreign.Arena;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * Dense softmax attention: out[b,h,i,:] = sum_j softmax_j(q_i . k_j * scale) v_j over the keys row i may see.
 * q [B,Hq,Nq,D], k [B,Hkv,Nk,D], v [B,Hkv,Nk,Dv], out [B,Hq,Nq,Dv] F32, lse [B,Hq,Nq] F32 (optional);
 * Hq is a multiple of Hkv (grouped-query attention: head h reads kv head h / (Hq/Hkv)). A row that may see no
 * key gets out = 0 and lse = -inf.
 */
public interface DenseAttention {

    /** Writes out (and lse, if not null). */
    void attention(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, DenseSpec spec);

    default void attention(Tensor q, Tensor k, Tensor v, Tensor out, DenseSpec spec) {
        attention(q, k, v, out, null, spec);
    }

    /** Allocates the output in {@code arena} (on the inputs' device). */
    default Tensor attention(Arena arena, Tensor q, Tensor k, Tensor v, DenseSpec spec) {
        DenseProblem p = DenseProblem.of(q, k, v, null, null, spec);
        Tensor out = org.panattn.Backend.forTensor(q).allocate(arena, DType.F32, p.batch(), p.headsQ(), p.nq(),
                p.headDimV());
        attention(q, k, v, out, null, spec);
        return out;
    }
}
