package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decode kernels: few query rows against a long run of keys and values. The fp32 keys and values are read straight
 * from the caller's memory, so that their stream from DRAM overlaps the arithmetic instead of going through a copy
 * first, and each K or V row is loaded once for all the rows. A lone row (multi-head decode) is computed alone;
 * more rows are padded with zero query rows to groups of eight ({@link #paddedRows}).
 */
final class DecodeKernels {
    static final VectorSpecies<Float> SPECIES = TileKernels.SPECIES;
    static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Query rows per logit group: pairs of head-dimension columns fill the sixteen lanes. */
    static final int ROW_GROUP = 8;

    private static final VectorSpecies<Long> PAIR_SPECIES = LongVector.SPECIES_512;
    private static final ValueLayout.OfLong PAIR = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final VectorShuffle<Float> EVEN_LANES = evenLanes();
    private static final VectorMask<Float> LOW_HALF = VectorMask.fromLong(SPECIES, (1L << (LANES / 2)) - 1);

    private static final VectorMask<Float> PICK_8 = upperMask(8);
    private static final VectorMask<Float> PICK_4 = upperMask(4);
    private static final VectorMask<Float> PICK_2 = upperMask(2);
    private static final VectorMask<Float> PICK_1 = upperMask(1);
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);
    private static final VectorShuffle<Float> BIT_REVERSE = bitReverse();

    /** Keys whose logits the one-row kernel reduces together (one transpose-and-add tree). */
    private static final int ONE_ROW_KEYS = 16;

    private DecodeKernels() {
    }

    /** Whether the decode kernels apply: fp32 K and V (read in place), whole 16-lane vectors per row. */
    static boolean applies(boolean f32, int headDim, int headDimV) {
        return f32 && LANES == 16 && headDim % LANES == 0 && headDimV % LANES == 0;
    }

    /** Rows the kernels compute for {@code rows} query rows: a lone row stays alone, more fill groups of eight. */
    static int paddedRows(int rows) {
        return rows <= 1 ? 1 : (rows + ROW_GROUP - 1) / ROW_GROUP * ROW_GROUP;
    }

    /**
     * Lays out row-major queries q[paddedRows][d] (zero padding rows included) for {@link #logits}: a lone row is
     * copied as is; each group of eight rows becomes, per column pair (2i, 2i + 1), the 16-lane vector
     * [q0[2i], q0[2i+1], q1[2i], q1[2i+1], ..., q7[2i+1]], so that one 64-bit broadcast of a key's column pair
     * multiplies all eight rows at once.
     */
    static void prepareQueries(float[] q, int paddedRows, int d, float[] prepared) {
        if (paddedRows == 1) {
            System.arraycopy(q, 0, prepared, 0, d);
            return;
        }
        for (int g = 0; g < paddedRows; g += ROW_GROUP) {
            int groupAt = g * d;
            for (int r = 0; r < ROW_GROUP; r++) {
                int row = (g + r) * d;
                for (int i = 0; i < d / 2; i++) {
                    prepared[groupAt + i * LANES + 2 * r] = q[row + 2 * i];
                    prepared[groupAt + i * LANES + 2 * r + 1] = q[row + 2 * i + 1];
                }
            }
        }
    }

    /**
     * scores[j * rowLanes + r] = factor * (q_r . k_j) for keys j < keys and rows r < paddedRows (from
     * {@link #paddedRows}); lanes r >= paddedRows are left as they are. {@code prepared} comes from
     * {@link #prepareQueries}; key j's fp32 row is read in place at byte kAt + j * kRowBytes. Eight rows: four keys
     * at a time, per column pair one query vector load feeds four FMAs whose other operand is the key's pair
     * broadcast straight from its row; no reduction across lanes is needed but one add of the two halves of each
     * pair. One row: dot products along the head dimension, summed across lanes sixteen keys at a time
     * ({@code partial} is scratch of 16 vectors).
     */
    static void logits(float[] prepared, int paddedRows, int d, MemorySegment k, long kAt, long kRowBytes, int keys,
                       float[] scores, int rowLanes, float factor, float[] partial) {
        if (paddedRows == 1) {
            oneRowLogits(prepared, d, k, kAt, kRowBytes, keys, scores, rowLanes, factor, partial);
            return;
        }
        int half = d / 2;
        for (int g = 0; g < paddedRows; g += ROW_GROUP) {
            int groupAt = g * d;
            int j = 0;
            for (; j + 4 <= keys; j += 4) {
                fourKeysPaired(prepared, groupAt, half, k, kAt + j * kRowBytes, kRowBytes, scores, j * rowLanes + g,
                        rowLanes, factor);
            }
            for (; j < keys; j++) {
                oneKeyPaired(prepared, groupAt, half, k, kAt + j * kRowBytes, scores, j * rowLanes + g, factor);
            }
        }
    }

    /** Four keys (more measured slower: the segment offsets then crowd out the accumulators). */
    private static void fourKeysPaired(float[] prepared, int groupAt, int half, MemorySegment k, long rowAt,
                                       long rowBytes, float[] scores, int scoresAt, int rowLanes, float factor) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0, a2 = a0, a3 = a0;
        long k0 = rowAt;
        long k1 = k0 + rowBytes;
        long k2 = k1 + rowBytes;
        long k3 = k2 + rowBytes;
        for (int i = 0; i < half; i++) {
            FloatVector x = FloatVector.fromArray(SPECIES, prepared, groupAt + i * LANES);
            long at = (long) i * Long.BYTES;
            a0 = x.fma(pair(k.get(PAIR, k0 + at)), a0);
            a1 = x.fma(pair(k.get(PAIR, k1 + at)), a1);
            a2 = x.fma(pair(k.get(PAIR, k2 + at)), a2);
            a3 = x.fma(pair(k.get(PAIR, k3 + at)), a3);
        }
        storePairSums(a0, scores, scoresAt, factor);
        storePairSums(a1, scores, scoresAt + rowLanes, factor);
        storePairSums(a2, scores, scoresAt + 2 * rowLanes, factor);
        storePairSums(a3, scores, scoresAt + 3 * rowLanes, factor);
    }

    private static void oneKeyPaired(float[] prepared, int groupAt, int half, MemorySegment k, long rowAt,
                                     float[] scores, int scoresAt, float factor) {
        FloatVector a = FloatVector.zero(SPECIES);
        for (int i = 0; i < half; i++) {
            a = FloatVector.fromArray(SPECIES, prepared, groupAt + i * LANES)
                    .fma(pair(k.get(PAIR, rowAt + (long) i * Long.BYTES)), a);
        }
        storePairSums(a, scores, scoresAt, factor);
    }

    /** A key's column pair (as the bits of one long), repeated over the 16 lanes. */
    private static FloatVector pair(long columns) {
        return LongVector.broadcast(PAIR_SPECIES, columns).reinterpretAsFloats();
    }

    /** Lanes 2r and 2r + 1 of {@code a} hold row r's two halves: their sum times factor goes to scores[at + r]. */
    private static void storePairSums(FloatVector a, float[] scores, int at, float factor) {
        a.add(a.rearrange(SWAP_1)).rearrange(EVEN_LANES).mul(factor).intoArray(scores, at, LOW_HALF);
    }

    private static void oneRowLogits(float[] q, int d, MemorySegment k, long kAt, long kRowBytes, int keys,
                                     float[] scores, int rowLanes, float factor, float[] partial) {
        int j = 0;
        for (; j + ONE_ROW_KEYS <= keys; j += ONE_ROW_KEYS) {
            for (int m = 0; m < ONE_ROW_KEYS; m += 4) {
                fourKeysOneRow(q, d, k, kAt + (j + m) * kRowBytes, kRowBytes, partial, m * LANES);
            }
            sumAcrossLanes(partial, factor);
            for (int m = 0; m < ONE_ROW_KEYS; m++) {
                scores[(j + m) * rowLanes] = partial[m];
            }
        }
        for (; j < keys; j++) {
            long row = kAt + j * kRowBytes;
            FloatVector a = FloatVector.zero(SPECIES);
            for (int c = 0; c < d; c += LANES) {
                a = FloatVector.fromArray(SPECIES, q, c).fma(
                        FloatVector.fromMemorySegment(SPECIES, k, row + (long) c * Float.BYTES, ORDER), a);
            }
            scores[j * rowLanes] = a.reduceLanes(VectorOperators.ADD) * factor;
        }
    }

    /** Vectors at partial[at + m * 16], m < 4: lane-wise products of q with key m of the four, summed over d. */
    private static void fourKeysOneRow(float[] q, int d, MemorySegment k, long rowAt, long rowBytes, float[] partial,
                                       int at) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0, a2 = a0, a3 = a0;
        long k0 = rowAt;
        long k1 = k0 + rowBytes;
        long k2 = k1 + rowBytes;
        long k3 = k2 + rowBytes;
        for (int c = 0; c < d; c += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, q, c);
            long o = (long) c * Float.BYTES;
            a0 = x.fma(FloatVector.fromMemorySegment(SPECIES, k, k0 + o, ORDER), a0);
            a1 = x.fma(FloatVector.fromMemorySegment(SPECIES, k, k1 + o, ORDER), a1);
            a2 = x.fma(FloatVector.fromMemorySegment(SPECIES, k, k2 + o, ORDER), a2);
            a3 = x.fma(FloatVector.fromMemorySegment(SPECIES, k, k3 + o, ORDER), a3);
        }
        a0.intoArray(partial, at);
        a1.intoArray(partial, at + LANES);
        a2.intoArray(partial, at + 2 * LANES);
        a3.intoArray(partial, at + 3 * LANES);
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

    /** Lane l takes lane 2l (the first eight lanes; the rest repeat them). */
    private static VectorShuffle<Float> evenLanes() {
        int[] index = new int[LANES];
        for (int l = 0; l < LANES; l++) {
            index[l] = (2 * l) % LANES;
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
     * o[r * dv + c] += sum_j p[j * keyStep + r * rowStep] * v_j[c] for rows r < paddedRows, keys j < keys (weights
     * [keys][rowLanes] have keyStep rowLanes and rowStep 1; row-major weights the other way round); value j starts at
     * byte vAt + j * vRowBytes. Blocks of 4 rows by 4 vectors (16 accumulators), then 4 rows by 1 vector; a lone row
     * by 4 vectors, then by 1.
     */
    static void accumulate(float[] p, int keyStep, int rowStep, int paddedRows, int keys, MemorySegment v,
                           long vAt, long vRowBytes, int dv, float[] o) {
        if (paddedRows == 1) {
            int c = 0;
            for (; c + 4 * LANES <= dv; c += 4 * LANES) {
                block1x4(p, keyStep, keys, v, vAt + (long) c * Float.BYTES, vRowBytes, o, c);
            }
            for (; c < dv; c += LANES) {
                block1x1(p, keyStep, keys, v, vAt + (long) c * Float.BYTES, vRowBytes, o, c);
            }
            return;
        }
        for (int r = 0; r < paddedRows; r += 4) {
            int c = 0;
            for (; c + 4 * LANES <= dv; c += 4 * LANES) {
                block4x4(p, keyStep, rowStep, r, keys, v, vAt + (long) c * Float.BYTES, vRowBytes, o, r * dv + c,
                        dv);
            }
            for (; c < dv; c += LANES) {
                block4x1(p, keyStep, rowStep, r, keys, v, vAt + (long) c * Float.BYTES, vRowBytes, o, r * dv + c,
                        dv);
            }
        }
    }

    private static void block4x4(float[] p, int keyStep, int rowStep, int r, int keys, MemorySegment v, long vAt,
                                 long vRowBytes, float[] o, int oAt, int dv) {
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
        int pj = r * rowStep;
        for (int j = 0; j < keys; j++, row += vRowBytes, pj += keyStep) {
            FloatVector v0 = FloatVector.fromMemorySegment(SPECIES, v, row, ORDER);
            FloatVector v1 = FloatVector.fromMemorySegment(SPECIES, v, row + LANES * Float.BYTES, ORDER);
            FloatVector v2 = FloatVector.fromMemorySegment(SPECIES, v, row + 2 * LANES * Float.BYTES, ORDER);
            FloatVector v3 = FloatVector.fromMemorySegment(SPECIES, v, row + 3 * LANES * Float.BYTES, ORDER);
            FloatVector w = FloatVector.broadcast(SPECIES, p[pj]);
            c00 = w.fma(v0, c00);
            c01 = w.fma(v1, c01);
            c02 = w.fma(v2, c02);
            c03 = w.fma(v3, c03);
            w = FloatVector.broadcast(SPECIES, p[pj + rowStep]);
            c10 = w.fma(v0, c10);
            c11 = w.fma(v1, c11);
            c12 = w.fma(v2, c12);
            c13 = w.fma(v3, c13);
            w = FloatVector.broadcast(SPECIES, p[pj + 2 * rowStep]);
            c20 = w.fma(v0, c20);
            c21 = w.fma(v1, c21);
            c22 = w.fma(v2, c22);
            c23 = w.fma(v3, c23);
            w = FloatVector.broadcast(SPECIES, p[pj + 3 * rowStep]);
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

    private static void block4x1(float[] p, int keyStep, int rowStep, int r, int keys, MemorySegment v, long vAt,
                                 long vRowBytes, float[] o, int oAt, int dv) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, o, oAt);
        FloatVector c1 = FloatVector.fromArray(SPECIES, o, oAt + dv);
        FloatVector c2 = FloatVector.fromArray(SPECIES, o, oAt + 2 * dv);
        FloatVector c3 = FloatVector.fromArray(SPECIES, o, oAt + 3 * dv);
        long row = vAt;
        int pj = r * rowStep;
        for (int j = 0; j < keys; j++, row += vRowBytes, pj += keyStep) {
            FloatVector v0 = FloatVector.fromMemorySegment(SPECIES, v, row, ORDER);
            c0 = FloatVector.broadcast(SPECIES, p[pj]).fma(v0, c0);
            c1 = FloatVector.broadcast(SPECIES, p[pj + rowStep]).fma(v0, c1);
            c2 = FloatVector.broadcast(SPECIES, p[pj + 2 * rowStep]).fma(v0, c2);
            c3 = FloatVector.broadcast(SPECIES, p[pj + 3 * rowStep]).fma(v0, c3);
        }
        c0.intoArray(o, oAt);
        c1.intoArray(o, oAt + dv);
        c2.intoArray(o, oAt + 2 * dv);
        c3.intoArray(o, oAt + 3 * dv);
    }

    private static void block1x4(float[] p, int keyStep, int keys, MemorySegment v, long vAt, long vRowBytes,
                                 float[] o, int oAt) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, o, oAt);
        FloatVector c1 = FloatVector.fromArray(SPECIES, o, oAt + LANES);
        FloatVector c2 = FloatVector.fromArray(SPECIES, o, oAt + 2 * LANES);
        FloatVector c3 = FloatVector.fromArray(SPECIES, o, oAt + 3 * LANES);
        long row = vAt;
        for (int j = 0, pj = 0; j < keys; j++, row += vRowBytes, pj += keyStep) {
            FloatVector w = FloatVector.broadcast(SPECIES, p[pj]);
            c0 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row, ORDER), c0);
            c1 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row + LANES * Float.BYTES, ORDER), c1);
            c2 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row + 2 * LANES * Float.BYTES, ORDER), c2);
            c3 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row + 3 * LANES * Float.BYTES, ORDER), c3);
        }
        c0.intoArray(o, oAt);
        c1.intoArray(o, oAt + LANES);
        c2.intoArray(o, oAt + 2 * LANES);
        c3.intoArray(o, oAt + 3 * LANES);
    }

    private static void block1x1(float[] p, int keyStep, int keys, MemorySegment v, long vAt, long vRowBytes,
                                 float[] o, int oAt) {
        FloatVector c0 = FloatVector.fromArray(SPECIES, o, oAt);
        long row = vAt;
        for (int j = 0, pj = 0; j < keys; j++, row += vRowBytes, pj += keyStep) {
            c0 = FloatVector.broadcast(SPECIES, p[pj]).fma(FloatVector.fromMemorySegment(SPECIES, v, row, ORDER), c0);
        }
        c0.intoArray(o, oAt);
    }

    /**
     * o[oAt + c] += sum_t weights[t] * v_{rows[t]}[c] for t < count, c < dv: one query row's kept keys, value row j
     * at byte vAt + j * vRowBytes. The loop has no branch on the data, so the loads of successive kept rows overlap
     * (a sparse gather is bound by memory latency, not bandwidth); the output stays in registers meanwhile.
     */
    static void gatherAccumulate(float[] weights, int[] rows, int count, MemorySegment v, long vAt, long vRowBytes,
                                 int dv, float[] o, int oAt) {
        int c = 0;
        for (; c + 4 * LANES <= dv; c += 4 * LANES) {
            long at = vAt + (long) c * Float.BYTES;
            FloatVector c0 = FloatVector.fromArray(SPECIES, o, oAt + c);
            FloatVector c1 = FloatVector.fromArray(SPECIES, o, oAt + c + LANES);
            FloatVector c2 = FloatVector.fromArray(SPECIES, o, oAt + c + 2 * LANES);
            FloatVector c3 = FloatVector.fromArray(SPECIES, o, oAt + c + 3 * LANES);
            for (int t = 0; t < count; t++) {
                long row = at + rows[t] * vRowBytes;
                FloatVector w = FloatVector.broadcast(SPECIES, weights[t]);
                c0 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row, ORDER), c0);
                c1 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row + LANES * Float.BYTES, ORDER), c1);
                c2 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row + 2 * LANES * Float.BYTES, ORDER), c2);
                c3 = w.fma(FloatVector.fromMemorySegment(SPECIES, v, row + 3 * LANES * Float.BYTES, ORDER), c3);
            }
            c0.intoArray(o, oAt + c);
            c1.intoArray(o, oAt + c + LANES);
            c2.intoArray(o, oAt + c + 2 * LANES);
            c3.intoArray(o, oAt + c + 3 * LANES);
        }
        for (; c + LANES <= dv; c += LANES) {
            long at = vAt + (long) c * Float.BYTES;
            FloatVector c0 = FloatVector.fromArray(SPECIES, o, oAt + c);
            for (int t = 0; t < count; t++) {
                c0 = FloatVector.broadcast(SPECIES, weights[t])
                        .fma(FloatVector.fromMemorySegment(SPECIES, v, at + rows[t] * vRowBytes, ORDER), c0);
            }
            c0.intoArray(o, oAt + c);
        }
        for (; c < dv; c++) {
            long at = vAt + (long) c * Float.BYTES;
            float sum = o[oAt + c];
            for (int t = 0; t < count; t++) {
                sum += weights[t] * v.get(ValueLayout.JAVA_FLOAT_UNALIGNED, at + rows[t] * vRowBytes);
            }
            o[oAt + c] = sum;
        }
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
