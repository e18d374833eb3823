package org.panattn.cli;

import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;
import org.panattn.hybrid.DropoutSchedule;
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridMode;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridSpec;

/**
 * Hybrid attention: agreement with the reference, time against dense causal attention as T grows, and the
 * component diagnostics on a layer whose linear branch carries signal vs one whose linear branch is bypassed.
 */
final class HybridDemo implements DemoSection {
    private static final int HEADS = 8;
    private static final int DIM = 64;
    private static final int PROJECTED = 64;

    @Override
    public String title() {
        return "hybrid attention (sliding-window softmax + linear branch, LoLCATs form), diagnostics, vs dense";
    }

    @Override
    public void run(Backend backend, PrintWriter out) {
        accuracy(backend, out);
        speed(backend, out);
        diagnostics(backend, out);
        DropoutSchedule ssd = DropoutSchedule.paperDefault(3000);
        out.printf("   scheduled sliding-window dropout p(step), paper schedule over 3000 steps: p(0) %.2f, p(1000) "
                + "%.2f, p(2000) %.2f%n", ssd.probability(0), ssd.probability(1000), ssd.probability(2000));
    }

    private static void accuracy(Backend backend, PrintWriter out) {
        out.println("   accuracy against the double-precision naive reference (max |out - ref|):");
        FeatureMap[] maps = {FeatureMap.HEDGEHOG, FeatureMap.EXP, FeatureMap.ELU1};
        for (FeatureMap map : maps) {
            try (Arena arena = Arena.ofShared()) {
                int n = 333;
                Tensor[] in = inputs(arena, 1, 2, n, 32, 16, 11);
                HybridParams params = map == FeatureMap.HEDGEHOG ? HybridParams.tied(in[3]) : HybridParams.none();
                HybridSpec spec = HybridSpec.of(64, map);
                Tensor got = Tensor.allocate(arena, DType.F32, 1, 2, n, 32);
                Tensor want = Tensor.allocate(arena, DType.F32, 1, 2, n, 32);
                run(backend, arena, in, params, spec, got, null);
                Backend.reference().hybrid().prefill(in[0], in[1], in[2], params, HybridOutputs.of(want), spec);
                out.printf("     %-8s w 64, T %d (chunks with a tail), D 32   %.2e%n", map.cliName(), n,
                        maxAbsDiff(got, want));
            }
        }
    }

    private static void speed(Backend backend, PrintWriter out) {
        out.printf("   time vs T (B 1, H %d, D %d, Hedgehog F %d, w 64; best of 3) against dense causal attention:%n",
                HEADS, DIM, 2 * PROJECTED);
        HybridSpec spec = HybridSpec.of(64, FeatureMap.HEDGEHOG);
        warmUp(backend, spec);
        double previous = Double.NaN;
        for (int n : new int[] {1024, 2048, 4096, 8192}) {
            try (Arena arena = Arena.ofShared()) {
                Tensor[] in = inputs(arena, 1, HEADS, n, DIM, PROJECTED, 5);
                Tensor[] dev = {BackendOptions.onDevice(backend, arena, in[0]),
                    BackendOptions.onDevice(backend, arena, in[1]), BackendOptions.onDevice(backend, arena, in[2]),
                    BackendOptions.onDevice(backend, arena, in[3])};
                Tensor o = backend.allocate(arena, DType.F32, 1, HEADS, n, DIM);
                HybridParams params = HybridParams.tied(dev[3]);
                double hybrid = Double.MAX_VALUE;
                double dense = Double.MAX_VALUE;
                for (int r = 0; r < 3; r++) {
                    long t0 = System.nanoTime();
                    backend.hybrid().prefill(dev[0], dev[1], dev[2], params, HybridOutputs.of(o), spec);
                    hybrid = Math.min(hybrid, (System.nanoTime() - t0) / 1e9);
                    t0 = System.nanoTime();
                    backend.dense().attention(dev[0], dev[1], dev[2], o, DenseSpec.causalDefaults());
                    dense = Math.min(dense, (System.nanoTime() - t0) / 1e9);
                }
                String growth = Double.isNaN(previous) ? "" : String.format("   (x%.2f for 2x T)", hybrid / previous);
                out.printf("     T %5d   hybrid %8.2f ms   dense causal %9.2f ms   dense/hybrid %6.1fx%s%n", n,
                        hybrid * 1e3, dense * 1e3, dense / hybrid, growth);
                previous = hybrid;
            }
        }
    }

