package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.cuda_runtime_h;
import org.panattn.bindings.panattn_h;
import org.panattn.bindings.panattn_topk_params;
import org.panattn.internal.NativeLibraries;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKProblem;
import org.panattn.topk.TopKSpec;

/**
 * The checks CUDA top-k makes before any native call, how it fills the params block, and the launcher's own
 * rejections and workspace sizes. None needs a GPU: the "device" tensors wrap made-up addresses that nothing
 * dereferences, and the launcher is only given params blocks it must reject before touching a device.
 */
class CudaTopKValidationTest {
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

    /** Device outputs of every kind for [b, hq, nq] rows of dv columns and an indices buffer of {@code capacity}. */
    private TopKOutputs outputs(long b, long hq, long nq, long dv, long capacity) {
        return TopKOutputs.of(device(DType.F32, b, hq, nq, dv))
                .withKeptCount(device(DType.I32, b, hq, nq))
                .withTail(device(DType.F32, b, hq, nq))
                .withCertificate(device(DType.F32, b, hq, nq))
                .withExactError(device(DType.F32, b, hq, nq))
                .withIndices(device(DType.I32, b, hq, nq, capacity));
    }

    @Test
    void hostTensorsAreRejectedByName() {
        Tensor k = device(DType.F32, 1, 1, 10, 8);
        Tensor v = device(DType.F32, 1, 1, 10, 8);
        Tensor hostQ = Tensor.allocate(arena, DType.F32, 1, 2, 3, 8);
        TopKOutputs o = outputs(1, 2, 3, 8, 10);
        String m = message(() -> CudaTopK.validate(hostQ, k, v, null, o, TopKSpec.tvBudget(0.1), GPU));
        assertTrue(m.startsWith("q: expected a tensor on cuda:0"), m);
        assertTrue(m.endsWith("got one on cpu"), m);

        Tensor q = device(DType.F32, 1, 2, 3, 8);
        TopKOutputs hostCertificate = o.withCertificate(Tensor.allocate(arena, DType.F32, 1, 2, 3));
        m = message(() -> CudaTopK.validate(q, k, v, null, hostCertificate, TopKSpec.tvBudget(0.1), GPU));
        assertTrue(m.startsWith("certificate: expected a tensor on cuda:0"), m);

        Tensor hostNorms = Tensor.allocate(arena, DType.F32, 1, 1, 10);
        m = message(() -> CudaTopK.validate(q, k, v, hostNorms, o, TopKSpec.tvBudget(0.1), GPU));
        assertTrue(m.startsWith("valueNorms: expected a tensor on cuda:0"), m);

        m = message(() -> CudaTopK.validate(q, k, v, null, o, TopKSpec.tvBudget(0.1), Device.cuda(1)));
        assertTrue(m.startsWith("q: expected a tensor on cuda:1") && m.endsWith("got one on cuda:0"), m);
    }

    @Test
    void missingOutputAndSharedChecksGiveTheirMessages() {
        Tensor q = device(DType.F32, 1, 2, 3, 8);
        Tensor k = device(DType.F32, 1, 1, 10, 8);
        Tensor v = device(DType.F32, 1, 1, 10, 8);
        assertEquals("out: expected a tensor, got null",
                message(() -> CudaTopK.validate(q, k, v, null, null, TopKSpec.fixedK(2), GPU)));
        TopKOutputs small = outputs(1, 2, 3, 8, 3);
        String m = message(() -> CudaTopK.validate(q, k, v, null, small, TopKSpec.fixedK(4), GPU));
        assertTrue(m.contains("indices: buffer too small"), m);
        TopKOutputs badTail = outputs(1, 2, 3, 8, 10).withTail(device(DType.I32, 1, 2, 3));
        m = message(() -> CudaTopK.validate(q, k, v, null, badTail, TopKSpec.fixedK(4), GPU));
        assertTrue(m.contains("tail: expected dtype F32, got I32"), m);
        Tensor wrongNorms = device(DType.F32, 1, 1, 9);
        m = message(() -> CudaTopK.validate(q, k, v, wrongNorms, outputs(1, 2, 3, 8, 10), TopKSpec.fixedK(4), GPU));
        assertTrue(m.contains("valueNorms: expected shape [1, 1, 10]"), m);
    }

