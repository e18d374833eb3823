package org.panattn.kvcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.ref.ReferenceKvCache;

/** Every host backend's scores and eviction against the reference on random shapes with tails, GQA, views. */
class KvCacheConformanceTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu() && !b.name().equals("ref"));
    }

    record Case(String label, int b, int hq, int hkv, int nq, int nk, int d, int dv, ScoreSpec spec, DType dtype,
                boolean flashLayout) {
        @Override
        public String toString() {
            return label + " " + spec.score() + " " + spec.aggregation() + " " + spec.pooling();
        }
    }

    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        for (SaliencyScore s : SaliencyScore.values()) {
            ScoreSpec base = ScoreSpec.of(s, 1);
            list.add(new Case("decode GQA 4:1", 1, 8, 2, 1, 300, 64, 64, base, DType.F32, false));
            list.add(new Case("prefill causal tails", 2, 3, 1, 37, 53, 3, 5,
                    base.withWindow(17).withCausal(true).withAggregation(GroupAggregation.MAX), DType.F32, false));
            list.add(new Case("window 16 d=80 pooled", 1, 4, 4, 40, 200, 80, 80,
                    base.withWindow(16).withCausal(true).withPooling(KeyPooling.MAX7), DType.F32, false));
            list.add(new Case("per query head, Nq > Nk causal", 1, 4, 2, 12, 7, 8, 8,
                    base.withWindow(12).withCausal(true).withAggregation(GroupAggregation.NONE), DType.F32, false));
            list.add(new Case("many rows (chunked), f16, flash layout", 1, 8, 1, 20, 150, 16, 16,
                    base.withWindow(20).withCausal(true).withScale(0.3f), DType.F16, true));
            list.add(new Case("d=1 non-causal pooled max", 2, 2, 1, 5, 9, 1, 3,
                    base.withWindow(5).withPooling(KeyPooling.MAX7).withAggregation(GroupAggregation.MAX),
                    DType.BF16, false));
            // windows of whole vectors (lane-sum tree), several key blocks with a ragged last one, a value width
            // with a tail, and (GQA 4:1, window 32) two row chunks of two heads each
            list.add(new Case("GQA window 32, two chunks, ragged blocks", 1, 8, 2, 40, 1000, 72, 72,
                    base.withWindow(32).withCausal(true), DType.F32, false));
            list.add(new Case("window 64 over several blocks, f16", 1, 2, 2, 64, 700, 128, 128,
                    base.withWindow(64).withCausal(true).withAggregation(GroupAggregation.NONE), DType.F16, false));
            // whole-vector windows with odd head dims: value norms all in the scalar tail (dv 7), key blocks and a
            // head's three row vectors summed before their lanes, a 96-row group cut into chunks of 64 and 32
            list.add(new Case("GQA window 48, odd dims", 1, 4, 2, 50, 301, 19, 7,
                    base.withWindow(48).withCausal(true), DType.F32, false));
            list.add(new Case("window 16, d=3, bf16, non-causal, per query head", 2, 2, 1, 16, 45, 3, 1,
                    base.withWindow(16).withAggregation(GroupAggregation.NONE), DType.BF16, false));
            // the benchmark's shape, small: 16 rows, whose window outputs pass 1 accumulates row-major
            list.add(new Case("window 16, d=128, MHA", 1, 2, 2, 16, 333, 128, 128,
                    base.withWindow(16).withCausal(true), DType.F32, false));
            // 64 rows x 33000 keys: more logits than the cpu backend keeps, so its pass 2 recomputes them
            list.add(new Case("logits past the cpu store", 1, 1, 1, 64, 33000, 2, 2,
                    base.withWindow(64).withCausal(true), DType.F32, false));
        }
        return list;
    }

    static Stream<Object[]> matrix() {
        return backends().flatMap(b -> cases().stream().map(c -> new Object[] {b, c}));
    }

    static Tensor random(Arena arena, DType dtype, SplittableRandom r, double sigma, boolean flash, long... shape) {
        Tensor t;
        if (flash) {
            // stored [B,N,H,D], viewed as [B,H,N,D]: strided, last dim contiguous
            t = Tensor.allocate(arena, dtype, shape[0], shape[2], shape[1], shape[3]).transpose(1, 2);
        } else {
            t = Tensor.allocate(arena, dtype, shape);
        }
        for (long b = 0; b < shape[0]; b++) {
            for (long h = 0; h < shape[1]; h++) {
                for (long n = 0; n < shape[2]; n++) {
                    for (long c = 0; c < shape[3]; c++) {
                        t.setFloat((float) (r.nextGaussian() * sigma), b, h, n, c);
                    }
                }
            }
        }
        return t;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void scoresAgreeWithReference(Backend backend, Case c) {
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(c.label.hashCode() * 31L + c.spec.score().ordinal());
            Tensor q = random(arena, c.dtype, r, 1.5, c.flashLayout, c.b, c.hq, c.nq, c.d);
            Tensor k = random(arena, c.dtype, r, 1.5, c.flashLayout, c.b, c.hkv, c.nk, c.d);
            Tensor v = random(arena, c.dtype, r, 1.0, c.flashLayout, c.b, c.hkv, c.nk, c.dv);
            long heads = c.spec.aggregation() == GroupAggregation.NONE ? c.hq : c.hkv;
            Tensor got = Tensor.allocate(arena, DType.F32, c.b, heads, c.nk);
            Tensor want = Tensor.allocate(arena, DType.F32, c.b, heads, c.nk);
            backend.kvcache().scores(q, k, v, got, c.spec);
            Backend.reference().kvcache().scores(q, k, v, want, c.spec);
            assertClose(want, got, backend + " " + c);
            // accumulation adds a second pass on top of the first
            backend.kvcache().scores(q, k, v, got, c.spec, true);
            Backend.reference().kvcache().scores(q, k, v, want, c.spec, true);
            assertClose(want, got, backend + " " + c + " accumulated twice");
        }
    }

    /** Given the window's attention (from the dense kernel, as an engine's prefill has it), the same scores. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void givenWindowAttentionGivesTheSameScores(Backend backend, Case c) {
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(c.label.hashCode() * 17L + c.spec.score().ordinal());
            Tensor q = random(arena, c.dtype, r, 1.5, c.flashLayout, c.b, c.hq, c.nq, c.d);
            Tensor k = random(arena, c.dtype, r, 1.5, c.flashLayout, c.b, c.hkv, c.nk, c.d);
            Tensor v = random(arena, c.dtype, r, 1.0, c.flashLayout, c.b, c.hkv, c.nk, c.dv);
            Tensor out = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.dv);
            Tensor lse = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq);
            org.panattn.dense.DenseSpec dense = new org.panattn.dense.DenseSpec(c.spec.scale(), c.spec.causal(), -1,
                    -1);
            backend.dense().attention(q, k, v, out, lse, dense);
            int w = c.spec.window();
            WindowAttention window = new WindowAttention(out.slice(2, c.nq - w, c.nq), lse.slice(2, c.nq - w, c.nq));
            long heads = c.spec.aggregation() == GroupAggregation.NONE ? c.hq : c.hkv;
            Tensor got = Tensor.allocate(arena, DType.F32, c.b, heads, c.nk);
            Tensor want = Tensor.allocate(arena, DType.F32, c.b, heads, c.nk);
            Tensor self = Tensor.allocate(arena, DType.F32, c.b, heads, c.nk);
            backend.kvcache().scores(q, k, v, window, got, c.spec, false);
            Backend.reference().kvcache().scores(q, k, v, window, want, c.spec, false);
            Backend.reference().kvcache().scores(q, k, v, self, c.spec);
            assertClose(want, got, backend + " " + c + " with the window's attention given");
            assertClose(self, want, "reference " + c + ": given attention vs computed");
        }
    }

    static void assertClose(Tensor want, Tensor got, String where) {
        float[] w = want.toFloatArray();
        float[] g = got.toFloatArray();
        double scale = 0;
        for (float x : w) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int i = 0; i < w.length; i++) {
            double tol = 2e-4 * scale + 1e-4 * Math.abs(w[i]) + 1e-12;
            assertTrue(Math.abs(w[i] - g[i]) <= tol, where + ": score " + i + " expected " + w[i] + ", got " + g[i]
                    + " (tolerance " + tol + ")");
        }
    }

    record EvictCase(String label, int b, int h, int n, int d, int dv, long budget, long recent, long sink,
                     String pattern) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Object[]> evictions() {
        List<EvictCase> list = List.of(
                new EvictCase("random, sinks and recents", 2, 3, 100, 8, 5, 40, 10, 4, "gauss"),
                new EvictCase("ties everywhere", 1, 2, 77, 3, 3, 20, 5, 0, "ties"),
                new EvictCase("NaN scores rank last", 1, 1, 50, 4, 4, 30, 3, 2, "nan"),
                new EvictCase("keep everything", 1, 2, 33, 4, 4, 33, 0, 0, "gauss"),
                new EvictCase("only sinks and recents", 1, 2, 33, 4, 4, 9, 5, 4, "gauss"),
                new EvictCase("budget 0", 1, 1, 10, 4, 4, 0, 0, 0, "gauss"),
                new EvictCase("signed zeros tie", 1, 1, 40, 2, 2, 15, 0, 0, "zeros"),
                // thousands of candidates: the selection narrows over several digits of the (score, position) keys
                new EvictCase("long cache, scores with a wide range", 1, 2, 6000, 3, 2, 1200, 16, 4, "wide"),
                new EvictCase("long cache, few distinct scores", 1, 1, 5000, 2, 2, 2500, 0, 0, "ties"));
        return backends().flatMap(b -> list.stream().map(c -> new Object[] {b, c}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("evictions")
    void evictionKeepsTheBudgetInOrderAndCompactsInPlace(Backend backend, EvictCase c) {
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(c.label.hashCode());
            Tensor k = random(arena, DType.F32, r, 1, false, c.b, c.h, c.n, c.d);
            Tensor v = random(arena, DType.F32, r, 1, false, c.b, c.h, c.n, c.dv);
            Tensor scores = Tensor.allocate(arena, DType.F32, c.b, c.h, c.n);
            for (long i = 0; i < scores.numel(); i++) {
                float x = switch (c.pattern) {
                    case "ties" -> (float) r.nextInt(3);
                    case "nan" -> r.nextInt(4) == 0 ? Float.NaN : (float) r.nextGaussian();
                    case "zeros" -> r.nextBoolean() ? 0f : -0f;
                    case "wide" -> (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-20, 20)));
                    default -> (float) r.nextGaussian();
                };
                scores.writeFloat(i, x);
            }
            float[] k0 = k.toFloatArray();
            float[] v0 = v.toFloatArray();
            float[] s0 = scores.toFloatArray();
            Tensor kept = Tensor.allocate(arena, DType.I32, c.b, c.h, c.budget);
            EvictionSpec spec = new EvictionSpec(c.budget, c.recent, c.sink);
            backend.kvcache().evict(k, v, scores, kept, spec);
            for (int b = 0; b < c.b; b++) {
                for (int h = 0; h < c.h; h++) {
                    float[] row = new float[c.n];
                    System.arraycopy(s0, (b * c.h + h) * c.n, row, 0, c.n);
                    int[] want = ReferenceKvCache.keptPositions(row, spec);
                    int[] got = new int[(int) c.budget];
                    for (int t = 0; t < c.budget; t++) {
                        got[t] = kept.getInt(b, h, t);
                    }
                    String where = backend + " " + c + " head (" + b + "," + h + ")";
                    assertArrayEquals(want, got, where + ": kept positions");
                    checkPolicy(row, got, spec, where);
                    for (int t = 0; t < c.budget; t++) {
                        int from = got[t];
                        for (int x = 0; x < c.d; x++) {
                            assertEquals(k0[((b * c.h + h) * c.n + from) * c.d + x], k.getFloat(b, h, t, x), where);
                        }
                        for (int x = 0; x < c.dv; x++) {
                            assertEquals(v0[((b * c.h + h) * c.n + from) * c.dv + x], v.getFloat(b, h, t, x), where);
                        }
                        assertEquals(Float.floatToIntBits(row[from]), Float.floatToIntBits(scores.getFloat(b, h, t)),
                                where);
                    }
                }
            }
        }
    }

    /** The properties an eviction promises, checked directly (not through the reference). */
    static void checkPolicy(float[] s, int[] kept, EvictionSpec spec, String where) {
        int n = s.length;
        assertEquals(spec.budget(), kept.length, where + ": kept count");
        boolean[] in = new boolean[n];
        for (int t = 0; t < kept.length; t++) {
            assertTrue(t == 0 || kept[t] > kept[t - 1], where + ": kept positions ascend");
            in[kept[t]] = true;
        }
        for (int j = 0; j < spec.sink(); j++) {
            assertTrue(in[j], where + ": sink " + j + " kept");
        }
        for (int j = (int) (n - spec.recent()); j < n; j++) {
            assertTrue(in[j], where + ": recent " + j + " kept");
        }
        for (int x = (int) spec.sink(); x < n - spec.recent(); x++) {
            for (int y = (int) spec.sink(); y < n - spec.recent(); y++) {
                if (in[x] && !in[y]) {
                    boolean better = Float.isNaN(s[y]) || s[x] > s[y] || (s[x] == s[y] && x < y);
                    assertTrue(better, where + ": kept " + x + " (" + s[x] + ") ranks above evicted " + y + " ("
                            + s[y] + ")");
                }
            }
        }
    }
}
