package org.panattn.cli;

import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.util.Locale;
import java.util.SplittableRandom;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;
import org.panattn.kvcache.EvictionPolicy;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.SaliencyScore;
import org.panattn.kvcache.ScoreProblem;
import org.panattn.kvcache.ScoreSpec;

/**
 * OBCache: why output-aware scores evict better than accumulated attention. Besides the attention sinks (kept by
 * the sink rule), the synthetic cache has "loud" tokens that draw much attention but carry values near the output,
 * and a few "heavy" tokens with less attention but large values: accumulated attention keeps the loud ones, the
 * OBCache scores the ones the output depends on. Every policy keeps the 4 sinks and min(16, budget/4) recent
 * tokens (TOVA none).
 */
final class ObCacheDemo implements DemoSection {
    static final int HEADS_Q = 4;
    static final int HEADS_KV = 2;
    static final int LENGTH = 1024;
    static final int DIM = 64;
    static final int WINDOW = 16;
    static final int HELD_OUT = 16;
    static final int SINKS = 4;
    static final int SPAN = 4;
    static final long[] SEEDS = {11, 12, 13};
    static final double[] BUDGETS = {0.05, 0.10, 0.20};

    @Override
    public String title() {
        return "OBCache: attention-output error after KV-cache eviction, OBCache scores vs accumulated attention";
    }

