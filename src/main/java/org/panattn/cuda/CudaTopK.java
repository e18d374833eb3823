package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.bindings.cuda_runtime_h;
import org.panattn.bindings.panattn_h;
import org.panattn.bindings.panattn_topk_params;
import org.panattn.dense.DenseProblem;
import org.panattn.topk.TopKAttention;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKProblem;
import org.panattn.topk.TopKSpec;

/**
 * Certified top-k attention on one CUDA device (kernels-cuda/topk_attention.cu), with the semantics of
 * {@code org.panattn.ref.ReferenceTopK}. Everything is validated here before any native call; the call returns when
 * the kernel has finished, and a CUDA error becomes a PanattnException naming it.
 *
 * <p>The kernel keeps each row's logits in a device workspace. It is allocated on the first call and grown when a
 * larger problem needs more, and then kept for the life of the backend (like a cuBLAS workspace), so steady-state
 * calls allocate nothing; calls on one device share it and so run one at a time.
 */
final class CudaTopK implements TopKAttention {
    /** Largest head dim (of q/k and of v) the kernel takes: PANATTN_TOPK_MAX_HEAD_DIM. */
    static final int MAX_HEAD_DIM = panattn_h.PANATTN_TOPK_MAX_HEAD_DIM();
    /** The index status word's value when every row's kept indices fit the indices buffer. */
    private static final long NO_OVERFLOW = -1L;

    /** One params block per thread, reused by every call on it (freed with the thread's arena by the GC). */
    private static final ThreadLocal<MemorySegment> PARAMS =
            ThreadLocal.withInitial(() -> panattn_topk_params.allocate(Arena.ofAuto()));

    /** The instance of each backend (backends are one per device), so calls on a device share one workspace. */
    private static final ConcurrentHashMap<CudaBackend, CudaTopK> INSTANCES = new ConcurrentHashMap<>();

    private final CudaBackend backend;
    private final String operation;
    /** Guards the workspace: one launch at a time uses it. */
    private final Object workspaceLock = new Object();
    private long workspaceAddress;
    private long workspaceBytes;

    private CudaTopK(CudaBackend backend) {
        this.backend = backend;
        this.operation = "panattn_topk_attention on " + backend.name();
    }

    static CudaTopK of(CudaBackend backend) {
        return INSTANCES.computeIfAbsent(backend, CudaTopK::new);
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor valueNorms, TopKOutputs outputs, TopKSpec spec) {
        TopKProblem p = validate(q, k, v, valueNorms, outputs, spec, backend.device());
        DenseProblem d = p.dense();
        if (d.batch() == 0 || d.headsQ() == 0 || d.nq() == 0) {
            return; // no row to write
        }
        MemorySegment params = PARAMS.get();
        fill(params, p);
        long status;
        synchronized (workspaceLock) {
            backend.makeCurrent();
            long wanted = panattn_h.panattn_topk_workspace_bytes(params);
            long least = panattn_h.panattn_topk_min_workspace_bytes(params);
            if (wanted <= 0 || least <= 0) {
                throw new PanattnException(operation + ": the launcher rejected a validated call (library and "
                        + "bindings out of step?)");
            }
            reserveWorkspace(wanted, least);
            panattn_topk_params.scratch(params, MemorySegment.ofAddress(workspaceAddress));
            panattn_topk_params.scratch_bytes(params, workspaceBytes);
            CudaErrors.check(panattn_h.panattn_topk_attention(params, MemorySegment.NULL), operation);
            backend.synchronize(operation);
            status = readStatus();
        }
        if (status != NO_OVERFLOW) {
            long row = status >>> 32;
            long kept = status & 0xffff_ffffL;
            long i = row % d.nq();
            long h = (row / d.nq()) % d.headsQ();
            long b = row / d.nq() / d.headsQ();
            throw new IllegalArgumentException("indices: buffer too small: row (" + b + ", " + h + ", " + i
                    + ") keeps " + kept + " keys, capacity " + p.indexCapacity()
                    + " (size it with TopKPlanner.indexCapacity or to Nk)");
        }
    }

    /**
     * Makes the workspace at least {@code least} bytes, preferably {@code wanted}: when the device cannot give the
     * preferred size, the launch runs fewer thread blocks at once in the least one.
     */
    private void reserveWorkspace(long wanted, long least) {
        if (workspaceBytes >= wanted || grow(wanted) || workspaceBytes >= least || grow(least)) {
            return;
        }
        throw new PanattnException(operation + ": cudaMalloc(" + least + " bytes) for the top-k workspace failed: "
                + CudaErrors.describe(cuda_runtime_h.cudaErrorMemoryAllocation()));
    }

