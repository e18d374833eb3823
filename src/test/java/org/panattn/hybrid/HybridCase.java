package org.panattn.hybrid;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.panattn.DType;
import org.panattn.Tensor;

/** Shapes and random inputs of one hybrid test case. */
record HybridCase(String label, int b, int hq, int hkv, int n, int d, int dv, int projected, DType dtype,
                  boolean flashLayout, HybridSpec spec) {

    /** q, k, v (flash layout: [B,N,H,D] memory viewed as [B,H,N,D]), then the weights (or null). */
    Tensor[] inputs(Arena arena, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor q = tensor(arena, hq, n, d, r, 0.7);
        Tensor k = tensor(arena, hkv, n, d, r, 0.7);
        Tensor v = tensor(arena, hkv, n, dv, r, 1.0);
        Tensor w = null;
        if (projected > 0) {
            w = Tensor.allocate(arena, DType.F32, hq, d, projected);
            fill(w, r, 1.5 / Math.sqrt(d));
        }
        return new Tensor[] {q, k, v, w};
    }

    HybridParams params(Tensor weights) {
        return weights == null ? HybridParams.none() : HybridParams.tied(weights);
    }

    private Tensor tensor(Arena arena, int heads, int tokens, int width, SplittableRandom r, double sigma) {
        Tensor t;
        if (flashLayout) {
            t = Tensor.allocate(arena, dtype, b, tokens, heads, width).transpose(1, 2);
        } else {
            t = Tensor.allocate(arena, dtype, b, heads, tokens, width);
        }
        for (long x = 0; x < b; x++) {
            for (long h = 0; h < heads; h++) {
                for (long i = 0; i < tokens; i++) {
                    for (long c = 0; c < width; c++) {
                        t.setFloat((float) (r.nextGaussian() * sigma), x, h, i, c);
                    }
                }
            }
        }
        return t;
    }

    private static void fill(Tensor t, SplittableRandom r, double sigma) {
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) (r.nextGaussian() * sigma));
        }
    }

    @Override
    public String toString() {
        return label + " B" + b + " Hq" + hq + " Hkv" + hkv + " T" + n + " D" + d + " Dv" + dv + " P" + projected + " "
                + dtype + (flashLayout ? " flash" : "") + " w" + spec.window() + " " + spec.featureMap().cliName()
                + " " + spec.mode().cliName();
    }
}
