package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.bindings.cublas_h;
import org.panattn.bindings.cuda_runtime_h;
import org.panattn.bindings.panattn_h;
import org.panattn.bindings.panattn_sae_features_params;
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
 * by the epilogue kernel), and fused steering. TopK encode writes the pre-activations with the same GEMM (bias only)
 * and keeps k per token in place (panattn_sae_topk). Sparse output and feature statistics encode pieces of at most
 * {@code scratchFloats / d_sae} tokens into a device scratch, then compact (panattn_sae_sparse) or sum
 * (panattn_sae_accumulate, into device totals copied back to the {@link FeatureStatistics} at the end) each piece's
 * feature rows. Everything is validated here before a launch; each call returns when its kernels have finished.
 */
final class CudaSae implements SaeOps {
    private static final ThreadLocal<MemorySegment> GEMM = ThreadLocal.withInitial(
            () -> panattn_sae_gemm_params.allocate(Arena.ofAuto()));
    private static final ThreadLocal<MemorySegment> STEER = ThreadLocal.withInitial(
            () -> panattn_sae_steer_params.allocate(Arena.ofAuto()));
    private static final ThreadLocal<MemorySegment> ROWS = ThreadLocal.withInitial(
            () -> panattn_sae_features_params.allocate(Arena.ofAuto()));
    static final int MAX_EDITS = panattn_h.PANATTN_SAE_MAX_EDITS();
    /** Device scratch of the sparse and statistics paths: 128 MiB of feature rows (2048 tokens of 16384). */
    static final long SCRATCH_FLOATS = 1L << 25;

    private final CudaBackend backend;
    private final long scratchFloats;
    /** A cuBLAS handle for this device, created on first use (null: cuBLAS is not used). */
    private MemorySegment cublasHandle;
    private boolean cublasTried;

    CudaSae(CudaBackend backend) {
        this(backend, SCRATCH_FLOATS);
    }

    /** With a smaller scratch, so that tests can make a call run in several pieces. */
    CudaSae(CudaBackend backend, long scratchFloats) {
        if (scratchFloats < 1) {
            throw new IllegalArgumentException("scratchFloats: expected >= 1, got " + scratchFloats);
        }
        this.backend = backend;
        this.scratchFloats = scratchFloats;
    }

    @Override
    public void encode(SparseAutoencoder sae, Tensor x, Tensor features) {
        SaeProblem.Input in = SaeProblem.encode(sae, x, features);
        requireDevice(backend.device(), sae, x, features);
        if (in.tokens() == 0) {
            return;
        }
        requireInt("x", in.tokens());
        Piece all = new Piece(0, in.tokens(), in.x().perBatch());
        String operation = "SAE encode on " + backend.name();
        backend.makeCurrent();
        encodePiece(sae, in.x(), all, Rows.of(TokenRows.of(features, features.rank() - 1), all),
                features.isContiguous(), operation);
        backend.synchronize(operation);
    }

    @Override
    public void decode(SparseAutoencoder sae, Tensor features, Tensor reconstruction) {
        SaeProblem.Input in = SaeProblem.decode(sae, features, reconstruction);
        requireDevice(backend.device(), sae, features, reconstruction);
        if (in.tokens() == 0) {
            return;
        }
        requireInt("features", in.tokens());
        MemorySegment p = GEMM.get();
        Piece all = new Piece(0, in.tokens(), in.x().perBatch());
        fillGemm(p, in.tokens(), Rows.of(in.x(), all), features.dtype(), sae.wDec(), sae.bDec(), null, null,
                Rows.of(TokenRows.of(reconstruction, reconstruction.rank() - 1), all),
                panattn_h.PANATTN_SAE_ACT_NONE());
        String operation = "panattn_sae_gemm (decode) on " + backend.name();
        backend.makeCurrent();
        CudaErrors.check(panattn_h.panattn_sae_gemm(p, MemorySegment.NULL), operation);
        backend.synchronize(operation);
    }

