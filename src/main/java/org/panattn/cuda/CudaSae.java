package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.bindings.cublas_h;
import org.panattn.bindings.panattn_h;
import org.panattn.bindings.panattn_sae_gemm_params;
import org.panattn.bindings.panattn_sae_steer_params;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.SaeOps;
import org.panattn.sae.SaeProblem;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.SparseFeatures;
import org.panattn.sae.Steering;
import org.panattn.sae.TokenRows;

/**
 * SAE kernels on one CUDA device (kernels-cuda/sae.cu): JumpReLU/ReLU encode and decode through the tiled GEMM with
 * its fused epilogue (or, for plain contiguous fp32 operands when cuBLAS is found at run time, cublasSgemm followed
 * by the epilogue kernel), and fused steering. Everything is validated here before a launch; each call returns
 * when its kernels have finished. TopK encode, sparse output and feature statistics have no CUDA kernel: those
 * calls are refused with that reason.
 */
final class CudaSae implements SaeOps {
    private static final ThreadLocal<MemorySegment> GEMM = ThreadLocal.withInitial(
            () -> panattn_sae_gemm_params.allocate(Arena.ofAuto()));
    private static final ThreadLocal<MemorySegment> STEER = ThreadLocal.withInitial(
            () -> panattn_sae_steer_params.allocate(Arena.ofAuto()));
    static final int MAX_EDITS = panattn_h.PANATTN_SAE_MAX_EDITS();

    private final CudaBackend backend;
    /** A cuBLAS handle for this device, created on first use (null: cuBLAS is not used). */
    private MemorySegment cublasHandle;
    private boolean cublasTried;

    CudaSae(CudaBackend backend) {
        this.backend = backend;
    }

    @Override
    public void encode(SparseAutoencoder sae, Tensor x, Tensor features) {
        SaeProblem.Input in = SaeProblem.encode(sae, x, features);
        requireDevice(sae, x, features, null);
        if (sae.activation() == SparseAutoencoder.Activation.TOPK) {
            throw unsupported("TOPK encode");
        }
        if (in.tokens() == 0) {
            return;
        }
        requireInt("x", in.tokens());
        int act = sae.activation() == SparseAutoencoder.Activation.JUMP_RELU
                ? panattn_h.PANATTN_SAE_ACT_JUMP_RELU() : panattn_h.PANATTN_SAE_ACT_RELU();
        MemorySegment p = GEMM.get();
        fillGemm(p, in.x(), sae.wEnc(), sae.bEnc(), sae.threshold(), sae.centerInput() ? sae.bDec() : null,
                TokenRows.of(features, features.rank() - 1), act);
        String operation = "panattn_sae_gemm (encode) on " + backend.name();
        backend.makeCurrent();
        if (cublasEligible(sae, x, features) && cublas() != null) {
            sgemm(in.tokens(), sae, x, features);
            CudaErrors.check(panattn_h.panattn_sae_bias_activate(p, MemorySegment.NULL), operation);
        } else {
            CudaErrors.check(panattn_h.panattn_sae_gemm(p, MemorySegment.NULL), operation);
        }
        backend.synchronize(operation);
    }

    @Override
    public void decode(SparseAutoencoder sae, Tensor features, Tensor reconstruction) {
        SaeProblem.Input in = SaeProblem.decode(sae, features, reconstruction);
        requireDevice(sae, features, reconstruction, null);
        if (in.tokens() == 0) {
            return;
        }
        requireInt("features", in.tokens());
        MemorySegment p = GEMM.get();
        fillGemm(p, in.x(), sae.wDec(), sae.bDec(), null, null,
                TokenRows.of(reconstruction, reconstruction.rank() - 1), panattn_h.PANATTN_SAE_ACT_NONE());
        String operation = "panattn_sae_gemm (decode) on " + backend.name();
        backend.makeCurrent();
        CudaErrors.check(panattn_h.panattn_sae_gemm(p, MemorySegment.NULL), operation);
        backend.synchronize(operation);
    }

