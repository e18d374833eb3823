package org.panattn.cli;

import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/** Dense attention, the baseline: agreement with the reference on awkward shapes, then speed. */
final class DenseDemo implements DemoSection {

    private record Case(String label, DType dtype, int b, int hq, int hkv, int nq, int nk, int d, DenseSpec spec) {
    }

    @Override
    public String title() {
        return "dense attention (flash-style baseline) vs the double-precision reference";
    }

    @Override
    public void run(Backend backend, PrintWriter out) {
        Backend ref = Backend.reference();
        Case[] accuracy = {
            new Case("prefill, N=203 (tail), D=64", DType.F32, 1, 4, 4, 203, 203, 64, DenseSpec.defaults()),
            new Case("causal, Nq=77 < Nk=300, GQA 8:2, D=80", DType.F32, 2, 8, 2, 77, 300, 80,
                    DenseSpec.causalDefaults()),
            new Case("band window (32, 0), N=257, D=128", DType.F32, 1, 2, 2, 257, 257, 128,
                    DenseSpec.defaults().withWindow(32, 0)),
            new Case("float16 inputs, causal, N=130, D=64", DType.F16, 1, 4, 1, 130, 130, 64,
                    DenseSpec.causalDefaults()),
            new Case("decode, Nq=1, Nk=4099, GQA 16:2, D=128", DType.F32, 1, 16, 2, 1, 4099, 128,
                    DenseSpec.causalDefaults()),
        };
        out.println("   accuracy (max |out - ref|, max |lse - ref|):");
        for (Case c : accuracy) {
            try (Arena arena = Arena.ofShared()) {
                Tensor[] qkv = inputs(arena, c, 42);
                Tensor o = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.d);
                Tensor l = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq);
                Tensor oRef = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.d);
                Tensor lRef = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.nq);
                run(backend, arena, qkv, o, l, c.spec);
                ref.dense().attention(qkv[0], qkv[1], qkv[2], oRef, lRef, c.spec);
                out.printf("     %-42s out %.2e   lse %.2e%n", c.label, maxAbsDiff(o, oRef), maxAbsDiff(l, lRef));
            }
        }
        out.println("   speed (best of several runs, GFLOP/s = 2*(D+Dv)*visible keys per row):");
        speed(backend, out, new Case("prefill B1 H8 N1024 D64", DType.F32, 1, 8, 8, 1024, 1024, 64,
                DenseSpec.defaults()), 8);
        speed(backend, out, new Case("prefill B1 H8 N1024 D64 causal", DType.F32, 1, 8, 8, 1024, 1024, 64,
                DenseSpec.causalDefaults()), 8);
        speed(backend, out, new Case("prefill B1 H8 N2048 D128", DType.F32, 1, 8, 8, 2048, 2048, 128,
                DenseSpec.defaults()), 4);
        speed(ref, out, new Case("prefill B1 H1 N128 D64", DType.F32, 1, 1, 1, 128, 128, 64,
                DenseSpec.defaults()), 1);
        speed(backend, out, new Case("decode B1 Hq32 Hkv4 Nk16384 D128", DType.F32, 1, 32, 4, 1, 16384, 128,
                DenseSpec.causalDefaults()), 20);
    }

    private static void speed(Backend backend, PrintWriter out, Case c, int reps) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 7);
            Tensor o = backend.allocate(arena, DType.F32, c.b, c.hq, c.nq, c.d);
            Tensor[] dev = {BackendOptions.onDevice(backend, arena, qkv[0]),
                BackendOptions.onDevice(backend, arena, qkv[1]), BackendOptions.onDevice(backend, arena, qkv[2])};
            double flops = DenseProblem.of(qkv[0], qkv[1], qkv[2], null, null, c.spec).flops();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < reps + 2; r++) {
                long t0 = System.nanoTime();
                backend.dense().attention(dev[0], dev[1], dev[2], o, null, c.spec);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double kvBytes = 2.0 * c.b * c.hkv * c.nk * c.d * 4;
            String extra = c.nq == 1 ? String.format("   K+V read at %.1f GB/s", kvBytes / best / 1e9) : "";
            out.printf("     %-6s %-36s %8.2f ms  %8.2f GFLOP/s%s%n", backend.name(), c.label, best * 1e3,
                    flops / best / 1e9, extra);
        }
    }

    private static void run(Backend backend, Arena arena, Tensor[] qkv, Tensor o, Tensor l, DenseSpec spec) {
        if (backend.device().isCpu()) {
            backend.dense().attention(qkv[0], qkv[1], qkv[2], o, l, spec);
            return;
        }
        Tensor od = backend.allocate(arena, DType.F32, o.shape());
        Tensor ld = backend.allocate(arena, DType.F32, l.shape());
        backend.dense().attention(BackendOptions.onDevice(backend, arena, qkv[0]),
                BackendOptions.onDevice(backend, arena, qkv[1]), BackendOptions.onDevice(backend, arena, qkv[2]),
                od, ld, spec);
        od.copyTo(o);
        ld.copyTo(l);
    }

    static Tensor[] inputs(Arena arena, Case c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor q = Tensor.allocate(arena, c.dtype, c.b, c.hq, c.nq, c.d);
        Tensor k = Tensor.allocate(arena, c.dtype, c.b, c.hkv, c.nk, c.d);
        Tensor v = Tensor.allocate(arena, c.dtype, c.b, c.hkv, c.nk, c.d);
        for (Tensor t : new Tensor[] {q, k, v}) {
            long n = t.numel();
            for (long i = 0; i < n; i++) {
                t.writeFloat(i, (float) (rnd.nextDouble() * 2 - 1));
            }
        }
        return new Tensor[] {q, k, v};
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs((double) x[i] - y[i]);
            if (Double.isNaN(d) || Double.isInfinite(x[i]) != Double.isInfinite(y[i])) {
                return Double.NaN;
            }
            if (!Double.isInfinite(x[i])) {
                m = Math.max(m, d);
            }
        }
        return m;
    }
}
