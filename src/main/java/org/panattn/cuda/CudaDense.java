package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.panattn_dense_params;
import org.panattn.bindings.panattn_h;
import org.panattn.dense.DenseAttention;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/**
 * Dense attention on one CUDA device (kernels-cuda/dense_attention.cu). Everything is validated here before the
 * launch; the call returns when the kernel has finished, and a CUDA error becomes a PanattnException naming it.
 */
final class CudaDense implements DenseAttention {
    /** Largest head dim (of q/k and of v) the kernel takes: PANATTN_DENSE_MAX_HEAD_DIM. */
    static final int MAX_HEAD_DIM = panattn_h.PANATTN_DENSE_MAX_HEAD_DIM();
    /** Query rows per thread block: sets how many blocks one launch needs. */
    static final int ROWS_PER_BLOCK = panattn_h.PANATTN_DENSE_ROWS_PER_BLOCK();

    /** One params block per thread, reused by every call on it (freed with the thread's arena by the GC). */
    private static final ThreadLocal<MemorySegment> PARAMS =
            ThreadLocal.withInitial(() -> panattn_dense_params.allocate(Arena.ofAuto()));

    private final CudaBackend backend;
    private final String operation;

    CudaDense(CudaBackend backend) {
        this.backend = backend;
        this.operation = "panattn_dense_attention on " + backend.name();
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, DenseSpec spec) {
        DenseProblem p = validate(q, k, v, out, lse, spec, backend.device());
        if (p.batch() == 0 || p.headsQ() == 0 || p.nq() == 0) {
            return; // no row to write
        }
        MemorySegment params = PARAMS.get();
        fill(params, p);
        backend.makeCurrent();
        CudaErrors.check(panattn_h.panattn_dense_attention(params, MemorySegment.NULL), operation);
        backend.synchronize(operation);
    }

    /** Every check of a CUDA dense call, with no native call (so it runs on machines without a GPU). */
    static DenseProblem validate(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, DenseSpec spec,
                                 Device device) {
        if (out == null) {
            throw new IllegalArgumentException("out: expected a tensor, got null");
        }
        requireOnDevice(q, "q", device);
        requireOnDevice(k, "k", device);
        requireOnDevice(v, "v", device);
        requireOnDevice(out, "out", device);
        requireOnDevice(lse, "lse", device);
        DenseProblem p = DenseProblem.of(q, k, v, out, lse, spec).requireDevice(device, device.toString());
        if (p.headDim() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("q: expected head dim D <= " + MAX_HEAD_DIM
                    + " on the CUDA backend, got " + p.headDim());
        }
        if (p.headDimV() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("v: expected head dim Dv <= " + MAX_HEAD_DIM
                    + " on the CUDA backend, got " + p.headDimV());
        }
        requireAligned(q, "q");
        requireAligned(k, "k");
        requireAligned(v, "v");
        requireAligned(out, "out");
        requireAligned(lse, "lse");
        long blocks;
        try {
            blocks = Math.multiplyExact(Math.multiplyExact((p.nq() + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK, p.headsQ()),
                    p.batch());
        } catch (ArithmeticException e) {
            blocks = Long.MAX_VALUE;
        }
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: expected at most " + Integer.MAX_VALUE
                    + " thread blocks (B * Hq * ceil(Nq/" + ROWS_PER_BLOCK + ")) in one launch, got shape "
                    + Arrays.toString(q.shape()));
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

    private static MemorySegment firstElement(Tensor t) {
        return MemorySegment.ofAddress(t.segment().address() + t.byteOffset());
    }

    /** Writes a validated problem into the params block. */
    static void fill(MemorySegment params, DenseProblem p) {
        Tensor q = p.q();
        Tensor k = p.k();
        Tensor v = p.v();
        Tensor out = p.out();
        Tensor lse = p.lse();
        DenseSpec spec = p.spec();
        panattn_dense_params.q(params, firstElement(q));
        panattn_dense_params.k(params, firstElement(k));
        panattn_dense_params.v(params, firstElement(v));
        panattn_dense_params.out(params, firstElement(out));
        panattn_dense_params.lse(params, lse == null ? MemorySegment.NULL : firstElement(lse));
        panattn_dense_params.batch(params, p.batch());
        panattn_dense_params.heads_q(params, p.headsQ());
        panattn_dense_params.heads_kv(params, p.headsKv());
        panattn_dense_params.n_q(params, p.nq());
        panattn_dense_params.n_k(params, p.nk());
        panattn_dense_params.head_dim(params, p.headDim());
        panattn_dense_params.head_dim_v(params, p.headDimV());
        panattn_dense_params.q_stride_b(params, q.stride(0));
        panattn_dense_params.q_stride_h(params, q.stride(1));
        panattn_dense_params.q_stride_n(params, q.stride(2));
        panattn_dense_params.k_stride_b(params, k.stride(0));
        panattn_dense_params.k_stride_h(params, k.stride(1));
        panattn_dense_params.k_stride_n(params, k.stride(2));
        panattn_dense_params.v_stride_b(params, v.stride(0));
        panattn_dense_params.v_stride_h(params, v.stride(1));
        panattn_dense_params.v_stride_n(params, v.stride(2));
        panattn_dense_params.out_stride_b(params, out.stride(0));
        panattn_dense_params.out_stride_h(params, out.stride(1));
        panattn_dense_params.out_stride_n(params, out.stride(2));
        panattn_dense_params.lse_stride_b(params, lse == null ? 0 : lse.stride(0));
        panattn_dense_params.lse_stride_h(params, lse == null ? 0 : lse.stride(1));
        panattn_dense_params.lse_stride_n(params, lse == null ? 0 : lse.stride(2));
        panattn_dense_params.q_dtype(params, dtypeCode(q.dtype()));
        panattn_dense_params.k_dtype(params, dtypeCode(k.dtype()));
        panattn_dense_params.v_dtype(params, dtypeCode(v.dtype()));
        panattn_dense_params.causal(params, spec.causal() ? 1 : 0);
        panattn_dense_params.window_left(params, spec.windowLeft());
        panattn_dense_params.window_right(params, spec.windowRight());
        panattn_dense_params.scale(params, p.scale());
    }
}