    @Override
    public void steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out) {
        SaeProblem.Input in = SaeProblem.steer(sae, x, mask, steering, out);
        requireDevice(sae, x, out, mask);
        if (steering.edits().size() > MAX_EDITS) {
            throw new IllegalArgumentException("steering: expected at most " + MAX_EDITS + " edits on the CUDA "
                    + "backend, got " + steering.edits().size());
        }
        if (in.tokens() == 0) {
            return;
        }
        requireInt("x", in.tokens());
        MemorySegment p = STEER.get();
        TokenRows xr = in.x();
        TokenRows or = TokenRows.of(out, out.rank() - 1);
        panattn_sae_steer_params.x(p, address(x, xr.base()));
        panattn_sae_steer_params.out(p, address(out, or.base()));
        panattn_sae_steer_params.w_enc(p, first(sae.wEnc()));
        panattn_sae_steer_params.b_enc(p, first(sae.bEnc()));
        panattn_sae_steer_params.threshold(p, sae.threshold() == null ? MemorySegment.NULL : first(sae.threshold()));
        panattn_sae_steer_params.center(p, sae.centerInput() ? first(sae.bDec()) : MemorySegment.NULL);
        panattn_sae_steer_params.w_dec(p, first(sae.wDec()));
        TokenRows mr = SaeProblem.maskRows(mask);
        panattn_sae_steer_params.mask(p, mask == null ? MemorySegment.NULL : address(mask, mr.base()));
        panattn_sae_steer_params.tokens(p, in.tokens());
        panattn_sae_steer_params.d_in(p, sae.dIn());
        panattn_sae_steer_params.d_sae(p, sae.dSae());
        panattn_sae_steer_params.x_rows_per_batch(p, xr.perBatch());
        panattn_sae_steer_params.x_stride_batch(p, xr.batchStride());
        panattn_sae_steer_params.x_stride_row(p, xr.tokenStride());
        panattn_sae_steer_params.out_rows_per_batch(p, or.perBatch());
        panattn_sae_steer_params.out_stride_batch(p, or.batchStride());
        panattn_sae_steer_params.out_stride_row(p, or.tokenStride());
        panattn_sae_steer_params.mask_rows_per_batch(p, mr == null ? 1 : mr.perBatch());
        panattn_sae_steer_params.mask_stride_batch(p, mr == null ? 0 : mr.batchStride());
        panattn_sae_steer_params.mask_stride_row(p, mr == null ? 0 : mr.tokenStride());
        panattn_sae_steer_params.w_enc_stride(p, sae.wEnc().stride(0));
        panattn_sae_steer_params.b_enc_stride(p, sae.bEnc().stride(0));
        panattn_sae_steer_params.threshold_stride(p, sae.threshold() == null ? 0 : sae.threshold().stride(0));
        panattn_sae_steer_params.center_stride(p, sae.bDec().stride(0));
        panattn_sae_steer_params.w_dec_stride(p, sae.wDec().stride(0));
        panattn_sae_steer_params.x_dtype(p, dtype(x.dtype()));
        panattn_sae_steer_params.out_dtype(p, dtype(out.dtype()));
        panattn_sae_steer_params.w_enc_dtype(p, dtype(sae.wEnc().dtype()));
        panattn_sae_steer_params.b_enc_dtype(p, dtype(sae.bEnc().dtype()));
        panattn_sae_steer_params.threshold_dtype(p, sae.threshold() == null ? 0 : dtype(sae.threshold().dtype()));
        panattn_sae_steer_params.center_dtype(p, dtype(sae.bDec().dtype()));
        panattn_sae_steer_params.w_dec_dtype(p, dtype(sae.wDec().dtype()));
        panattn_sae_steer_params.mask_dtype(p, mask == null ? 0 : mask.dtype() == DType.I32
                ? panattn_h.PANATTN_SAE_MASK_I32() : dtype(mask.dtype()));
        panattn_sae_steer_params.activation(p, sae.activation() == SparseAutoencoder.Activation.JUMP_RELU
                ? panattn_h.PANATTN_SAE_ACT_JUMP_RELU() : panattn_h.PANATTN_SAE_ACT_RELU());
        panattn_sae_steer_params.edits(p, steering.edits().size());
        for (int e = 0; e < steering.edits().size(); e++) {
            Steering.Edit edit = steering.edits().get(e);
            panattn_sae_steer_params.feature(p, e, edit.feature());
            panattn_sae_steer_params.mode(p, e, edit.mode() == Steering.Mode.CLAMP ? panattn_h.PANATTN_SAE_CLAMP()
                    : panattn_h.PANATTN_SAE_ADD());
            panattn_sae_steer_params.value(p, e, edit.value());
        }
        String operation = "panattn_sae_steer on " + backend.name();
        backend.makeCurrent();
        CudaErrors.check(panattn_h.panattn_sae_steer(p, MemorySegment.NULL), operation);
        backend.synchronize(operation);
    }

    @Override
    public void encodeSparse(SparseAutoencoder sae, Tensor x, SparseFeatures out) {
        SaeProblem.encodeSparse(sae, x, out);
        throw unsupported("sparse encode");
    }

    @Override
    public void accumulate(SparseAutoencoder sae, Tensor x, Tensor mask, FeatureStatistics statistics) {
        SaeProblem.accumulate(sae, x, mask, statistics);
        throw unsupported("feature statistics");
    }

    private PanattnException unsupported(String what) {
        return new PanattnException(what + " is unavailable on " + backend.name() + " (no CUDA kernel): encode "
                + "densely on the device and copy the features to the host, or use Backend.cpu().sae()");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void requireDevice(SparseAutoencoder sae, Tensor a, Tensor b, Tensor c) {
        Device device = backend.device();
        if (!sae.device().equals(device)) {
            throw new IllegalArgumentException("sae: expected weights on " + device + " (the CUDA backend's device; "
                    + "copy them over with Backend.copy), got " + sae.device());
        }
        for (Tensor t : new Tensor[] {a, b, c, sae.wEnc(), sae.bEnc(), sae.threshold(), sae.wDec(), sae.bDec()}) {
            if (t == null || t.numel() == 0) {
                continue;
            }
            long address = t.segment().address() + t.byteOffset();
            if (address % t.dtype().byteSize() != 0) {
                throw new IllegalArgumentException("tensor " + t.describe() + ": expected a device address aligned to "
                        + t.dtype().byteSize() + " bytes, got 0x" + Long.toHexString(address));
            }
        }
    }

    private static void requireInt(String name, long tokens) {
        if (tokens > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": expected at most " + Integer.MAX_VALUE
                    + " tokens per CUDA launch, got " + tokens);
        }
    }

    private static MemorySegment first(Tensor t) {
        return MemorySegment.ofAddress(t.segment().address() + t.byteOffset());
    }

    private static MemorySegment address(Tensor t, long elementOffset) {
        return MemorySegment.ofAddress(t.segment().address() + elementOffset * t.dtype().byteSize());
    }

    private static int dtype(DType d) {
        return switch (d) {
            case F32 -> panattn_h.PANATTN_DTYPE_F32();
            case F16 -> panattn_h.PANATTN_DTYPE_F16();
            case BF16 -> panattn_h.PANATTN_DTYPE_BF16();
            case I32 -> panattn_h.PANATTN_SAE_MASK_I32();
        };
    }

    private static void fillGemm(MemorySegment p, TokenRows a, Tensor b, Tensor bias, Tensor threshold,
                                 Tensor center, TokenRows c, int activation) {
        Tensor at = a.tensor();
        panattn_sae_gemm_params.a(p, address(at, a.base()));
        panattn_sae_gemm_params.b(p, first(b));
        panattn_sae_gemm_params.bias(p, bias == null ? MemorySegment.NULL : first(bias));
        panattn_sae_gemm_params.threshold(p, threshold == null ? MemorySegment.NULL : first(threshold));
        panattn_sae_gemm_params.center(p, center == null ? MemorySegment.NULL : first(center));
        panattn_sae_gemm_params.c(p, address(c.tensor(), c.base()));
        panattn_sae_gemm_params.rows(p, a.count());
        panattn_sae_gemm_params.k(p, b.dim(0));
        panattn_sae_gemm_params.n(p, b.dim(1));
        panattn_sae_gemm_params.a_rows_per_batch(p, a.perBatch());
        panattn_sae_gemm_params.a_stride_batch(p, a.batchStride());
        panattn_sae_gemm_params.a_stride_row(p, a.tokenStride());
        panattn_sae_gemm_params.b_stride(p, b.stride(0));
        panattn_sae_gemm_params.bias_stride(p, bias == null ? 0 : bias.stride(0));
        panattn_sae_gemm_params.threshold_stride(p, threshold == null ? 0 : threshold.stride(0));
        panattn_sae_gemm_params.center_stride(p, center == null ? 0 : center.stride(0));
        panattn_sae_gemm_params.c_rows_per_batch(p, c.perBatch());
        panattn_sae_gemm_params.c_stride_batch(p, c.batchStride());
        panattn_sae_gemm_params.c_stride_row(p, c.tokenStride());
        panattn_sae_gemm_params.a_dtype(p, dtype(at.dtype()));
        panattn_sae_gemm_params.b_dtype(p, dtype(b.dtype()));
        panattn_sae_gemm_params.bias_dtype(p, bias == null ? 0 : dtype(bias.dtype()));
        panattn_sae_gemm_params.threshold_dtype(p, threshold == null ? 0 : dtype(threshold.dtype()));
        panattn_sae_gemm_params.center_dtype(p, center == null ? 0 : dtype(center.dtype()));
        panattn_sae_gemm_params.activation(p, activation);
    }

    /** cuBLAS takes plain column-major fp32 operands: contiguous x, W_enc and features, no centring. */
    private static boolean cublasEligible(SparseAutoencoder sae, Tensor x, Tensor features) {
        return x.dtype() == DType.F32 && x.isContiguous() && features.isContiguous()
                && sae.wEnc().dtype() == DType.F32 && sae.wEnc().isContiguous() && !sae.centerInput()
                && sae.dIn() <= Integer.MAX_VALUE && sae.dSae() <= Integer.MAX_VALUE;
    }

    /** The device's cuBLAS handle, or null when cuBLAS is absent or cannot start (the GEMM kernel is used). */
    private synchronized MemorySegment cublas() {
        if (!cublasTried) {
            cublasTried = true;
            if (cublas_h.isAvailable()) {
                try (Arena scratch = Arena.ofConfined()) {
                    MemorySegment holder = scratch.allocate(ValueLayout.ADDRESS);
                    if (cublas_h.cublasCreate_v2(holder) == cublas_h.CUBLAS_STATUS_SUCCESS()) {
                        cublasHandle = holder.get(ValueLayout.ADDRESS, 0);
                    }
                } catch (RuntimeException | LinkageError e) {
                    cublasHandle = null;
                }
            }
        }
        return cublasHandle;
    }

    /** features[T, d_sae] = x[T, d_in] W_enc[d_in, d_sae] as column-major C^T = W^T x^T. */
    private synchronized void sgemm(long tokens, SparseAutoencoder sae, Tensor x, Tensor features) {
        int m = (int) sae.dSae();
        int n = (int) tokens;
        int k = (int) sae.dIn();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment one = scratch.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
            MemorySegment zero = scratch.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);
            int status = cublas_h.cublasSgemm_v2(cublasHandle, cublas_h.CUBLAS_OP_N(), cublas_h.CUBLAS_OP_N(), m, n,
                    k, one, first(sae.wEnc()), m, first(x), k, zero, first(features), m);
            if (status != cublas_h.CUBLAS_STATUS_SUCCESS()) {
                throw new PanattnException("cublasSgemm_v2 on " + backend.name() + " failed with cublasStatus_t "
                        + status);
            }
        }
    }
}
