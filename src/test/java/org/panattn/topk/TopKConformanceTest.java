package org.panattn.topk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.panattn.ref.TopKTheory;

/** Every host backend's top-k against the reference, on random and adversarial rows. */
class TopKConformanceTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu() && !b.name().equals("ref"));
    }

    record Case(String label, int b, int hq, int hkv, int nq, int nk, int d, int dv, TopKSpec spec, double spread,
                String pattern) {
    }

    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        for (TopKSpec.Certify c : TopKSpec.Certify.values()) {
            list.add(new Case("decode GQA 8:1", 1, 8, 1, 1, 1000, 64, 64, TopKSpec.tvBudget(0.05).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("decode MHA", 1, 4, 4, 1, 1501, 64, 48, TopKSpec.tvBudget(0.1).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("decode GQA 3:1", 2, 6, 2, 1, 333, 32, 32, TopKSpec.fixedK(40).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("prefill causal tails", 2, 4, 2, 37, 53, 3, 5,
                    TopKSpec.tvBudget(0.1).withCausal(true).withCertify(c), 3, "gauss"));
            list.add(new Case("fixed k, Nq > Nk causal", 1, 2, 2, 9, 6, 8, 8,
                    TopKSpec.fixedK(3).withCausal(true).withCertify(c), 2, "gauss"));
            list.add(new Case("fixed k larger than n", 1, 2, 1, 4, 70, 16, 16, TopKSpec.fixedK(500).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("all-equal logits", 1, 2, 1, 2, 130, 4, 4, TopKSpec.tvBudget(0.3).withCertify(c), 0,
                    "equal"));
            list.add(new Case("ties at the threshold", 1, 2, 1, 3, 200, 4, 4, TopKSpec.tvBudget(0.2).withCertify(c), 1,
                    "ties"));
            list.add(new Case("ties, long rows", 1, 2, 1, 2, 4000, 4, 4, TopKSpec.tvBudget(0.2).withCertify(c), 1,
                    "ties"));
            list.add(new Case("fixed k, long rows", 1, 8, 2, 1, 3001, 32, 32, TopKSpec.fixedK(700).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("huge logit range", 1, 1, 1, 2, 300, 4, 8, TopKSpec.tvBudget(0.01).withCertify(c),
                    1e4, "gauss"));
            list.add(new Case("n = 1", 1, 1, 1, 1, 1, 8, 8, TopKSpec.tvBudget(0.5).withCertify(c), 1, "gauss"));
            list.add(new Case("eps near 0", 1, 2, 1, 2, 500, 32, 16, TopKSpec.tvBudget(1e-9).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("eps near 1", 1, 2, 1, 2, 500, 32, 16, TopKSpec.tvBudget(0.999).withCertify(c), 2,
                    "gauss"));
            // 64-row units (tile path: weights zeroed in place on the lean path), rows ending mid-vector
            list.add(new Case("ties, 64-row unit", 1, 8, 1, 8, 301, 4, 4, TopKSpec.tvBudget(0.2).withCertify(c), 1,
                    "ties"));
            list.add(new Case("prefill causal, long 64-row units", 1, 2, 1, 70, 1500, 16, 16,
                    TopKSpec.tvBudget(0.05).withCausal(true).withCertify(c), 2, "gauss"));
            // rows of at least 8192 keys: the first quickselect pivots come from a sample
            list.add(new Case("sampled pivots", 1, 3, 1, 1, 9000, 8, 8, TopKSpec.tvBudget(0.05).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("sampled pivots, fixed k", 1, 2, 1, 1, 8192, 8, 8, TopKSpec.fixedK(6000).withCertify(c),
                    2, "gauss"));
            list.add(new Case("sampled pivots, ties", 1, 2, 1, 1, 8200, 4, 4, TopKSpec.tvBudget(0.2).withCertify(c), 1,
                    "ties"));
            list.add(new Case("D=80 long row", 1, 4, 4, 2, 3000, 80, 80, TopKSpec.tvBudget(0.02).withCertify(c), 2.5,
                    "gauss"));
        }
        return list;
    }

    static Stream<Object[]> matrix() {
        return backends().flatMap(b -> cases().stream().map(c -> new Object[] {b, c}));
    }

    /** Fills q, k so that the scaled logits q.k of head/row pairs are spread by about {@code spread}. */
    private static Tensor[] inputs(Arena arena, Case c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor q = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.d);
        Tensor k = Tensor.allocate(arena, DType.F32, c.b, c.hkv, c.nk, c.d);
        Tensor v = Tensor.allocate(arena, DType.F32, c.b, c.hkv, c.nk, c.dv);
        double qs = Math.sqrt(c.spread) * Math.pow(c.d, 0.25);
        for (long i = 0; i < q.numel(); i++) {
            q.writeFloat(i, (float) (r.nextGaussian() * qs / Math.sqrt(c.d)));
        }
        for (long i = 0; i < k.numel(); i++) {
            long key = (i / c.d) % c.nk;
            float x = switch (c.pattern) {
                case "equal" -> 1f;
                case "ties" -> (float) (key % 4) * 0.5f;   // four logit levels, many ties each
                default -> (float) (r.nextGaussian() * qs);
            };
            k.writeFloat(i, c.pattern.equals("ties") && i % c.d != 0 ? 0f : x);
        }
        if (c.pattern.equals("ties")) {
            for (long i = 0; i < q.numel(); i++) {
                q.writeFloat(i, i % c.d == 0 ? 2f : 0f);
            }
        }
        for (long i = 0; i < v.numel(); i++) {
            v.writeFloat(i, (float) r.nextGaussian());
        }
        return new Tensor[] {q, k, v};
    }

    private static TopKOutputs outputs(Arena arena, Case c, long capacity) {
        long[] rows = {c.b, c.hq, c.nq};
        return TopKOutputs.of(Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.dv))
                .withKeptCount(Tensor.allocate(arena, DType.I32, rows))
                .withTail(Tensor.allocate(arena, DType.F32, rows))
                .withCertificate(Tensor.allocate(arena, DType.F32, rows))
                .withExactError(Tensor.allocate(arena, DType.F32, rows))
                .withIndices(Tensor.allocate(arena, DType.I32, c.b, c.hq, c.nq, capacity));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void agreesWithReference(Backend backend, Case c) {
        assertAgrees(backend, c);
    }

    /**
     * What an engine's decode asks for: out, k, tau and the certificate from cached value norms, no analysis
     * outputs, so the kernels take their lean paths (kept V rows read in place, vectorised kept-weight tiles).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void agreesWithReferenceOnTheLeanPath(Backend backend, Case c) {
        assertAgreesLean(backend, c);
    }

    static void assertAgreesLean(Backend backend, Case c) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, c.label.hashCode());
            long[] rows = {c.b, c.hq, c.nq};
            Tensor norms = Tensor.allocate(arena, DType.F32, c.b, c.hkv, c.nk);
            ValueNorms.compute(qkv[2], norms);
            TopKOutputs got = TopKOutputs.of(Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.dv))
                    .withKeptCount(Tensor.allocate(arena, DType.I32, rows))
                    .withTail(Tensor.allocate(arena, DType.F32, rows))
                    .withCertificate(Tensor.allocate(arena, DType.F32, rows));
            TopKOutputs want = outputs(arena, c, c.nk);
            backend.topk().attention(qkv[0], qkv[1], qkv[2], norms, got, c.spec);
            Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], want, c.spec);
            String where = backend.name() + " (lean) " + c.label + " " + c.spec;
            for (long b = 0; b < c.b; b++) {
                for (long h = 0; h < c.hq; h++) {
                    for (long i = 0; i < c.nq; i++) {
                        String at = where + " row (" + b + "," + h + "," + i + ")";
                        int kg = got.keptCount().getInt(b, h, i);
                        int kw = want.keptCount().getInt(b, h, i);
                        assertTrue(Math.abs(kg - kw) <= 1, at + ": kept " + kg + " vs reference " + kw);
                        float tg = got.tail().getFloat(b, h, i);
                        if (!c.spec.isFixedK()) {
                            assertTrue(tg <= c.spec.epsilon() * (1 + 1e-5) + 1e-7, at + ": tau " + tg + " over budget");
                        }
                        if (kg != kw) {
                            continue;
                        }
                        float tw = want.tail().getFloat(b, h, i);
                        assertEquals(tw, tg, 2e-5 + 1e-3 * Math.abs(tw), at + ": tau");
                        for (long x = 0; x < c.dv; x++) {
                            assertEquals(want.out().getFloat(b, h, i, x), got.out().getFloat(b, h, i, x), 2e-4,
                                    at + ": out[" + x + "]");
                        }
                        float err = want.exactError().getFloat(b, h, i);
                        float cert = got.certificate().getFloat(b, h, i);
                        assertTrue(cert >= err * (1 - 1e-4) - 1e-6, at + ": certificate " + cert + " below the "
                                + "exact error " + err);
                    }
                }
            }
        }
    }

    static void assertAgrees(Backend backend, Case c) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, c.label.hashCode());
            TopKOutputs got = outputs(arena, c, c.nk);
            TopKOutputs want = outputs(arena, c, c.nk);
            backend.topk().attention(qkv[0], qkv[1], qkv[2], got, c.spec);
            Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], want, c.spec);
            String where = backend.name() + " " + c.label + " " + c.spec;
            for (long b = 0; b < c.b; b++) {
                for (long h = 0; h < c.hq; h++) {
                    for (long i = 0; i < c.nq; i++) {
                        checkRow(c, got, want, b, h, i, where + " row (" + b + "," + h + "," + i + ")");
                    }
                }
            }
        }
    }

    private static void checkRow(Case c, TopKOutputs got, TopKOutputs want, long b, long h, long i, String where) {
        int kg = got.keptCount().getInt(b, h, i);
        int kw = want.keptCount().getInt(b, h, i);
        float tg = got.tail().getFloat(b, h, i);
        float tw = want.tail().getFloat(b, h, i);
        // fp32 logits vs the fp64 oracle may move a row sitting exactly on its budget by one key
        assertTrue(Math.abs(kg - kw) <= 1, where + ": kept " + kg + " vs reference " + kw);
        if (!c.spec.isFixedK()) {
            assertTrue(tg <= c.spec.epsilon() * (1 + 1e-5) + 1e-7, where + ": tau " + tg + " over budget");
        }
        if (kg == kw) {
            assertEquals(tw, tg, 2e-5 + 1e-3 * Math.abs(tw), where + ": tau");
            float ew = want.exactError().getFloat(b, h, i);
            float eg = got.exactError().getFloat(b, h, i);
            assertEquals(ew, eg, 2e-4 + 1e-3 * ew, where + ": exact error");
            for (long x = 0; x < c.dv; x++) {
                assertEquals(want.out().getFloat(b, h, i, x), got.out().getFloat(b, h, i, x), 2e-4,
                        where + ": out[" + x + "]");
            }
            if (!c.pattern.equals("equal") && !c.pattern.equals("ties") && c.spread < 100) {
                for (long s = 0; s < kg; s++) {
                    assertEquals(want.indices().getInt(b, h, i, s), got.indices().getInt(b, h, i, s),
                            where + ": index " + s);
                }
            }
        }
        float cert = got.certificate().getFloat(b, h, i);
        float err = got.exactError().getFloat(b, h, i);
        assertTrue(cert >= err * (1 - 1e-4) - 1e-6, where + ": certificate " + cert + " below the exact error " + err);
        for (long s = kg; s < c.nk; s++) {
            assertEquals(-1, got.indices().getInt(b, h, i, s), where + ": padding at " + s);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void keptCountIsMinimalForTheBudget(Backend backend) {
        // one row, checked against the theory helpers on the reference's own double logits
        Case c = new Case("minimal", 1, 1, 1, 1, 777, 16, 4, TopKSpec.tvBudget(0.07), 2, "gauss");
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 99);
            TopKOutputs got = outputs(arena, c, c.nk);
            backend.topk().attention(qkv[0], qkv[1], qkv[2], got, c.spec);
            double[] s = new double[c.nk];
            for (int j = 0; j < c.nk; j++) {
                double dot = 0;
                for (int x = 0; x < c.d; x++) {
                    dot += (double) qkv[0].getFloat(0, 0, 0, x) * qkv[1].getFloat(0, 0, j, x);
                }
                s[j] = dot / Math.sqrt(c.d);
            }
            int k = got.keptCount().getInt(0, 0, 0);
            double tauK = TopKTheory.tailMass(s, TopKTheory.topK(s, k));
            double tauPrev = TopKTheory.tailMass(s, TopKTheory.topK(s, k - 1));
            assertTrue(tauK <= 0.07 + 1e-6, "k=" + k + " meets the budget: " + tauK);
            assertTrue(tauPrev > 0.07 - 1e-6, "k-1=" + (k - 1) + " must violate it: " + tauPrev);
        }
    }

    /**
     * An infinite value row that most rows discard must not reach their outputs (a tile product would multiply it
     * by their zero weights): every unit size (1, 8 and 64 rows), with and without cached value norms.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void anInfiniteDiscardedValueRowLeavesOtherRowsFinite(Backend backend) {
        List<Case> shapes = List.of(
                new Case("inf v, 1 row", 1, 2, 2, 1, 300, 32, 32, TopKSpec.tvBudget(0.1), 2, "gauss"),
                new Case("inf v, 8 rows", 1, 16, 2, 1, 300, 32, 32, TopKSpec.tvBudget(0.1), 2, "gauss"),
                new Case("inf v, 64 rows", 1, 8, 1, 8, 300, 32, 32, TopKSpec.tvBudget(0.1), 2, "gauss"));
        for (Case c : shapes) {
            for (boolean cached : new boolean[] {false, true}) {
                try (Arena arena = Arena.ofShared()) {
                    Tensor[] qkv = inputs(arena, c, 7);
                    qkv[2].segment().setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, 10L * c.dv + 1,
                            Float.POSITIVE_INFINITY);
                    long[] rows = {c.b, c.hq, c.nq};
                    TopKOutputs got = TopKOutputs.of(Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.dv))
                            .withKeptCount(Tensor.allocate(arena, DType.I32, rows))
                            .withTail(Tensor.allocate(arena, DType.F32, rows))
                            .withCertificate(Tensor.allocate(arena, DType.F32, rows));
                    TopKOutputs want = outputs(arena, c, c.nk);
                    Tensor norms = null;
                    if (cached) {
                        norms = Tensor.allocate(arena, DType.F32, c.b, c.hkv, c.nk);
                        ValueNorms.compute(qkv[2], norms);
                    }
                    backend.topk().attention(qkv[0], qkv[1], qkv[2], norms, got, c.spec);
                    Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], want, c.spec);
                    for (long h = 0; h < c.hq; h++) {
                        for (long i = 0; i < c.nq; i++) {
                            String at = backend.name() + " " + c.label + (cached ? " (cached norms)" : "") + " row ("
                                    + h + "," + i + ")";
                            float cw = want.certificate().getFloat(0, h, i);
                            float cg = got.certificate().getFloat(0, h, i);
                            assertEquals(Float.isNaN(cw), Float.isNaN(cg), at + ": certificate " + cg + " vs " + cw);
                            for (long x = 0; x < c.dv; x++) {
                                float ow = want.out().getFloat(0, h, i, x);
                                float og = got.out().getFloat(0, h, i, x);
                                assertEquals(Float.isNaN(ow), Float.isNaN(og), at + ": out[" + x + "] " + og + " vs " + ow);
                                if (Float.isFinite(ow) && want.keptCount().getInt(0, h, i)
                                        == got.keptCount().getInt(0, h, i)) {
                                    assertEquals(ow, og, 2e-4, at + ": out[" + x + "]");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nanRowsGetNoCertificate(Backend backend) {
        Case c = new Case("nan", 1, 1, 1, 2, 10, 4, 4, TopKSpec.tvBudget(0.1), 1, "gauss");
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 5);
            qkv[0].setFloat(Float.NaN, 0, 0, 0, 1);
            TopKOutputs got = outputs(arena, c, c.nk);
            backend.topk().attention(qkv[0], qkv[1], qkv[2], got, c.spec);
            assertTrue(Float.isNaN(got.tail().getFloat(0, 0, 0)));
            assertTrue(Float.isNaN(got.certificate().getFloat(0, 0, 0)));
            assertTrue(Float.isFinite(got.certificate().getFloat(0, 0, 1)), "the other row is unaffected");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badInputIsRejectedWithClearMessages(Backend backend) {
        Case c = new Case("bad", 1, 2, 1, 3, 10, 4, 4, TopKSpec.fixedK(4), 1, "gauss");
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 5);
            TopKOutputs small = outputs(arena, c, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.topk().attention(qkv[0], qkv[1], qkv[2], small, c.spec));
            assertTrue(e.getMessage().contains("indices: buffer too small"), e.getMessage());
            TopKOutputs ok = outputs(arena, c, 10);
            Tensor wrongNorms = Tensor.allocate(arena, DType.F32, 1, 1, 9);
            e = assertThrows(IllegalArgumentException.class,
                    () -> backend.topk().attention(qkv[0], qkv[1], qkv[2], wrongNorms, ok, c.spec));
            assertTrue(e.getMessage().contains("valueNorms: expected shape [1, 1, 10]"), e.getMessage());
            TopKOutputs badTail = ok.withTail(Tensor.allocate(arena, DType.I32, 1, 2, 3));
            e = assertThrows(IllegalArgumentException.class,
                    () -> backend.topk().attention(qkv[0], qkv[1], qkv[2], badTail, c.spec));
            assertTrue(e.getMessage().contains("tail: expected dtype F32, got I32"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopKSpec.tvBudget(1.0)).getMessage()
                .contains("epsilon: expected a TV budget in (0, 1), got 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopKSpec.tvBudget(Double.NaN)).getMessage()
                .contains("got neither"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopKSpec.fixedK(0)).getMessage()
                .contains("k: expected >= 1, got 0"));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void cachedValueNormsGiveTheSameCertificate(Backend backend) {
        Case c = new Case("norms", 1, 4, 2, 2, 300, 16, 8, TopKSpec.tvBudget(0.05), 2, "gauss");
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 11);
            Tensor norms = Tensor.allocate(arena, DType.F32, 1, 2, 300);
            ValueNorms.compute(qkv[2], norms);
            TopKOutputs a = outputs(arena, c, c.nk);
            TopKOutputs b = outputs(arena, c, c.nk);
            backend.topk().attention(qkv[0], qkv[1], qkv[2], norms, a, c.spec);
            backend.topk().attention(qkv[0], qkv[1], qkv[2], null, b, c.spec);
            for (long h = 0; h < 4; h++) {
                for (long i = 0; i < 2; i++) {
                    assertEquals(b.certificate().getFloat(0, h, i), a.certificate().getFloat(0, h, i), 1e-6);
                }
            }
        }
    }
}
