package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decode kernels: few query rows against a long run of fp32 keys and values read straight from the caller's
 * memory, so that the stream of K/V from DRAM overlaps the arithmetic instead of going through a copy first.
 * Both products are vectorised along the head dimension: a K or V row is loaded once as whole vectors and used
 * by several query rows at a time. Row counts are padded to a multiple of 8 with zero query rows.
 */
final class DecodeKernels {
    static final VectorSpecies<Float> SPECIES = TileKernels.SPECIES;
    static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private DecodeKernels() {
    }

    /** Query rows per logit block: with two keys, sixteen accumulators. */
    static final int ROW_GROUP = 8;

    private static final VectorMask<Float> PICK_8 = upperMask(8);
    private static final VectorMask<Float> PICK_4 = upperMask(4);
    private static final VectorMask<Float> PICK_2 = upperMask(2);
    private static final VectorMask<Float> PICK_1 = upperMask(1);
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);
    private static final VectorShuffle<Float> BIT_REVERSE = bitReverse();

    /** Whether the decode kernels can read these inputs directly (fp32, whole 16-lane vectors per row). */
    static boolean applies(boolean f32, int headDim, int headDimV) {
        return f32 && LANES == 16 && headDim % LANES == 0 && headDimV % LANES == 0;
    }

    /**
     * scores[j * rowLanes + r] = factor * (q_r . k_j) for keys j < keys and rows r < paddedRows (a multiple of
     * {@link #ROW_GROUP}); q is row-major [paddedRows][d] with zero padding rows; key j starts at byte
     * kAt + j * kRowBytes. Two keys by eight rows: each K vector loaded feeds eight FMAs, each Q vector two; the
     * sixteen dot-product vectors are then summed across lanes together by a transpose-and-add tree (30 vector
     * operations where sixteen reduceLanes, ordered scalar adds on x86, cost several times more). A last odd key
     * is reduced on its own. {@code partial} is scratch of 16 vectors.
     */
    static void logits(float[] q, int paddedRows, int d, MemorySegment k, long kAt, long kRowBytes, int keys,
                       float[] scores, int rowLanes, float factor, float[] partial) {
        int j = 0;
        for (; j + 2 <= keys; j += 2) {
            long row0 = kAt + j * kRowBytes;
            for (int r = 0; r < paddedRows; r += ROW_GROUP) {
                // two calls, not one: together they outgrow C2's inlining budget, and a vector crossing a call
                // that is not inlined is boxed on the heap
                twoKeysEightRows(q, r * d, d, k, row0, row0 + kRowBytes, partial);
                sumAcrossLanes(partial, factor);
                System.arraycopy(partial, 0, scores, j * rowLanes + r, ROW_GROUP);
                System.arraycopy(partial, ROW_GROUP, scores, (j + 1) * rowLanes + r, ROW_GROUP);
            }
        }
        if (j < keys) {
            long row = kAt + j * kRowBytes;
            for (int r = 0; r < paddedRows; r++) {
                FloatVector a = FloatVector.zero(SPECIES);
                for (int c = 0; c < d; c += LANES) {
                    a = FloatVector.fromArray(SPECIES, q, r * d + c)
                            .fma(FloatVector.fromMemorySegment(SPECIES, k, row + (long) c * Float.BYTES, ORDER), a);
                }
                scores[j * rowLanes + r] = a.reduceLanes(VectorOperators.ADD) * factor;
            }
        }
        for (int jj = 0; jj < keys; jj++) {
            for (int r = paddedRows; r < rowLanes; r++) {
                scores[jj * rowLanes + r] = 0f;
            }
        }
    }

    /**
     * Vector i of {@code partial} (i = key * 8 + row) gets the lane-wise products of row i % 8 of the group with
     * key i / 8 of the pair, summed over the head dimension.
     */
    private static void twoKeysEightRows(float[] q, int qAt, int d, MemorySegment k, long row0, long row1,
                                         float[] partial) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0;
        int q0 = qAt;
        int q1 = q0 + d;
        int q2 = q1 + d;
        int q3 = q2 + d;
        int q4 = q3 + d;
        int q5 = q4 + d;
        int q6 = q5 + d;
        int q7 = q6 + d;
        for (int c = 0; c < d; c += LANES) {
            long offset = (long) c * Float.BYTES;
            FloatVector k0 = FloatVector.fromMemorySegment(SPECIES, k, row0 + offset, ORDER);
            FloatVector k1 = FloatVector.fromMemorySegment(SPECIES, k, row1 + offset, ORDER);
            FloatVector x = FloatVector.fromArray(SPECIES, q, q0 + c);
            a0 = x.fma(k0, a0);
            b0 = x.fma(k1, b0);
            x = FloatVector.fromArray(SPECIES, q, q1 + c);
            a1 = x.fma(k0, a1);
            b1 = x.fma(k1, b1);
            x = FloatVector.fromArray(SPECIES, q, q2 + c);
            a2 = x.fma(k0, a2);
            b2 = x.fma(k1, b2);
            x = FloatVector.fromArray(SPECIES, q, q3 + c);
            a3 = x.fma(k0, a3);
            b3 = x.fma(k1, b3);
            x = FloatVector.fromArray(SPECIES, q, q4 + c);
            a4 = x.fma(k0, a4);
            b4 = x.fma(k1, b4);
            x = FloatVector.fromArray(SPECIES, q, q5 + c);
            a5 = x.fma(k0, a5);
            b5 = x.fma(k1, b5);
            x = FloatVector.fromArray(SPECIES, q, q6 + c);
            a6 = x.fma(k0, a6);
            b6 = x.fma(k1, b6);
            x = FloatVector.fromArray(SPECIES, q, q7 + c);
            a7 = x.fma(k0, a7);
            b7 = x.fma(k1, b7);
        }
        a0.intoArray(partial, 0);
        a1.intoArray(partial, LANES);
        a2.intoArray(partial, 2 * LANES);
        a3.intoArray(partial, 3 * LANES);
        a4.intoArray(partial, 4 * LANES);
        a5.intoArray(partial, 5 * LANES);
        a6.intoArray(partial, 6 * LANES);
        a7.intoArray(partial, 7 * LANES);
        b0.intoArray(partial, 8 * LANES);
        b1.intoArray(partial, 9 * LANES);
        b2.intoArray(partial, 10 * LANES);
        b3.intoArray(partial, 11 * LANES);
        b4.intoArray(partial, 12 * LANES);
        b5.intoArray(partial, 13 * LANES);
        b6.intoArray(partial, 14 * LANES);
        b7.intoArray(partial, 15 * LANES);
    }

    /**
     * partial[0, 16) = factor * (sum of the lanes of vector i of {@code partial}), i < 16, 16-lane vectors. Each
     * step halves the vectors: lanes with bit h clear take x[l] + x[l ^ h], lanes with it set y[l] + y[l ^ h]. After
     * the four steps vector i's sum sits in lane bitReverse(i); the last shuffle moves it to lane i. Written as
     * short loops over memory so that C2 compiles every step inline without boxing a vector.
     */
    static void sumAcrossLanes(float[] partial, float factor) {
        for (int m = 0; m < 8; m++) {
            FloatVector x = FloatVector.fromArray(SPECIES, partial, 2 * m * LANES);
            FloatVector y = FloatVector.fromArray(SPECIES, partial, (2 * m + 1) * LANES);
            x.blend(y, PICK_8).add(y.blend(x, PICK_8).rearrange(SWAP_8)).intoArray(partial, m * LANES);
        }
        for (int m = 0; m < 4; m++) {
            FloatVector x = FloatVector.fromArray(SPECIES, partial, 2 * m * LANES);
            FloatVector y = FloatVector.fromArray(SPECIES, partial, (2 * m + 1) * LANES);
            x.blend(y, PICK_4).add(y.blend(x, PICK_4).rearrange(SWAP_4)).intoArray(partial, m * LANES);
        }
        for (int m = 0; m < 2; m++) {
            FloatVector x = FloatVector.fromArray(SPECIES, partial, 2 * m * LANES);
            FloatVector y = FloatVector.fromArray(SPECIES, partial, (2 * m + 1) * LANES);
            x.blend(y, PICK_2).add(y.blend(x, PICK_2).rearrange(SWAP_2)).intoArray(partial, m * LANES);
        }
        FloatVector x = FloatVector.fromArray(SPECIES, partial, 0);
        FloatVector y = FloatVector.fromArray(SPECIES, partial, LANES);
        x.blend(y, PICK_1).add(y.blend(x, PICK_1).rearrange(SWAP_1)).rearrange(BIT_REVERSE).mul(factor)
                .intoArray(partial, 0);
    }

    private static VectorMask<Float> upperMask(int bit) {
        boolean[] set = new boolean[LANES];
        for (int l = 0; l < LANES; l++) {
            set[l] = (l & bit) != 0;
        }
        return VectorMask.fromArray(SPECIES, set, 0);
    }

    private static VectorShuffle<Float> swap(int bit) {
        int[] index = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            index[l] = (l ^ bit) % LANES;
        }
        return VectorShuffle.fromArray(SPECIES, index, 0);
    }

    private static VectorShuffle<Float> bitReverse() {
        int[] index = new int[LANES];
        int bits = Integer.numberOfTrailingZeros(LANES);
        for (int l = 0; l < LANES; l++) {
            index[l] = (Integer.reverse(l) >>> (32 - bits)) % LANES;
        }
        return VectorShuffle.fromArray(SPECIES, index, 0);
    }

    /**
     * o[r * dv + c] += sum_j p[j * rowLanes + r] * v_j[c] for rows r < paddedRows, keys j < keys; value j starts at
     * byte vAt + j * vRowBytes. Blocks of 4 rows by 4 vectors (16 accumulators), then 4 rows by 1 vector.
     */
    static void accumulate(float[] p, int rowLanes, int paddedRows, int keys, MemorySegment v, long vAt,
                           long vRowBytes, int dv, float[] o) {
        for (int r = 0; r < paddedRows; r += 4) {
            int c = 0;
            for (; c + 4 * LANES <= dv; c += 4 * LANES) {
                block4x4(p, rowLanes, r, keys, v, vAt + (long) c * Float.BYTES, vRowBytes, o, r * dv + c, dv);
            }
            for (; c < dv; c += LANES) {
                block4x1(p, rowLanes, r, keys, v, vAt + (long) c * Float.BYTES, vRowBytes, o, r * dv + c, dv);
            }
        }
    }

    private static void block4x4(float[] p, int rowLanes, int r, int keys, MemorySegment v, long vAt, long vRowBytes,
                                 float[] o, int oAt, int dv) {
        int o0 = oAt;
        int o1 = o0 + dv;
        int o2 = o1 + dv;
        int o3 = o2 + dv;
        FloatVector c00 = FloatVector.fromArray(SPECIES, o, o0);
        FloatVector c01 = FloatVector.fromArray(SPECIES, o, o0 + LANES);
        FloatVector c02 = FloatVector.fromArray(SPECIES, o, o0 + 2 * LANES);
        FloatVector c03 = FloatVector.fromArray(SPECIES, o, o0 + 3 * LANES);
        FloatVector c10 = FloatVector.fromArray(SPECIES, o, o1);
        FloatVector c11 = FloatVector.fromArray(SPECIES, o, o1 + LANES);
        FloatVector c12 = FloatVector.fromArray(SPECIES, o, o1 + 2 * LANES);
        FloatVector c13 = FloatVector.fromArray(SPECIES, o, o1 + 3 * LANES);
        FloatVector c20 = FloatVector.fromArray(SPECIES, o, o2);
        FloatVector c21 = FloatVector.fromArray(SPECIES, o, o2 + LANES);
        FloatVector c22 = FloatVector.fromArray(SPECIES, o, o2 + 2 * LANES);
        FloatVector c23 = FloatVector.fromArray(SPECIES, o, o2 + 3 * LANES);
        FloatVector c30 = FloatVector.fromArray(SPECIES, o, o3);
        FloatVector c31 = FloatVector.fromArray(SPECIES, o, o3 + LANES);
        FloatVector c32 = FloatVector.fromArray(SPECIES, o, o3 + 2 * LANES);
        FloatVector c33 = FloatVector.fromArray(SPECIES, o, o3 + 3 * LANES);
        long row = vAt;
        int pj = r;
        for (int j = 0; j < keys; j++, row += vRowBytes, pj += rowLanes) {
            FloatVector v0 = FloatVector.fromMemorySegment(SPECIES, v, row, ORDER);
            FloatVector v1 = FloatVector.fromMemorySegment(SPECIES, v, row + LANES * Float.BYTES, ORDER);
            FloatVector v2 = FloatVector.fromMemorySegment(SPECIES, v, row + 2 * LANES * Float.BYTES, ORDER);
            FloatVector v3 = FloatVector.fromMemorySegment(SPECIES, v, row + 3 * LANES * Float.BYTES, ORDER);
            FloatVector w = FloatVector.broadcast(SPECIES, p[pj]);
            c00 = w.fma(v0, c00);
            c01 = w.fma(v1, c01);
            c02 = w.fma(v2, c02);
            c03 = w.fma(v3, c03);
            w = FloatVector.broadcast(SPECIES, p[pj + 1]);
            c10 = w.fma(v0, c10);
            c11 = w.fma(v1, c11);
            c12 = w.fma(v2, c12);
            c13 = w.fma(v3, c13);
            w = FloatVector.broadcast(SPECIES, p[pj + 2]);
            c20 = w.fma(v0, c20);
            c21 = w.fma(v1, c21);
            c22 = w.fma(v2, c22);
            c23 = w.fma(v3, c23);
            w = FloatVector.broadcast(SPECIES, p[pj + 3]);
            c30 = w.fma(v0, c30);
            c31 = w.fma(v1, c31);
            c32 = w.fma(v2, c32);
            c33 = w.fma(v3, c33);
        }
        c00.intoArray(o, o0);
        c01.intoArray(o, o0 + LANES);
        c02.intoArray(o, o0 + 2 * LANES);
        c03.intoArray(o, o0 + 3 * LANES);
        c10.intoArray(o, o1);
        c11.intoArray(o, o1 + LANES);
        c12.intoArray(o, o1 + 2 * LANES);
        c13.intoArray(o, o1 + 3 * LANES);
        c20.intoArray(o, o2);
        c21.intoArray(o, o2 + LANES);
        c22.intoArray(o, o2 + 2 * LANES);
        c23.intoArray(o, o2 + 3 * LANES);
        c30.intoArray(o, o3);
        c31.intoArray(o, o3 + LANES);
        c32.intoArray(o, o3 + 2 * LANES);
        c33.intoArray(o, o3 + 3 * LANES);
    }

    private static void block4x1(float[] p, int rowLanes, int r, int keys, MemorySegment v, long vAt, long vRowBytes,
                                 float[] o, int oAt, int dv) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, o, oAt);
        FloatVector c1 = FloatVector.fromArray(SPECIES, o, oAt + dv);
        FloatVector c2 = FloatVector.fromArray(SPECIES, o, oAt + 2 * dv);
        FloatVector c3 = FloatVector.fromArray(SPECIES, o, oAt + 3 * dv);
        long row = vAt;
        int pj = r;
        for (int j = 0; j < keys; j++, row += vRowBytes, pj += rowLanes) {
            FloatVector v0 = FloatVector.fromMemorySegment(SPECIES, v, row, ORDER);
            c0 = FloatVector.broadcast(SPECIES, p[pj]).fma(v0, c0);
            c1 = FloatVector.broadcast(SPECIES, p[pj + 1]).fma(v0, c1);
            c2 = FloatVector.broadcast(SPECIES, p[pj + 2]).fma(v0, c2);
            c3 = FloatVector.broadcast(SPECIES, p[pj + 3]).fma(v0, c3);
        }
        c0.intoArray(o, oAt);
        c1.intoArray(o, oAt + dv);
        c2.intoArray(o, oAt + 2 * dv);
        c3.intoArray(o, oAt + 3 * dv);
    }

    /** o[r * dv + c] *= alpha[r] for rows r < paddedRows. */
    static void rescale(float[] o, int paddedRows, int dv, float[] alpha) {
        for (int r = 0; r < paddedRows; r++) {
            FloatVector a = FloatVector.broadcast(SPECIES, alpha[r]);
            for (int c = r * dv, end = c + dv; c < end; c += LANES) {
                FloatVector.fromArray(SPECIES, o, c).mul(a).intoArray(o, c);
            }
        }
    }
}
