package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked tile kernels on fp32 scratch. Query rows live in vector lanes ("transposed" tiles:
 * element [x][row] at x * rowStride + row), so that the softmax statistics of a row are lane-wise and no
 * horizontal reduction is ever needed.
 *
 * <p>Both products of attention have one shape, C[x][lanes] (+)= sum_y A(x, y) * B[y][lanes], with A read as
 * broadcast scalars at a[aOff + x * xStride + y * yStride]:
 * <ul>
 *   <li>logits: x = key, y = feature, A = the K tile (xStride D, yStride 1), B = Q^T, C = S^T;</li>
 *   <li>output: x = value feature, y = key, A = the V tile (xStride 1, yStride Dv), B = P^T, C = O^T.</li>
 * </ul>
 */
final class TileKernels {
    static final VectorSpecies<Float> SPECIES = VectorMath.SPECIES;
    static final int LANES = SPECIES.length();
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private TileKernels() {
    }

    /** {@link #multiply(float[], int, int, int, int, int, float[], int, float[], int, int, boolean, float)} with factor 1. */
    static void multiply(float[] a, int aOff, int xStride, int yStride, int nx, int ny, float[] b, int bStride,
                         float[] c, int cStride, int rowLanes, boolean accumulate) {
        multiply(a, aOff, xStride, yStride, nx, ny, b, bStride, c, cStride, rowLanes, accumulate, 1f);
    }

    /**
     * C[x][0, rowLanes) = factor * sum_{y < ny} A(x, y) B[y][lanes] for every x in [0, nx), lanes in
     * [0, rowLanes), or C += sum... (factor unused) when {@code accumulate}; rowLanes is a multiple of the vector
     * length. Row pairs of vectors first (8 x 2 blocks: 16 accumulators), then a remaining single vector.
     */
    static void multiply(float[] a, int aOff, int xStride, int yStride, int nx, int ny, float[] b, int bStride,
                         float[] c, int cStride, int rowLanes, boolean accumulate, float factor) {
        int rv = 0;
        for (; rv + 4 * LANES <= rowLanes; rv += 4 * LANES) {
            int x = 0;
            for (; x + 4 <= nx; x += 4) {
                block4x4(a, aOff + x * xStride, xStride, yStride, ny, b, rv, bStride, c, x * cStride + rv, cStride,
                        accumulate, factor);
            }
            for (; x < nx; x++) {
                block1x2(a, aOff + x * xStride, yStride, ny, b, rv, bStride, c, x * cStride + rv, accumulate, factor);
                block1x2(a, aOff + x * xStride, yStride, ny, b, rv + 2 * LANES, bStride, c,
                        x * cStride + rv + 2 * LANES, accumulate, factor);
            }
        }
        for (; rv + 2 * LANES <= rowLanes; rv += 2 * LANES) {
            int x = 0;
            for (; x + 8 <= nx; x += 8) {
                block8x2(a, aOff + x * xStride, xStride, yStride, ny, b, rv, bStride, c, x * cStride + rv, cStride,
                        accumulate, factor);
            }
            for (; x < nx; x++) {
                block1x2(a, aOff + x * xStride, yStride, ny, b, rv, bStride, c, x * cStride + rv, accumulate, factor);
            }
        }
        if (rv < rowLanes) {
            int x = 0;
            for (; x + 8 <= nx; x += 8) {
                block8x1(a, aOff + x * xStride, xStride, yStride, ny, b, rv, bStride, c, x * cStride + rv, cStride,
                        accumulate, factor);
            }
            for (; x < nx; x++) {
                block1x1(a, aOff + x * xStride, yStride, ny, b, rv, bStride, c, x * cStride + rv, accumulate, factor);
            }
        }
    }