    @Override
    public void steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out) {
        SaeProblem.Input in = SaeProblem.steer(sae, x, mask, steering, out);
        requireDevice(backend.device(), sae, x, out, mask);
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
        SaeProblem.Input in = validateSparse(backend.device(), sae, x, out);
        if (in.tokens() == 0) {
            return;
        }
        long capacity = out.indices().dim(out.indices().rank() - 1);
        TokenRows indices = TokenRows.of(out.indices(), out.indices().rank() - 1);
        TokenRows values = TokenRows.of(out.values(), out.values().rank() - 1);
        TokenRows counts = TokenRows.of(out.activeCount(), out.activeCount().rank());
        String operation = "SAE sparse encode on " + backend.name();
        try (Arena arena = Arena.ofConfined()) {
            Tensor scratch = scratch(arena, sae, in.tokens());
            backend.makeCurrent();
            for (Piece piece : pieces(in.tokens(), in.x().perBatch(), scratch.dim(0))) {
                Rows features = Rows.scratch(scratch, piece);
                encodePiece(sae, in.x(), piece, features, true, operation);
                MemorySegment p = featureRows(piece, features, sae.dSae());
                panattn_sae_features_params.capacity(p, capacity);
                Rows.set(Rows.of(indices, piece), p, panattn_sae_features_params::indices,
                        panattn_sae_features_params::indices_rows_per_batch,
                        panattn_sae_features_params::indices_stride_batch,
                        panattn_sae_features_params::indices_stride_row);
                Rows.set(Rows.of(values, piece), p, panattn_sae_features_params::values,
                        panattn_sae_features_params::values_rows_per_batch,
                        panattn_sae_features_params::values_stride_batch,
                        panattn_sae_features_params::values_stride_row);
                Rows.set(Rows.of(counts, piece), p, panattn_sae_features_params::active_count,
                        panattn_sae_features_params::count_rows_per_batch,
                        panattn_sae_features_params::count_stride_batch,
                        panattn_sae_features_params::count_stride_row);
                CudaErrors.check(panattn_h.panattn_sae_sparse(p, MemorySegment.NULL), operation);
            }
            backend.synchronize(operation);
        }
    }

    @Override
    public void accumulate(SparseAutoencoder sae, Tensor x, Tensor mask, FeatureStatistics statistics) {
        SaeProblem.Input in = SaeProblem.accumulate(sae, x, mask, statistics);
        requireDevice(backend.device(), sae, x, mask);
        if (in.tokens() == 0) {
            return;
        }
        int dSae = Math.toIntExact(sae.dSae()); // FeatureStatistics holds at most 2^31 - 64 features
        TokenRows masks = SaeProblem.maskRows(mask);
        String operation = "SAE feature statistics on " + backend.name();
        try (Arena arena = Arena.ofConfined()) {
            Tensor scratch = scratch(arena, sae, in.tokens());
            // sums (double[d_sae]), active counts (int64[d_sae]), tokens (int64): zeroed device bytes, as I32 words
            long totalsBytes = (2L * dSae + 1) * Long.BYTES;
            Tensor totals = backend.allocate(arena, DType.I32, totalsBytes / Integer.BYTES);
            long base = totals.segment().address();
            backend.makeCurrent();
            for (Piece piece : pieces(in.tokens(), in.x().perBatch(), scratch.dim(0))) {
                Rows features = Rows.scratch(scratch, piece);
                encodePiece(sae, in.x(), piece, features, true, operation);
                MemorySegment p = featureRows(piece, features, sae.dSae());
                panattn_sae_features_params.sums(p, MemorySegment.ofAddress(base));
                panattn_sae_features_params.active(p, MemorySegment.ofAddress(base + (long) dSae * Double.BYTES));
                panattn_sae_features_params.tokens(p, MemorySegment.ofAddress(base + 2L * dSae * Long.BYTES));
                if (mask != null) {
                    Rows.set(Rows.of(masks, piece), p, panattn_sae_features_params::mask,
                            panattn_sae_features_params::mask_rows_per_batch,
                            panattn_sae_features_params::mask_stride_batch,
                            panattn_sae_features_params::mask_stride_row);
                    panattn_sae_features_params.mask_dtype(p, dtype(mask.dtype()));
                }
                CudaErrors.check(panattn_h.panattn_sae_accumulate(p, MemorySegment.NULL), operation);
            }
            backend.synchronize(operation);
            MemorySegment host = arena.allocate(totalsBytes, Long.BYTES);
            CudaErrors.check(cuda_runtime_h.cudaMemcpy(host, MemorySegment.ofAddress(base), totalsBytes,
                    cuda_runtime_h.cudaMemcpyDeviceToHost()), "reading the " + operation);
            double[] sums = host.asSlice(0, (long) dSae * Double.BYTES).toArray(ValueLayout.JAVA_DOUBLE);
            long[] active = host.asSlice((long) dSae * Double.BYTES, (long) dSae * Long.BYTES)
                    .toArray(ValueLayout.JAVA_LONG);
            statistics.merge(sums, active, host.get(ValueLayout.JAVA_LONG, 2L * dSae * Long.BYTES));
        }
    }

    /** Every check of a sparse encode on {@code device}, with no native call (tests run it without a GPU). */
    static SaeProblem.Input validateSparse(Device device, SparseAutoencoder sae, Tensor x, SparseFeatures out) {
        SaeProblem.Input in = SaeProblem.encodeSparse(sae, x, out);
        requireDevice(device, sae, x, out.indices(), out.values(), out.activeCount());
        long capacity = out.indices().dim(out.indices().rank() - 1);
        if (capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("indices: expected a capacity of at most " + Integer.MAX_VALUE
                    + " on the CUDA backend, got " + capacity);
        }
        return in; // d_sae fits the int32 indices: SparseAutoencoder holds it below 2^31 - 64
    }

    // ------------------------------------------------------------------------------------------------ pieces

    /**
     * Tokens [first, first + count) of a call, {@code perBatch} of them per batch: whole batches, or a part of one
     * batch, so that one (rows per batch, batch stride, row stride) addressing reaches every operand's rows.
     */
    record Piece(long first, long count, long perBatch) {
    }

    /** The pieces of {@code tokens} tokens ({@code perBatch} per batch) of at most {@code limit} tokens each. */
    static List<Piece> pieces(long tokens, long perBatch, long limit) {
        List<Piece> pieces = new ArrayList<>();
        if (perBatch <= limit) {
            long step = limit / perBatch * perBatch; // whole batches
            for (long first = 0; first < tokens; first += step) {
                pieces.add(new Piece(first, Math.min(step, tokens - first), perBatch));
            }
            return pieces;
        }
        for (long batch = 0; batch < tokens; batch += perBatch) {
            for (long first = batch; first < batch + perBatch; first += limit) {
                long count = Math.min(limit, batch + perBatch - first);
                pieces.add(new Piece(first, count, count));
            }
        }
        return pieces;
    }

    /** Token rows as a launch reads them: the first row's address, rows per batch, strides in elements. */
    private record Rows(MemorySegment address, long perBatch, long batchStride, long rowStride) {

        /** The rows of {@code piece} in a tensor's token rows. */
        static Rows of(TokenRows rows, Piece piece) {
            return new Rows(CudaSae.address(rows.tensor(), rows.offset(piece.first())), piece.perBatch(),
                    rows.batchStride(), rows.tokenStride());
        }

        /** The piece's feature rows at the start of the contiguous scratch [limit, d_sae]. */
        static Rows scratch(Tensor scratch, Piece piece) {
            long width = scratch.dim(1);
            return new Rows(first(scratch), piece.perBatch(), piece.perBatch() * width, width);
        }

        interface AddressField {
            void set(MemorySegment params, MemorySegment value);
        }

        interface LongField {
            void set(MemorySegment params, long value);
        }

        /** Writes these rows into the params block's fields of one operand. */
        static void set(Rows rows, MemorySegment params, AddressField address, LongField perBatch,
                        LongField batchStride, LongField rowStride) {
            address.set(params, rows.address());
            perBatch.set(params, rows.perBatch());
            batchStride.set(params, rows.batchStride());
            rowStride.set(params, rows.rowStride());
        }
    }

    /** A zeroed device scratch of feature rows [min(tokens, scratchFloats / d_sae) (at least 1), d_sae]. */
    private Tensor scratch(Arena arena, SparseAutoencoder sae, long tokens) {
        long rows = Math.max(1, Math.min(tokens, scratchFloats / sae.dSae()));
        return backend.allocate(arena, DType.F32, rows, sae.dSae());
    }

    /**
     * The features of one piece of x into {@code features}: the GEMM with the JumpReLU/ReLU epilogue, or for TOPK
     * the pre-activations (bias only) and then the selection of k per row in place. {@code contiguousOut}: the
     * output rows are plain contiguous [count, d_sae] (cuBLAS may write them).
     */
    private void encodePiece(SparseAutoencoder sae, TokenRows x, Piece piece, Rows features, boolean contiguousOut,
                             String operation) {
        boolean topK = sae.activation() == SparseAutoencoder.Activation.TOPK;
        int act = topK ? panattn_h.PANATTN_SAE_ACT_NONE()
                : sae.activation() == SparseAutoencoder.Activation.JUMP_RELU ? panattn_h.PANATTN_SAE_ACT_JUMP_RELU()
                : panattn_h.PANATTN_SAE_ACT_RELU();
        MemorySegment p = GEMM.get();
        fillGemm(p, piece.count(), Rows.of(x, piece), x.tensor().dtype(), sae.wEnc(), sae.bEnc(),
                topK ? null : sae.threshold(), sae.centerInput() ? sae.bDec() : null, features, act);
        if (contiguousOut && cublasEligible(sae, x.tensor()) && cublas() != null) {
            sgemm(piece.count(), sae, Rows.of(x, piece).address(), features.address());
            CudaErrors.check(panattn_h.panattn_sae_bias_activate(p, MemorySegment.NULL), operation);
        } else {
            CudaErrors.check(panattn_h.panattn_sae_gemm(p, MemorySegment.NULL), operation);
        }
        if (topK) {
            MemorySegment rows = featureRows(piece, features, sae.dSae());
            panattn_sae_features_params.k(rows, sae.k());
            CudaErrors.check(panattn_h.panattn_sae_topk(rows, MemorySegment.NULL), operation);
        }
    }

    /** This thread's feature-row params block, cleared, with the piece's feature rows set. */
    private static MemorySegment featureRows(Piece piece, Rows features, long dSae) {
        MemorySegment p = ROWS.get();
        p.fill((byte) 0);
        Rows.set(features, p, panattn_sae_features_params::features,
                panattn_sae_features_params::features_rows_per_batch,
                panattn_sae_features_params::features_stride_batch, panattn_sae_features_params::features_stride_row);
        panattn_sae_features_params.rows(p, piece.count());
        panattn_sae_features_params.d_sae(p, dSae);
        return p;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The SAE lives on {@code device}, and it and every given tensor (nulls skipped) are aligned there. */
    private static void requireDevice(Device device, SparseAutoencoder sae, Tensor... tensors) {
        if (!sae.device().equals(device)) {
            throw new IllegalArgumentException("sae: expected weights on " + device + " (the CUDA backend's device; "
                    + "copy them over with Backend.copy), got " + sae.device());
        }
        List<Tensor> all = new ArrayList<>(java.util.Arrays.asList(tensors));
        all.addAll(java.util.Arrays.asList(sae.wEnc(), sae.bEnc(), sae.threshold(), sae.wDec(), sae.bDec()));
        for (Tensor t : all) {
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

    private static void fillGemm(MemorySegment p, long rows, Rows a, DType aType, Tensor b, Tensor bias,
                                 Tensor threshold, Tensor center, Rows c, int activation) {
        panattn_sae_gemm_params.a(p, a.address());
        panattn_sae_gemm_params.b(p, first(b));
        panattn_sae_gemm_params.bias(p, bias == null ? MemorySegment.NULL : first(bias));
        panattn_sae_gemm_params.threshold(p, threshold == null ? MemorySegment.NULL : first(threshold));
        panattn_sae_gemm_params.center(p, center == null ? MemorySegment.NULL : first(center));
        panattn_sae_gemm_params.c(p, c.address());
        panattn_sae_gemm_params.rows(p, rows);
        panattn_sae_gemm_params.k(p, b.dim(0));
        panattn_sae_gemm_params.n(p, b.dim(1));
        panattn_sae_gemm_params.a_rows_per_batch(p, a.perBatch());
        panattn_sae_gemm_params.a_stride_batch(p, a.batchStride());
        panattn_sae_gemm_params.a_stride_row(p, a.rowStride());
        panattn_sae_gemm_params.b_stride(p, b.stride(0));
        panattn_sae_gemm_params.bias_stride(p, bias == null ? 0 : bias.stride(0));
        panattn_sae_gemm_params.threshold_stride(p, threshold == null ? 0 : threshold.stride(0));
        panattn_sae_gemm_params.center_stride(p, center == null ? 0 : center.stride(0));
        panattn_sae_gemm_params.c_rows_per_batch(p, c.perBatch());
        panattn_sae_gemm_params.c_stride_batch(p, c.batchStride());
        panattn_sae_gemm_params.c_stride_row(p, c.rowStride());
        panattn_sae_gemm_params.a_dtype(p, dtype(aType));
        panattn_sae_gemm_params.b_dtype(p, dtype(b.dtype()));
        panattn_sae_gemm_params.bias_dtype(p, bias == null ? 0 : dtype(bias.dtype()));
        panattn_sae_gemm_params.threshold_dtype(p, threshold == null ? 0 : dtype(threshold.dtype()));
        panattn_sae_gemm_params.center_dtype(p, center == null ? 0 : dtype(center.dtype()));
        panattn_sae_gemm_params.activation(p, activation);
    }

    /** cuBLAS takes plain column-major fp32 operands: contiguous x and W_enc (and features), no centring. */
    private static boolean cublasEligible(SparseAutoencoder sae, Tensor x) {
        return x.dtype() == DType.F32 && x.isContiguous() && sae.wEnc().dtype() == DType.F32
                && sae.wEnc().isContiguous() && !sae.centerInput()
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

    /** features[T, d_sae] = x[T, d_in] W_enc[d_in, d_sae] as column-major C^T = W^T x^T (contiguous rows). */
    private synchronized void sgemm(long tokens, SparseAutoencoder sae, MemorySegment x, MemorySegment features) {
        int m = (int) sae.dSae();
        int n = (int) tokens;
        int k = (int) sae.dIn();
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment one = scratch.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
            MemorySegment zero = scratch.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);
            int status = cublas_h.cublasSgemm_v2(cublasHandle, cublas_h.CUBLAS_OP_N(), cublas_h.CUBLAS_OP_N(), m, n,
                    k, one, first(sae.wEnc()), m, x, k, zero, features, m);
            if (status != cublas_h.CUBLAS_STATUS_SUCCESS()) {
                throw new PanattnException("cublasSgemm_v2 on " + backend.name() + " failed with cublasStatus_t "
                        + status);
            }
        }
    }
}
