package org.panattn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Tile helpers of the top-k kernel. */
final class TopKTiles {
    private static final VectorSpecies<Float> SPECIES = VectorMath.SPECIES;
    /** Whether {@link #transpose16} applies: vectors of 16 floats (AVX-512). */
    static final boolean TRANSPOSES = SPECIES.length() == 16;
    /** Two-vector selections interleaving the low halves (lanes 0-7 of a and b) and the high halves. */
    private static final FloatVector LO;
    private static final FloatVector HI;

    static {
        int lanes = SPECIES.length();
        float[] lo = new float[lanes];
        float[] hi = new float[lanes];
        for (int i = 0; i < lanes / 2; i++) {
            lo[2 * i] = i;
            lo[2 * i + 1] = lanes + i;
            hi[2 * i] = lanes / 2 + i;
            hi[2 * i + 1] = lanes + lanes / 2 + i;
        }
        LO = FloatVector.fromArray(SPECIES, lo, 0);
        HI = FloatVector.fromArray(SPECIES, hi, 0);
    }

    private TopKTiles() {
    }

    /**
     * dst[dstAt + i * dstStride + c] = src[srcAt + c * srcStride + i] for i, c < 16 (only when {@link #TRANSPOSES}).
     * Four rounds of interleaving rows k and k + 8 (row index bits r3..r0, lane bits c3..c0: each round rotates the
     * eight bits r|c left by one, so four rounds swap them); one two-vector permutation per output vector.
     */
    static void transpose16(float[] src, int srcAt, int srcStride, float[] dst, int dstAt, int dstStride) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, src, srcAt + 0 * srcStride);
        FloatVector a1 = FloatVector.fromArray(SPECIES, src, srcAt + 1 * srcStride);
        FloatVector a2 = FloatVector.fromArray(SPECIES, src, srcAt + 2 * srcStride);
        FloatVector a3 = FloatVector.fromArray(SPECIES, src, srcAt + 3 * srcStride);
        FloatVector a4 = FloatVector.fromArray(SPECIES, src, srcAt + 4 * srcStride);
        FloatVector a5 = FloatVector.fromArray(SPECIES, src, srcAt + 5 * srcStride);
        FloatVector a6 = FloatVector.fromArray(SPECIES, src, srcAt + 6 * srcStride);
        FloatVector a7 = FloatVector.fromArray(SPECIES, src, srcAt + 7 * srcStride);
        FloatVector a8 = FloatVector.fromArray(SPECIES, src, srcAt + 8 * srcStride);
        FloatVector a9 = FloatVector.fromArray(SPECIES, src, srcAt + 9 * srcStride);
        FloatVector a10 = FloatVector.fromArray(SPECIES, src, srcAt + 10 * srcStride);
        FloatVector a11 = FloatVector.fromArray(SPECIES, src, srcAt + 11 * srcStride);
        FloatVector a12 = FloatVector.fromArray(SPECIES, src, srcAt + 12 * srcStride);
        FloatVector a13 = FloatVector.fromArray(SPECIES, src, srcAt + 13 * srcStride);
        FloatVector a14 = FloatVector.fromArray(SPECIES, src, srcAt + 14 * srcStride);
        FloatVector a15 = FloatVector.fromArray(SPECIES, src, srcAt + 15 * srcStride);
        FloatVector b0 = LO.selectFrom(a0, a8);
        FloatVector b1 = HI.selectFrom(a0, a8);
        FloatVector b2 = LO.selectFrom(a1, a9);
        FloatVector b3 = HI.selectFrom(a1, a9);
        FloatVector b4 = LO.selectFrom(a2, a10);
        FloatVector b5 = HI.selectFrom(a2, a10);
        FloatVector b6 = LO.selectFrom(a3, a11);
        FloatVector b7 = HI.selectFrom(a3, a11);
        FloatVector b8 = LO.selectFrom(a4, a12);
        FloatVector b9 = HI.selectFrom(a4, a12);
        FloatVector b10 = LO.selectFrom(a5, a13);
        FloatVector b11 = HI.selectFrom(a5, a13);
        FloatVector b12 = LO.selectFrom(a6, a14);
        FloatVector b13 = HI.selectFrom(a6, a14);
        FloatVector b14 = LO.selectFrom(a7, a15);
        FloatVector b15 = HI.selectFrom(a7, a15);
        a0 = LO.selectFrom(b0, b8);
        a1 = HI.selectFrom(b0, b8);
        a2 = LO.selectFrom(b1, b9);
        a3 = HI.selectFrom(b1, b9);
        a4 = LO.selectFrom(b2, b10);
        a5 = HI.selectFrom(b2, b10);
        a6 = LO.selectFrom(b3, b11);
        a7 = HI.selectFrom(b3, b11);
        a8 = LO.selectFrom(b4, b12);
        a9 = HI.selectFrom(b4, b12);
        a10 = LO.selectFrom(b5, b13);
        a11 = HI.selectFrom(b5, b13);
        a12 = LO.selectFrom(b6, b14);
        a13 = HI.selectFrom(b6, b14);
        a14 = LO.selectFrom(b7, b15);
        a15 = HI.selectFrom(b7, b15);
        b0 = LO.selectFrom(a0, a8);
        b1 = HI.selectFrom(a0, a8);
        b2 = LO.selectFrom(a1, a9);
        b3 = HI.selectFrom(a1, a9);
        b4 = LO.selectFrom(a2, a10);
        b5 = HI.selectFrom(a2, a10);
        b6 = LO.selectFrom(a3, a11);
        b7 = HI.selectFrom(a3, a11);
        b8 = LO.selectFrom(a4, a12);
        b9 = HI.selectFrom(a4, a12);
        b10 = LO.selectFrom(a5, a13);
        b11 = HI.selectFrom(a5, a13);
        b12 = LO.selectFrom(a6, a14);
        b13 = HI.selectFrom(a6, a14);
        b14 = LO.selectFrom(a7, a15);
        b15 = HI.selectFrom(a7, a15);
        a0 = LO.selectFrom(b0, b8);
        a1 = HI.selectFrom(b0, b8);
        a2 = LO.selectFrom(b1, b9);
        a3 = HI.selectFrom(b1, b9);
        a4 = LO.selectFrom(b2, b10);
        a5 = HI.selectFrom(b2, b10);
        a6 = LO.selectFrom(b3, b11);
        a7 = HI.selectFrom(b3, b11);
        a8 = LO.selectFrom(b4, b12);
        a9 = HI.selectFrom(b4, b12);
        a10 = LO.selectFrom(b5, b13);
        a11 = HI.selectFrom(b5, b13);
        a12 = LO.selectFrom(b6, b14);
        a13 = HI.selectFrom(b6, b14);
        a14 = LO.selectFrom(b7, b15);
        a15 = HI.selectFrom(b7, b15);
        a0.intoArray(dst, dstAt + 0 * dstStride);
        a1.intoArray(dst, dstAt + 1 * dstStride);
        a2.intoArray(dst, dstAt + 2 * dstStride);
        a3.intoArray(dst, dstAt + 3 * dstStride);
        a4.intoArray(dst, dstAt + 4 * dstStride);
        a5.intoArray(dst, dstAt + 5 * dstStride);
        a6.intoArray(dst, dstAt + 6 * dstStride);
        a7.intoArray(dst, dstAt + 7 * dstStride);
        a8.intoArray(dst, dstAt + 8 * dstStride);
        a9.intoArray(dst, dstAt + 9 * dstStride);
        a10.intoArray(dst, dstAt + 10 * dstStride);
        a11.intoArray(dst, dstAt + 11 * dstStride);
        a12.intoArray(dst, dstAt + 12 * dstStride);
        a13.intoArray(dst, dstAt + 13 * dstStride);
        a14.intoArray(dst, dstAt + 14 * dstStride);
        a15.intoArray(dst, dstAt + 15 * dstStride);
    }
}
