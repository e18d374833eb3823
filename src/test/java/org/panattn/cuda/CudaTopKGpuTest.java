package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.cuda.TopKCases.Case;
import org.panattn.ref.TopKTheory;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKSpec;
import org.panattn.topk.ValueNorms;

/**
 * CUDA certified top-k on a real device against {@code ReferenceTopK}: the cases of TopKConformanceTest plus storage
 * dtypes, the flash layout of q, the value-norm cache, NaN rows, a too small indices buffer and bad input. Skipped
 * (reported as skipped, with the reason) where no CUDA device is usable.
 */
@Tag("gpu")
class CudaTopKGpuTest {
    private Backend cuda;

    @BeforeEach
    void requireDevice() {
        assumeTrue(CudaBackend.deviceCount() > 0, () -> "skipped: no CUDA device: " + CudaBackend.unavailableReason());
        cuda = Backend.cuda(0);
    }

    static Stream<Case> cases() {
        List<Case> list = new ArrayList<>(TopKCases.conformance());
        list.add(new Case("decode MHA f16 long", 1, 4, 4, 1, 4096, 128, 128, TopKSpec.tvBudget(0.1), 2, "gauss")
                .withTypes(DType.F16, DType.F16));
        list.add(new Case("prefill causal bf16 flash", 1, 8, 2, 70, 90, 64, 64,
                TopKSpec.tvBudget(0.05).withCausal(true), 2, "gauss").withTypes(DType.BF16, DType.BF16)
                .withFlashLayout());
        list.add(new Case("widest head dims", 1, 2, 1, 3, 300, 256, 256,
                TopKSpec.tvBudget(0.05).withCertify(TopKSpec.Certify.BOUND), 2, "gauss"));
        list.add(new Case("value-norm cache", 1, 4, 2, 2, 300, 16, 8, TopKSpec.tvBudget(0.05), 2, "gauss")
                .withNorms());
        list.add(new Case("NaN row", 1, 1, 1, 2, 10, 4, 4, TopKSpec.tvBudget(0.1), 1, "gauss").withNanQuery(1));
        list.add(new Case("many units", 2, 32, 8, 33, 200, 32, 32, TopKSpec.fixedK(17), 2, "gauss"));
        return list.stream();
    }

    /** Uploads a host tensor (a transpose view of a contiguous buffer is uploaded as that buffer and viewed back). */
    private Tensor upload(Arena arena, Tensor host) {
        boolean transposed = !host.isContiguous();
        Tensor contiguous = transposed ? host.transpose(1, 2) : host;
        Tensor dev = cuda.allocate(arena, contiguous.dtype(), contiguous.shape());
        cuda.copy(contiguous, dev);
        return transposed ? dev.transpose(1, 2) : dev;
    }

    private Tensor download(Arena arena, Tensor dev) {
        Tensor host = Tensor.allocate(arena, dev.dtype(), dev.shape());
        cuda.copy(dev, host);
        return host;
    }

    /** Device copies of host outputs pre-filled with values no kernel writes, so a forgotten element cannot pass. */
    private TopKOutputs uploadPoisoned(Arena arena, TopKOutputs host) {
        Tensor[] all = {host.out(), host.keptCount(), host.tail(), host.certificate(), host.exactError(),
            host.indices()};
        for (Tensor t : all) {
            for (long i = 0; i < t.numel(); i++) {
                t.writeFloat(i, t.dtype() == DType.I32 ? -7777 : -7777.25f);
            }
        }
        return new TopKOutputs(upload(arena, host.out()), upload(arena, host.keptCount()), upload(arena, host.tail()),
                upload(arena, host.certificate()), upload(arena, host.exactError()), upload(arena, host.indices()));
    }

    private TopKOutputs downloadAll(Arena arena, TopKOutputs dev) {
        return new TopKOutputs(download(arena, dev.out()), download(arena, dev.keptCount()),
                download(arena, dev.tail()), download(arena, dev.certificate()), download(arena, dev.exactError()),
                download(arena, dev.indices()));
    }

