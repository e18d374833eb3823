package org.panattn.dit;

import org.panattn.Tensor;

/**
 * Outputs of a full step that also caches the WA-RS residual, all [B,Hq,N,Dv] F32 on the inputs' device.
 *
 * @param full     full attention O, written as window + residual rounded in fp32, so that
 *                 {@link DitAttention#addResidual} of the same window output reproduces it bit for bit
 * @param window   window attention W (optional: null when only O and R are wanted)
 * @param residual R = O_full - W in fp32, the cache later steps add to their window output
 */
public record ResidualOutputs(Tensor full, Tensor window, Tensor residual) {

    public ResidualOutputs {
        if (full == null) {
            throw new IllegalArgumentException("full: expected a tensor, got null");
        }
        if (residual == null) {
            throw new IllegalArgumentException("residual: expected a tensor, got null");
        }
    }

    /** Full output and residual only. */
    public static ResidualOutputs of(Tensor full, Tensor residual) {
        return new ResidualOutputs(full, null, residual);
    }

    public ResidualOutputs withWindow(Tensor w) {
        return new ResidualOutputs(full, w, residual);
    }
}
