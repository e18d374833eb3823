package org.panattn.sae;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * Seeded synthetic JumpReLU SAEs and residual streams for demos and benchmarks, filled in bulk (a xorshift
 * generator into a chunk buffer, copied into the segment), so a Gemma-Scope-sized SAE takes well under a second.
 * Tied weights: W_dec rows are random directions of norm about 1, W_enc = W_dec^T, so h_j = x . W_dec[j] and adding
 * a W_dec[j] to x raises h_j by about a; thresholds in [3, 4] on unit-variance inputs leave an L0 of a few dozen
 * of 16384 features, as in Gemma Scope.
 */
public final class SyntheticSae {
    private static final int CHUNK = 1 << 16;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private SyntheticSae() {
    }

    public static SparseAutoencoder jumpRelu(Arena arena, int dIn, int dSae, long seed) {
        if (dIn < 1 || dSae < 1) {
            throw new IllegalArgumentException("dIn, dSae: expected >= 1, got " + dIn + ", " + dSae);
        }
        Tensor wDec = uniform(arena, seed, (float) Math.sqrt(3.0 / dIn), 0f, dSae, dIn);
        Tensor wEnc = Tensor.allocate(arena, DType.F32, dIn, dSae);
        transpose(wDec.segment(), dSae, dIn, wEnc.segment());
        Tensor bEnc = Tensor.allocate(arena, DType.F32, dSae);
        Tensor threshold = uniform(arena, seed + 1, 0.5f, 3.5f, dSae);
        Tensor bDec = Tensor.allocate(arena, DType.F32, dIn);
        return SparseAutoencoder.jumpRelu(wEnc, bEnc, threshold, wDec, bDec);
    }

    /** Values uniform in [center - halfWidth, center + halfWidth) (variance halfWidth^2 / 3). */
    public static Tensor uniform(Arena arena, long seed, float halfWidth, float center, long... shape) {
        Tensor t = Tensor.allocate(arena, DType.F32, shape);
        long n = t.numel();
        float[] chunk = new float[(int) Math.min(CHUNK, Math.max(n, 1))];
        long state = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        for (long done = 0; done < n; done += chunk.length) {
            int m = (int) Math.min(chunk.length, n - done);
            for (int i = 0; i < m; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                float u = (state >>> 40) * 0x1.0p-24f; // [0, 1)
                chunk[i] = center + halfWidth * (2 * u - 1);
            }
            MemorySegment.copy(chunk, 0, t.segment(), F32, done * Float.BYTES, m);
        }
        return t;
    }

    /** dst [cols, rows] = src [rows, cols]^T, through 64 x 64 tiles. */
    private static void transpose(MemorySegment src, int rows, int cols, MemorySegment dst) {
        int tile = 64;
        float[] in = new float[tile * tile];
        float[] out = new float[tile * tile];
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int nr = Math.min(tile, rows - r0);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int nc = Math.min(tile, cols - c0);
                for (int r = 0; r < nr; r++) {
                    MemorySegment.copy(src, F32, ((long) (r0 + r) * cols + c0) * Float.BYTES, in, r * tile, nc);
                }
                for (int r = 0; r < nr; r++) {
                    for (int c = 0; c < nc; c++) {
                        out[c * tile + r] = in[r * tile + c];
                    }
                }
                for (int c = 0; c < nc; c++) {
                    MemorySegment.copy(out, c * tile, dst, F32, ((long) (c0 + c) * rows + r0) * Float.BYTES, nr);
                }
            }
        }
    }
}