    /**
     * Four seconds of calls before timing: the JIT needs that long to compile the kernels, and the first size would
     * otherwise be measured half interpreted.
     */
    private static void warmUp(Backend backend, HybridSpec spec) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = inputs(arena, 1, HEADS, 1024, DIM, PROJECTED, 3);
            Tensor o = Tensor.allocate(arena, DType.F32, 1, HEADS, 1024, DIM);
            long until = System.nanoTime() + 4_000_000_000L;
            do {
                run(backend, arena, in, HybridParams.tied(in[3]), spec, o, null);
            } while (System.nanoTime() < until);
        }
    }

    /**
     * Two layers on the same q, k, v with ReLU features: tied weights (phi(q).phi(k) > 0: the linear branch
     * carries signal), and untied weights that send queries and keys to disjoint features (phi(q).phi(k) = 0: the
     * linear branch is bypassed, the paper's failure mode). The diagnostics tell them apart at a glance.
     */
    private static void diagnostics(Backend backend, PrintWriter out) {
        out.println("   component diagnostics (T 1024, w 64, g 0.1, ReLU features; mean over heads):");
        int n = 1024;
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = inputs(arena, 1, HEADS, n, DIM, PROJECTED, 21);
            Tensor tiedWeights = Tensor.allocate(arena, DType.F32, HEADS, DIM, PROJECTED);
            Tensor queryWeights = Tensor.allocate(arena, DType.F32, HEADS, DIM, PROJECTED);
            Tensor keyWeights = Tensor.allocate(arena, DType.F32, HEADS, DIM, PROJECTED);
            for (int h = 0; h < HEADS; h++) {
                for (int d = 0; d < DIM; d++) {
                    // tied: |x| split by sign into two features each; untied: queries use the first half of the
                    // features only, keys the second half only
                    int pos = d % (PROJECTED / 2);
                    tiedWeights.setFloat(1f, h, d, pos);
                    tiedWeights.setFloat(-1f, h, d, PROJECTED / 2 + pos);
                    queryWeights.setFloat(1f, h, d, pos);
                    keyWeights.setFloat(-1f, h, d, PROJECTED / 2 + pos);
                }
            }
            HybridSpec spec = HybridSpec.of(64, FeatureMap.RELU);
            report(backend, arena, in, HybridParams.tied(tiedWeights), spec, out,
                    "linear branch carries signal (tied weights)");
            report(backend, arena, in, HybridParams.untied(queryWeights, keyWeights), spec, out,
                    "linear branch bypassed (disjoint features)");
        }
    }

    private static void report(Backend backend, Arena arena, Tensor[] in, HybridParams params, HybridSpec spec,
                               PrintWriter out, String label) {
        long n = in[0].dim(2);
        Tensor hybrid = Tensor.allocate(arena, DType.F32, 1, HEADS, n, DIM);
        Tensor windowOnly = Tensor.allocate(arena, DType.F32, 1, HEADS, n, DIM);
        Tensor diag = Tensor.allocate(arena, DType.F32, 1, HEADS, HybridOutputs.DIAGNOSTICS);
        run(backend, arena, in, params, spec, hybrid, diag);
        run(backend, arena, in, params, spec.withMode(HybridMode.WINDOW_ONLY), windowOnly, null);
        double[] mean = new double[HybridOutputs.DIAGNOSTICS];
        for (int h = 0; h < HEADS; h++) {
            for (int e = 0; e < mean.length; e++) {
                mean[e] += diag.getFloat(0, h, e) / HEADS;
            }
        }
        out.printf("     %-46s normaliser: window %.3f linear %.3f | output norm: window %.3f linear %.3f%n",
                label, mean[0], mean[1], mean[2], mean[3]);
        out.printf("     %-46s relative change of the output when the linear branch is dropped: %.3f%n", "",
                relativeDifference(hybrid, windowOnly));
    }

    private static void run(Backend backend, Arena arena, Tensor[] in, HybridParams params, HybridSpec spec,
                            Tensor out, Tensor diag) {
        if (backend.device().isCpu()) {
            backend.hybrid().prefill(in[0], in[1], in[2], params, HybridOutputs.of(out).withDiagnostics(diag), spec);
            return;
        }
        Tensor od = backend.allocate(arena, DType.F32, out.shape());
        Tensor dd = diag == null ? null : backend.allocate(arena, DType.F32, diag.shape());
        HybridParams dp = new HybridParams(
                params.featureQ() == null ? null : BackendOptions.onDevice(backend, arena, params.featureQ()),
                params.featureK() == null ? null : BackendOptions.onDevice(backend, arena, params.featureK()),
                params.windowFactor(), params.dropWindow());
        backend.hybrid().prefill(BackendOptions.onDevice(backend, arena, in[0]),
                BackendOptions.onDevice(backend, arena, in[1]), BackendOptions.onDevice(backend, arena, in[2]), dp,
                HybridOutputs.of(od).withDiagnostics(dd), spec);
        od.copyTo(out);
        if (diag != null) {
            dd.copyTo(diag);
        }
    }

    /** q, k, v [b, h, n, d] ~ N(0, 0.5^2) and Hedgehog-style weights [h, d, p] ~ N(0, 1/d). */
    private static Tensor[] inputs(Arena arena, int b, int h, int n, int d, int projected, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor q = Tensor.allocate(arena, DType.F32, b, h, n, d);
        Tensor k = Tensor.allocate(arena, DType.F32, b, h, n, d);
        Tensor v = Tensor.allocate(arena, DType.F32, b, h, n, d);
        Tensor w = Tensor.allocate(arena, DType.F32, h, d, projected);
        for (Tensor t : new Tensor[] {q, k, v}) {
            for (long i = 0; i < t.numel(); i++) {
                t.writeFloat(i, (float) (r.nextGaussian() * 0.5));
            }
        }
        for (long i = 0; i < w.numel(); i++) {
            w.writeFloat(i, (float) (r.nextGaussian() / Math.sqrt(d)));
        }
        return new Tensor[] {q, k, v, w};
    }

    private static double relativeDifference(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            diff += (double) (x[i] - y[i]) * (x[i] - y[i]);
            norm += (double) x[i] * x[i];
        }
        return Math.sqrt(diff / Math.max(norm, Double.MIN_NORMAL));
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs((double) x[i] - y[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            m = Math.max(m, d);
        }
        return m;
    }
}
