package org.panattn.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.panattn.DType;
import org.panattn.Tensor;

/** Random SAEs and inputs for the SAE tests (public for the CUDA SAE tests in org.panattn.cuda). */
public final class SaeFixtures {
    private SaeFixtures() {
    }

    public static Tensor random(Arena arena, DType dtype, SplittableRandom r, double scale, long... shape) {
        Tensor t = Tensor.allocate(arena, dtype, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) (r.nextGaussian() * scale));
        }
        return t;
    }

    /**
     * A random SAE: encoder weights ~ N(0, 1/d_in), small biases, thresholds in [0, 0.3] so that roughly a third
     * of the features fire on N(0, 1) inputs.
     */
    public static SparseAutoencoder sae(Arena arena, SparseAutoencoder.Activation activation, DType dtype, int dIn, int dSae,
                                 int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor wEnc = random(arena, dtype, r, 1 / Math.sqrt(dIn), dIn, dSae);
        Tensor bEnc = random(arena, dtype, r, 0.1, dSae);
        Tensor wDec = random(arena, dtype, r, 1 / Math.sqrt(dSae), dSae, dIn);
        Tensor bDec = random(arena, dtype, r, 0.1, dIn);
        return switch (activation) {
            case JUMP_RELU -> {
                Tensor theta = Tensor.allocate(arena, dtype, dSae);
                for (int j = 0; j < dSae; j++) {
                    theta.writeFloat(j, (float) (r.nextDouble() * 0.3));
                }
                yield SparseAutoencoder.jumpRelu(wEnc, bEnc, theta, wDec, bDec);
            }
            case RELU -> SparseAutoencoder.relu(wEnc, bEnc, wDec, bDec);
            case TOPK -> SparseAutoencoder.topK(wEnc, bEnc, wDec, bDec, k);
        };
    }

    /** x [T, d] or [B, T, d] as a strided view (rows padded by 3 elements) when {@code strided}. */
    public static Tensor input(Arena arena, DType dtype, long seed, boolean strided, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] padded = shape.clone();
        if (strided) {
            padded[padded.length - 1] += 3;
        }
        Tensor t = random(arena, dtype, r, 1, padded);
        return strided ? t.slice(t.rank() - 1, 0, shape[shape.length - 1]) : t;
    }

    public static float maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        float m = 0;
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i]) != Float.isNaN(y[i])) {
                return Float.POSITIVE_INFINITY;
            }
            if (!Float.isNaN(x[i])) {
                m = Math.max(m, Math.abs(x[i] - y[i]));
            }
        }
        return m;
    }

    /**
     * A backend's sparse output (host tensors) against the reference's: identical active counts, sorted values that
     * agree position by position, and each kept index carrying the reference's activation (near-ties may swap
     * places between backends, so indices are checked through the dense reference features), padded with 0.
     */
    public static void assertSparseMatches(SparseFeatures out, SparseFeatures ref, Tensor denseRef, float tolerance,
                                           String label) {
        assertArrayEquals(ref.activeCount().toFloatArray(), out.activeCount().toFloatArray(), label + " counts");
        float diff = maxAbsDiff(out.values(), ref.values());
        assertTrue(diff <= tolerance, label + ": values differ by " + diff);
        int capacity = (int) out.indices().dim(out.indices().rank() - 1);
        int dSae = (int) denseRef.dim(denseRef.rank() - 1);
        float[] idx = out.indices().toFloatArray();
        float[] val = out.values().toFloatArray();
        float[] dense = denseRef.toFloatArray();
        for (int i = 0; i < idx.length; i++) {
            int token = i / capacity;
            if (idx[i] < 0) {
                assertEquals(0f, val[i], label + " padding value");
                continue;
            }
            float expected = dense[token * dSae + (int) idx[i]];
            assertEquals(expected, val[i], tolerance, label + " token " + token + " feature " + (int) idx[i]);
            if (i % capacity > 0 && idx[i - 1] >= 0) {
                assertTrue(val[i - 1] >= val[i], label + " descending order at token " + token);
            }
        }
    }
}
