package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.panattn_dit_params;
import org.panattn.bindings.panattn_dit_residual_add_params;
import org.panattn.bindings.panattn_h;
import org.panattn.dit.DitAttention;
import org.panattn.dit.DitProblem;
import org.panattn.dit.DitSpec;
import org.panattn.dit.ResidualOutputs;

/**
 * DiTFastAttn kernels on one CUDA device (kernels-cuda/dit_attention.cu). Everything is validated here before the
 * launch; each call returns when the kernel has finished, and a CUDA error becomes a PanattnException naming it.
 */
final class CudaDit implements DitAttention {
    /** Largest head dim (of q/k and of v) the kernels take: PANATTN_DIT_MAX_HEAD_DIM. */
    static final int MAX_HEAD_DIM = panattn_h.PANATTN_DIT_MAX_HEAD_DIM();
    /** Query rows per thread block (kBlockM in the kernel). */
    static final int ROWS_PER_BLOCK = 16;
    /** Threads per block of the residual add (kAddThreads). */
    static final int ADD_THREADS = 256;

    private static final ThreadLocal<MemorySegment> PARAMS =
            ThreadLocal.withInitial(() -> panattn_dit_params.allocate(Arena.ofAuto()));
    private static final ThreadLocal<MemorySegment> ADD_PARAMS =
            ThreadLocal.withInitial(() -> panattn_dit_residual_add_params.allocate(Arena.ofAuto()));

    private final CudaBackend backend;

    CudaDit(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void window(Tensor q, Tensor k, Tensor v, Tensor out, DitSpec spec) {
        requireInputs(q, k, v);
        requireOnDevice(out, "out", backend.device());
        DitProblem p = validate(DitProblem.window(q, k, v, out, spec), backend.device(), "out");
        if (p.isEmpty()) {
            return;
        }
        MemorySegment params = PARAMS.get();
        fill(params, p);
        launch(() -> panattn_h.panattn_dit_window(params, MemorySegment.NULL), "panattn_dit_window");
    }

    @Override
    public void fullWithResidual(Tensor q, Tensor k, Tensor v, ResidualOutputs outputs, DitSpec spec) {
        requireInputs(q, k, v);
        if (outputs != null) {
            requireOnDevice(outputs.full(), "full", backend.device());
            requireOnDevice(outputs.window(), "window", backend.device());
            requireOnDevice(outputs.residual(), "residual", backend.device());
        }
        DitProblem p = validate(DitProblem.residual(q, k, v, outputs, spec), backend.device(), "window");
        if (p.isEmpty()) {
            return;
        }
        MemorySegment params = PARAMS.get();
        fill(params, p);
        launch(() -> panattn_h.panattn_dit_full_window_residual(params, MemorySegment.NULL),
                "panattn_dit_full_window_residual");
    }

    @Override
    public void addResidual(Tensor window, Tensor residual, Tensor out) {
        requireOnDevice(window, "window", backend.device());
        requireOnDevice(residual, "residual", backend.device());
        requireOnDevice(out, "out", backend.device());
        DitProblem.checkResidualAdd(window, residual, out);
        requireAligned(window, "window");
        requireAligned(residual, "residual");
        requireAligned(out, "out");
        long total = window.numel();
        if (total == 0) {
            return;
        }
        if ((total + ADD_THREADS - 1) / ADD_THREADS > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window: expected at most " + (long) Integer.MAX_VALUE * ADD_THREADS
                    + " elements in one launch, got " + total);
        }
        MemorySegment p = ADD_PARAMS.get();
        panattn_dit_residual_add_params.window(p, firstElement(window));
        panattn_dit_residual_add_params.residual(p, firstElement(residual));
        panattn_dit_residual_add_params.out(p, firstElement(out));
        panattn_dit_residual_add_params.batch(p, window.dim(0));
        panattn_dit_residual_add_params.heads(p, window.dim(1));
        panattn_dit_residual_add_params.n(p, window.dim(2));
        panattn_dit_residual_add_params.head_dim_v(p, window.dim(3));
        panattn_dit_residual_add_params.window_stride_b(p, window.stride(0));
        panattn_dit_residual_add_params.window_stride_h(p, window.stride(1));
        panattn_dit_residual_add_params.window_stride_n(p, window.stride(2));
        panattn_dit_residual_add_params.residual_stride_b(p, residual.stride(0));
        panattn_dit_residual_add_params.residual_stride_h(p, residual.stride(1));
        panattn_dit_residual_add_params.residual_stride_n(p, residual.stride(2));
        panattn_dit_residual_add_params.out_stride_b(p, out.stride(0));
        panattn_dit_residual_add_params.out_stride_h(p, out.stride(1));
        panattn_dit_residual_add_params.out_stride_n(p, out.stride(2));
        launch(() -> panattn_h.panattn_dit_residual_add(p, MemorySegment.NULL), "panattn_dit_residual_add");
    }

