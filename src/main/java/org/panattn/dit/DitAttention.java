package org.panattn.dit;

import java.lang.foreign.Arena;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * The attention kernels of DiTFastAttn. Self-attention only: q [B,Hq,N,D], k [B,Hkv,N,D], v [B,Hkv,N,Dv] (Hq a
 * multiple of Hkv; F32, F16 or BF16; any strides with a contiguous last dim, so the flash layout [B,N,H,D] is a
 * {@code transpose(1, 2)} view), outputs [B,Hq,N,Dv] F32.
 */
public interface DitAttention {

    /**
     * Window attention: out[b,h,i] = sum over |i - j| <= w of softmax_j(q_i . k_j * scale) v_j. Fused: only key
     * tiles inside the band are read, cost proportional to (2w+1)·N.
     */
    void window(Tensor q, Tensor k, Tensor v, Tensor out, DitSpec spec);

    /**
     * Full and window attention in one pass over the keys (the logits of the band are shared), writing the full
     * output, the residual R = O - W and optionally W. The window part has exactly the numerics of
     * {@link #window}: a later {@code window} call on the same inputs returns the same W bit for bit, and
     * {@code addResidual(W, R)} returns {@code outputs.full()} bit for bit.
     */
    void fullWithResidual(Tensor q, Tensor k, Tensor v, ResidualOutputs outputs, DitSpec spec);

    /** out = window + residual in fp32, element by element; {@code out} may be {@code window} itself. */
    void addResidual(Tensor window, Tensor residual, Tensor out);

    /** Allocates the window output in {@code arena} (on the inputs' device). */
    default Tensor window(Arena arena, Tensor q, Tensor k, Tensor v, DitSpec spec) {
        DitProblem p = DitProblem.of(q, k, v, spec);
        Tensor out = Backend.forTensor(q).allocate(arena, DType.F32, p.outputShape());
        window(q, k, v, out, spec);
        return out;
    }

    /** Allocates all three outputs in {@code arena} (on the inputs' device). */
    default ResidualOutputs fullWithResidual(Arena arena, Tensor q, Tensor k, Tensor v, DitSpec spec) {
        DitProblem p = DitProblem.of(q, k, v, spec);
        Backend backend = Backend.forTensor(q);
        ResidualOutputs outs = new ResidualOutputs(backend.allocate(arena, DType.F32, p.outputShape()),
                backend.allocate(arena, DType.F32, p.outputShape()), backend.allocate(arena, DType.F32,
                p.outputShape()));
        fullWithResidual(q, k, v, outs, spec);
        return outs;
    }
}
