package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * The SAE encode GEMM, C[r][j] (+)= sum_p X[r][p] W[p][j] for X = a block of token rows [rows, d_in] in fp32
 * scratch and W = W_enc [d_in, d_sae] (any float dtype), BLIS-style:
 * <ul>
 *   <li>a column block of W_enc (NC columns) is packed once per row block into fp32 panels of NR = 2 vectors
 *       ([panel][p][NR], zero-padded past d_sae), so the micro-kernel reads B contiguously;</li>
 *   <li>the depth is cut into KC slices, so one B micro-panel (KC x NR, 32 KiB at 16 lanes) stays in L1 while
 *       every row group of the block streams past it, and the X slice of the block stays in L2;</li>
 *   <li>the micro-kernel keeps an MR x NR tile (8 rows x 2 vectors = 16 accumulators) in registers and
 *       broadcasts X from MR row streams; C accumulates over KC slices in an fp32 tile.</li>
 * </ul>
 */
final class SimdSaeGemm {
    static final VectorSpecies<Float> SPECIES = VectorMath.SPECIES;
    static final int LANES = SPECIES.length();
    /** Columns per packed panel: the micro-kernel's width. */
    static final int NR = 2 * LANES;
    /** Rows per micro-kernel call. */
    static final int MR = 8;
    /** Depth slice: a KC x NR panel of B fits L1. */
    static final int KC = 256;
    /** Columns per packed block (a multiple of NR). */
    static final int NC = 4 * NR;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    private SimdSaeGemm() {
    }

    /**
     * Packs columns [j0, j0 + nc) of w [dIn, dSae] into {@code packed}: panel q holds columns j0 + q*NR .. +NR at
     * packed[(q * dIn + p) * NR + c]; columns at or past dSae are zero.
     */
    static void packColumns(Tensor w, int dIn, long dSae, long j0, int nc, float[] packed) {
        MemorySegment seg = w.segment();
        long rowStride = w.stride(0);
        long base = w.offset();
        int panels = (nc + NR - 1) / NR;
        boolean f32 = w.dtype() == DType.F32;
        boolean half = w.dtype() == DType.F16;
        for (int q = 0; q < panels; q++) {
            long col = j0 + (long) q * NR;
            int width = (int) Math.max(0, Math.min(NR, dSae - col));
            int dst = q * dIn * NR;
            for (int p = 0; p < dIn; p++, dst += NR) {
                long src = base + p * rowStride + col;
                if (f32) {
                    if (width > 0) {
                        MemorySegment.copy(seg, F32, src * Float.BYTES, packed, dst, width);
                    }
                } else {
                    for (int c = 0; c < width; c++) {
                        short bits = seg.getAtIndex(F16, src + c);
                        packed[dst + c] = half ? Float.float16ToFloat(bits) : Float.intBitsToFloat(bits << 16);
                    }
                }
                for (int c = width; c < NR; c++) {
                    packed[dst + c] = 0f;
                }
            }
        }
    }

    /**
     * C[r][0, panels*NR) = sum_p X[r][p] B[p][...] for r in [0, rows): X at x[r * dIn + p], B packed by
     * {@link #packColumns}, C at c[cOff + r * ldc + col].
     */
    static void multiply(float[] x, int rows, int dIn, float[] packed, int panels, float[] c, int cOff, int ldc) {
        for (int k0 = 0; k0 < dIn; k0 += KC) {
            int kc = Math.min(KC, dIn - k0);
            boolean accumulate = k0 > 0;
            for (int q = 0; q < panels; q++) {
                int bOff = (q * dIn + k0) * NR;
                int r = 0;
                for (; r + MR <= rows; r += MR) {
                    micro8(x, r * dIn + k0, dIn, kc, packed, bOff, c, cOff + r * ldc + q * NR, ldc, accumulate);
                }
                for (; r < rows; r++) {
                    micro1(x, r * dIn + k0, kc, packed, bOff, c, cOff + r * ldc + q * NR, accumulate);
                }
            }
        }
    }