    private void launch(java.util.function.IntSupplier call, String name) {
        String operation = name + " on " + backend.name();
        backend.makeCurrent();
        CudaErrors.check(call.getAsInt(), operation);
        backend.synchronize(operation);
    }

    private void requireInputs(Tensor q, Tensor k, Tensor v) {
        requireOnDevice(q, "q", backend.device());
        requireOnDevice(k, "k", backend.device());
        requireOnDevice(v, "v", backend.device());
    }

    /**
     * The CUDA-specific checks after the shared validation (no native call: runs without a GPU);
     * {@code windowName} is what the caller calls the window output.
     */
    static DitProblem validate(DitProblem p, Device device, String windowName) {
        p.requireDevice(device, device.toString());
        if (p.headDim() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("q: expected head dim D <= " + MAX_HEAD_DIM
                    + " on the CUDA backend, got " + p.headDim());
        }
        if (p.headDimV() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("v: expected head dim Dv <= " + MAX_HEAD_DIM
                    + " on the CUDA backend, got " + p.headDimV());
        }
        requireAligned(p.q(), "q");
        requireAligned(p.k(), "k");
        requireAligned(p.v(), "v");
        requireAligned(p.full(), "full");
        requireAligned(p.window(), windowName);
        requireAligned(p.residual(), "residual");
        long blocks;
        try {
            blocks = Math.multiplyExact(Math.multiplyExact((p.tokens() + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK,
                    p.headsQ()), p.batch());
        } catch (ArithmeticException e) {
            blocks = Long.MAX_VALUE;
        }
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: expected at most " + Integer.MAX_VALUE
                    + " thread blocks (B * Hq * ceil(N/" + ROWS_PER_BLOCK + ")) in one launch, got shape "
                    + Arrays.toString(p.q().shape()));
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

    /** Writes a validated problem into the params block. */
    static void fill(MemorySegment params, DitProblem p) {
        Tensor q = p.q();
        Tensor k = p.k();
        Tensor v = p.v();
        panattn_dit_params.q(params, firstElement(q));
        panattn_dit_params.k(params, firstElement(k));
        panattn_dit_params.v(params, firstElement(v));
        panattn_dit_params.window_out(params, firstElement(p.window()));
        panattn_dit_params.full_out(params, firstElement(p.full()));
        panattn_dit_params.residual_out(params, firstElement(p.residual()));
        panattn_dit_params.batch(params, p.batch());
        panattn_dit_params.heads_q(params, p.headsQ());
        panattn_dit_params.heads_kv(params, p.headsKv());
        panattn_dit_params.n(params, p.tokens());
        panattn_dit_params.head_dim(params, p.headDim());
        panattn_dit_params.head_dim_v(params, p.headDimV());
        panattn_dit_params.q_stride_b(params, q.stride(0));
        panattn_dit_params.q_stride_h(params, q.stride(1));
        panattn_dit_params.q_stride_n(params, q.stride(2));
        panattn_dit_params.k_stride_b(params, k.stride(0));
        panattn_dit_params.k_stride_h(params, k.stride(1));
        panattn_dit_params.k_stride_n(params, k.stride(2));
        panattn_dit_params.v_stride_b(params, v.stride(0));
        panattn_dit_params.v_stride_h(params, v.stride(1));
        panattn_dit_params.v_stride_n(params, v.stride(2));
        panattn_dit_params.window_stride_b(params, stride(p.window(), 0));
        panattn_dit_params.window_stride_h(params, stride(p.window(), 1));
        panattn_dit_params.window_stride_n(params, stride(p.window(), 2));
        panattn_dit_params.full_stride_b(params, stride(p.full(), 0));
        panattn_dit_params.full_stride_h(params, stride(p.full(), 1));
        panattn_dit_params.full_stride_n(params, stride(p.full(), 2));
        panattn_dit_params.residual_stride_b(params, stride(p.residual(), 0));
        panattn_dit_params.residual_stride_h(params, stride(p.residual(), 1));
        panattn_dit_params.residual_stride_n(params, stride(p.residual(), 2));
        panattn_dit_params.q_dtype(params, dtypeCode(q.dtype()));
        panattn_dit_params.k_dtype(params, dtypeCode(k.dtype()));
        panattn_dit_params.v_dtype(params, dtypeCode(v.dtype()));
        panattn_dit_params.window(params, p.spec().window());
        panattn_dit_params.scale(params, p.scale());
    }

    private static long stride(Tensor t, int dim) {
        return t == null ? 0 : t.stride(dim);
    }
}
