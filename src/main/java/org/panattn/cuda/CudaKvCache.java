package org.panattn.cuda;

import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.kvcache.ScoreSpec;

/**
 * OBCache scores and eviction on one CUDA device. Every call is refused, before any argument is touched, until
 * the kernels of kernels-cuda/obcache*.cu are bound, so no caller mistakes it for a result.
 */
final class CudaKvCache implements KvCacheOps {
    private final CudaBackend backend;

    CudaKvCache(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void scores(Tensor q, Tensor k, Tensor v, Tensor scores, ScoreSpec spec, boolean accumulate) {
        throw refusal();
    }

    @Override
    public void evict(Tensor k, Tensor v, Tensor scores, Tensor kept, EvictionSpec spec) {
        throw refusal();
    }

    private PanattnException refusal() {
        return new PanattnException("OBCache kv-cache kernels are not available on " + backend.name()
                + ": copy the tensors to the host and use Backend.cpu().kvcache()");
    }
}
