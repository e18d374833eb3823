package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.cuda_runtime_h;
import org.panattn.bindings.panattn_h;
import org.panattn.bindings.panattn_sae_features_params;
import org.panattn.internal.NativeLibraries;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.SparseFeatures;

/**
 * What the CUDA SAE path decides without a GPU: how a sparse or statistics call is cut into pieces that fit the
 * device scratch, the Java checks of a sparse encode (on made-up device addresses), and the launchers' own checks
 * of a feature-row params block, which return before any CUDA call.
 */
class CudaSaeValidationTest {
    private static final Device GPU = Device.cuda(0);
    private final Arena arena = Arena.ofConfined();
    private final FakeDeviceTensors device = new FakeDeviceTensors(arena, GPU);

    @AfterEach
    void close() {
        arena.close();
    }

    @Test
    void piecesCoverEveryTokenOnceAsWholeBatchesOrPartsOfOne() {
        long[][] cases = {{10, 10, 4}, {15, 5, 10}, {15, 5, 5}, {15, 5, 14}, {7, 7, 100}, {12, 3, 7}, {1, 1, 1},
            {74, 37, 3}, {6, 1, 4}};
        for (long[] c : cases) {
            long tokens = c[0];
            long perBatch = c[1];
            long limit = c[2];
            String label = tokens + " tokens, " + perBatch + " per batch, limit " + limit;
            List<CudaSae.Piece> pieces = CudaSae.pieces(tokens, perBatch, limit);
            long next = 0;
            for (CudaSae.Piece p : pieces) {
                assertEquals(next, p.first(), label + ": pieces follow each other");
                assertTrue(p.count() >= 1 && p.count() <= limit, label + ": piece of " + p.count());
                if (perBatch <= limit) {
                    assertEquals(perBatch, p.perBatch(), label);
                    assertEquals(0, p.first() % perBatch, label + ": whole batches");
                    assertEquals(0, p.count() % perBatch, label + ": whole batches");
                } else {
                    assertEquals(p.count(), p.perBatch(), label + ": a part of one batch is one batch of rows");
                    assertEquals(p.first() / perBatch, (p.first() + p.count() - 1) / perBatch, label + ": one batch");
                }
                next += p.count();
            }
            assertEquals(tokens, next, label + ": every token");
            long expected = perBatch <= limit
                    ? Math.ceilDiv(tokens / perBatch, limit / perBatch)
                    : tokens / perBatch * Math.ceilDiv(perBatch, limit);
            assertEquals(expected, pieces.size(), label + ": as few pieces as the limit allows");
        }
    }

