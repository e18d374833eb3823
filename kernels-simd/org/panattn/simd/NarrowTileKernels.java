package org.panattn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileKernels} for a row set of at most 8 rows (a decode step of one GQA group) on 256-bit vectors: 512-bit
 * lanes would be half empty, while two 256-bit FMAs issue per cycle where one 512-bit does, so the narrow
 * vectors do the same work in half the instructions. Used only where the preferred vectors are 512-bit.
 */
final class NarrowTileKernels {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    static final int LANES = SPECIES.length();
    /** Whether row sets of up to {@link #LANES} rows take this path. */
    static final boolean ENABLED = TileKernels.LANES == 2 * LANES;

    private NarrowTileKernels() {
    }

    /** {@link TileKernels#multiply} for rowLanes == {@link #LANES}. */
    static void multiply(float[] a, int aOff, int xStride, int yStride, int nx, int ny, float[] b, float[] c,
                         boolean accumulate, float factor) {
        int x = 0;
        for (; x + 8 <= nx; x += 8) {
            block8(a, aOff + x * xStride, xStride, yStride, ny, b, c, x * LANES, accumulate, factor);
        }
        for (; x < nx; x++) {
            block1(a, aOff + x * xStride, yStride, ny, b, c, x * LANES, accumulate, factor);
        }
    }

    private static void block8(float[] a, int aOff, int xs, int ys, int ny, float[] b, float[] c, int cOff,
                               boolean accumulate, float factor) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (accumulate) {
            c0 = FloatVector.fromArray(SPECIES, c, cOff);
            c1 = FloatVector.fromArray(SPECIES, c, cOff + LANES);
            c2 = FloatVector.fromArray(SPECIES, c, cOff + 2 * LANES);
            c3 = FloatVector.fromArray(SPECIES, c, cOff + 3 * LANES);
            c4 = FloatVector.fromArray(SPECIES, c, cOff + 4 * LANES);
            c5 = FloatVector.fromArray(SPECIES, c, cOff + 5 * LANES);
            c6 = FloatVector.fromArray(SPECIES, c, cOff + 6 * LANES);
            c7 = FloatVector.fromArray(SPECIES, c, cOff + 7 * LANES);
        } else {
            FloatVector z = FloatVector.zero(SPECIES);
            c0 = z; c1 = z; c2 = z; c3 = z; c4 = z; c5 = z; c6 = z; c7 = z;
        }
        int a0 = aOff;
        int a1 = a0 + xs;
        int a2 = a1 + xs;
        int a3 = a2 + xs;
        int a4 = a3 + xs;
        int a5 = a4 + xs;
        int a6 = a5 + xs;
        int a7 = a6 + xs;
        int bi = 0;
        int ay = 0;
        for (int y = 0; y < ny; y++, bi += LANES, ay += ys) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            c0 = FloatVector.broadcast(SPECIES, a[a0 + ay]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[a1 + ay]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[a2 + ay]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[a3 + ay]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[a4 + ay]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[a5 + ay]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[a6 + ay]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[a7 + ay]).fma(b0, c7);
        }
        if (!accumulate) {
            FloatVector f = FloatVector.broadcast(SPECIES, factor);
            c0 = c0.mul(f); c1 = c1.mul(f); c2 = c2.mul(f); c3 = c3.mul(f);
            c4 = c4.mul(f); c5 = c5.mul(f); c6 = c6.mul(f); c7 = c7.mul(f);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + LANES);
        c2.intoArray(c, cOff + 2 * LANES);
        c3.intoArray(c, cOff + 3 * LANES);
        c4.intoArray(c, cOff + 4 * LANES);
        c5.intoArray(c, cOff + 5 * LANES);
        c6.intoArray(c, cOff + 6 * LANES);
        c7.intoArray(c, cOff + 7 * LANES);
    }

    private static void block1(float[] a, int aOff, int ys, int ny, float[] b, float[] c, int cOff,
                               boolean accumulate, float factor) {
        FloatVector c0 = accumulate ? FloatVector.fromArray(SPECIES, c, cOff) : FloatVector.zero(SPECIES);
        int ai = aOff;
        for (int y = 0, bi = 0; y < ny; y++, bi += LANES, ai += ys) {
            c0 = FloatVector.broadcast(SPECIES, a[ai]).fma(FloatVector.fromArray(SPECIES, b, bi), c0);
        }
        if (!accumulate) {
            c0 = c0.mul(factor);
        }
        c0.intoArray(c, cOff);
    }

    /** {@link TileKernels#softmaxStep} for rowLanes == {@link #LANES}. */
    static boolean softmaxStep(float[] tile, int keys, float[] m, float[] l, float[] alpha) {
        FloatVector previous = FloatVector.fromArray(SPECIES, m, 0);
        FloatVector max = previous;
        for (int j = 0, t = 0; j < keys; j++, t += LANES) {
            FloatVector s = FloatVector.fromArray(SPECIES, tile, t);
            max = max.blend(s, s.compare(VectorOperators.GT, max));
        }
        VectorMask<Float> none = max.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY);
        FloatVector base = max.blend(0f, none);
        FloatVector sum0 = FloatVector.zero(SPECIES);
        FloatVector sum1 = sum0;
        int j = 0;
        int t = 0;
        for (; j + 2 <= keys; j += 2, t += 2 * LANES) {
            FloatVector p0 = VectorMath.exp2(FloatVector.fromArray(SPECIES, tile, t).sub(base));
            FloatVector p1 = VectorMath.exp2(FloatVector.fromArray(SPECIES, tile, t + LANES).sub(base));
            p0.intoArray(tile, t);
            p1.intoArray(tile, t + LANES);
            sum0 = sum0.add(p0);
            sum1 = sum1.add(p1);
        }
        if (j < keys) {
            FloatVector p0 = VectorMath.exp2(FloatVector.fromArray(SPECIES, tile, t).sub(base));
            p0.intoArray(tile, t);
            sum0 = sum0.add(p0);
        }
        FloatVector a = VectorMath.exp2(previous.sub(base));
        a.intoArray(alpha, 0);
        FloatVector.fromArray(SPECIES, l, 0).fma(a, sum0.add(sum1)).intoArray(l, 0);
        max.intoArray(m, 0);
        return a.compare(VectorOperators.NE, 1f).anyTrue();
    }

    /** {@link TileKernels#rescale} for rowLanes == {@link #LANES}. */
    static void rescale(float[] o, int nx, float[] alpha) {
        FloatVector a = FloatVector.fromArray(SPECIES, alpha, 0);
        for (int x = 0, t = 0; x < nx; x++, t += LANES) {
            FloatVector.fromArray(SPECIES, o, t).mul(a).intoArray(o, t);
        }
    }
}
