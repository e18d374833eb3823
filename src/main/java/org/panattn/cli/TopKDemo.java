package org.panattn.cli;

import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKPlanner;
import org.panattn.topk.TopKSpec;
import org.panattn.topk.ValueNorms;

/** Certified top-k: kept fraction vs the Gaussian rule, certificate vs exact error, speed vs dense decode. */
final class TopKDemo implements DemoSection {
    private static final int HEADS = 8;
    private static final int DIM = 128;

    @Override
    public String title() {
        return "certified top-k attention (TV budget) vs the Gaussian rule and dense decode";
    }

    @Override
    public void run(Backend backend, PrintWriter out) {
        Backend host = backend.device().isCpu() ? backend : Backend.cpu();
        int nk = 4096;
        out.println("   decode rows (H8, Nk 4096, D128) with scaled logits ~ N(0, sigma^2):");
        out.println("     sigma   eps    k/n measured  k/n rule   reduction  max tau   certificate/exact error");
        for (double sigma : new double[] {1, 2, 3}) {
            for (double eps : new double[] {0.01, 0.1}) {
                try (Arena arena = Arena.ofShared()) {
                    Tensor[] qkv = inputs(arena, 1, HEADS, HEADS, nk, sigma, 17);
                    TopKOutputs o = outputs(arena, HEADS, 1, true);
                    host.topk().attention(qkv[0], qkv[1], qkv[2], o, TopKSpec.tvBudget(eps));
                    double fraction = 0;
                    double maxTau = 0;
                    double ratio = 0;
                    for (int h = 0; h < HEADS; h++) {
                        fraction += o.keptCount().getInt(0, h, 0) / (double) nk;
                        maxTau = Math.max(maxTau, o.tail().getFloat(0, h, 0));
                        ratio += o.certificate().getFloat(0, h, 0) / Math.max(1e-30, o.exactError().getFloat(0, h, 0));
                    }
                    fraction /= HEADS;
                    out.printf("     %5.1f  %5.2f   %10.4f  %9.4f   %7.2fx   %8.4f   %8.2fx%n", sigma, eps, fraction,
                            TopKPlanner.keepFraction(sigma, eps), 1 / fraction, maxTau, ratio / HEADS);
                }
            }
        }
        speed(host, out);
    }

    private static void speed(Backend backend, PrintWriter out) {
        int nk = 16384;
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, 1, 32, 32, nk, 2.0, 3);
            Tensor norms = Tensor.allocate(arena, DType.F32, 1, 32, nk);
            ValueNorms.compute(qkv[2], norms);
            Tensor dense = Tensor.allocate(arena, DType.F32, 1, 32, 1, DIM);
            TopKOutputs o = outputs(arena, 32, 1, false);
            double denseBest = Double.MAX_VALUE;
            double topkBest = Double.MAX_VALUE;
            TopKSpec spec = TopKSpec.tvBudget(0.1);
            for (int r = 0; r < 12; r++) {
                long t0 = System.nanoTime();
                backend.dense().attention(qkv[0], qkv[1], qkv[2], dense, null, DenseSpec.defaults());
                long t1 = System.nanoTime();
                backend.topk().attention(qkv[0], qkv[1], qkv[2], norms, o, spec);
                long t2 = System.nanoTime();
                denseBest = Math.min(denseBest, (t1 - t0) / 1e6);
                topkBest = Math.min(topkBest, (t2 - t1) / 1e6);
            }
            double kept = 0;
            for (int h = 0; h < 32; h++) {
                kept += o.keptCount().getInt(0, h, 0);
            }
            out.printf("   speed, decode MHA H32 Nk %d D128, sigma 2, eps 0.1 (keeps %.1f%% of keys, cached value norms):%n",
                    nk, 100 * kept / (32.0 * nk));
            out.printf("     %-6s dense %.2f ms, certified top-k %.2f ms: %.2fx%n", backend.name(), denseBest, topkBest,
                    denseBest / topkBest);
        }
    }

    /** q with per-entry std sigma, k and v standard normal: scaled logits q.k/sqrt(D) ~ N(0, sigma^2). */
    static Tensor[] inputs(Arena arena, int nq, int hq, int hkv, int nk, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor q = Tensor.allocate(arena, DType.F32, 1, hq, nq, DIM);
        Tensor k = Tensor.allocate(arena, DType.F32, 1, hkv, nk, DIM);
        Tensor v = Tensor.allocate(arena, DType.F32, 1, hkv, nk, DIM);
        fill(q, r, sigma);
        fill(k, r, 1);
        fill(v, r, 1);
        return new Tensor[] {q, k, v};
    }

    private static void fill(Tensor t, SplittableRandom r, double std) {
        float[] chunk = new float[4096];
        long n = t.numel();
        for (long i = 0; i < n; i += chunk.length) {
            int len = (int) Math.min(chunk.length, n - i);
            for (int j = 0; j < len; j++) {
                chunk[j] = (float) (r.nextGaussian() * std);
            }
            java.lang.foreign.MemorySegment.copy(chunk, 0, t.segment(), java.lang.foreign.ValueLayout.JAVA_FLOAT,
                    i * 4, len);
        }
    }

    private static TopKOutputs outputs(Arena arena, int heads, int nq, boolean exactError) {
        long[] rows = {1, heads, nq};
        TopKOutputs o = TopKOutputs.of(Tensor.allocate(arena, DType.F32, 1, heads, nq, DIM))
                .withKeptCount(Tensor.allocate(arena, DType.I32, rows))
                .withTail(Tensor.allocate(arena, DType.F32, rows))
                .withCertificate(Tensor.allocate(arena, DType.F32, rows));
        return exactError ? o.withExactError(Tensor.allocate(arena, DType.F32, rows)) : o;
    }
}
