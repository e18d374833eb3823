package org.panattn.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/** Every non-reference backend against the double-precision reference, on shapes chosen to hit every edge. */
class DenseConformanceTest {

    static List<Backend> fastBackends() {
        return Backend.available().stream().filter(b -> !b.name().equals("ref")).toList();
    }

    /** The CPU backend with other thread counts too, so that both the single-thread and the split paths run. */
    static List<Backend> cpuThreadings() {
        return List.of(Backend.cpu(), Backend.cpu(1), Backend.cpu(3));
    }

    static DenseSpec window(int left, int right) {
        return DenseSpec.defaults().withWindow(left, right);
    }

    static List<DenseCase> cases() {
        List<DenseCase> list = new ArrayList<>();
        DenseSpec plain = DenseSpec.defaults();
        DenseSpec causal = DenseSpec.causalDefaults();
        // tails: N not a multiple of any vector width, D in {1, 3, 64, 80, 128}
        for (int d : new int[] {1, 3, 64, 80, 128}) {
            list.add(DenseCase.of(1, 2, 2, 37, 53, d, d, plain));
            list.add(DenseCase.of(1, 1, 1, 70, 130, d, d, causal));
        }
        // Dv != D
        list.add(DenseCase.of(2, 2, 1, 33, 45, 64, 80, plain));
        list.add(DenseCase.of(1, 1, 1, 17, 29, 3, 1, causal));
        list.add(DenseCase.of(1, 3, 3, 65, 66, 128, 17, plain));
        list.add(DenseCase.of(1, 2, 2, 20, 70, 16, 200, causal));
        // strided [B,N,H,D] views, GQA
        list.add(DenseCase.of(2, 4, 2, 50, 77, 64, 64, plain).flash());
        list.add(DenseCase.of(1, 8, 2, 129, 129, 80, 80, causal).flash());
        list.add(DenseCase.of(1, 6, 3, 40, 40, 32, 48, causal));
        // causal with Nq != Nk: Nq < Nk, and Nq > Nk (the first Nq - Nk rows see nothing)
        list.add(DenseCase.of(1, 2, 1, 37, 100, 64, 64, causal));
        list.add(DenseCase.of(1, 2, 1, 100, 37, 64, 64, causal));
        list.add(DenseCase.of(1, 1, 1, 200, 5, 8, 8, causal));
        // windows, with and without causality, Nq == Nk and not
        list.add(DenseCase.of(1, 2, 2, 90, 90, 32, 32, window(0, 0)));
        list.add(DenseCase.of(1, 2, 2, 90, 90, 32, 32, window(5, 0)));
        list.add(DenseCase.of(1, 2, 2, 90, 90, 32, 32, window(0, 3)));
        list.add(DenseCase.of(1, 2, 1, 150, 200, 64, 64, window(16, 7)));
        list.add(DenseCase.of(1, 2, 1, 200, 150, 64, 64, window(70, 70)));
        list.add(DenseCase.of(1, 2, 2, 130, 130, 64, 64, DenseSpec.causalDefaults().withWindow(33, 0)));
        list.add(DenseCase.of(1, 1, 1, 64, 300, 16, 16, DenseSpec.causalDefaults().withWindow(0, -1)));
        // explicit scale, sharp softmax
        list.add(DenseCase.of(1, 2, 2, 40, 90, 16, 16, plain.withScale(2f)).magnitude(3f));
        list.add(DenseCase.of(1, 2, 2, 40, 90, 16, 16, causal.withScale(0.01f)));
        // 64-row sets read fp32 K/V in place and keep a stale row maximum until a block exceeds it by 2^8: logits
        // with a spread of ~70 (base 2) make later blocks raise the maximum past that slack again and again
        list.add(DenseCase.of(1, 2, 1, 64, 700, 64, 64, plain.withScale(2f)).magnitude(3f));
        list.add(DenseCase.of(1, 2, 2, 130, 262, 128, 128, causal.withScale(2f)).magnitude(3f).flash());
        // F16 / BF16 inputs
        for (DType t : new DType[] {DType.F16, DType.BF16}) {
            list.add(DenseCase.of(1, 4, 2, 45, 67, 64, 64, plain).dtype(t));
            list.add(DenseCase.of(1, 2, 1, 70, 70, 80, 48, causal).dtype(t).flash());
            list.add(DenseCase.of(1, 8, 1, 1, 700, 128, 128, plain).dtype(t));
        }
        // decode: one or a few queries, long Nk, GQA 8:1 (and key splits when few kv heads)
        list.add(DenseCase.of(1, 16, 2, 1, 5000, 128, 128, plain));
        list.add(DenseCase.of(1, 8, 1, 1, 4099, 64, 64, plain).flash());
        list.add(DenseCase.of(2, 8, 1, 3, 3000, 128, 128, causal));
        list.add(DenseCase.of(1, 8, 1, 4, 2000, 64, 32, DenseSpec.causalDefaults().withWindow(700, 0)));
        list.add(DenseCase.of(1, 128, 1, 2, 600, 16, 16, plain));
        list.add(DenseCase.of(1, 4, 4, 1, 1, 128, 128, plain));
        // multi-head decode (a lone row per kv head: the one-row kernels, 16-key reductions plus a key tail), and
        // groups that pad to eight rows
        list.add(DenseCase.of(1, 4, 4, 1, 1037, 64, 80, plain));
        list.add(DenseCase.of(2, 3, 3, 1, 530, 128, 128, causal).flash());
        list.add(DenseCase.of(1, 6, 2, 1, 777, 32, 32, plain));
        list.add(DenseCase.of(1, 20, 2, 1, 263, 16, 48, plain));
        // more queries per head whose GQA group still fits one decode row set (rows grouped by kv head)
        list.add(DenseCase.of(1, 8, 2, 8, 700, 64, 64, causal));
        list.add(DenseCase.of(1, 2, 2, 6, 333, 32, 32, causal).flash());
        list.add(DenseCase.of(1, 4, 1, 16, 250, 16, 16, DenseSpec.causalDefaults().withWindow(20, 0)));
        // without lse
        list.add(DenseCase.of(1, 2, 2, 33, 33, 64, 64, causal).noLse());
        list.add(DenseCase.of(1, 8, 1, 1, 1000, 64, 64, plain).noLse());
        // empty tensors: no batch, no queries, no keys (every row empty: out 0, lse -inf)
        list.add(DenseCase.of(0, 2, 2, 10, 10, 16, 16, plain));
        list.add(DenseCase.of(1, 2, 2, 0, 10, 16, 16, plain));
        list.add(DenseCase.of(1, 2, 2, 10, 0, 16, 16, plain));
        list.add(DenseCase.of(1, 8, 2, 1, 0, 16, 16, plain));
        list.add(DenseCase.of(1, 2, 2, 10, 12, 16, 0, causal));
        return list;
    }

