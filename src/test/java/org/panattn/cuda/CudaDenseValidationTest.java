package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.panattn_dense_params;
import org.panattn.bindings.panattn_h;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/**
 * The checks CUDA dense attention makes before any native call, and how it fills the params block. They need no
 * GPU: the "device" tensors here wrap made-up addresses that nothing ever dereferences.
 */
class CudaDenseValidationTest {
    private static final Device GPU = Device.cuda(0);
    private final Arena arena = Arena.ofConfined();
    private final FakeDeviceTensors fake = new FakeDeviceTensors(arena, GPU);

    @AfterEach
    void close() {
        arena.close();
    }

    /** A contiguous fake device tensor at a fresh, 256-byte aligned address (plus {@code misalign} bytes). */
    private Tensor misaligned(DType dtype, long misalign, long... shape) {
        return fake.misaligned(dtype, misalign, shape);
    }

    private Tensor device(DType dtype, long... shape) {
        return misaligned(dtype, 0, shape);
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void hostTensorsAreRejectedByName() {
        Tensor hostQ = Tensor.allocate(arena, DType.F32, 1, 2, 4, 8);
        Tensor k = device(DType.F32, 1, 2, 4, 8);
        Tensor v = device(DType.F32, 1, 2, 4, 8);
        Tensor out = device(DType.F32, 1, 2, 4, 8);
        String m = message(() -> CudaDense.validate(hostQ, k, v, out, null, DenseSpec.defaults(), GPU));
        assertTrue(m.startsWith("q: expected a tensor on cuda:0"), m);
        assertTrue(m.contains("got one on cpu"), m);
        Tensor hostLse = Tensor.allocate(arena, DType.F32, 1, 2, 4);
        Tensor q = device(DType.F32, 1, 2, 4, 8);
        m = message(() -> CudaDense.validate(q, k, v, out, hostLse, DenseSpec.defaults(), GPU));
        assertTrue(m.startsWith("lse: expected a tensor on cuda:0"), m);
    }

    @Test
    void tensorsOfAnotherDeviceAreRejected() {
        Tensor q = device(DType.F32, 1, 2, 4, 8);
        Tensor k = device(DType.F32, 1, 2, 4, 8);
        Tensor v = device(DType.F32, 1, 2, 4, 8);
        Tensor out = device(DType.F32, 1, 2, 4, 8);
        String m = message(() -> CudaDense.validate(q, k, v, out, null, DenseSpec.defaults(), Device.cuda(1)));
        assertTrue(m.startsWith("q: expected a tensor on cuda:1"), m);
        assertTrue(m.endsWith("got one on cuda:0"), m);
    }

    @Test
    void missingOutputIsRejected() {
        Tensor q = device(DType.F32, 1, 1, 4, 8);
        String m = message(() -> CudaDense.validate(q, q, q, null, null, DenseSpec.defaults(), GPU));
        assertEquals("out: expected a tensor, got null", m);
    }

    @Test
    void shapeErrorsComeFromTheSharedValidation() {
        Tensor q = device(DType.F32, 1, 3, 4, 8);
        Tensor k = device(DType.F32, 1, 2, 4, 8);
        Tensor v = device(DType.F32, 1, 2, 4, 8);
        Tensor out = device(DType.F32, 1, 3, 4, 8);
        String m = message(() -> CudaDense.validate(q, k, v, out, null, DenseSpec.defaults(), GPU));
        assertTrue(m.contains("expected a multiple of 2, got 3"), m);
    }

    @Test
    void headDimsAboveTheKernelLimitAreRejected() {
        int max = panattn_h.PANATTN_DENSE_MAX_HEAD_DIM();
        assertEquals(256, max);
        Tensor q = device(DType.F32, 1, 1, 2, max + 1);
        Tensor k = device(DType.F32, 1, 1, 2, max + 1);
        Tensor v = device(DType.F32, 1, 1, 2, 16);
        Tensor out = device(DType.F32, 1, 1, 2, 16);
        String m = message(() -> CudaDense.validate(q, k, v, out, null, DenseSpec.defaults(), GPU));
        assertEquals("q: expected head dim D <= 256 on the CUDA backend, got 257", m);

        Tensor q2 = device(DType.F32, 1, 1, 2, 16);
        Tensor k2 = device(DType.F32, 1, 1, 2, 16);
        Tensor v2 = device(DType.F32, 1, 1, 2, 300);
        Tensor out2 = device(DType.F32, 1, 1, 2, 300);
        m = message(() -> CudaDense.validate(q2, k2, v2, out2, null, DenseSpec.defaults(), GPU));
        assertEquals("v: expected head dim Dv <= 256 on the CUDA backend, got 300", m);

        Tensor q3 = device(DType.BF16, 1, 1, 2, max);
        Tensor k3 = device(DType.BF16, 1, 1, 2, max);
        Tensor v3 = device(DType.BF16, 1, 1, 2, max);
        Tensor out3 = device(DType.F32, 1, 1, 2, max);
        DenseProblem p = CudaDense.validate(q3, k3, v3, out3, null, DenseSpec.defaults(), GPU);
        assertEquals(max, p.headDim());
    }

    @Test
    void misalignedAddressesAreRejected() {
        Tensor q = misaligned(DType.F32, 2, 1, 1, 4, 8); // 2 bytes off a 4-byte boundary
        Tensor k = device(DType.F32, 1, 1, 4, 8);
        Tensor v = device(DType.F32, 1, 1, 4, 8);
        Tensor out = device(DType.F32, 1, 1, 4, 8);
        String m = message(() -> CudaDense.validate(q, k, v, out, null, DenseSpec.defaults(), GPU));
        assertTrue(m.startsWith("q: expected a device address aligned to 4 bytes (F32), got 0x"), m);

        Tensor qh = misaligned(DType.F16, 1, 1, 1, 4, 8); // odd address for a 2-byte type
        Tensor kh = device(DType.F16, 1, 1, 4, 8);
        m = message(() -> CudaDense.validate(qh, kh, v, out, null, DenseSpec.defaults(), GPU));
        assertTrue(m.startsWith("q: expected a device address aligned to 2 bytes (F16), got 0x"), m);

        Tensor qOk = misaligned(DType.F16, 2, 1, 1, 4, 8); // 2 bytes off is fine for F16
        DenseProblem p = CudaDense.validate(qOk, kh, v, out, null, DenseSpec.defaults(), GPU);
        assertEquals(8, p.headDim());
    }

    @Test
    void launchesTooLargeForOneGridAreRejected() {
        // 2^31 query rows: the tensors are fake, so no memory is needed for this shape
        Tensor q = device(DType.F32, 1, 1, 1L << 31, 1);
        Tensor k = device(DType.F32, 1, 1, 1, 1);
        Tensor v = device(DType.F32, 1, 1, 1, 1);
        Tensor out = device(DType.F32, 1, 1, 1L << 31, 1);
        Tensor q2 = Tensor.wrap(q.segment(), DType.F32, GPU, new long[] {1 << 12, 1, 1L << 31, 1},
                new long[] {0, 0, 1, 1}, 0);
        Tensor k2 = Tensor.wrap(k.segment(), DType.F32, GPU, new long[] {1 << 12, 1, 1, 1}, new long[] {0, 0, 1, 1}, 0);
        Tensor out2 = Tensor.wrap(out.segment(), DType.F32, GPU, new long[] {1 << 12, 1, 1L << 31, 1},
                new long[] {0, 0, 1, 1}, 0);
        String m = message(() -> CudaDense.validate(q2, k2, k2, out2, null, DenseSpec.defaults(), GPU));
        assertTrue(m.startsWith("q: expected at most 2147483647 thread blocks"), m);
        // the same rows in one batch fit
        CudaDense.validate(q, k, v, out, null, DenseSpec.defaults(), GPU);
    }

    @Test
    void paramsBlockCarriesAddressesStridesAndOptions() {
        // q in the flash layout [B,N,H,D] viewed as [B,H,N,D]; k/v contiguous [B,Hkv,N,D] of other dtypes
        Tensor qFlash = device(DType.BF16, 2, 5, 4, 16);
        Tensor q = qFlash.transpose(1, 2).slice(2, 1, 5);
        Tensor k = device(DType.F16, 2, 2, 7, 16);
        Tensor v = device(DType.F32, 2, 2, 7, 8);
        Tensor out = device(DType.F32, 2, 4, 4, 8);
        Tensor lse = device(DType.F32, 2, 4, 4);
        DenseSpec spec = new DenseSpec(0.5f, true, 3, DenseSpec.UNBOUNDED);
        DenseProblem p = CudaDense.validate(q, k, v, out, lse, spec, GPU);
        MemorySegment params = panattn_dense_params.allocate(arena);
        CudaDense.fill(params, p);

        assertEquals(qFlash.segment().address() + 4 * 16 * 2, panattn_dense_params.q(params).address(),
                "q points at row 1 of the slice (one row of [H,D] bf16 past the start)");
        assertEquals(k.segment().address(), panattn_dense_params.k(params).address());
        assertEquals(lse.segment().address(), panattn_dense_params.lse(params).address());
        assertEquals(2, panattn_dense_params.batch(params));
        assertEquals(4, panattn_dense_params.heads_q(params));
        assertEquals(2, panattn_dense_params.heads_kv(params));
        assertEquals(4, panattn_dense_params.n_q(params));
        assertEquals(7, panattn_dense_params.n_k(params));
        assertEquals(16, panattn_dense_params.head_dim(params));
        assertEquals(8, panattn_dense_params.head_dim_v(params));
        assertEquals(5 * 4 * 16, panattn_dense_params.q_stride_b(params));
        assertEquals(16, panattn_dense_params.q_stride_h(params), "flash layout: heads are 16 elements apart");
        assertEquals(4 * 16, panattn_dense_params.q_stride_n(params), "flash layout: rows are H*D apart");
        assertEquals(2 * 7 * 16, panattn_dense_params.k_stride_b(params));
        assertEquals(7 * 8, panattn_dense_params.v_stride_h(params));
        assertEquals(8, panattn_dense_params.out_stride_n(params));
        assertEquals(4, panattn_dense_params.lse_stride_h(params));
        assertEquals(1, panattn_dense_params.lse_stride_n(params));
        assertEquals(panattn_h.PANATTN_DTYPE_BF16(), panattn_dense_params.q_dtype(params));
        assertEquals(panattn_h.PANATTN_DTYPE_F16(), panattn_dense_params.k_dtype(params));
        assertEquals(panattn_h.PANATTN_DTYPE_F32(), panattn_dense_params.v_dtype(params));
        assertEquals(1, panattn_dense_params.causal(params));
        assertEquals(3, panattn_dense_params.window_left(params));
        assertEquals(panattn_h.PANATTN_WINDOW_UNBOUNDED(), panattn_dense_params.window_right(params));
        assertEquals(0.5f, panattn_dense_params.scale(params));

        DenseProblem noLse = CudaDense.validate(q, k, v, out, null, DenseSpec.defaults(), GPU);
        CudaDense.fill(params, noLse);
        assertEquals(0L, panattn_dense_params.lse(params).address(), "no lse: NULL");
        assertEquals(0L, panattn_dense_params.causal(params));
        assertEquals((float) (1 / Math.sqrt(16)), panattn_dense_params.scale(params), "default scale 1/sqrt(D)");
    }
}
