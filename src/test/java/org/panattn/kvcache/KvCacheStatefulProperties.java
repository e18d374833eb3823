package org.panattn.kvcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.ref.ReferenceKvCache;

/**
 * KvCache (on the Vector API backend) against a plain model: per (batch, head) a list of token ids with their
 * scores, under random append / observe / evict / bad-evict sequences. A token's K and V rows are a function of its
 * id, so the cache's rows can be checked exactly after every step.
 */
class KvCacheStatefulProperties {
    static final int BATCH = 2;
    static final int HEADS = 2;
    static final int HEADS_Q = 4;
    static final int DIM = 5;
    static final int DIM_V = 3;
    static final int CAPACITY = 40;

    /** The cache, and the model it must match. */
    static final class Harness {
        final Arena arena = Arena.ofShared();
        final KvCache cache = KvCache.allocate(Backend.cpu(), arena, DType.F32, BATCH, HEADS, CAPACITY, DIM, DIM_V);
        final List<List<Long>> tokens = new ArrayList<>();
        final List<List<Float>> scores = new ArrayList<>();
        long next;

        Harness() {
            for (int i = 0; i < BATCH * HEADS; i++) {
                tokens.add(new ArrayList<>());
                scores.add(new ArrayList<>());
            }
        }

        void check() {
            try {
                int length = tokens.get(0).size();
                assertEquals(length, cache.length(), "length");
                Tensor k = cache.keys();
                Tensor v = cache.values();
                Tensor s = cache.scores();
                for (int b = 0; b < BATCH; b++) {
                    for (int h = 0; h < HEADS; h++) {
                        List<Long> ids = tokens.get(b * HEADS + h);
                        for (int slot = 0; slot < length; slot++) {
                            long id = ids.get(slot);
                            assertEquals(id, cache.position(b, h, slot), "position of slot " + slot);
                            for (int c = 0; c < DIM; c++) {
                                assertEquals(row(id, b, h, c, 0), k.getFloat(b, h, slot, c), "k of token " + id);
                            }
                            for (int c = 0; c < DIM_V; c++) {
                                assertEquals(row(id, b, h, c, 1), v.getFloat(b, h, slot, c), "v of token " + id);
                            }
                            assertEquals(scores.get(b * HEADS + h).get(slot), s.getFloat(b, h, slot), "score");
                        }
                    }
                }
            } catch (AssertionError e) {
                arena.close();
                throw e;
            }
        }
    }

    static float row(long id, int b, int h, int c, int which) {
        long x = id * 0x9E3779B97F4A7C15L + b * 31L + h * 131L + c * 1009L + which * 7919L;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 32;
        return ((x & 0xffff) - 32768) / 16384f;
    }

    @Property(tries = 40)
    void cacheFollowsTheListModel(@ForAll("chains") ActionChain<Harness> chain) {
        Harness h = chain.withInvariant(Harness::check).run();
        h.arena.close();
    }

    @Provide
    Arbitrary<ActionChain<Harness>> chains() {
        return ActionChain.startWith(Harness::new)
                .withAction(3, new Append())
                .withAction(3, new Observe())
                .withAction(2, new Evict())
                .withAction(1, new BadEvict())
                .withMaxTransformations(25);
    }

    static final class Append implements Action.Dependent<Harness> {
        @Override
        public Arbitrary<Transformer<Harness>> transformer(Harness state) {
            return Arbitraries.integers().between(1, 8).map(n -> Transformer.mutate("append " + n, h -> {
                int length = h.tokens.get(0).size();
                try (Arena a = Arena.ofConfined()) {
                    Tensor k = Tensor.allocate(a, DType.F32, BATCH, HEADS, n, DIM);
                    Tensor v = Tensor.allocate(a, DType.F32, BATCH, HEADS, n, DIM_V);
                    for (int b = 0; b < BATCH; b++) {
                        for (int hh = 0; hh < HEADS; hh++) {
                            for (int t = 0; t < n; t++) {
                                for (int c = 0; c < DIM; c++) {
                                    k.setFloat(row(h.next + t, b, hh, c, 0), b, hh, t, c);
                                }
                                for (int c = 0; c < DIM_V; c++) {
                                    v.setFloat(row(h.next + t, b, hh, c, 1), b, hh, t, c);
                                }
                            }
                        }
                    }
                    if (length + n > CAPACITY) {
                        assertThrows(IllegalArgumentException.class, () -> h.cache.append(k, v));
                        return;
                    }
                    h.cache.append(k, v);
                }
                for (int i = 0; i < BATCH * HEADS; i++) {
                    for (int t = 0; t < n; t++) {
                        h.tokens.get(i).add(h.next + t);
                        h.scores.get(i).add(0f);
                    }
                }
                h.next += n;
            }));
        }
    }

