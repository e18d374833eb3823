package org.panattn.hybrid;

import org.panattn.Tensor;

/**
 * Windowed/linear hybrid attention (see {@link HybridSpec} for the formula): q [B, Hq, T, D], k [B, Hkv, T, D],
 * v [B, Hkv, T, Dv] (Hq a multiple of Hkv; query head h reads kv head h / (Hq/Hkv) and maps its keys with head h's
 * feature weights), out [B, Hq, T, Dv] F32.
 *
 * <p>Prefill runs in chunks of the window: inside a chunk exactly, across chunks through the running state
 * S = sum phi(k) v^T [F, Dv] and z = sum phi(k) [F]; decode continues from a {@link HybridState} (the recurrent
 * state plus a ring of the last w keys and values). Prefill of T tokens followed by decode of the next ones gives
 * what prefill of the whole sequence gives.
 */
public interface HybridAttention {

    /**
     * The layer over positions 0..T-1; when {@code state} is not null it is reset and left holding the sequence, so
     * that {@link #decode} continues it.
     */
    void prefill(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                 HybridState state);

    default void prefill(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec) {
        prefill(q, k, v, params, outputs, spec, null);
    }

    /**
     * Appends the T new tokens (q, k, v with T rows, usually 1) to {@code state} one by one and writes each one's
     * output; the state must have been made for these shapes and this spec's window, feature width and sinks.
     */
    void decode(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                HybridState state);
}