    @Test
    void headDimsAboveTheKernelLimitAreRejected() {
        int max = panattn_h.PANATTN_TOPK_MAX_HEAD_DIM();
        assertEquals(256, max);
        assertEquals(TopKSpec.BLOCK, panattn_h.PANATTN_TOPK_BLOCK(), "the kernel's block is the spec's");
        Tensor q = device(DType.F32, 1, 1, 2, max + 1);
        Tensor k = device(DType.F32, 1, 1, 5, max + 1);
        Tensor v = device(DType.F32, 1, 1, 5, 16);
        String m = message(() -> CudaTopK.validate(q, k, v, null, outputs(1, 1, 2, 16, 5), TopKSpec.fixedK(1), GPU));
        assertEquals("q: expected head dim D <= 256 on the CUDA backend, got 257", m);

        Tensor q2 = device(DType.F32, 1, 1, 2, 16);
        Tensor k2 = device(DType.F32, 1, 1, 5, 16);
        Tensor v2 = device(DType.F32, 1, 1, 5, 300);
        m = message(() -> CudaTopK.validate(q2, k2, v2, null, outputs(1, 1, 2, 300, 5), TopKSpec.fixedK(1), GPU));
        assertEquals("v: expected head dim Dv <= 256 on the CUDA backend, got 300", m);
    }

    @Test
    void misalignedAddressesAreRejected() {
        Tensor q = device(DType.F32, 1, 1, 2, 8);
        Tensor k = device(DType.F32, 1, 1, 5, 8);
        Tensor v = device(DType.F32, 1, 1, 5, 8);
        TopKOutputs o = outputs(1, 1, 2, 8, 5).withTail(misaligned(DType.F32, 2, 1, 1, 2));
        String m = message(() -> CudaTopK.validate(q, k, v, null, o, TopKSpec.fixedK(1), GPU));
        assertTrue(m.startsWith("tail: expected a device address aligned to 4 bytes (F32), got 0x"), m);
        Tensor kh = misaligned(DType.F16, 1, 1, 1, 5, 8);
        m = message(() -> CudaTopK.validate(q, kh, v, null, outputs(1, 1, 2, 8, 5), TopKSpec.fixedK(1), GPU));
        assertTrue(m.startsWith("k: expected a device address aligned to 2 bytes (F16), got 0x"), m);
    }

    @Test
    void tooManyRowsAreRejected() {
        // 2^31 query rows over 2 batches of fake, zero-stride tensors: no memory is needed for this shape
        Tensor q = Tensor.wrap(device(DType.F32, 1).segment(), DType.F32, GPU, new long[] {2, 1, 1L << 30, 1},
                new long[] {0, 0, 0, 1}, 0);
        Tensor k = Tensor.wrap(device(DType.F32, 1).segment(), DType.F32, GPU, new long[] {2, 1, 1, 1},
                new long[] {0, 0, 0, 1}, 0);
        Tensor out = Tensor.wrap(device(DType.F32, 1).segment(), DType.F32, GPU, new long[] {2, 1, 1L << 30, 1},
                new long[] {0, 0, 0, 1}, 0);
        String m = message(() -> CudaTopK.validate(q, k, k, null, TopKOutputs.of(out), TopKSpec.fixedK(1), GPU));
        assertEquals("q: expected at most 2147483647 rows (B * Hq * Nq) in one CUDA top-k call, got 2147483648", m);
    }

