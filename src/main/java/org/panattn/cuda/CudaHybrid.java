package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.panattn_h;
import org.panattn.bindings.panattn_hybrid_params;
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridAttention;
import org.panattn.hybrid.HybridMode;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridProblem;
import org.panattn.hybrid.HybridSpec;
import org.panattn.hybrid.HybridState;

/**
 * Hybrid attention on one CUDA device (kernels-cuda/hybrid.cu): one thread block per (batch, kv head) walks the
 * tokens with the recurrent state, so prefill (from a reset state: the caller's, or a temporary one) and decode
 * share one kernel. Everything is validated here before the launch; the call returns when the kernel has finished.
 * The per-head window factors and dropout flags (host tensors) are copied to the device for each call.
 */
final class CudaHybrid implements HybridAttention {
    static final int MAX_DIM = panattn_h.PANATTN_HYBRID_MAX_DIM();
    static final int MAX_FEATURES = panattn_h.PANATTN_HYBRID_MAX_FEATURES();
    static final int MAX_WINDOW = panattn_h.PANATTN_HYBRID_MAX_WINDOW();
    /** Dynamic shared memory one block may use without an opt-in (48 KiB). */
    static final long MAX_SHARED_FLOATS = 48 * 1024 / Float.BYTES;

    private static final ThreadLocal<MemorySegment> PARAMS =
            ThreadLocal.withInitial(() -> panattn_hybrid_params.allocate(Arena.ofAuto()));

    private final CudaBackend backend;

