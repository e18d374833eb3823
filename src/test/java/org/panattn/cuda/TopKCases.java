package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKSpec;

/**
 * Top-k problems for the CUDA kernel's tests (on a GPU and in the host emulation): the cases of
 * {@code org.panattn.topk.TopKConformanceTest}, inputs built the same way, and the same row-by-row comparison with
 * the reference, extended with storage dtypes, the flash layout of q and the value-norm cache.
 */
final class TopKCases {
    private TopKCases() {
    }

    /**
     * One problem. {@code flash}: q is a [B,Nq,Hq,D] buffer viewed as [B,Hq,Nq,D]; {@code norms}: the call gets a
     * value-norm cache; {@code nanQuery}: that query's q row of head 0 holds a NaN (-1: none).
     */
    record Case(String label, int b, int hq, int hkv, int nq, int nk, int d, int dv, TopKSpec spec, double spread,
                String pattern, DType qType, DType kvType, boolean flash, boolean norms, int nanQuery) {

        Case(String label, int b, int hq, int hkv, int nq, int nk, int d, int dv, TopKSpec spec, double spread,
             String pattern) {
            this(label, b, hq, hkv, nq, nk, d, dv, spec, spread, pattern, DType.F32, DType.F32, false, false, -1);
        }

        Case withTypes(DType q, DType kv) {
            return new Case(label, b, hq, hkv, nq, nk, d, dv, spec, spread, pattern, q, kv, flash, norms, nanQuery);
        }

        Case withFlashLayout() {
            return new Case(label, b, hq, hkv, nq, nk, d, dv, spec, spread, pattern, qType, kvType, true, norms,
                    nanQuery);
        }

        Case withNorms() {
            return new Case(label, b, hq, hkv, nq, nk, d, dv, spec, spread, pattern, qType, kvType, flash, true,
                    nanQuery);
        }

        Case withNanQuery(int i) {
            return new Case(label, b, hq, hkv, nq, nk, d, dv, spec, spread, pattern, qType, kvType, flash, norms, i);
        }

        @Override
        public String toString() {
            return label + " [B" + b + " Hq" + hq + " Hkv" + hkv + " Nq" + nq + " Nk" + nk + " D" + d + " Dv" + dv
                    + " " + (spec.isFixedK() ? "k=" + spec.kFixed() : "eps=" + spec.epsilon())
                    + (spec.causal() ? " causal" : "") + " " + spec.certify() + " " + qType + "/" + kvType
                    + (flash ? " flash" : "") + (norms ? " norms" : "") + "]";
        }
    }