    static final class Observe implements Action.Dependent<Harness> {
        @Override
        public boolean precondition(Harness state) {
            return !state.tokens.get(0).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Harness>> transformer(Harness state) {
            Arbitrary<EvictionPolicy> policy = Arbitraries.of(EvictionPolicy.class);
            Arbitrary<SaliencyScore> score = Arbitraries.of(SaliencyScore.class);
            Arbitrary<Integer> queries = Arbitraries.integers().between(1, 4);
            Arbitrary<Long> seed = Arbitraries.longs();
            return Combinators.combine(policy, score, queries, seed).as((p, s, nq, sd) ->
                    Transformer.mutate("observe " + p + " " + s + " nq " + nq, h -> observe(h, p, s, nq, sd)));
        }

        private static void observe(Harness h, EvictionPolicy policy, SaliencyScore score, int nq, long seed) {
            try (Arena a = Arena.ofConfined()) {
                SplittableRandom r = new SplittableRandom(seed);
                Tensor q = Tensor.allocate(a, DType.F32, BATCH, HEADS_Q, nq, DIM);
                for (long i = 0; i < q.numel(); i++) {
                    q.writeFloat(i, (float) r.nextGaussian());
                }
                ScoreSpec spec = ScoreSpec.of(score, nq).withCausal(true);
                Tensor before = Tensor.allocate(a, DType.F32, h.cache.scores().shape());
                h.cache.scores().copyTo(before);
                h.cache.observe(q, spec, policy);
                // the model's expectation: the reference score, added (H2O) or replacing
                Tensor want = Tensor.allocate(a, DType.F32, h.cache.scores().shape());
                before.copyTo(want);
                Backend.reference().kvcache().scores(q, h.cache.keys(), h.cache.values(), want,
                        policy.scoreSpec(spec), policy.accumulates());
                Tensor got = h.cache.scores();
                float[] w = want.toFloatArray();
                float[] g = got.toFloatArray();
                double scale = 1e-6;
                for (float x : w) {
                    scale = Math.max(scale, Math.abs(x));
                }
                for (int i = 0; i < w.length; i++) {
                    // the fast kernels expand ||v - o||^2 = ||v||^2 + ||o||^2 - 2 v.o: an absolute error of
                    // fp32 epsilon times those O(1) norms where the exact term cancels to 0
                    assertTrue(Math.abs(w[i] - g[i]) <= 2e-4 * scale + 1e-5, "score " + i + ": expected " + w[i] + ", got "
                            + g[i]);
                }
                // from here the model tracks the cache's own fp32 scores, so selections compare exactly
                int length = h.tokens.get(0).size();
                for (int b = 0; b < BATCH; b++) {
                    for (int hh = 0; hh < HEADS; hh++) {
                        for (int t = 0; t < length; t++) {
                            h.scores.get(b * HEADS + hh).set(t, got.getFloat(b, hh, t));
                        }
                    }
                }
            }
        }
    }

    static final class Evict implements Action.Dependent<Harness> {
        @Override
        public boolean precondition(Harness state) {
            return !state.tokens.get(0).isEmpty();
        }

        @Override
        public Arbitrary<Transformer<Harness>> transformer(Harness state) {
            int length = state.tokens.get(0).size();
            Arbitrary<Integer> budget = Arbitraries.integers().between(0, length);
            return budget.flatMap(bud -> Combinators.combine(Arbitraries.integers().between(0, bud),
                    Arbitraries.integers().between(0, bud), Arbitraries.of(EvictionPolicy.class)).as((rec, snk, p) -> {
                        int recent = p == EvictionPolicy.TOVA ? 0 : Math.min(rec, bud);
                        int sink = Math.min(snk, bud - recent);
                        EvictionSpec spec = new EvictionSpec(bud, recent, sink);
                        return Transformer.mutate("evict " + p + " " + spec, h -> evict(h, spec, p));
                    }));
        }

        private static void evict(Harness h, EvictionSpec spec, EvictionPolicy policy) {
            h.cache.evict(spec, policy);
            for (int i = 0; i < BATCH * HEADS; i++) {
                List<Float> s = h.scores.get(i);
                float[] row = new float[s.size()];
                for (int t = 0; t < row.length; t++) {
                    row[t] = s.get(t);
                }
                int[] kept = ReferenceKvCache.keptPositions(row, spec);
                List<Long> ids = new ArrayList<>();
                List<Float> sc = new ArrayList<>();
                for (int t : kept) {
                    ids.add(h.tokens.get(i).get(t));
                    sc.add(s.get(t));
                }
                h.tokens.set(i, ids);
                h.scores.set(i, sc);
            }
        }
    }

    /** Budgets above the length, below sink + recent, or TOVA with a recent window: refused, nothing changes. */
    static final class BadEvict implements Action.Dependent<Harness> {
        @Override
        public Arbitrary<Transformer<Harness>> transformer(Harness state) {
            int length = state.tokens.get(0).size();
            return Arbitraries.integers().between(0, 2).map(kind -> Transformer.mutate("bad evict " + kind, h -> {
                Runnable call = switch (kind) {
                    case 0 -> () -> h.cache.evict(EvictionSpec.of(length + 1, 0), EvictionPolicy.H2O);
                    case 1 -> () -> h.cache.evict(new EvictionSpec(length + 1, length, 1), EvictionPolicy.SNAPKV);
                    default -> () -> h.cache.evict(EvictionSpec.of(length + 1, length + 1), EvictionPolicy.TOVA);
                };
                assertThrows(IllegalArgumentException.class, call::run);
            }));
        }
    }
}