    CudaHybrid(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void prefill(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                        HybridState state) {
        HybridProblem p = validate(q, k, v, params, outputs, spec, state, HybridProblem.Phase.PREFILL,
                backend.device());
        try (Arena scratch = Arena.ofConfined()) {
            HybridState target = state != null ? state : HybridState.allocate(backend, scratch, spec, p.batch(),
                    p.headsQ(), p.headsKv(), p.headDim(), p.headDimV(), p.featureDim());
            launch(p, target, 0, true, scratch);
        }
        if (state != null) {
            state.setLength(p.tokens());
        }
    }

    @Override
    public void decode(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                       HybridState state) {
        HybridProblem p = validate(q, k, v, params, outputs, spec, state, HybridProblem.Phase.DECODE,
                backend.device());
        long start = state.length();
        try (Arena scratch = Arena.ofConfined()) {
            launch(p, state, start, false, scratch);
        }
        state.setLength(start + p.tokens());
    }

    private void launch(HybridProblem p, HybridState state, long start, boolean reset, Arena scratch) {
        if (p.batch() == 0 || p.headsQ() == 0) {
            return;
        }
        Tensor factors = backend.allocate(scratch, DType.F32, p.headsQ());
        Tensor.of(p.windowFactors().clone(), p.headsQ()).copyTo(factors);
        Tensor flags = null;
        if (p.params().dropWindow() != null) {
            int[] host = new int[(int) (p.batch() * p.headsQ())];
            for (int i = 0; i < host.length; i++) {
                host[i] = p.isDropped(i / p.headsQ(), i % p.headsQ()) ? 1 : 0;
            }
            flags = backend.allocate(scratch, DType.I32, p.batch(), p.headsQ());
            Tensor.of(host, p.batch(), p.headsQ()).copyTo(flags);
        }
        MemorySegment params = PARAMS.get();
        fill(params, p, state, factors, flags, start, reset);
        String operation = "panattn_hybrid_attention on " + backend.name();
        backend.makeCurrent();
        CudaErrors.check(panattn_h.panattn_hybrid_attention(params, MemorySegment.NULL), operation);
        backend.synchronize(operation);
    }

    /** Every check of a CUDA hybrid call, with no native call (so it runs on machines without a GPU). */
    static HybridProblem validate(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs,
                                  HybridSpec spec, HybridState state, HybridProblem.Phase phase, Device device) {
        if (outputs == null) {
            throw new IllegalArgumentException("outputs: expected HybridOutputs with an out tensor, got null");
        }
        Tensor[] tensors = {q, k, v, outputs.out(), outputs.diagnostics(), params == null ? null : params.featureQ(),
            params == null ? null : params.featureK()};
        String[] names = {"q", "k", "v", "out", "diagnostics", "featureQ", "featureK"};
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] != null && !tensors[i].device().equals(device)) {
                throw new IllegalArgumentException(names[i] + ": expected a tensor on " + device
                        + " (the CUDA backend's device" + (tensors[i].device().isCpu()
                        ? "; copy host tensors over with Tensor.copyTo or Backend.copy" : "") + "), got one on "
                        + tensors[i].device());
            }
        }
        HybridProblem p = HybridProblem.of(q, k, v, params, outputs, spec, state, phase).requireOutputs()
                .requireDevice(device, device.toString());
        if (p.projectedDim() < 1) {
            throw new IllegalArgumentException("q: expected head dim D >= 1 (or feature weights) on the CUDA backend,"
                    + " got " + p.headDim());
        }
        requireAtMost("q", "head dim D", p.headDim(), MAX_DIM);
        requireAtMost("v", "head dim Dv", p.headDimV(), MAX_DIM);
        requireAtMost("featureQ", "projected features P", p.projectedDim(), MAX_DIM);
        requireAtMost("spec", "feature width F", p.featureDim(), MAX_FEATURES);
        requireAtMost("window", "window", spec.window(), MAX_WINDOW);
        requireAtMost("sinks", "sinks", spec.sinks(), MAX_WINDOW);
        long shared = sharedFloats(p);
        if (shared > MAX_SHARED_FLOATS) {
            throw new IllegalArgumentException("spec: expected at most " + MAX_SHARED_FLOATS + " floats of shared "
                    + "memory per block on the CUDA backend, got " + shared + " (window, F, D, Dv and the GQA group "
                    + p.group() + " too large together)");
        }
        if (p.batch() * p.headsKv() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: expected at most " + Integer.MAX_VALUE + " (batch, kv head) blocks"
                    + " in one launch, got " + p.batch() * p.headsKv());
        }
        for (int i = 0; i < tensors.length; i++) {
            requireAligned(tensors[i], names[i]);
        }
        requireContiguous(outputs.diagnostics(), "diagnostics");
        requireContiguous(params.featureQ(), "featureQ");
        requireContiguous(params.featureK(), "featureK");
        return p;
    }

    /** The kernel's dynamic shared memory in floats (hybrid_kernel.cuh, shared_floats). */
    static long sharedFloats(HybridProblem p) {
        long keys = Math.max(p.spec().window(), p.spec().sinks());
        return 2 * p.headDim() + p.projectedDim() + 2L * p.featureDim() + keys + 2 * p.headDimV() + 4
                + 6 * p.group() + 8;
    }

    private static void requireAtMost(String name, String what, long value, long limit) {
        if (value > limit) {
            throw new IllegalArgumentException(name + ": expected " + what + " <= " + limit
                    + " on the CUDA backend, got " + value);
        }
    }

    private static void requireContiguous(Tensor t, String name) {
        if (t != null && !t.isContiguous()) {
            throw new IllegalArgumentException(name + ": expected a contiguous tensor on the CUDA backend, got "
                    + t.describe());
        }
    }

    /** The kernel reads elements with naturally aligned loads: the first element's address must be aligned. */
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

    static int mapCode(FeatureMap map) {
        return switch (map) {
            case HEDGEHOG -> panattn_h.PANATTN_HYBRID_MAP_HEDGEHOG();
            case ELU1 -> panattn_h.PANATTN_HYBRID_MAP_ELU1();
            case RELU -> panattn_h.PANATTN_HYBRID_MAP_RELU();
            case EXP -> panattn_h.PANATTN_HYBRID_MAP_EXP();
        };
    }

    static int modeCode(HybridMode mode) {
        return switch (mode) {
            case HYBRID -> panattn_h.PANATTN_HYBRID_MODE_HYBRID();
            case WINDOW_ONLY -> panattn_h.PANATTN_HYBRID_MODE_WINDOW_ONLY();
            case LINEAR_ONLY -> panattn_h.PANATTN_HYBRID_MODE_LINEAR_ONLY();
            case SINKS_ONLY -> panattn_h.PANATTN_HYBRID_MODE_SINKS_ONLY();
            case ZERO -> panattn_h.PANATTN_HYBRID_MODE_ZERO();
        };
    }

    private static MemorySegment firstElement(Tensor t) {
        return t == null ? MemorySegment.NULL : MemorySegment.ofAddress(t.segment().address() + t.byteOffset());
    }

    /** Writes a validated problem, its state and the uploaded per-head values into the params block. */
    static void fill(MemorySegment params, HybridProblem p, HybridState state, Tensor windowFactors, Tensor flags,
                     long start, boolean reset) {
        Tensor q = p.q();
        Tensor k = p.k();
        Tensor v = p.v();
        Tensor out = p.outputs().out();
        panattn_hybrid_params.q(params, firstElement(q));
        panattn_hybrid_params.k(params, firstElement(k));
        panattn_hybrid_params.v(params, firstElement(v));
        panattn_hybrid_params.out(params, firstElement(out));
        panattn_hybrid_params.diagnostics(params, firstElement(p.outputs().diagnostics()));
        panattn_hybrid_params.weights_q(params, firstElement(p.queryWeights()));
        panattn_hybrid_params.weights_k(params, firstElement(p.keyWeights()));
        panattn_hybrid_params.window_factor(params, firstElement(windowFactors));
        panattn_hybrid_params.drop_window(params, firstElement(flags));
        panattn_hybrid_params.key_ring(params, firstElement(state.keyRing()));
        panattn_hybrid_params.value_ring(params, firstElement(state.valueRing()));
        panattn_hybrid_params.kv_state(params, firstElement(state.kv()));
        panattn_hybrid_params.z_state(params, firstElement(state.z()));
        panattn_hybrid_params.sink_keys(params, firstElement(state.sinkKeys()));
        panattn_hybrid_params.sink_values(params, firstElement(state.sinkValues()));
        panattn_hybrid_params.batch(params, p.batch());
        panattn_hybrid_params.heads_q(params, p.headsQ());
        panattn_hybrid_params.heads_kv(params, p.headsKv());
        panattn_hybrid_params.n(params, p.tokens());
        panattn_hybrid_params.head_dim(params, p.headDim());
        panattn_hybrid_params.head_dim_v(params, p.headDimV());
        panattn_hybrid_params.projected(params, p.projectedDim());
        panattn_hybrid_params.features(params, p.featureDim());
        panattn_hybrid_params.start(params, start);
        panattn_hybrid_params.q_stride_b(params, q.stride(0));
        panattn_hybrid_params.q_stride_h(params, q.stride(1));
        panattn_hybrid_params.q_stride_n(params, q.stride(2));
        panattn_hybrid_params.k_stride_b(params, k.stride(0));
        panattn_hybrid_params.k_stride_h(params, k.stride(1));
        panattn_hybrid_params.k_stride_n(params, k.stride(2));
        panattn_hybrid_params.v_stride_b(params, v.stride(0));
        panattn_hybrid_params.v_stride_h(params, v.stride(1));
        panattn_hybrid_params.v_stride_n(params, v.stride(2));
        panattn_hybrid_params.out_stride_b(params, out.stride(0));
        panattn_hybrid_params.out_stride_h(params, out.stride(1));
        panattn_hybrid_params.out_stride_n(params, out.stride(2));
        panattn_hybrid_params.q_dtype(params, dtypeCode(q.dtype()));
        panattn_hybrid_params.k_dtype(params, dtypeCode(k.dtype()));
        panattn_hybrid_params.v_dtype(params, dtypeCode(v.dtype()));
        panattn_hybrid_params.feature_map(params, mapCode(p.spec().featureMap()));
        panattn_hybrid_params.mode(params, modeCode(p.spec().mode()));
        panattn_hybrid_params.window(params, p.spec().window());
        panattn_hybrid_params.sinks(params, p.spec().sinks());
        panattn_hybrid_params.affine(params, p.spec().affine() ? 1 : 0);
        panattn_hybrid_params.reset(params, reset ? 1 : 0);
        panattn_hybrid_params.scale(params, p.scale());
    }
}