    /** Replaces the workspace with one of {@code bytes}; false (keeping the old one) when the device is out of memory. */
    private boolean grow(long bytes) {
        long address;
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment holder = scratch.allocate(ValueLayout.ADDRESS);
            int error = cuda_runtime_h.cudaMalloc(holder, bytes);
            if (error == cuda_runtime_h.cudaErrorMemoryAllocation()) {
                cuda_runtime_h.cudaGetLastError(); // not sticky, but the launch's error check must not see it
                return false;
            }
            CudaErrors.check(error, "cudaMalloc(" + bytes + " bytes) for the top-k workspace on " + backend.name());
            address = holder.get(ValueLayout.ADDRESS, 0).address();
        }
        if (workspaceAddress != 0) {
            CudaErrors.check(cuda_runtime_h.cudaFree(MemorySegment.ofAddress(workspaceAddress)),
                    "cudaFree of the previous top-k workspace on " + backend.name());
        }
        workspaceAddress = address;
        workspaceBytes = bytes;
        return true;
    }

    /** The index status word the launch left at the start of the workspace. */
    private long readStatus() {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment word = scratch.allocate(ValueLayout.JAVA_LONG);
            CudaErrors.check(cuda_runtime_h.cudaMemcpy(word, MemorySegment.ofAddress(workspaceAddress), Long.BYTES,
                    cuda_runtime_h.cudaMemcpyDeviceToHost()), "reading the top-k index status on " + backend.name());
            return word.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** Every check of a CUDA top-k call, with no native call (so it runs on machines without a GPU). */
    static TopKProblem validate(Tensor q, Tensor k, Tensor v, Tensor valueNorms, TopKOutputs outputs, TopKSpec spec,
                                Device device) {
        if (outputs == null || outputs.out() == null) {
            throw new IllegalArgumentException("out: expected a tensor, got null");
        }
        Tensor[] tensors = {q, k, v, valueNorms, outputs.out(), outputs.keptCount(), outputs.tail(),
            outputs.certificate(), outputs.exactError(), outputs.indices()};
        String[] names = {"q", "k", "v", "valueNorms", "out", "keptCount", "tail", "certificate", "exactError",
            "indices"};
        for (int t = 0; t < tensors.length; t++) {
            requireOnDevice(tensors[t], names[t], device);
        }
        TopKProblem p = TopKProblem.of(q, k, v, valueNorms, outputs, spec).requireDevice(device, device.toString());
        DenseProblem d = p.dense();
        if (d.headDim() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("q: expected head dim D <= " + MAX_HEAD_DIM
                    + " on the CUDA backend, got " + d.headDim());
        }
        if (d.headDimV() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("v: expected head dim Dv <= " + MAX_HEAD_DIM
                    + " on the CUDA backend, got " + d.headDimV());
        }
        if (d.nk() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: expected at most " + Integer.MAX_VALUE
                    + " keys (kept indices are I32) on the CUDA backend, got " + d.nk());
        }
        long rows;
        try {
            rows = Math.multiplyExact(Math.multiplyExact(d.batch(), d.headsQ()), d.nq());
        } catch (ArithmeticException e) {
            rows = Long.MAX_VALUE;
        }
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: expected at most " + Integer.MAX_VALUE
                    + " rows (B * Hq * Nq) in one CUDA top-k call, got " + rows);
        }
        for (int t = 0; t < tensors.length; t++) {
            requireAligned(tensors[t], names[t]);
        }
        return p;
    }

    private static void requireOnDevice(Tensor t, String name, Device device) {
        if (t != null && !t.device().equals(device)) {
            throw new IllegalArgumentException(name + ": expected a tensor on " + device + " (the CUDA backend's device"
                    + (t.device().isCpu() ? "; copy host tensors over with Tensor.copyTo or Backend.copy" : "")
                    + "), got one on " + t.device());
        }
    }

    /** The kernel reads and writes elements with naturally aligned accesses: the first element must be aligned. */
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
        return t == null ? MemorySegment.NULL : MemorySegment.ofAddress(t.segment().address() + t.byteOffset());
    }

    private static long stride(Tensor t, int dim) {
        return t == null ? 0 : t.stride(dim);
    }

    /** Writes a validated problem into the params block (scratch and scratch_bytes are set at launch). */
    static void fill(MemorySegment params, TopKProblem p) {
        DenseProblem d = p.dense();
        TopKOutputs o = p.outputs();
        TopKSpec spec = p.spec();
        Tensor norms = p.valueNorms();
        panattn_topk_params.q(params, firstElement(d.q()));
        panattn_topk_params.k(params, firstElement(d.k()));
        panattn_topk_params.v(params, firstElement(d.v()));
        panattn_topk_params.value_norms(params, firstElement(norms));
        panattn_topk_params.out(params, firstElement(o.out()));
        panattn_topk_params.kept_count(params, firstElement(o.keptCount()));
        panattn_topk_params.tail(params, firstElement(o.tail()));
        panattn_topk_params.certificate(params, firstElement(o.certificate()));
        panattn_topk_params.exact_error(params, firstElement(o.exactError()));
        panattn_topk_params.indices(params, firstElement(o.indices()));
        panattn_topk_params.scratch(params, MemorySegment.NULL);
        panattn_topk_params.scratch_bytes(params, 0);
        panattn_topk_params.batch(params, d.batch());
        panattn_topk_params.heads_q(params, d.headsQ());
        panattn_topk_params.heads_kv(params, d.headsKv());
        panattn_topk_params.n_q(params, d.nq());
        panattn_topk_params.n_k(params, d.nk());
        panattn_topk_params.head_dim(params, d.headDim());
        panattn_topk_params.head_dim_v(params, d.headDimV());
        panattn_topk_params.index_capacity(params, p.indexCapacity());
        panattn_topk_params.q_stride_b(params, d.q().stride(0));
        panattn_topk_params.q_stride_h(params, d.q().stride(1));
        panattn_topk_params.q_stride_n(params, d.q().stride(2));
        panattn_topk_params.k_stride_b(params, d.k().stride(0));
        panattn_topk_params.k_stride_h(params, d.k().stride(1));
        panattn_topk_params.k_stride_n(params, d.k().stride(2));
        panattn_topk_params.v_stride_b(params, d.v().stride(0));
        panattn_topk_params.v_stride_h(params, d.v().stride(1));
        panattn_topk_params.v_stride_n(params, d.v().stride(2));
        panattn_topk_params.value_norms_stride_b(params, stride(norms, 0));
        panattn_topk_params.value_norms_stride_h(params, stride(norms, 1));
        panattn_topk_params.value_norms_stride_n(params, stride(norms, 2));
        panattn_topk_params.out_stride_b(params, o.out().stride(0));
        panattn_topk_params.out_stride_h(params, o.out().stride(1));
        panattn_topk_params.out_stride_n(params, o.out().stride(2));
        panattn_topk_params.kept_count_stride_b(params, stride(o.keptCount(), 0));
        panattn_topk_params.kept_count_stride_h(params, stride(o.keptCount(), 1));
        panattn_topk_params.kept_count_stride_n(params, stride(o.keptCount(), 2));
        panattn_topk_params.tail_stride_b(params, stride(o.tail(), 0));
        panattn_topk_params.tail_stride_h(params, stride(o.tail(), 1));
        panattn_topk_params.tail_stride_n(params, stride(o.tail(), 2));
        panattn_topk_params.certificate_stride_b(params, stride(o.certificate(), 0));
        panattn_topk_params.certificate_stride_h(params, stride(o.certificate(), 1));
        panattn_topk_params.certificate_stride_n(params, stride(o.certificate(), 2));
        panattn_topk_params.exact_error_stride_b(params, stride(o.exactError(), 0));
        panattn_topk_params.exact_error_stride_h(params, stride(o.exactError(), 1));
        panattn_topk_params.exact_error_stride_n(params, stride(o.exactError(), 2));
        panattn_topk_params.indices_stride_b(params, stride(o.indices(), 0));
        panattn_topk_params.indices_stride_h(params, stride(o.indices(), 1));
        panattn_topk_params.indices_stride_n(params, stride(o.indices(), 2));
        panattn_topk_params.q_dtype(params, dtypeCode(d.q().dtype()));
        panattn_topk_params.k_dtype(params, dtypeCode(d.k().dtype()));
        panattn_topk_params.v_dtype(params, dtypeCode(d.v().dtype()));
        panattn_topk_params.causal(params, spec.causal() ? 1 : 0);
        panattn_topk_params.certify(params, spec.certify() == TopKSpec.Certify.BOUND
                ? panattn_h.PANATTN_TOPK_CERTIFY_BOUND() : panattn_h.PANATTN_TOPK_CERTIFY_EXACT());
        panattn_topk_params.k_fixed(params, spec.isFixedK() ? spec.kFixed() : 0);
        panattn_topk_params.epsilon(params, spec.isFixedK() ? 0.0 : spec.epsilon());
        panattn_topk_params.scale(params, d.scale());
    }
}