    private SparseAutoencoder sae(int dIn, int dSae) {
        return SparseAutoencoder.relu(device.of(DType.F32, dIn, dSae), device.of(DType.F32, dSae),
                device.of(DType.F32, dSae, dIn), device.of(DType.F32, dIn));
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void sparseEncodeChecksItsOutputsBeforeAnyNativeCall() {
        SparseAutoencoder sae = sae(8, 16);
        Tensor x = device.of(DType.F32, 2, 3, 8);
        SparseFeatures ok = new SparseFeatures(device.of(DType.I32, 2, 3, 4), device.of(DType.F32, 2, 3, 4),
                device.of(DType.I32, 2, 3));
        assertEquals(6, CudaSae.validateSparse(GPU, sae, x, ok).tokens());

        SparseFeatures misaligned = new SparseFeatures(device.misaligned(DType.I32, 2, 2, 3, 4),
                device.of(DType.F32, 2, 3, 4), device.of(DType.I32, 2, 3));
        String m = message(() -> CudaSae.validateSparse(GPU, sae, x, misaligned));
        assertTrue(m.contains("expected a device address aligned to 4 bytes"), m);

        long huge = 1L << 31;
        Tensor x1 = device.of(DType.F32, 1, 8);
        SparseFeatures wide = new SparseFeatures(device.of(DType.I32, 1, huge), device.of(DType.F32, 1, huge),
                device.of(DType.I32, 1));
        m = message(() -> CudaSae.validateSparse(GPU, sae, x1, wide));
        assertEquals("indices: expected a capacity of at most 2147483647 on the CUDA backend, got 2147483648", m);

        m = message(() -> CudaSae.validateSparse(Device.cuda(1), sae, x, ok));
        assertTrue(m.startsWith("sae: expected weights on cuda:1"), m);
        SparseFeatures onHost = new SparseFeatures(Tensor.allocate(arena, DType.I32, 2, 3, 4),
                device.of(DType.F32, 2, 3, 4), device.of(DType.I32, 2, 3));
        m = message(() -> CudaSae.validateSparse(GPU, sae, x, onHost));
        assertTrue(m.startsWith("indices: expected device cuda:0"), m);
    }

    @Test
    void launchersRejectABadParamsBlockWithoutTouchingTheDevice() {
        assumeTrue(NativeLibraries.panattnCuda().isPresent(),
                () -> "skipped: " + NativeLibraries.panattnCudaUnavailableReason());
        int invalid = cuda_runtime_h.cudaErrorInvalidValue();
        int success = cuda_runtime_h.cudaSuccess();
        assertEquals(invalid, panattn_h.panattn_sae_topk(MemorySegment.NULL, MemorySegment.NULL), "NULL params");
        assertEquals(invalid, panattn_h.panattn_sae_sparse(MemorySegment.NULL, MemorySegment.NULL), "NULL params");
        assertEquals(invalid, panattn_h.panattn_sae_accumulate(MemorySegment.NULL, MemorySegment.NULL),
                "NULL params");

        MemorySegment p = panattn_sae_features_params.allocate(arena);
        MemorySegment somewhere = MemorySegment.ofAddress(0x7f00_0000_0000L); // never dereferenced: rows = 0
        panattn_sae_features_params.d_sae(p, 16);
        panattn_sae_features_params.features_rows_per_batch(p, 1);
        panattn_sae_features_params.indices_rows_per_batch(p, 1);
        panattn_sae_features_params.values_rows_per_batch(p, 1);
        panattn_sae_features_params.count_rows_per_batch(p, 1);
        panattn_sae_features_params.k(p, 1);
        panattn_sae_features_params.capacity(p, 1);
        panattn_sae_features_params.sums(p, somewhere);
        panattn_sae_features_params.active(p, somewhere);
        panattn_sae_features_params.tokens(p, somewhere);
        assertEquals(success, panattn_h.panattn_sae_topk(p, MemorySegment.NULL), "no rows: a successful no-op");
        assertEquals(success, panattn_h.panattn_sae_sparse(p, MemorySegment.NULL), "no rows: a successful no-op");
        assertEquals(success, panattn_h.panattn_sae_accumulate(p, MemorySegment.NULL), "no rows: a successful no-op");

        panattn_sae_features_params.k(p, 0);
        assertEquals(invalid, panattn_h.panattn_sae_topk(p, MemorySegment.NULL), "k = 0");
        panattn_sae_features_params.capacity(p, 0);
        assertEquals(invalid, panattn_h.panattn_sae_sparse(p, MemorySegment.NULL), "capacity = 0");
        panattn_sae_features_params.sums(p, MemorySegment.NULL);
        assertEquals(invalid, panattn_h.panattn_sae_accumulate(p, MemorySegment.NULL), "no sums");
        panattn_sae_features_params.sums(p, somewhere);
        panattn_sae_features_params.mask(p, somewhere);
        panattn_sae_features_params.mask_rows_per_batch(p, 1);
        panattn_sae_features_params.mask_dtype(p, 7);
        assertEquals(invalid, panattn_h.panattn_sae_accumulate(p, MemorySegment.NULL), "unknown mask dtype");
        panattn_sae_features_params.mask_dtype(p, panattn_h.PANATTN_SAE_MASK_I32());
        assertEquals(success, panattn_h.panattn_sae_accumulate(p, MemorySegment.NULL), "I32 mask");

        panattn_sae_features_params.k(p, 1);
        panattn_sae_features_params.capacity(p, 1);
        panattn_sae_features_params.d_sae(p, 0);
        assertEquals(invalid, panattn_h.panattn_sae_topk(p, MemorySegment.NULL), "d_sae = 0");
        panattn_sae_features_params.d_sae(p, 1L << 31);
        assertEquals(invalid, panattn_h.panattn_sae_sparse(p, MemorySegment.NULL), "d_sae beyond int32 indices");
        panattn_sae_features_params.d_sae(p, 16);
        panattn_sae_features_params.features_stride_row(p, -1);
        assertEquals(invalid, panattn_h.panattn_sae_topk(p, MemorySegment.NULL), "negative stride");
        panattn_sae_features_params.features_stride_row(p, 16);
        panattn_sae_features_params.rows(p, 1);
        assertEquals(invalid, panattn_h.panattn_sae_topk(p, MemorySegment.NULL), "rows but no features");
        panattn_sae_features_params.features(p, somewhere);
        assertEquals(invalid, panattn_h.panattn_sae_sparse(p, MemorySegment.NULL), "rows but no indices");
        panattn_sae_features_params.rows(p, -1);
        assertEquals(invalid, panattn_h.panattn_sae_accumulate(p, MemorySegment.NULL), "negative rows");
    }
}
