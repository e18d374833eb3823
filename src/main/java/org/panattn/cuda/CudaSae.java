package org.panattn.cuda;

import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.SaeOps;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.SparseFeatures;
import org.panattn.sae.Steering;

/**
 * SAE operations on one CUDA device. The CUDA SAE kernels are not part of this build: every call is refused with
 * that reason before any argument is touched, so no caller mistakes it for a result.
 */
final class CudaSae implements SaeOps {
    private final CudaBackend backend;

    CudaSae(CudaBackend backend) {
        this.backend = backend;
    }

    private PanattnException refused() {
        return new PanattnException("SAE kernels are not available on " + backend.name() + " (no CUDA SAE kernel in"
                + " this build): copy the tensors to the host and use Backend.cpu().sae()");
    }

    @Override
    public void encode(SparseAutoencoder sae, Tensor x, Tensor features) {
        throw refused();
    }

    @Override
    public void encodeSparse(SparseAutoencoder sae, Tensor x, SparseFeatures out) {
        throw refused();
    }

    @Override
    public void decode(SparseAutoencoder sae, Tensor features, Tensor reconstruction) {
        throw refused();
    }

    @Override
    public void steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out) {
        throw refused();
    }

    @Override
    public void accumulate(SparseAutoencoder sae, Tensor x, Tensor mask, FeatureStatistics statistics) {
        throw refused();
    }
}