    static void block8x2(float[] a, int aOff, int xs, int ys, int ny, float[] b, int bOff, int bStride,
                                 float[] c, int cOff, int cStride, boolean accumulate, float factor) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        int c0 = cOff;
        int c1 = c0 + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        int c4 = c3 + cStride;
        int c5 = c4 + cStride;
        int c6 = c5 + cStride;
        int c7 = c6 + cStride;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, c0);
            c01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, c, c1);
            c11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, c, c2);
            c21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, c, c3);
            c31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
            c40 = FloatVector.fromArray(SPECIES, c, c4);
            c41 = FloatVector.fromArray(SPECIES, c, c4 + LANES);
            c50 = FloatVector.fromArray(SPECIES, c, c5);
            c51 = FloatVector.fromArray(SPECIES, c, c5 + LANES);
            c60 = FloatVector.fromArray(SPECIES, c, c6);
            c61 = FloatVector.fromArray(SPECIES, c, c6 + LANES);
            c70 = FloatVector.fromArray(SPECIES, c, c7);
            c71 = FloatVector.fromArray(SPECIES, c, c7 + LANES);
        } else {
            FloatVector z = FloatVector.zero(SPECIES);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z;
            c40 = z; c41 = z; c50 = z; c51 = z; c60 = z; c61 = z; c70 = z; c71 = z;
        }
        int a0 = aOff;
        int a1 = a0 + xs;
        int a2 = a1 + xs;
        int a3 = a2 + xs;
        int a4 = a3 + xs;
        int a5 = a4 + xs;
        int a6 = a5 + xs;
        int a7 = a6 + xs;
        int bi = bOff;
        int ay = 0;
        for (int y = 0; y < ny; y++, bi += bStride, ay += ys) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector s = FloatVector.broadcast(SPECIES, a[a0 + ay]);
            c00 = s.fma(b0, c00);
            c01 = s.fma(b1, c01);
            s = FloatVector.broadcast(SPECIES, a[a1 + ay]);
            c10 = s.fma(b0, c10);
            c11 = s.fma(b1, c11);
            s = FloatVector.broadcast(SPECIES, a[a2 + ay]);
            c20 = s.fma(b0, c20);
            c21 = s.fma(b1, c21);
            s = FloatVector.broadcast(SPECIES, a[a3 + ay]);
            c30 = s.fma(b0, c30);
            c31 = s.fma(b1, c31);
            s = FloatVector.broadcast(SPECIES, a[a4 + ay]);
            c40 = s.fma(b0, c40);
            c41 = s.fma(b1, c41);
            s = FloatVector.broadcast(SPECIES, a[a5 + ay]);
            c50 = s.fma(b0, c50);
            c51 = s.fma(b1, c51);
            s = FloatVector.broadcast(SPECIES, a[a6 + ay]);
            c60 = s.fma(b0, c60);
            c61 = s.fma(b1, c61);
            s = FloatVector.broadcast(SPECIES, a[a7 + ay]);
            c70 = s.fma(b0, c70);
            c71 = s.fma(b1, c71);
        }
        if (!accumulate) {
            FloatVector f = FloatVector.broadcast(SPECIES, factor);
            c00 = c00.mul(f); c01 = c01.mul(f); c10 = c10.mul(f); c11 = c11.mul(f);
            c20 = c20.mul(f); c21 = c21.mul(f); c30 = c30.mul(f); c31 = c31.mul(f);
            c40 = c40.mul(f); c41 = c41.mul(f); c50 = c50.mul(f); c51 = c51.mul(f);
            c60 = c60.mul(f); c61 = c61.mul(f); c70 = c70.mul(f); c71 = c71.mul(f);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + LANES);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + LANES);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + LANES);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + LANES);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + LANES);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + LANES);
        c60.intoArray(c, c6);
        c61.intoArray(c, c6 + LANES);
        c70.intoArray(c, c7);
        c71.intoArray(c, c7 + LANES);
    }

    /** 4 x-values by 4 row vectors: one broadcast feeds four FMAs. */
    static void block4x4(float[] a, int aOff, int xs, int ys, int ny, float[] b, int bOff, int bStride,
                                 float[] c, int cOff, int cStride, boolean accumulate, float factor) {
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        int o0 = cOff;
        int o1 = o0 + cStride;
        int o2 = o1 + cStride;
        int o3 = o2 + cStride;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, o0);
            c01 = FloatVector.fromArray(SPECIES, c, o0 + LANES);
            c02 = FloatVector.fromArray(SPECIES, c, o0 + 2 * LANES);
            c03 = FloatVector.fromArray(SPECIES, c, o0 + 3 * LANES);
            c10 = FloatVector.fromArray(SPECIES, c, o1);
            c11 = FloatVector.fromArray(SPECIES, c, o1 + LANES);
            c12 = FloatVector.fromArray(SPECIES, c, o1 + 2 * LANES);
            c13 = FloatVector.fromArray(SPECIES, c, o1 + 3 * LANES);
            c20 = FloatVector.fromArray(SPECIES, c, o2);
            c21 = FloatVector.fromArray(SPECIES, c, o2 + LANES);
            c22 = FloatVector.fromArray(SPECIES, c, o2 + 2 * LANES);
            c23 = FloatVector.fromArray(SPECIES, c, o2 + 3 * LANES);
            c30 = FloatVector.fromArray(SPECIES, c, o3);
            c31 = FloatVector.fromArray(SPECIES, c, o3 + LANES);
            c32 = FloatVector.fromArray(SPECIES, c, o3 + 2 * LANES);
            c33 = FloatVector.fromArray(SPECIES, c, o3 + 3 * LANES);
        } else {
            FloatVector z = FloatVector.zero(SPECIES);
            c00 = z; c01 = z; c02 = z; c03 = z; c10 = z; c11 = z; c12 = z; c13 = z;
            c20 = z; c21 = z; c22 = z; c23 = z; c30 = z; c31 = z; c32 = z; c33 = z;
        }
        int a0 = aOff;
        int a1 = a0 + xs;
        int a2 = a1 + xs;
        int a3 = a2 + xs;
        int bi = bOff;
        int ay = 0;
        for (int y = 0; y < ny; y++, bi += bStride, ay += ys) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bi + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bi + 3 * LANES);
            FloatVector s = FloatVector.broadcast(SPECIES, a[a0 + ay]);
            c00 = s.fma(b0, c00);
            c01 = s.fma(b1, c01);
            c02 = s.fma(b2, c02);
            c03 = s.fma(b3, c03);
            s = FloatVector.broadcast(SPECIES, a[a1 + ay]);
            c10 = s.fma(b0, c10);
            c11 = s.fma(b1, c11);
            c12 = s.fma(b2, c12);
            c13 = s.fma(b3, c13);
            s = FloatVector.broadcast(SPECIES, a[a2 + ay]);
            c20 = s.fma(b0, c20);
            c21 = s.fma(b1, c21);
            c22 = s.fma(b2, c22);
            c23 = s.fma(b3, c23);
            s = FloatVector.broadcast(SPECIES, a[a3 + ay]);
            c30 = s.fma(b0, c30);
            c31 = s.fma(b1, c31);
            c32 = s.fma(b2, c32);
            c33 = s.fma(b3, c33);
        }
        if (!accumulate) {
            FloatVector f = FloatVector.broadcast(SPECIES, factor);
            c00 = c00.mul(f); c01 = c01.mul(f); c02 = c02.mul(f); c03 = c03.mul(f);
            c10 = c10.mul(f); c11 = c11.mul(f); c12 = c12.mul(f); c13 = c13.mul(f);
            c20 = c20.mul(f); c21 = c21.mul(f); c22 = c22.mul(f); c23 = c23.mul(f);
            c30 = c30.mul(f); c31 = c31.mul(f); c32 = c32.mul(f); c33 = c33.mul(f);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + LANES);
        c02.intoArray(c, o0 + 2 * LANES);
        c03.intoArray(c, o0 + 3 * LANES);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + LANES);
        c12.intoArray(c, o1 + 2 * LANES);
        c13.intoArray(c, o1 + 3 * LANES);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + LANES);
        c22.intoArray(c, o2 + 2 * LANES);
        c23.intoArray(c, o2 + 3 * LANES);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + LANES);
        c32.intoArray(c, o3 + 2 * LANES);
        c33.intoArray(c, o3 + 3 * LANES);
    }

    /**
     * {@link #multiply} with A read in place from a native segment, at byte offset aOff with byte strides xStride and
     * yStride: the fp32 K or V tile of a tensor needs no copy into scratch. Only whole 4 x 4 blocks: nx a multiple of
     * 4 and rowLanes a multiple of 4 vectors ({@link #inPlaceApplies}). When {@code columnMax} is given (and not
     * accumulating), it also takes per lane the maximum of what it held and of C's column (NaN never wins), so that a
     * softmax step need not scan the tile for it.
     */
    static void multiply(MemorySegment a, long aOff, long xStride, long yStride, int nx, int ny, float[] b,
                         int bStride, float[] c, int cStride, int rowLanes, boolean accumulate, float factor,
                         float[] columnMax) {
        for (int rv = 0; rv < rowLanes; rv += 4 * LANES) {
            for (int x = 0; x < nx; x += 4) {
                block4x4(a, aOff + x * xStride, xStride, yStride, ny, b, rv, bStride, c, x * cStride + rv, cStride,
                        accumulate, factor);
                if (columnMax != null && !accumulate) {
                    // read back while in L1: inside the block kernel these operations exhaust C2's inlining budget
                    foldMax(columnMax, rv, c, x * cStride + rv, cStride);
                }
            }
        }
    }

    /**
     * Whether {@link #multiply(MemorySegment, long, long, long, int, int, float[], int, float[], int, int, boolean,
     * float, float[])} takes these sizes.
     */
    static boolean inPlaceApplies(int nx, int rowLanes) {
        return nx % 4 == 0 && rowLanes % (4 * LANES) == 0;
    }

    /**
     * {@link #block4x4} with A read in place from a native segment (offset and strides in bytes). A copy of the array
     * kernel on purpose: one kernel fed both heap segments (scratch arrays) and native ones measured 39 and 57
     * GFLOP/s against 110 for native alone, as C2's profile of the segment class turns polymorphic.
     */
    static void block4x4(MemorySegment a, long aOff, long xs, long ys, int ny, float[] b, int bOff, int bStride,
                         float[] c, int cOff, int cStride, boolean accumulate, float factor) {
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        int o0 = cOff;
        int o1 = o0 + cStride;
        int o2 = o1 + cStride;
        int o3 = o2 + cStride;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, o0);
            c01 = FloatVector.fromArray(SPECIES, c, o0 + LANES);
            c02 = FloatVector.fromArray(SPECIES, c, o0 + 2 * LANES);
            c03 = FloatVector.fromArray(SPECIES, c, o0 + 3 * LANES);
            c10 = FloatVector.fromArray(SPECIES, c, o1);
            c11 = FloatVector.fromArray(SPECIES, c, o1 + LANES);
            c12 = FloatVector.fromArray(SPECIES, c, o1 + 2 * LANES);
            c13 = FloatVector.fromArray(SPECIES, c, o1 + 3 * LANES);
            c20 = FloatVector.fromArray(SPECIES, c, o2);
            c21 = FloatVector.fromArray(SPECIES, c, o2 + LANES);
            c22 = FloatVector.fromArray(SPECIES, c, o2 + 2 * LANES);
            c23 = FloatVector.fromArray(SPECIES, c, o2 + 3 * LANES);
            c30 = FloatVector.fromArray(SPECIES, c, o3);
            c31 = FloatVector.fromArray(SPECIES, c, o3 + LANES);
            c32 = FloatVector.fromArray(SPECIES, c, o3 + 2 * LANES);
            c33 = FloatVector.fromArray(SPECIES, c, o3 + 3 * LANES);
        } else {
            FloatVector z = FloatVector.zero(SPECIES);
            c00 = z; c01 = z; c02 = z; c03 = z; c10 = z; c11 = z; c12 = z; c13 = z;
            c20 = z; c21 = z; c22 = z; c23 = z; c30 = z; c31 = z; c32 = z; c33 = z;
        }
        long a0 = aOff;
        long a1 = a0 + xs;
        long a2 = a1 + xs;
        long a3 = a2 + xs;
        int bi = bOff;
        long ay = 0;
        for (int y = 0; y < ny; y++, bi += bStride, ay += ys) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bi + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bi + 3 * LANES);
            FloatVector s = FloatVector.broadcast(SPECIES, a.get(F32, a0 + ay));
            c00 = s.fma(b0, c00);
            c01 = s.fma(b1, c01);
            c02 = s.fma(b2, c02);
            c03 = s.fma(b3, c03);
            s = FloatVector.broadcast(SPECIES, a.get(F32, a1 + ay));
            c10 = s.fma(b0, c10);
            c11 = s.fma(b1, c11);
            c12 = s.fma(b2, c12);
            c13 = s.fma(b3, c13);
            s = FloatVector.broadcast(SPECIES, a.get(F32, a2 + ay));
            c20 = s.fma(b0, c20);
            c21 = s.fma(b1, c21);
            c22 = s.fma(b2, c22);
            c23 = s.fma(b3, c23);
            s = FloatVector.broadcast(SPECIES, a.get(F32, a3 + ay));
            c30 = s.fma(b0, c30);
            c31 = s.fma(b1, c31);
            c32 = s.fma(b2, c32);
            c33 = s.fma(b3, c33);
        }
        if (!accumulate) {
            FloatVector f = FloatVector.broadcast(SPECIES, factor);
            c00 = c00.mul(f); c01 = c01.mul(f); c02 = c02.mul(f); c03 = c03.mul(f);
            c10 = c10.mul(f); c11 = c11.mul(f); c12 = c12.mul(f); c13 = c13.mul(f);
            c20 = c20.mul(f); c21 = c21.mul(f); c22 = c22.mul(f); c23 = c23.mul(f);
            c30 = c30.mul(f); c31 = c31.mul(f); c32 = c32.mul(f); c33 = c33.mul(f);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + LANES);
        c02.intoArray(c, o0 + 2 * LANES);
        c03.intoArray(c, o0 + 3 * LANES);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + LANES);
        c12.intoArray(c, o1 + 2 * LANES);
        c13.intoArray(c, o1 + 3 * LANES);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + LANES);
        c22.intoArray(c, o2 + 2 * LANES);
        c23.intoArray(c, o2 + 3 * LANES);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + LANES);
        c32.intoArray(c, o3 + 2 * LANES);
        c33.intoArray(c, o3 + 3 * LANES);
    }

    /**
     * max[at, at + 4 vectors) = the lane-wise maximum of itself and of the four rows of C at cOff, cStride apart, by
     * compare and blend (NaN never wins).
     */
    private static void foldMax(float[] max, int at, float[] c, int cOff, int cStride) {
        for (int k = 0; k < 4 * LANES; k += LANES) {
            FloatVector m = FloatVector.fromArray(SPECIES, max, at + k);
            for (int x = 0, t = cOff + k; x < 4; x++, t += cStride) {
                FloatVector v = FloatVector.fromArray(SPECIES, c, t);
                m = m.blend(v, v.compare(VectorOperators.GT, m));
            }
            m.intoArray(max, at + k);
        }
    }

    static void block1x2(float[] a, int aOff, int ys, int ny, float[] b, int bOff, int bStride, float[] c,
                                 int cOff, boolean accumulate, float factor) {
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
        int ai = aOff;
        for (int y = 0; y < ny; y++, bi += bStride, ai += ys) {
            FloatVector s = FloatVector.broadcast(SPECIES, a[ai]);
            c0 = s.fma(FloatVector.fromArray(SPECIES, b, bi), c0);
            c1 = s.fma(FloatVector.fromArray(SPECIES, b, bi + LANES), c1);
        }
        if (!accumulate) {
            c0 = c0.mul(factor);
            c1 = c1.mul(factor);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + LANES);
    }

    static void block8x1(float[] a, int aOff, int xs, int ys, int ny, float[] b, int bOff, int bStride,
                                 float[] c, int cOff, int cStride, boolean accumulate, float factor) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        int o0 = cOff;
        int o1 = o0 + cStride;
        int o2 = o1 + cStride;
        int o3 = o2 + cStride;
        int o4 = o3 + cStride;
        int o5 = o4 + cStride;
        int o6 = o5 + cStride;
        int o7 = o6 + cStride;
        if (accumulate) {
            c0 = FloatVector.fromArray(SPECIES, c, o0);
            c1 = FloatVector.fromArray(SPECIES, c, o1);
            c2 = FloatVector.fromArray(SPECIES, c, o2);
            c3 = FloatVector.fromArray(SPECIES, c, o3);
            c4 = FloatVector.fromArray(SPECIES, c, o4);
            c5 = FloatVector.fromArray(SPECIES, c, o5);
            c6 = FloatVector.fromArray(SPECIES, c, o6);
            c7 = FloatVector.fromArray(SPECIES, c, o7);
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
        int bi = bOff;
        int ay = 0;
        for (int y = 0; y < ny; y++, bi += bStride, ay += ys) {
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
        c0.intoArray(c, o0);
        c1.intoArray(c, o1);
        c2.intoArray(c, o2);
        c3.intoArray(c, o3);
        c4.intoArray(c, o4);
        c5.intoArray(c, o5);
        c6.intoArray(c, o6);
        c7.intoArray(c, o7);
    }

    static void block1x1(float[] a, int aOff, int ys, int ny, float[] b, int bOff, int bStride, float[] c,
                                 int cOff, boolean accumulate, float factor) {
        FloatVector c0 = accumulate ? FloatVector.fromArray(SPECIES, c, cOff) : FloatVector.zero(SPECIES);
        int bi = bOff;
        int ai = aOff;
        for (int y = 0; y < ny; y++, bi += bStride, ai += ys) {
            c0 = FloatVector.broadcast(SPECIES, a[ai]).fma(FloatVector.fromArray(SPECIES, b, bi), c0);
        }
        if (!accumulate) {
            c0 = c0.mul(factor);
        }
        c0.intoArray(c, cOff);
    }

    /** t[0, n) *= factor; n is a multiple of the vector length. */
    static void scale(float[] t, int n, float factor) {
        FloatVector f = FloatVector.broadcast(SPECIES, factor);
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(SPECIES, t, i).mul(f).intoArray(t, i);
        }
    }

    /** Per-thread blockSum scratch of the overload below. */
    private static final ThreadLocal<float[][]> BLOCK_SUM = ThreadLocal.withInitial(() -> new float[1][0]);

    /** {@link #softmaxStep(float[], int, int, float[], float[], float[], float[])} with per-thread scratch. */
    static boolean softmaxStep(float[] tile, int keys, int rowLanes, float[] m, float[] l, float[] alpha) {
        float[][] holder = BLOCK_SUM.get();
        if (holder[0].length < rowLanes) {
            holder[0] = new float[rowLanes];
        }
        return softmaxStep(tile, keys, rowLanes, m, l, alpha, holder[0]);
    }

    /**
     * One online-softmax step over a logit tile S^T[keys][rowLanes] (base-2 logits): updates the running maximum
     * m and sum l per row, overwrites the tile with the weights 2^(s - m) and leaves in alpha the factor that
     * rescales what was accumulated before; blockSum is scratch. Returns false when every alpha is 1 (nothing to
     * rescale). Each loop has a single exp2 call site: C2 then inlines them all, where a vector passed to a call
     * that is not inlined would be boxed on the heap.
     */
    static boolean softmaxStep(float[] tile, int keys, int rowLanes, float[] m, float[] l, float[] alpha,
                               float[] blockSum) {
        return softmaxStep(tile, keys, rowLanes, m, l, alpha, blockSum, null, 0f);
    }

    /**
     * {@link #softmaxStep(float[], int, int, float[], float[], float[], float[])} that keeps a row's running maximum
     * until the block's maximum exceeds it by more than {@code slack} (base 2): the weights are then at most 2^slack
     * (exact all the same: the maximum only has to keep them finite), and the output is rescaled only when some row's
     * maximum jumps, which after the first blocks is rare. {@code blockMax}, when given, holds each lane's maximum
     * logit of this tile (as {@link #multiply(MemorySegment, long, long, long, int, int, float[], int, float[], int,
     * int, boolean, float, float[])} leaves it), so the tile is not scanned for it.
     */
    static boolean softmaxStep(float[] tile, int keys, int rowLanes, float[] m, float[] l, float[] alpha,
                               float[] blockSum, float[] blockMax, float slack) {
        for (int rv = 0; rv < rowLanes; rv += LANES) {
            FloatVector previous = FloatVector.fromArray(SPECIES, m, rv);
            FloatVector max;
            if (blockMax != null) {
                max = FloatVector.fromArray(SPECIES, blockMax, rv);
            } else {
                max = tileMax(tile, keys, rowLanes, rv);
            }
            max = previous.blend(max, max.compare(VectorOperators.GT, previous.add(slack)));
            // a row that has seen only -inf so far keeps m = -inf; subtracting 0 instead keeps its weights 0, not NaN
            VectorMask<Float> none = max.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY);
            FloatVector base = max.blend(0f, none);
            // two sums taking turns: with few row vectors the adds' latency, not the exponentials, would set the
            // pace; one exp2 call site (see above)
            FloatVector sum0 = FloatVector.zero(SPECIES);
            FloatVector sum1 = sum0;
            for (int j = 0, t = rv; j < keys; j++, t += rowLanes) {
                FloatVector p = VectorMath.exp2(FloatVector.fromArray(SPECIES, tile, t).sub(base));
                p.intoArray(tile, t);
                FloatVector next = sum1.add(p);
                sum1 = sum0;
                sum0 = next;
            }
            sum0.add(sum1).intoArray(blockSum, rv);
            previous.sub(base).intoArray(alpha, rv);
            max.intoArray(m, rv);
        }
        return rescaleFactors(l, alpha, blockSum, rowLanes);
    }

    /**
     * Per lane of the row vector at rv, the maximum of the tile's column (base-2 logits), by compare and blend: cheaper
     * than max(), and a NaN logit never wins (it still reaches its row through its weight). Four partial maxima, so
     * that the compare-blend latency chain does not set the pace when a tile has few row vectors.
     */
    private static FloatVector tileMax(float[] tile, int keys, int rowLanes, int rv) {
        FloatVector m0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int j = 0;
        int t = rv;
        for (; j + 4 <= keys; j += 4, t += 4 * rowLanes) {
            FloatVector s0 = FloatVector.fromArray(SPECIES, tile, t);
            FloatVector s1 = FloatVector.fromArray(SPECIES, tile, t + rowLanes);
            FloatVector s2 = FloatVector.fromArray(SPECIES, tile, t + 2 * rowLanes);
            FloatVector s3 = FloatVector.fromArray(SPECIES, tile, t + 3 * rowLanes);
            m0 = m0.blend(s0, s0.compare(VectorOperators.GT, m0));
            m1 = m1.blend(s1, s1.compare(VectorOperators.GT, m1));
            m2 = m2.blend(s2, s2.compare(VectorOperators.GT, m2));
            m3 = m3.blend(s3, s3.compare(VectorOperators.GT, m3));
        }
        for (; j < keys; j++, t += rowLanes) {
            FloatVector s = FloatVector.fromArray(SPECIES, tile, t);
            m0 = m0.blend(s, s.compare(VectorOperators.GT, m0));
        }
        m0 = m0.blend(m1, m1.compare(VectorOperators.GT, m0));
        m2 = m2.blend(m3, m3.compare(VectorOperators.GT, m2));
        return m0.blend(m2, m2.compare(VectorOperators.GT, m0));
    }

    /** alpha = 2^alpha; l = l * alpha + blockSum; whether any alpha differs from 1. */
    static boolean rescaleFactors(float[] l, float[] alpha, float[] blockSum, int rowLanes) {
        boolean rescale = false;
        for (int rv = 0; rv < rowLanes; rv += LANES) {
            FloatVector a = VectorMath.exp2(FloatVector.fromArray(SPECIES, alpha, rv));
            rescale |= a.compare(VectorOperators.NE, 1f).anyTrue();
            a.intoArray(alpha, rv);
            FloatVector.fromArray(SPECIES, l, rv).fma(a, FloatVector.fromArray(SPECIES, blockSum, rv)).intoArray(l, rv);
        }
        return rescale;
    }

    /** O^T[x][lanes] *= alpha[lanes] for x in [0, nx). */
    static void rescale(float[] o, int nx, int rowLanes, float[] alpha) {
        for (int rv = 0; rv < rowLanes; rv += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, alpha, rv);
            int t = rv;
            for (int x = 0; x < nx; x++, t += rowLanes) {
                FloatVector.fromArray(SPECIES, o, t).mul(a).intoArray(o, t);
            }
        }
    }
}
