package org.panattn.dit;

import org.panattn.Tensor;

/**
 * A diffusion transformer and its sampler, as the plan search drives them. The state is the sampler's latent
 * (for CFG, the batch holds both halves); the prediction (the transformer output, e.g. the noise prediction) has
 * the state's shape and dtype F32, on the host.
 */
public interface DitModel {

    /** Self-attention layers, each calling {@code attention.attend(layer, ...)} once per step. */
    int layers();

    /** Sampling steps. */
    int steps();

    /** Runs the transformer at {@code step} on {@code state}, writing {@code prediction}. */
    void predict(int step, Tensor state, LayerAttention attention, Tensor prediction);

    /** Advances the sampler in place: state := update(state, prediction, step). */
    void advance(int step, Tensor state, Tensor prediction);
}
