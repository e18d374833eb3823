package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.bindings.panattn_h;
import org.panattn.bindings.panattn_obcache_params;
import org.panattn.dense.DenseProblem;
import org.panattn.kvcache.EvictionProblem;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.kvcache.ScoreProblem;
import org.panattn.kvcache.ScoreSpec;
import org.panattn.kvcache.WindowAttention;

/**
 * OBCache scores and eviction on one CUDA device (kernels-cuda/obcache.cu): dense attention on the window, the
 * score pass and its finalisation; a radix select per (batch, head), then a gather staged through device scratch.
 * Everything is validated here before the launch; the scratch is allocated per call and freed before it returns;
 * the call returns when the kernels have finished, and a CUDA error becomes a PanattnException naming it.
 */
final class CudaKvCache implements KvCacheOps {
    /** Largest head dim (of q/k and of v) the kernels take (their shared-memory rows). */
    static final int MAX_HEAD_DIM = 256;

    private static final ThreadLocal<MemorySegment> PARAMS =
            ThreadLocal.withInitial(() -> panattn_obcache_params.allocate(Arena.ofAuto()));

    private final CudaBackend backend;

    CudaKvCache(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void scores(Tensor q, Tensor k, Tensor v, WindowAttention window, Tensor scores, ScoreSpec spec,
                       boolean accumulate) {
        ScoreProblem p = validate(q, k, v, window, scores, spec, backend.device());
        DenseProblem d = p.dense();
        if (d.batch() == 0 || d.headsQ() == 0 || d.nk() == 0) {
            return;
        }
        MemorySegment params = PARAMS.get();
        params.fill((byte) 0);
        fillCommon(params, k, v, scores);
        panattn_obcache_params.q(params, firstElement(q));
        if (window != null) {
            panattn_obcache_params.window_outputs(params, firstElement(window.outputs()));
            panattn_obcache_params.window_lse(params, firstElement(window.lse()));
        }
        panattn_obcache_params.batch(params, d.batch());
        panattn_obcache_params.heads_q(params, d.headsQ());
        panattn_obcache_params.heads_kv(params, d.headsKv());
        panattn_obcache_params.n_q(params, d.nq());
        panattn_obcache_params.n_k(params, d.nk());
        panattn_obcache_params.q_stride_b(params, q.stride(0));
        panattn_obcache_params.q_stride_h(params, q.stride(1));
        panattn_obcache_params.q_stride_n(params, q.stride(2));
        panattn_obcache_params.window(params, spec.window());
        panattn_obcache_params.q_dtype(params, dtypeCode(q.dtype()));
        panattn_obcache_params.score(params, switch (spec.score()) {
            case VALUE -> panattn_h.PANATTN_OBCACHE_SCORE_VALUE();
            case KEY -> panattn_h.PANATTN_OBCACHE_SCORE_KEY();
            case JOINT -> panattn_h.PANATTN_OBCACHE_SCORE_JOINT();
            case ACCUMULATED -> panattn_h.PANATTN_OBCACHE_SCORE_ACCUMULATED();
        });
        panattn_obcache_params.aggregation(params, switch (spec.aggregation()) {
            case MEAN -> panattn_h.PANATTN_OBCACHE_AGG_MEAN();
            case MAX -> panattn_h.PANATTN_OBCACHE_AGG_MAX();
            case NONE -> panattn_h.PANATTN_OBCACHE_AGG_NONE();
        });
        panattn_obcache_params.pool_radius(params, spec.pooling().radius());
        panattn_obcache_params.causal(params, spec.causal() ? 1 : 0);
        panattn_obcache_params.accumulate(params, accumulate ? 1 : 0);
        panattn_obcache_params.scale(params, d.scale());
        launch(params, panattn_h.PANATTN_OBCACHE_OP_SCORES(), "panattn_obcache_scores");
    }

    @Override
    public void evict(Tensor k, Tensor v, Tensor scores, Tensor kept, EvictionSpec spec) {
        requireOnDevice(k, "k", backend.device());
        requireOnDevice(v, "v", backend.device());
        requireOnDevice(scores, "scores", backend.device());
        requireOnDevice(kept, "kept", backend.device());
        EvictionProblem p = EvictionProblem.of(k, v, scores, kept, spec).requireDevice(backend.device(),
                backend.name());
        requireHeadDims(p.headDim(), p.headDimV());
        requireAligned(k, "k");
        requireAligned(v, "v");
        requireAligned(scores, "scores");
        requireAligned(kept, "kept");
        if (p.batch() * p.heads() == 0 || spec.budget() == 0) {
            return;
        }
        MemorySegment params = PARAMS.get();
        params.fill((byte) 0);
        fillCommon(params, k, v, scores);
        panattn_obcache_params.kept(params, firstElement(kept));
        panattn_obcache_params.batch(params, p.batch());
        panattn_obcache_params.heads_q(params, p.heads());
        panattn_obcache_params.heads_kv(params, p.heads());
        panattn_obcache_params.n_k(params, p.length());
        panattn_obcache_params.kept_stride_b(params, kept.stride(0));
        panattn_obcache_params.kept_stride_h(params, kept.stride(1));
        panattn_obcache_params.kept_stride_n(params, kept.stride(2));
        panattn_obcache_params.budget(params, spec.budget());
        panattn_obcache_params.recent(params, spec.recent());
        panattn_obcache_params.sink(params, spec.sink());
        panattn_obcache_params.q_dtype(params, panattn_h.PANATTN_DTYPE_F32());
        launch(params, panattn_h.PANATTN_OBCACHE_OP_EVICT(), "panattn_obcache_evict");
    }

    /** Every check of a CUDA score call, with no native call. */
    static ScoreProblem validate(Tensor q, Tensor k, Tensor v, WindowAttention window, Tensor scores,
                                 ScoreSpec spec, Device device) {
        if (window != null) {
            requireOnDevice(window.outputs(), "window outputs", device);
            requireOnDevice(window.lse(), "window lse", device);
            if (!window.outputs().isContiguous()) {
                throw new IllegalArgumentException("window outputs: expected a contiguous tensor on the CUDA backend,"
                        + " got " + window.outputs().describe());
            }
            if (!window.lse().isContiguous()) {
                throw new IllegalArgumentException("window lse: expected a contiguous tensor on the CUDA backend, got "
                        + window.lse().describe());
            }
            requireAligned(window.outputs(), "window outputs");
            requireAligned(window.lse(), "window lse");
        }
        requireOnDevice(q, "q", device);
        requireOnDevice(k, "k", device);
        requireOnDevice(v, "v", device);
        requireOnDevice(scores, "scores", device);
        ScoreProblem p = ScoreProblem.of(q, k, v, window, scores, spec).requireDevice(device, device.toString());
        requireHeadDims(p.dense().headDim(), p.dense().headDimV());
        if (p.dense().nk() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: expected at most " + Integer.MAX_VALUE + " keys on the CUDA backend,"
                    + " got " + p.dense().nk());
        }
        requireAligned(q, "q");
        requireAligned(k, "k");
        requireAligned(v, "v");
        requireAligned(scores, "scores");
        return p;
    }