    /** The cases of TopKConformanceTest, in both certification modes. */
    static List<Case> conformance() {
        List<Case> list = new ArrayList<>();
        for (TopKSpec.Certify c : TopKSpec.Certify.values()) {
            list.add(new Case("decode GQA 8:1", 1, 8, 1, 1, 1000, 64, 64, TopKSpec.tvBudget(0.05).withCertify(c), 2,
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
            list.add(new Case("huge logit range", 1, 1, 1, 2, 300, 4, 8, TopKSpec.tvBudget(0.01).withCertify(c),
                    1e4, "gauss"));
            list.add(new Case("n = 1", 1, 1, 1, 1, 1, 8, 8, TopKSpec.tvBudget(0.5).withCertify(c), 1, "gauss"));
            list.add(new Case("eps near 0", 1, 2, 1, 2, 500, 32, 16, TopKSpec.tvBudget(1e-9).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("eps near 1", 1, 2, 1, 2, 500, 32, 16, TopKSpec.tvBudget(0.999).withCertify(c), 2,
                    "gauss"));
            list.add(new Case("D=80 long row", 1, 4, 4, 2, 3000, 80, 80, TopKSpec.tvBudget(0.02).withCertify(c), 2.5,
                    "gauss"));
        }
        return list;
    }

    /** q, k, v (host tensors; q possibly a strided view) with scaled logits spread by about {@code spread}. */
    static Tensor[] inputs(Arena arena, Case c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor q = c.flash ? Tensor.allocate(arena, c.qType, c.b, c.nq, c.hq, c.d).transpose(1, 2)
                : Tensor.allocate(arena, c.qType, c.b, c.hq, c.nq, c.d);
        Tensor k = Tensor.allocate(arena, c.kvType, c.b, c.hkv, c.nk, c.d);
        Tensor v = Tensor.allocate(arena, c.kvType, c.b, c.hkv, c.nk, c.dv);
        double qs = Math.sqrt(c.spread) * Math.pow(c.d, 0.25);
        for (long b = 0; b < c.b; b++) {
            for (long h = 0; h < c.hq; h++) {
                for (long i = 0; i < c.nq; i++) {
                    for (long x = 0; x < c.d; x++) {
                        float value = c.pattern.equals("ties") ? (x == 0 ? 2f : 0f)
                                : (float) (r.nextGaussian() * qs / Math.sqrt(c.d));
                        q.setFloat(value, b, h, i, x);
                    }
                }
            }
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
        for (long i = 0; i < v.numel(); i++) {
            v.writeFloat(i, (float) r.nextGaussian());
        }
        if (c.nanQuery >= 0) {
            q.setFloat(Float.NaN, 0, 0, c.nanQuery, 0);
        }
        return new Tensor[] {q, k, v};
    }

    /** Host outputs of every kind, with an indices buffer of {@code capacity} slots. */
    static TopKOutputs outputs(Arena arena, Case c, long capacity) {
        long[] rows = {c.b, c.hq, c.nq};
        return TopKOutputs.of(Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.dv))
                .withKeptCount(Tensor.allocate(arena, DType.I32, rows))
                .withTail(Tensor.allocate(arena, DType.F32, rows))
                .withCertificate(Tensor.allocate(arena, DType.F32, rows))
                .withExactError(Tensor.allocate(arena, DType.F32, rows))
                .withIndices(Tensor.allocate(arena, DType.I32, c.b, c.hq, c.nq, capacity));
    }

    /** Every row of {@code got} against the reference's {@code want}, as TopKConformanceTest compares them. */
    static void checkAllRows(Case c, TopKOutputs got, TopKOutputs want, String backend) {
        for (long b = 0; b < c.b; b++) {
            for (long h = 0; h < c.hq; h++) {
                for (long i = 0; i < c.nq; i++) {
                    checkRow(c, got, want, b, h, i, backend + " " + c + " row (" + b + "," + h + "," + i + ")");
                }
            }
        }
    }

    private static void checkRow(Case c, TopKOutputs got, TopKOutputs want, long b, long h, long i, String where) {
        int kg = got.keptCount().getInt(b, h, i);
        int kw = want.keptCount().getInt(b, h, i);
        float tg = got.tail().getFloat(b, h, i);
        float tw = want.tail().getFloat(b, h, i);
        if (Float.isNaN(tw)) {
            assertEquals(kw, kg, where + ": a NaN row keeps every key");
            assertTrue(Float.isNaN(tg), where + ": tau of a NaN row is NaN, got " + tg);
            assertTrue(Float.isNaN(got.certificate().getFloat(b, h, i)), where + ": certificate of a NaN row");
            assertTrue(Float.isNaN(got.exactError().getFloat(b, h, i)), where + ": exact error of a NaN row");
            for (long x = 0; x < c.dv; x++) {
                assertTrue(Float.isNaN(got.out().getFloat(b, h, i, x)), where + ": out of a NaN row");
            }
            long capacity = got.indices().dim(3);
            for (long s = 0; s < capacity; s++) {
                assertEquals(want.indices().getInt(b, h, i, s), got.indices().getInt(b, h, i, s), where + ": index " + s);
            }
            return;
        }
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
            float cw = want.certificate().getFloat(b, h, i);
            assertEquals(cw, got.certificate().getFloat(b, h, i), 1e-4 + 2e-3 * Math.abs(cw), where + ": certificate");
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
        int previous = -1;
        for (long s = 0; s < kg; s++) {
            int index = got.indices().getInt(b, h, i, s);
            assertTrue(index > previous && index < c.nk, where + ": indices ascending in [0, Nk), got " + index
                    + " after " + previous + " at slot " + s);
            previous = index;
        }
        for (long s = kg; s < got.indices().dim(3); s++) {
            assertEquals(-1, got.indices().getInt(b, h, i, s), where + ": padding at " + s);
        }
    }
}