    @Override
    public void run(Backend backend, PrintWriter out) {
        EvictionPolicy[] policies = EvictionPolicy.values();
        SaliencyScore[] scores = {SaliencyScore.ACCUMULATED, SaliencyScore.VALUE, SaliencyScore.KEY,
            SaliencyScore.JOINT};
        double[][][] errors = new double[policies.length][scores.length][BUDGETS.length];
        for (long seed : SEEDS) {
            try (Arena arena = Arena.ofShared()) {
                Tensor[] cache = syntheticCache(arena, seed);
                // the prompt's last WINDOW queries score the cache; the next HELD_OUT queries judge the eviction
                Tensor window = cache[0].slice(2, 0, WINDOW);
                Tensor future = cache[0].slice(2, WINDOW, WINDOW + HELD_OUT);
                Tensor fullOut = attend(backend, arena, future, cache[1], cache[2], LENGTH);
                for (int p = 0; p < policies.length; p++) {
                    for (int s = 0; s < scores.length; s++) {
                        for (int b = 0; b < BUDGETS.length; b++) {
                            long budget = Math.round(BUDGETS[b] * LENGTH);
                            errors[p][s][b] += evictionError(backend, window, future, cache[1], cache[2], fullOut,
                                    policies[p], scores[s], budget) / SEEDS.length;
                        }
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "   %d synthetic caches: Hq %d, Hkv %d (GQA mean), L %d, D %d, %d sinks kept; window %d"
                + " queries; error = ||O - O_evicted|| / ||O|| on the %d next queries (mean over caches)%n",
                SEEDS.length, HEADS_Q, HEADS_KV, LENGTH, DIM, SINKS, WINDOW, HELD_OUT);
        out.printf(Locale.ROOT, "   %-8s %-12s", "policy", "score");
        for (double b : BUDGETS) {
            out.printf(Locale.ROOT, "   keep %3.0f%%", b * 100);
        }
        out.println();
        double obcacheSum = 0;
        double accumulatedSum = 0;
        int wins = 0;
        int comparisons = 0;
        for (int p = 0; p < policies.length; p++) {
            for (int s = 0; s < scores.length; s++) {
                out.printf(Locale.ROOT, "   %-8s %-12s", policies[p].cliName(), scores[s].cliName());
                for (int b = 0; b < BUDGETS.length; b++) {
                    out.printf(Locale.ROOT, "   %9.4f", errors[p][s][b]);
                    if (s == 0) {
                        accumulatedSum += errors[p][s][b];
                    } else {
                        obcacheSum += errors[p][s][b];
                        comparisons++;
                        wins += errors[p][s][b] < errors[p][0][b] ? 1 : 0;
                    }
                }
                out.println();
            }
        }
        double obcacheMean = obcacheSum / comparisons;
        double accumulatedMean = accumulatedSum / (policies.length * BUDGETS.length);
        out.printf(Locale.ROOT, "   mean error: OBCache scores %.4f vs accumulated attention %.4f (%.2fx lower); "
                + "OBCache lower in %d of %d (policy, score, budget) cells: %s%n", obcacheMean, accumulatedMean,
                accumulatedMean / obcacheMean, wins, comparisons,
                obcacheMean < accumulatedMean ? "output-aware scores evict better" : "NOT lower on these caches");
    }

    /** Scores, evicts copies of K and V, and returns the relative output error of the held-out queries. */
    private static double evictionError(Backend backend, Tensor window, Tensor future, Tensor k,
                                        Tensor v, Tensor fullOut, EvictionPolicy policy, SaliencyScore score,
                                        long budget) {
        try (Arena run = Arena.ofShared()) {
            Tensor kd = backend.allocate(run, DType.F32, k.shape());
            Tensor vd = backend.allocate(run, DType.F32, v.shape());
            k.copyTo(kd);
            v.copyTo(vd);
            Tensor qd = BackendOptions.onDevice(backend, run, window);
            ScoreSpec spec = policy.scoreSpec(ScoreSpec.of(score, WINDOW).withCausal(true));
            ScoreProblem.of(window, k, v, Tensor.allocate(run, DType.F32, 1, HEADS_KV, LENGTH), spec);
            Tensor scores = backend.allocate(run, DType.F32, 1, HEADS_KV, LENGTH);
            backend.kvcache().scores(qd, kd, vd, scores, spec);
            long recent = policy == EvictionPolicy.TOVA ? 0 : Math.min(WINDOW, budget / 4);
            Tensor kept = backend.allocate(run, DType.I32, 1, HEADS_KV, budget);
            backend.kvcache().evict(kd, vd, scores, kept, new EvictionSpec(budget, recent, SINKS));
            Tensor evictedOut = attend(backend, run, future, kd, vd, budget);
            float[] full = fullOut.toFloatArray();
            float[] got = evictedOut.toFloatArray();
            double err = 0;
            double norm = 0;
            for (int i = 0; i < full.length; i++) {
                double d = full[i] - got[i];
                err += d * d;
                norm += (double) full[i] * full[i];
            }
            return Math.sqrt(err / norm);
        }
    }

    /** Dense attention of {@code q} over the first {@code length} cached tokens (all visible), on the host. */
    private static Tensor attend(Backend backend, Arena arena, Tensor q, Tensor k, Tensor v, long length) {
        Tensor out = backend.allocate(arena, DType.F32, q.dim(0), q.dim(1), q.dim(2), DIM);
        Tensor qd = BackendOptions.onDevice(backend, arena, q);
        Tensor kd = BackendOptions.onDevice(backend, arena, k);
        Tensor vd = BackendOptions.onDevice(backend, arena, v);
        backend.dense().attention(qd, kd.slice(2, 0, length), vd.slice(2, 0, length), out, DenseSpec.defaults());
        return BackendOptions.onHost(arena, out);
    }

    /**
     * {q [1,Hq,WINDOW+HELD_OUT,D], k, v [1,Hkv,L,D]} per KV head, tokens in spans of {@link #SPAN} of one kind:
     * the first {@link #SINKS} tokens are attention sinks (most of the mass, values near 0, kept by the sink rule);
     * 10% "loud" tokens draw much attention but carry values near 0 (the output's neighbourhood); 3% "heavy"
     * tokens draw less but carry large values; the rest are unaligned with small values. Queries lie near the
     * direction u that the keys are aligned with.
     */
    static Tensor[] syntheticCache(Arena arena, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor q = Tensor.allocate(arena, DType.F32, 1, HEADS_Q, WINDOW + HELD_OUT, DIM);
        Tensor k = Tensor.allocate(arena, DType.F32, 1, HEADS_KV, LENGTH, DIM);
        Tensor v = Tensor.allocate(arena, DType.F32, 1, HEADS_KV, LENGTH, DIM);
        double[] u = new double[DIM];
        for (int h = 0; h < HEADS_KV; h++) {
            double norm = 0;
            for (int c = 0; c < DIM; c++) {
                u[c] = r.nextGaussian();
                norm += u[c] * u[c];
            }
            for (int c = 0; c < DIM; c++) {
                u[c] /= Math.sqrt(norm);
            }
            for (int g = 0; g < HEADS_Q / HEADS_KV; g++) {
                for (int i = 0; i < WINDOW + HELD_OUT; i++) {
                    for (int c = 0; c < DIM; c++) {
                        q.setFloat((float) (3.0 * u[c] + 0.3 * r.nextGaussian()), 0, h * (HEADS_Q / HEADS_KV) + g,
                                i, c);
                    }
                }
            }
            double along = 0;
            double spread = 0;
            for (int j = 0; j < LENGTH; j++) {
                if (j < SINKS) {
                    along = 24.0; // scaled logit about 9
                    spread = 0.05;
                } else if ((j - SINKS) % SPAN == 0) {
                    double draw = r.nextDouble();
                    boolean loud = draw < 0.10;
                    boolean heavy = !loud && draw < 0.13;
                    along = loud ? 14.0 : heavy ? 10.0 : 0.0; // scaled logits about 5.3, 3.8, 0
                    spread = loud ? 0.1 : heavy ? 2.0 : 0.5;
                }
                for (int c = 0; c < DIM; c++) {
                    k.setFloat((float) (along * u[c] + 0.5 * r.nextGaussian()), 0, h, j, c);
                    v.setFloat((float) (spread * r.nextGaussian()), 0, h, j, c);
                }
            }
        }
        return new Tensor[] {q, k, v};
    }
}
