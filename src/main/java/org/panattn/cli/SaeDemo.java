package org.panattn.cli;

import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.util.List;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.sae.FeatureSelection;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.PreparedSteering;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.Steering;
import org.panattn.sae.SyntheticSae;

/**
 * SAE feature steering on a seeded synthetic SAE the size of Gemma Scope's 2B layer SAEs (d_in 2304, d_sae 16384):
 * agreement with the reference, encode and steering throughput, and selection recovering a planted feature.
 */
final class SaeDemo implements DemoSection {
    private static final int D_IN = 2304;
    private static final int D_SAE = 16384;
    private static final int PLANTED = 13458;

    @Override
    public String title() {
        return "SAE feature steering (JumpReLU SAE, d_in " + D_IN + ", d_sae " + D_SAE + ")";
    }

    @Override
    public void run(Backend backend, PrintWriter out) {
        boolean slow = backend.name().equals("ref");
        try (Arena arena = Arena.ofShared()) {
            long t0 = System.nanoTime();
            SparseAutoencoder host = SyntheticSae.jumpRelu(arena, D_IN, D_SAE, 2025);
            out.printf("   synthetic SAE filled in %.2f s (%d MB of weights)%n", (System.nanoTime() - t0) / 1e9,
                    2L * D_IN * D_SAE * 4 >> 20);
            SparseAutoencoder sae;
            try {
                sae = SaeCommand.loadSaeOnto(backend, arena, host);
            } catch (PanattnException e) {
                out.println("   skipped on " + backend.name() + ": " + e.getMessage());
                return;
            }
            try {
                accuracy(backend, arena, host, sae, out);
                encodeSpeed(backend, arena, sae, slow ? 1 : 256, out);
                steeringSpeed(backend, arena, sae, slow ? 64 : 4096, out);
                selection(backend, arena, sae, slow ? 6 : 256, out);
            } catch (PanattnException e) {
                out.println("   skipped on " + backend.name() + ": " + e.getMessage());
            }
        }
    }

    private static Tensor input(Backend backend, Arena arena, long seed, long... shape) {
        return BackendOptions.onDevice(backend, arena,
                SyntheticSae.uniform(arena, seed, (float) Math.sqrt(3), 0f, shape));
    }

    private static void accuracy(Backend backend, Arena arena, SparseAutoencoder host, SparseAutoencoder sae,
                                 PrintWriter out) {
        Tensor xh = SyntheticSae.uniform(arena, 7, (float) Math.sqrt(3), 0f, 3, D_IN);
        Tensor f = backend.allocate(arena, DType.F32, 3, D_SAE);
        Tensor fRef = Tensor.allocate(arena, DType.F32, 3, D_SAE);
        backend.sae().encode(sae, BackendOptions.onDevice(backend, arena, xh), f);
        Backend.reference().sae().encode(host, xh, fRef);
        Steering steering = Steering.of(new Steering.Edit(PLANTED, Steering.Mode.CLAMP, 6f),
                new Steering.Edit(42, Steering.Mode.ADD, -2f));
        Tensor steered = backend.allocate(arena, DType.F32, 3, D_IN);
        Tensor steeredRef = Tensor.allocate(arena, DType.F32, 3, D_IN);
        backend.sae().steer(sae, BackendOptions.onDevice(backend, arena, xh), null, steering, steered);
        Backend.reference().sae().steer(host, xh, null, steering, steeredRef);
        out.printf("   accuracy vs reference (3 tokens): max |f - ref| %.2e, max |steered x - ref| %.2e%n",
                maxAbsDiff(BackendOptions.onHost(arena, f), fRef), maxAbsDiff(BackendOptions.onHost(arena, steered),
                        steeredRef));
    }