    @Test
    void paramsBlockCarriesAddressesStridesAndOptions() {
        // q in the flash layout [B,N,H,D] viewed as [B,H,N,D]; k/v contiguous of other dtypes; some outputs absent
        Tensor qFlash = device(DType.BF16, 2, 5, 4, 16);
        Tensor q = qFlash.transpose(1, 2);
        Tensor k = device(DType.F16, 2, 2, 7, 16);
        Tensor v = device(DType.F32, 2, 2, 7, 8);
        Tensor norms = device(DType.F32, 2, 2, 7);
        TopKOutputs o = TopKOutputs.of(device(DType.F32, 2, 4, 5, 8)).withTail(device(DType.F32, 2, 4, 5))
                .withIndices(device(DType.I32, 2, 4, 5, 6));
        TopKSpec spec = TopKSpec.tvBudget(0.25).withCausal(true).withCertify(TopKSpec.Certify.BOUND).withScale(0.5f);
        TopKProblem p = CudaTopK.validate(q, k, v, norms, o, spec, GPU);
        MemorySegment params = panattn_topk_params.allocate(arena);
        CudaTopK.fill(params, p);

        assertEquals(qFlash.segment().address(), panattn_topk_params.q(params).address());
        assertEquals(norms.segment().address(), panattn_topk_params.value_norms(params).address());
        assertEquals(0, panattn_topk_params.kept_count(params).address(), "absent output: NULL");
        assertEquals(0, panattn_topk_params.certificate(params).address(), "absent output: NULL");
        assertEquals(o.indices().segment().address(), panattn_topk_params.indices(params).address());
        assertEquals(2, panattn_topk_params.batch(params));
        assertEquals(4, panattn_topk_params.heads_q(params));
        assertEquals(2, panattn_topk_params.heads_kv(params));
        assertEquals(5, panattn_topk_params.n_q(params));
        assertEquals(7, panattn_topk_params.n_k(params));
        assertEquals(6, panattn_topk_params.index_capacity(params));
        assertEquals(16, panattn_topk_params.q_stride_h(params), "flash layout: heads are 16 elements apart");
        assertEquals(4 * 16, panattn_topk_params.q_stride_n(params), "flash layout: rows are H*D apart");
        assertEquals(7, panattn_topk_params.value_norms_stride_h(params));
        assertEquals(5, panattn_topk_params.tail_stride_h(params));
        assertEquals(0, panattn_topk_params.kept_count_stride_h(params), "absent output: stride 0");
        assertEquals(6, panattn_topk_params.indices_stride_n(params));
        assertEquals(panattn_h.PANATTN_DTYPE_BF16(), panattn_topk_params.q_dtype(params));
        assertEquals(panattn_h.PANATTN_DTYPE_F16(), panattn_topk_params.k_dtype(params));
        assertEquals(1, panattn_topk_params.causal(params));
        assertEquals(panattn_h.PANATTN_TOPK_CERTIFY_BOUND(), panattn_topk_params.certify(params));
        assertEquals(0, panattn_topk_params.k_fixed(params));
        assertEquals(0.25, panattn_topk_params.epsilon(params));
        assertEquals(0.5f, panattn_topk_params.scale(params));

        CudaTopK.fill(params, CudaTopK.validate(q, k, v, null, o, TopKSpec.fixedK(3), GPU));
        assertEquals(3, panattn_topk_params.k_fixed(params));
        assertEquals(0.0, panattn_topk_params.epsilon(params));
        assertEquals(panattn_h.PANATTN_TOPK_CERTIFY_EXACT(), panattn_topk_params.certify(params));
        assertEquals(0.25f, panattn_topk_params.scale(params), "default scale 1/sqrt(16)");
        assertEquals(0, panattn_topk_params.value_norms(params).address());
    }