    static Stream<Arguments> backendCases() {
        return fastBackends().stream().flatMap(b -> cases().stream().map(c -> Arguments.of(b, c)));
    }

    static Stream<Arguments> threadingCases() {
        List<DenseCase> few = List.of(
                DenseCase.of(1, 8, 1, 1, 5000, 128, 128, DenseSpec.defaults()),
                DenseCase.of(1, 4, 1, 2, 3000, 64, 64, DenseSpec.causalDefaults()),
                DenseCase.of(1, 2, 2, 150, 150, 64, 64, DenseSpec.causalDefaults()).flash(),
                DenseCase.of(1, 8, 1, 1, 700, 16, 16, DenseSpec.defaults().withWindow(100, 0)),
                DenseCase.of(1, 8, 1, 1, 3000, 64, 64, DenseSpec.defaults()).confinedArena(),
                DenseCase.of(1, 4, 2, 100, 100, 64, 64, DenseSpec.causalDefaults()).confinedArena());
        return cpuThreadings().stream().flatMap(b -> few.stream().map(c -> Arguments.of(b, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendCases")
    void agreesWithReference(Backend backend, DenseCase c) {
        assertAgrees(backend, c);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("threadingCases")
    void agreesWithReferenceOnEveryThreadCount(Backend backend, DenseCase c) {
        assertAgrees(backend, c);
    }

    static void assertAgrees(Backend backend, DenseCase c) {
        try (DenseCase.Inputs in = c.new Inputs()) {
            DenseCase.Result expected = c.run(Backend.reference(), in);
            DenseCase.Result plain = c.plainFloat(in);
            DenseCase.Result actual = c.run(backend, in);
            c.check(backend.name() + " (" + backend + ")", expected, plain, actual);
        }
    }

    static Stream<Backend> fastBackendStream() {
        return fastBackends().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackendStream")
    void nanInOneQueryRowStaysInThatRow(Backend backend) {
        DenseCase c = DenseCase.of(1, 2, 1, 40, 70, 64, 64, DenseSpec.causalDefaults());
        try (DenseCase.Inputs in = c.new Inputs()) {
            in.q.setFloat(Float.NaN, 0, 1, 33, 5);
            DenseCase.Result expected = c.run(Backend.reference(), in);
            DenseCase.Result actual = c.run(backend, in);
            for (int i = 0; i < c.nq(); i++) {
                for (int h = 0; h < c.headsQ(); h++) {
                    boolean poisoned = h == 1 && i == 33;
                    int row = h * c.nq() + i;
                    assertEquals(poisoned, Float.isNaN(actual.lse()[row]),
                            backend.name() + ": lse[0," + h + "," + i + "] = " + actual.lse()[row]);
                    for (int x = 0; x < c.headDimV(); x++) {
                        float a = actual.out()[row * c.headDimV() + x];
                        float e = expected.out()[row * c.headDimV() + x];
                        assertEquals(poisoned, Float.isNaN(a), backend.name() + ": out[0," + h + "," + i + "," + x
                                + "] = " + a);
                        if (!poisoned) {
                            assertEquals(e, a, 1e-5, backend.name() + ": out[0," + h + "," + i + "," + x + "]");
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackendStream")
    void rejectsBadArgumentsBeforeWriting(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            Tensor q = Tensor.allocate(arena, DType.F32, 1, 4, 8, 16);
            Tensor k = Tensor.allocate(arena, DType.F32, 1, 2, 8, 16);
            Tensor v = Tensor.allocate(arena, DType.F32, 1, 2, 8, 16);
            Tensor badOut = Tensor.allocate(arena, DType.F32, 1, 4, 8, 15);
            Tensor out = Tensor.allocate(arena, DType.F32, 1, 4, 8, 16);
            Tensor badK = Tensor.allocate(arena, DType.F32, 1, 3, 8, 16);
            DenseAttention dense = backend.dense();
            DenseSpec spec = DenseSpec.defaults();
            var e1 = assertThrows(IllegalArgumentException.class, () -> dense.attention(q, k, v, badOut, spec));
            assertTrue(e1.getMessage().startsWith("out: expected shape"), e1.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> dense.attention(q, k, v, null, spec));
            assertTrue(e2.getMessage().startsWith("out:"), e2.getMessage());
            var e3 = assertThrows(IllegalArgumentException.class,
                    () -> dense.attention(q, badK, badK, out, spec));
            assertTrue(e3.getMessage().contains("multiple"), e3.getMessage());
            var e4 = assertThrows(IllegalArgumentException.class, () -> dense.attention(q, k, v, q, spec));
            assertTrue(e4.getMessage().startsWith("out:"), e4.getMessage());
        }
    }

    /** Tensors over Java arrays (heap segments), for the kernels that read K and V in place. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackendStream")
    void heapArrayTensorsAgreeWithReference(Backend backend) {
        if (!backend.device().isCpu()) {
            return;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int[] shape : new int[][] {{16, 2, 1, 900, 64}, {8, 8, 3, 200, 32}, {4, 4, 70, 90, 16}}) {
            int hq = shape[0], hkv = shape[1], nq = shape[2], nk = shape[3], d = shape[4];
            float[] q = randomArray(random, hq * nq * d);
            float[] k = randomArray(random, hkv * nk * d);
            float[] v = randomArray(random, hkv * nk * d);
            Tensor tq = Tensor.of(q, 1, hq, nq, d);
            Tensor tk = Tensor.of(k, 1, hkv, nk, d);
            Tensor tv = Tensor.of(v, 1, hkv, nk, d);
            float[] expected = new float[hq * nq * d];
            float[] actual = new float[hq * nq * d];
            Backend.reference().dense().attention(tq, tk, tv, Tensor.of(expected, 1, hq, nq, d),
                    DenseSpec.causalDefaults());
            backend.dense().attention(tq, tk, tv, Tensor.of(actual, 1, hq, nq, d), DenseSpec.causalDefaults());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 2e-5, backend.name() + ": heap tensors Hq" + hq + " Hkv" + hkv
                        + " Nq" + nq + " Nk" + nk + " D" + d + " causal, flat index " + i);
            }
        }
    }

    private static float[] randomArray(java.util.SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (2 * random.nextDouble() - 1);
        }
        return a;
    }

    /** Several caller threads share one backend (and its pool) at once: every result must still be right. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fastBackendStream")
    void concurrentCallersAgreeWithReference(Backend backend) throws Exception {
        List<DenseCase> cases = List.of(
                DenseCase.of(1, 4, 2, 90, 130, 64, 64, DenseSpec.causalDefaults()),
                DenseCase.of(1, 8, 1, 1, 2000, 64, 64, DenseSpec.defaults()),
                DenseCase.of(1, 2, 1, 3, 900, 32, 48, DenseSpec.causalDefaults()),
                DenseCase.of(2, 2, 2, 40, 40, 16, 16, DenseSpec.defaults().withWindow(5, 5)).flash());
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (DenseCase c : cases) {
                    done.add(callers.submit(() -> assertAgrees(backend, c)));
                }
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void cpuBackendIsTheVectorKernel() {
        assertNull(Backend.cpuFallbackReason(), "the Vector API backend must load under the surefire flags");
        assertEquals("cpu", Backend.cpu().name());
        assertEquals("org.panattn.simd.SimdBackend", Backend.cpu().getClass().getName());
        assertEquals("cpu", Backend.cpu(1).name());
    }
}