    private void launch(MemorySegment params, int operation, String name) {
        long bytes = panattn_h.panattn_obcache_workspace_bytes(params, operation);
        if (bytes < 0) {
            throw new PanattnException(name + ": the library refused a params block the Java checks accepted");
        }
        String what = name + " on " + backend.name();
        try (Arena scratch = Arena.ofConfined()) {
            Tensor workspace = backend.allocate(scratch, DType.I32, Math.max(1, (bytes + 3) / 4));
            panattn_obcache_params.workspace(params, firstElement(workspace));
            backend.makeCurrent();
            int error = operation == panattn_h.PANATTN_OBCACHE_OP_SCORES()
                    ? panattn_h.panattn_obcache_scores(params, MemorySegment.NULL)
                    : panattn_h.panattn_obcache_evict(params, MemorySegment.NULL);
            CudaErrors.check(error, what);
            backend.synchronize(what);
        }
    }

    private static void fillCommon(MemorySegment params, Tensor k, Tensor v, Tensor scores) {
        panattn_obcache_params.k(params, firstElement(k));
        panattn_obcache_params.v(params, firstElement(v));
        panattn_obcache_params.scores(params, firstElement(scores));
        panattn_obcache_params.head_dim(params, k.dim(3));
        panattn_obcache_params.head_dim_v(params, v.dim(3));
        panattn_obcache_params.k_stride_b(params, k.stride(0));
        panattn_obcache_params.k_stride_h(params, k.stride(1));
        panattn_obcache_params.k_stride_n(params, k.stride(2));
        panattn_obcache_params.v_stride_b(params, v.stride(0));
        panattn_obcache_params.v_stride_h(params, v.stride(1));
        panattn_obcache_params.v_stride_n(params, v.stride(2));
        panattn_obcache_params.scores_stride_b(params, scores.stride(0));
        panattn_obcache_params.scores_stride_h(params, scores.stride(1));
        panattn_obcache_params.scores_stride_n(params, scores.stride(2));
        panattn_obcache_params.k_dtype(params, dtypeCode(k.dtype()));
        panattn_obcache_params.v_dtype(params, dtypeCode(v.dtype()));
    }

    private static void requireHeadDims(long headDim, long headDimV) {
        if (headDim > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("k: expected head dim D <= " + MAX_HEAD_DIM + " on the CUDA backend, got "
                    + headDim);
        }
        if (headDimV > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("v: expected head dim Dv <= " + MAX_HEAD_DIM
                    + " on the CUDA backend, got " + headDimV);
        }
    }

    private static void requireOnDevice(Tensor t, String name, Device device) {
        if (t != null && !t.device().equals(device)) {
            throw new IllegalArgumentException(name + ": expected a tensor on " + device + " (the CUDA backend's device"
                    + (t.device().isCpu() ? "; copy host tensors over with Tensor.copyTo or Backend.copy" : "")
                    + "), got one on " + t.device());
        }
    }

    private static void requireAligned(Tensor t, String name) {
        if (t == null || t.numel() == 0) {
            return;
        }
        long address = t.segment().address() + t.byteOffset();
        int size = t.dtype().byteSize();
        if (address % size != 0) {
            throw new IllegalArgumentException(name + ": expected a device address aligned to " + size + " bytes ("
                    + t.dtype() + "), got 0x" + Long.toHexString(address));
        }
    }

    private static int dtypeCode(DType dtype) {
        return switch (dtype) {
            case F32 -> panattn_h.PANATTN_DTYPE_F32();
            case F16 -> panattn_h.PANATTN_DTYPE_F16();
            case BF16 -> panattn_h.PANATTN_DTYPE_BF16();
            case I32 -> throw new IllegalArgumentException("dtype: expected F32, F16 or BF16, got I32");
        };
    }

    private static MemorySegment firstElement(Tensor t) {
        return MemorySegment.ofAddress(t.segment().address() + t.byteOffset());
    }
}