    /** A valid params block of a small problem whose pointers are never dereferenced (the launches here fail first). */
    private MemorySegment validParams() {
        Tensor q = device(DType.F32, 1, 4, 3, 16);
        Tensor k = device(DType.F32, 1, 2, 200, 16);
        Tensor v = device(DType.F32, 1, 2, 200, 16);
        TopKProblem p = CudaTopK.validate(q, k, v, null, outputs(1, 4, 3, 16, 200), TopKSpec.tvBudget(0.1), GPU);
        MemorySegment params = panattn_topk_params.allocate(arena);
        CudaTopK.fill(params, p);
        return params;
    }

    @Test
    void workspaceSizesFollowTheProblem() {
        assumeTrue(NativeLibraries.panattnCuda().isPresent(),
                () -> "skipped: " + NativeLibraries.panattnCudaUnavailableReason());
        MemorySegment params = validParams();
        long least = panattn_h.panattn_topk_min_workspace_bytes(params);
        long wanted = panattn_h.panattn_topk_workspace_bytes(params);
        // one unit holds the 2 heads of a group x 3 queries = 6 rows of 4 blocks (200 keys), 280 bytes per block-row
        assertEquals(256 + 6912, least, "status word + one slot: 6 * 4 * 280 bytes rounded up to 256");
        assertEquals(256 + 2 * (least - 256), wanted, "one slot per unit: 2 kv heads");
        panattn_topk_params.epsilon(params, 1.5);
        assertEquals(0, panattn_h.panattn_topk_workspace_bytes(params), "invalid params have no workspace");
        assertEquals(0, panattn_h.panattn_topk_min_workspace_bytes(MemorySegment.NULL));
    }

    @Test
    void launcherRejectsBadParamsBlocksWithoutTouchingTheDevice() {
        assumeTrue(NativeLibraries.panattnCuda().isPresent(),
                () -> "skipped: " + NativeLibraries.panattnCudaUnavailableReason());
        int invalid = cuda_runtime_h.cudaErrorInvalidValue();
        assertEquals(invalid, panattn_h.panattn_topk_attention(MemorySegment.NULL, MemorySegment.NULL), "NULL params");
        MemorySegment p = validParams();
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "no scratch");
        panattn_topk_params.scratch(p, MemorySegment.ofAddress(0x7f20_0000_0000L));
        panattn_topk_params.scratch_bytes(p, panattn_h.panattn_topk_min_workspace_bytes(p) - 1);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "scratch below the minimum");
        panattn_topk_params.scratch_bytes(p, panattn_h.panattn_topk_workspace_bytes(p));

        panattn_topk_params.epsilon(p, 1.0);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "epsilon outside (0, 1)");
        panattn_topk_params.epsilon(p, 0.1);
        panattn_topk_params.k_fixed(p, -1);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "negative k");
        panattn_topk_params.k_fixed(p, 0);
        panattn_topk_params.certify(p, 2);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "unknown certify mode");
        panattn_topk_params.certify(p, panattn_h.PANATTN_TOPK_CERTIFY_EXACT());
        panattn_topk_params.heads_kv(p, 3);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "4 heads over 3 kv heads");
        panattn_topk_params.heads_kv(p, 2);
        panattn_topk_params.head_dim_v(p, panattn_h.PANATTN_TOPK_MAX_HEAD_DIM() + 1);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "head_dim_v above the maximum");
        panattn_topk_params.head_dim_v(p, 16);
        panattn_topk_params.v_dtype(p, 9);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "unknown dtype");
        panattn_topk_params.v_dtype(p, panattn_h.PANATTN_DTYPE_F32());
        panattn_topk_params.scale(p, Float.NaN);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "NaN scale");
        panattn_topk_params.scale(p, 0.25f);
        panattn_topk_params.tail_stride_n(p, -1);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "negative stride");
        panattn_topk_params.tail_stride_n(p, 1);
        panattn_topk_params.out(p, MemorySegment.NULL);
        assertEquals(invalid, panattn_h.panattn_topk_attention(p, MemorySegment.NULL), "NULL out");
    }
}
