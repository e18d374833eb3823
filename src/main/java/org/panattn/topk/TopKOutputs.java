package org.panattn.topk;

import org.panattn.Tensor;

/**
 * Where a top-k call writes, per row (b, h, query): {@code out} [B,Hq,Nq,Dv] F32 (softmax renormalised over the
 * kept keys, times V) and, each optional (null = not written): {@code keptCount} [B,Hq,Nq] I32, {@code tail}
 * [B,Hq,Nq] F32 (tau = discarded mass = TV; in BOUND mode the bound), {@code certificate} [B,Hq,Nq] F32 (an upper
 * bound on ||Attn - Attn_k||_2 that never reads a discarded V row), {@code exactError} [B,Hq,Nq] F32 (the true
 * ||Attn - Attn_k||_2; reads all of V), {@code indices} [B,Hq,Nq,C] I32 (kept key positions ascending, -1 padded).
 */
public record TopKOutputs(Tensor out, Tensor keptCount, Tensor tail, Tensor certificate, Tensor exactError,
                          Tensor indices) {

    public static TopKOutputs of(Tensor out) {
        return new TopKOutputs(out, null, null, null, null, null);
    }

    public TopKOutputs withKeptCount(Tensor t) {
        return new TopKOutputs(out, t, tail, certificate, exactError, indices);
    }

    public TopKOutputs withTail(Tensor t) {
        return new TopKOutputs(out, keptCount, t, certificate, exactError, indices);
    }

    public TopKOutputs withCertificate(Tensor t) {
        return new TopKOutputs(out, keptCount, tail, t, exactError, indices);
    }

    public TopKOutputs withExactError(Tensor t) {
        return new TopKOutputs(out, keptCount, tail, certificate, t, indices);
    }

    public TopKOutputs withIndices(Tensor t) {
        return new TopKOutputs(out, keptCount, tail, certificate, exactError, t);
    }
}