    private static void encodeSpeed(Backend backend, Arena arena, SparseAutoencoder sae, int tokens, PrintWriter out) {
        Tensor x = input(backend, arena, 11, tokens, D_IN);
        Tensor f = backend.allocate(arena, DType.F32, tokens, D_SAE);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            backend.sae().encode(sae, x, f);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        float[] all = BackendOptions.onHost(arena, f).toFloatArray();
        long nonzero = 0;
        for (float v : all) {
            nonzero += v != 0 ? 1 : 0;
        }
        out.printf("   encode    [%d x %d] x [%d x %d]: %8.2f ms  %7.1f GFLOP/s  %9.0f tokens/s  mean L0 %.1f%n",
                tokens, D_IN, D_IN, D_SAE, best * 1e3, 2.0 * tokens * D_IN * D_SAE / best / 1e9, tokens / best,
                (double) nonzero / tokens);
    }

    private static void steeringSpeed(Backend backend, Arena arena, SparseAutoencoder sae, int tokens,
                                      PrintWriter out) {
        Tensor x = input(backend, arena, 12, tokens, D_IN);
        Tensor y = backend.allocate(arena, DType.F32, tokens, D_IN);
        double copy = best(() -> backend.copy(x, y), 25);
        double bytes = 2.0 * tokens * D_IN * 4;
        out.printf("   steer     %d tokens, x read + written (copy of x: %.2f ms, %.1f GB/s):%n", tokens, copy * 1e3,
                bytes / copy / 1e9);
        PreparedSteering clamp = PreparedSteering.of(sae, Steering.clamp(PLANTED, 8f));
        PreparedSteering add = PreparedSteering.of(sae, Steering.add(PLANTED, 0.01f));
        String[] labels = {"clamp f_" + PLANTED + " -> 8, out of place", "clamp f_" + PLANTED + " -> 8, in place",
            "add 0.01 W_dec[" + PLANTED + "], in place"};
        Runnable[] runs = {() -> backend.sae().steer(clamp, x, null, y), () -> backend.sae().steer(clamp, y, null, y),
            () -> backend.sae().steer(add, y, null, y)};
        for (int i = 0; i < runs.length; i++) {
            double t = best(runs[i], 25);
            out.printf("     %-38s %8.3f ms  %6.1f GB/s  (%3.0f%% of copy)  %.2f us/token%n", labels[i], t * 1e3,
                    bytes / t / 1e9, 100 * copy / t, t / tokens * 1e6);
        }
    }

    /** Best time of {@code reps} runs after as many warm-up runs (the kernels are then compiled). */
    private static double best(Runnable run, int reps) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 2 * reps; r++) {
            long t0 = System.nanoTime();
            run.run();
            if (r >= reps) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
        }
        return best;
    }

    private static void selection(Backend backend, Arena arena, SparseAutoencoder sae, int tokens, PrintWriter out) {
        Tensor a = input(backend, arena, 21, tokens, D_IN);
        Tensor b = input(backend, arena, 22, tokens, D_IN);
        // class b: the same kind of tokens with feature PLANTED pushed up by steering itself
        backend.sae().steer(sae, b, null, Steering.add(PLANTED, 5f), b);
        FeatureStatistics sa = new FeatureStatistics(D_SAE);
        FeatureStatistics sb = new FeatureStatistics(D_SAE);
        long t0 = System.nanoTime();
        backend.sae().accumulate(sae, a, null, sa);
        backend.sae().accumulate(sae, b, null, sb);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<FeatureSelection.Selected> top = FeatureSelection.topByMeanDifference(sa, sb, 3);
        StringBuilder line = new StringBuilder();
        for (FeatureSelection.Selected s : top) {
            line.append(String.format(" %d (%+.3f)", s.feature(), s.difference()));
        }
        out.printf("   select    %d + %d tokens in %.2f s: top |mean_b - mean_a|:%s -> planted feature %d %s%n",
                tokens, tokens, seconds, line, PLANTED, top.get(0).feature() == PLANTED ? "recovered" : "MISSED");
    }

    private static float maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        float m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