    private Tensor norms(Arena arena, Case c, Tensor v) {
        if (!c.norms()) {
            return null;
        }
        Tensor norms = Tensor.allocate(arena, DType.F32, c.b(), c.hkv(), c.nk());
        ValueNorms.compute(v, norms);
        return norms;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void topkMatchesTheReference(Case c) {
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, c.label().hashCode());
            Tensor norms = norms(arena, c, qkv[2]);
            TopKOutputs want = TopKCases.outputs(arena, c, c.nk());
            Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], norms, want, c.spec());

            TopKOutputs dev = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            cuda.topk().attention(upload(arena, qkv[0]), upload(arena, qkv[1]), upload(arena, qkv[2]),
                    norms == null ? null : upload(arena, norms), dev, c.spec());
            TopKCases.checkAllRows(c, downloadAll(arena, dev), want, cuda.name());
        }
    }

    @Test
    void repeatedCallsAreDeterministic() {
        Case c = new Case("determinism", 1, 8, 1, 1, 5000, 128, 128, TopKSpec.tvBudget(0.1), 2, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 5);
            Tensor q = upload(arena, qkv[0]);
            Tensor k = upload(arena, qkv[1]);
            Tensor v = upload(arena, qkv[2]);
            TopKOutputs first = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            TopKOutputs second = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            cuda.topk().attention(q, k, v, first, c.spec());
            cuda.topk().attention(q, k, v, second, c.spec());
            TopKOutputs a = downloadAll(arena, first);
            TopKOutputs b = downloadAll(arena, second);
            assertArrayEquals(a.out().toFloatArray(), b.out().toFloatArray());
            assertArrayEquals(a.certificate().toFloatArray(), b.certificate().toFloatArray());
            assertArrayEquals(a.indices().toFloatArray(), b.indices().toFloatArray());
        }
    }

    @Test
    void aTooSmallIndicesBufferNamesTheRow() {
        Case c = new Case("overflow", 1, 2, 1, 3, 200, 8, 8, TopKSpec.tvBudget(0.5), 0.5, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 3);
            TopKOutputs small = TopKCases.outputs(arena, c, 4);
            String want = assertThrows(IllegalArgumentException.class,
                    () -> Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], small, c.spec())).getMessage();
            TopKOutputs dev = uploadPoisoned(arena, TopKCases.outputs(arena, c, 4));
            Tensor q = upload(arena, qkv[0]);
            Tensor k = upload(arena, qkv[1]);
            Tensor v = upload(arena, qkv[2]);
            String got = assertThrows(IllegalArgumentException.class,
                    () -> cuda.topk().attention(q, k, v, dev, c.spec())).getMessage();
            assertEquals(want, got, "the same row and count as the reference");
            // the next call on this device starts from a clean status
            TopKOutputs roomy = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            cuda.topk().attention(q, k, v, roomy, c.spec());
        }
    }

    @Test
    void keptCountIsMinimalForTheBudget() {
        // one row, checked against the theory helpers on double logits of the same (rounded) inputs
        Case c = new Case("minimal", 1, 1, 1, 1, 777, 16, 4, TopKSpec.tvBudget(0.07), 2, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 99);
            TopKOutputs dev = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            cuda.topk().attention(upload(arena, qkv[0]), upload(arena, qkv[1]), upload(arena, qkv[2]), dev, c.spec());
            double[] s = new double[c.nk()];
            for (int j = 0; j < c.nk(); j++) {
                double dot = 0;
                for (int x = 0; x < c.d(); x++) {
                    dot += (double) qkv[0].getFloat(0, 0, 0, x) * qkv[1].getFloat(0, 0, j, x);
                }
                s[j] = dot * c.spec().resolvedScale(c.d());
            }
            int k = downloadAll(arena, dev).keptCount().getInt(0, 0, 0);
            double tauK = TopKTheory.tailMass(s, TopKTheory.topK(s, k));
            double tauPrev = TopKTheory.tailMass(s, TopKTheory.topK(s, k - 1));
            assertTrue(tauK <= 0.07 + 1e-6, "k=" + k + " meets the budget: " + tauK);
            assertTrue(tauPrev > 0.07 - 1e-6, "k-1=" + (k - 1) + " must violate it: " + tauPrev);
        }
    }

    @Test
    void cachedValueNormsGiveTheSameCertificate() {
        Case c = new Case("norms", 1, 4, 2, 2, 300, 16, 8, TopKSpec.tvBudget(0.05), 2, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 11);
            Tensor norms = Tensor.allocate(arena, DType.F32, 1, 2, 300);
            ValueNorms.compute(qkv[2], norms);
            Tensor q = upload(arena, qkv[0]);
            Tensor k = upload(arena, qkv[1]);
            Tensor v = upload(arena, qkv[2]);
            TopKOutputs cached = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            TopKOutputs computed = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            cuda.topk().attention(q, k, v, upload(arena, norms), cached, c.spec());
            cuda.topk().attention(q, k, v, null, computed, c.spec());
            Tensor a = download(arena, cached.certificate());
            Tensor b = download(arena, computed.certificate());
            for (long h = 0; h < 4; h++) {
                for (long i = 0; i < 2; i++) {
                    assertEquals(b.getFloat(0, h, i), a.getFloat(0, h, i), 1e-6);
                }
            }
        }
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        Case c = new Case("bad", 1, 2, 1, 3, 10, 4, 4, TopKSpec.fixedK(4), 1, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 5);
            Tensor q = upload(arena, qkv[0]);
            Tensor k = upload(arena, qkv[1]);
            Tensor v = upload(arena, qkv[2]);
            TopKOutputs small = uploadPoisoned(arena, TopKCases.outputs(arena, c, 3));
            String m = assertThrows(IllegalArgumentException.class,
                    () -> cuda.topk().attention(q, k, v, small, c.spec())).getMessage();
            assertTrue(m.contains("indices: buffer too small"), m);
            TopKOutputs ok = uploadPoisoned(arena, TopKCases.outputs(arena, c, 10));
            Tensor wrongNorms = cuda.allocate(arena, DType.F32, 1, 1, 9);
            m = assertThrows(IllegalArgumentException.class,
                    () -> cuda.topk().attention(q, k, v, wrongNorms, ok, c.spec())).getMessage();
            assertTrue(m.contains("valueNorms: expected shape [1, 1, 10]"), m);
            TopKOutputs badTail = ok.withTail(cuda.allocate(arena, DType.I32, 1, 2, 3));
            m = assertThrows(IllegalArgumentException.class,
                    () -> cuda.topk().attention(q, k, v, badTail, c.spec())).getMessage();
            assertTrue(m.contains("tail: expected dtype F32, got I32"), m);
        }
    }

    @Test
    void hostTensorsAreRejectedBeforeAnyLaunch() {
        Case c = new Case("host", 1, 2, 1, 3, 20, 8, 8, TopKSpec.fixedK(4), 1, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 1);
            TopKOutputs dev = uploadPoisoned(arena, TopKCases.outputs(arena, c, c.nk()));
            String m = assertThrows(IllegalArgumentException.class,
                    () -> cuda.topk().attention(qkv[0], upload(arena, qkv[1]), upload(arena, qkv[2]), dev, c.spec()))
                    .getMessage();
            assertTrue(m.startsWith("q: expected a tensor on cuda:0"), m);
        }
    }
}