    private static void micro8(float[] a, int aOff, int lda, int kc, float[] b, int bOff, float[] c, int cOff,
                               int ldc, boolean accumulate) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        int o0 = cOff;
        int o1 = o0 + ldc;
        int o2 = o1 + ldc;
        int o3 = o2 + ldc;
        int o4 = o3 + ldc;
        int o5 = o4 + ldc;
        int o6 = o5 + ldc;
        int o7 = o6 + ldc;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, o0);
            c01 = FloatVector.fromArray(SPECIES, c, o0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, c, o1);
            c11 = FloatVector.fromArray(SPECIES, c, o1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, c, o2);
            c21 = FloatVector.fromArray(SPECIES, c, o2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, c, o3);
            c31 = FloatVector.fromArray(SPECIES, c, o3 + LANES);
            c40 = FloatVector.fromArray(SPECIES, c, o4);
            c41 = FloatVector.fromArray(SPECIES, c, o4 + LANES);
            c50 = FloatVector.fromArray(SPECIES, c, o5);
            c51 = FloatVector.fromArray(SPECIES, c, o5 + LANES);
            c60 = FloatVector.fromArray(SPECIES, c, o6);
            c61 = FloatVector.fromArray(SPECIES, c, o6 + LANES);
            c70 = FloatVector.fromArray(SPECIES, c, o7);
            c71 = FloatVector.fromArray(SPECIES, c, o7 + LANES);
        } else {
            FloatVector z = FloatVector.zero(SPECIES);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z;
            c40 = z; c41 = z; c50 = z; c51 = z; c60 = z; c61 = z; c70 = z; c71 = z;
        }
        int a0 = aOff;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        int bi = bOff;
        for (int p = 0; p < kc; p++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector s = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = s.fma(b0, c00);
            c01 = s.fma(b1, c01);
            s = FloatVector.broadcast(SPECIES, a[a1 + p]);
            c10 = s.fma(b0, c10);
            c11 = s.fma(b1, c11);
            s = FloatVector.broadcast(SPECIES, a[a2 + p]);
            c20 = s.fma(b0, c20);
            c21 = s.fma(b1, c21);
            s = FloatVector.broadcast(SPECIES, a[a3 + p]);
            c30 = s.fma(b0, c30);
            c31 = s.fma(b1, c31);
            s = FloatVector.broadcast(SPECIES, a[a4 + p]);
            c40 = s.fma(b0, c40);
            c41 = s.fma(b1, c41);
            s = FloatVector.broadcast(SPECIES, a[a5 + p]);
            c50 = s.fma(b0, c50);
            c51 = s.fma(b1, c51);
            s = FloatVector.broadcast(SPECIES, a[a6 + p]);
            c60 = s.fma(b0, c60);
            c61 = s.fma(b1, c61);
            s = FloatVector.broadcast(SPECIES, a[a7 + p]);
            c70 = s.fma(b0, c70);
            c71 = s.fma(b1, c71);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + LANES);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + LANES);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + LANES);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + LANES);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + LANES);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + LANES);
        c60.intoArray(c, o6);
        c61.intoArray(c, o6 + LANES);
        c70.intoArray(c, o7);
        c71.intoArray(c, o7 + LANES);
    }

    private static void micro1(float[] a, int aOff, int kc, float[] b, int bOff, float[] c, int cOff,
                               boolean accumulate) {
        FloatVector c0;
        FloatVector c1;
        if (accumulate) {
            c0 = FloatVector.fromArray(SPECIES, c, cOff);
            c1 = FloatVector.fromArray(SPECIES, c, cOff + LANES);
        } else {
            c0 = FloatVector.zero(SPECIES);
            c1 = c0;
        }
        int bi = bOff;
        for (int p = 0; p < kc; p++, bi += NR) {
            FloatVector s = FloatVector.broadcast(SPECIES, a[aOff + p]);
            c0 = s.fma(FloatVector.fromArray(SPECIES, b, bi), c0);
            c1 = s.fma(FloatVector.fromArray(SPECIES, b, bi + LANES), c1);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + LANES);
    }
}
