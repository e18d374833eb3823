package org.panattn.cuda;

import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.hybrid.HybridAttention;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridSpec;
import org.panattn.hybrid.HybridState;

/** Hybrid attention on one CUDA device. */
final class CudaHybrid implements HybridAttention {
    private final CudaBackend backend;

    CudaHybrid(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void prefill(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                        HybridState state) {
        throw unavailable();
    }

    @Override
    public void decode(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                       HybridState state) {
        throw unavailable();
    }

    private PanattnException unavailable() {
        return new PanattnException("hybrid attention is not available on " + backend.name() + " yet (no CUDA kernel):"
                + " copy the tensors to the host and use Backend.cpu().hybrid()");
    }
}
