package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseAttention;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;
import org.panattn.internal.Parallel;

/**
 * Flash-style dense attention on the Vector API.
 *
 * <p>Work is cut into row sets: a block of consecutive queries of one head (prefill), or every query of every
 * head of one GQA group (decode, few queries), so that each K/V row is read once for all of them. A row set
 * walks its visible keys in blocks: the block is converted to fp32 scratch, the logit tile S^T = K Q^T is formed
 * with rows in vector lanes, masked only where the block crosses a row's visible range, turned into weights by an
 * online softmax step, and accumulated into O^T += V^T P^T. A decode row set with fp32 K/V instead reads them in
 * place ({@link DecodeKernels}). When a decode problem has fewer row sets than the threads can use, the keys are
 * split too and the partial results merged through their log-sum-exp.
 *
 * <p>Known limit: a non-finite value in V at a key that some rows of a tile mask out (but others see) can still
 * reach the masked rows as 0 * inf = NaN; finite inputs, and NaN/inf in Q or K, behave as the reference.
 */
final class SimdDense implements DenseAttention {
    private static final int LANES = TileKernels.LANES;
    /** Keys per block: the K, V and logit tiles of one block stay in L1/L2 next to the row set's Q^T and O^T. */
    static final int BLOCK_KEYS = 128;
    /** Queries per prefill row set: K/V packing is shared by this many rows. */
    static final int BLOCK_QUERIES = Math.max(64, 4 * LANES);
    /**
     * At most this many queries per head make a call a decode: rows are then grouped by kv head instead, so each K
     * and V row is read once for the group. So is a call whose whole GQA group of rows fits one decode row set.
     */
    static final int DECODE_MAX_QUERIES = 4;
    /** Rows of one decode row set (a larger GQA group is cut into several). */
    static final int DECODE_MAX_ROWS = 64;
    /** A key split shorter than this costs more in merging than it gains in parallelism. */
    static final long MIN_SPLIT_KEYS = 512;
    /** Bound on one scratch array, so that absurd head sizes fail cleanly up front. */
    private static final long MAX_SCRATCH_FLOATS = 1L << 28;
    /**
     * A row's running maximum (base 2) is raised only when a block exceeds it by more than this: weights stay below
     * 2^8, and the output is rarely rescaled once the first blocks have set the maximum.
     */
    private static final float MAX_SLACK = 8f;
    private static final double LN2 = Math.log(2.0);
    private static final double LOG2E = 1.0 / LN2;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    private final Parallel parallel;

    SimdDense(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, DenseSpec spec) {
        if (out == null) {
            throw new IllegalArgumentException("out: expected a tensor, got null");
        }
        DenseProblem p = DenseProblem.of(q, k, v, out, lse, spec).requireDevice(Device.CPU, "cpu");
        if (p.batch() == 0 || p.headsQ() == 0 || p.nq() == 0) {
            return;
        }
        requireFits(p);
        Call call = new Call(p);
        // tensors of a confined arena may only be touched by their owner thread: then the caller does everything
        Parallel workers = parallel.forTensors(q, k, v, out, lse);
        if (p.nq() <= DECODE_MAX_QUERIES || p.group() * p.nq() <= DECODE_MAX_ROWS) {
            decode(call, workers);
        } else {
            prefill(call, workers);
        }
    }

    private static void requireFits(DenseProblem p) {
        long rows = Math.max(BLOCK_QUERIES, DECODE_MAX_ROWS + LANES);
        long widest = Math.max(Math.max(p.headDim(), p.headDimV()) * Math.max(rows, BLOCK_KEYS), 1);
        if (widest > MAX_SCRATCH_FLOATS || p.headsQ() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: head size D " + p.headDim() + " / Dv " + p.headDimV()
                    + " and " + p.headsQ() + " heads: expected tiles of at most " + MAX_SCRATCH_FLOATS
                    + " floats for the cpu backend, got " + widest);
        }
    }

    // ------------------------------------------------------------------------------------------ prefill

    private static void prefill(Call c, Parallel parallel) {
        long queryBlocks = (c.nq + BLOCK_QUERIES - 1) / BLOCK_QUERIES;
        long tasks = c.batch * c.headsQ * queryBlocks;
        requireTaskCount(tasks);
        parallel.forEach((int) tasks, t -> {
            // within a head, the last query blocks first: under a causal mask they see the most keys
            long block = queryBlocks - 1 - t % queryBlocks;
            long bh = t / queryBlocks;
            long b = bh / c.headsQ;
            int head = (int) (bh % c.headsQ);
            long first = block * BLOCK_QUERIES;
            int rows = (int) Math.min(BLOCK_QUERIES, c.nq - first);
            DenseScratch s = DenseScratch.current();
            s.ensureTiles(roundToLanes(rows), c.headDim, c.headDimV, BLOCK_KEYS);
            for (int r = 0; r < rows; r++) {
                s.rowHead[r] = head;
                s.rowQuery[r] = first + r;
            }
            attendRows(c, s, b, (int) (head / c.group), rows, 0, c.nk, false);
            writeRows(c, s, b, rows);
        });
    }

    // ------------------------------------------------------------------------------------------ decode

    private static void decode(Call c, Parallel parallel) {
        long groupRows = c.group * c.nq;
        int rowSets = (int) ((groupRows + DECODE_MAX_ROWS - 1) / DECODE_MAX_ROWS);
        long units = c.batch * c.headsKv * rowSets;
        int splits = keySplits(parallel.parallelism(), units, c.nk);
        long tasks = units * splits;
        requireTaskCount(tasks);
        if (splits == 1) {
            parallel.forEach((int) tasks, t -> {
                DenseScratch s = DenseScratch.current();
                long b = decodeRows(c, s, t, rowSets);
                attendRows(c, s, b, headKvOf(c, t, rowSets), rowCount(groupRows, t, rowSets), 0, c.nk, true);
                writeRows(c, s, b, rowCount(groupRows, t, rowSets));
            });
            return;
        }
        long splitLength = roundUp((c.nk + splits - 1) / splits, BLOCK_KEYS);
        int stride = partialStride(c);
        DenseScratch caller = DenseScratch.current();
        caller.ensurePartials(tasks * stride);
        float[] partials = caller.partials;
        parallel.forEach((int) tasks, t -> {
            long unit = t / splits;
            long split = t % splits;
            DenseScratch s = DenseScratch.current();
            long b = decodeRows(c, s, unit, rowSets);
            int rows = rowCount(groupRows, unit, rowSets);
            long lo = split * splitLength;
            long hi = Math.min(c.nk, lo + splitLength);
            attendRows(c, s, b, headKvOf(c, unit, rowSets), rows, lo, Math.max(lo, hi), true);
            savePartial(c, s, rows, partials, t * (long) stride);
        });
        for (long unit = 0; unit < units; unit++) {
            long b = decodeRows(c, caller, unit, rowSets);
            mergePartials(c, caller, b, rowCount(groupRows, unit, rowSets), splits, partials, unit * splits * stride);
        }
    }

    /** How many key ranges each decode row set is cut into, so that every thread gets work. */
    private static int keySplits(int threads, long units, long nk) {
        if (threads == 1 || units >= 2L * threads) {
            return 1;
        }
        long wanted = (2L * threads + units - 1) / units;
        long affordable = Math.max(1, nk / MIN_SPLIT_KEYS);
        return (int) Math.min(wanted, affordable);
    }

    /** Fills the row table of decode unit {@code unit} and returns its batch index. */
    private static long decodeRows(Call c, DenseScratch s, long unit, int rowSets) {
        long groupRows = c.group * c.nq;
        int rows = rowCount(groupRows, unit, rowSets);
        s.ensureTiles(roundToLanes(rows), c.headDim, c.headDimV, BLOCK_KEYS);
        long set = unit % rowSets;
        long bkv = unit / rowSets;
        int headKv = (int) (bkv % c.headsKv);
        long start = set * DECODE_MAX_ROWS;
        for (int r = 0; r < rows; r++) {
            long groupRow = start + r;
            s.rowHead[r] = (int) (headKv * c.group + groupRow / c.nq);
            s.rowQuery[r] = groupRow % c.nq;
        }
        return bkv / c.headsKv;
    }

    private static int headKvOf(Call c, long unit, int rowSets) {
        return (int) ((unit / rowSets) % c.headsKv);
    }

    private static int rowCount(long groupRows, long unit, int rowSets) {
        long set = unit % rowSets;
        return (int) Math.min(DECODE_MAX_ROWS, groupRows - set * DECODE_MAX_ROWS);
    }

    private static int partialStride(Call c) {
        return DECODE_MAX_ROWS * (c.headDimV + 2);
    }

    /** Stores, per row: running max (base 2), running sum, then the unnormalised output. */
    private static void savePartial(Call c, DenseScratch s, int rows, float[] partials, long at) {
        int rowLanes = roundToLanes(rows);
        int base = (int) at;
        for (int r = 0; r < rows; r++) {
            int o = base + r * (c.headDimV + 2);
            partials[o] = s.rowMax[r];
            partials[o + 1] = s.rowSum[r];
            int step = s.outputRowMajor ? 1 : rowLanes;
            for (int x = 0, t = outputIndex(s, r, c.headDimV); x < c.headDimV; x++, t += step) {
                partials[o + 2 + x] = s.outputT[t];
            }
        }
    }

    /** Combines the key splits of one row set through their maxima (in double) and writes the rows. */
    private static void mergePartials(Call c, DenseScratch s, long b, int rows, int splits, float[] partials,
                                      long at) {
        int stride = partialStride(c);
        float[] row = s.row;
        for (int r = 0; r < rows; r++) {
            long query = s.rowQuery[r];
            int head = s.rowHead[r];
            if (c.problem.firstKey(query) >= c.problem.endKey(query)) {
                writeEmptyRow(c, b, head, query);
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int sp = 0; sp < splits; sp++) {
                max = Math.max(max, partials[(int) (at + (long) sp * stride) + r * (c.headDimV + 2)]);
            }
            double base = max == Double.NEGATIVE_INFINITY ? 0 : max;
            double sum = 0;
            Arrays.fill(row, 0, c.headDimV, 0f);
            for (int sp = 0; sp < splits; sp++) {
                int o = (int) (at + (long) sp * stride) + r * (c.headDimV + 2);
                double weight = Math.pow(2.0, partials[o] - base);
                sum += weight * partials[o + 1];
                for (int x = 0; x < c.headDimV; x++) {
                    row[x] += (float) (weight * partials[o + 2 + x]);
                }
            }
            float inverse = (float) (1.0 / sum);
            for (int x = 0; x < c.headDimV; x++) {
                row[x] *= inverse;
            }
            writeRow(c, b, head, query, row, (float) (base * LN2 + Math.log(sum)));
        }
    }

    // ------------------------------------------------------------------------------------------ the tile loop

    /**
     * Attends rows [0, rows) of the row table (query heads of kv head {@code headKv}) to keys [keyLo, keyHi),
     * leaving in scratch the running max, running sum and unnormalised output.
     */
    private static void attendRows(Call c, DenseScratch s, long b, int headKv, int rows, long keyLo, long keyHi,
                                   boolean decode) {
        int rowLanes = roundToLanes(rows);
        Arrays.fill(s.rowMax, 0, rowLanes, Float.NEGATIVE_INFINITY);
        Arrays.fill(s.rowSum, 0, rowLanes, 0f);
        Arrays.fill(s.outputT, 0, c.headDimV * rowLanes, 0f);
        visibleRanges(c, s, rows);
        long lo = Math.max(keyLo, s.minFirst);
        long hi = Math.min(keyHi, s.maxEnd);
        // a decode row set of up to eight rows takes the decode kernels; more rows fill the tile kernels' lanes
        if (decode && rows <= DecodeKernels.ROW_GROUP
                && DecodeKernels.applies(c.kType == DType.F32 && c.vType == DType.F32, c.headDim, c.headDimV)) {
            attendDirect(c, s, b, headKv, rows, rowLanes, lo, hi);
        } else {
            attendTiled(c, s, b, headKv, rows, rowLanes, lo, hi);
        }
    }

    /** Row set extremes of the visible key ranges; empty rows are left out (and never masked). */
    private static void visibleRanges(Call c, DenseScratch s, int rows) {
        long minFirst = Long.MAX_VALUE;
        long maxFirst = Long.MIN_VALUE;
        long minEnd = Long.MAX_VALUE;
        long maxEnd = Long.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            long first = c.problem.firstKey(s.rowQuery[r]);
            long end = c.problem.endKey(s.rowQuery[r]);
            s.rowFirst[r] = first;
            s.rowEnd[r] = end;
            if (first < end) {
                minFirst = Math.min(minFirst, first);
                maxFirst = Math.max(maxFirst, first);
                minEnd = Math.min(minEnd, end);
                maxEnd = Math.max(maxEnd, end);
            } else {
                // an empty row never needs masking: it is written as zeros whatever its lanes hold
                s.rowFirst[r] = 0;
                s.rowEnd[r] = Long.MAX_VALUE;
            }
        }
        s.minFirst = minFirst;
        s.maxFirst = maxFirst;
        s.minEnd = minEnd;
        s.maxEnd = maxEnd;
    }

    /**
     * The general path: register-blocked tiles with rows in lanes. Native fp32 K/V are read in place where whole 4 x 4
     * blocks cover the tile; other blocks and types are converted to fp32 scratch first.
     */
    private static void attendTiled(Call c, DenseScratch s, long b, int headKv, int rows, int rowLanes, long lo,
                                    long hi) {
        int d = c.headDim;
        int dv = c.headDimV;
        s.outputRowMajor = false;
        packQueries(c, s, b, rows, rowLanes);
        float[] keys = s.keys;
        float[] values = s.values;
        float[] scores = s.scoresT;
        boolean inPlace = c.kType == DType.F32 && c.vType == DType.F32 && c.kSeg.isNative() && c.vSeg.isNative()
                && TileKernels.inPlaceApplies(dv, rowLanes);
        long keyHead = c.keyHead(b, headKv);
        long valueHead = c.valueHead(b, headKv);
        long kRowBytes = c.kStrideN * Float.BYTES;
        long vRowBytes = c.vStrideN * Float.BYTES;
        for (long j0 = lo; j0 < hi; j0 += BLOCK_KEYS) {
            int bk = (int) Math.min(BLOCK_KEYS, hi - j0);
            boolean blockInPlace = inPlace && TileKernels.inPlaceApplies(bk, rowLanes);
            boolean masked = crossesMask(s, j0, bk);
            // the in-place logits kernel finds the block maximum as it stores; masking after it would invalidate that
            float[] blockMax = blockInPlace && !masked ? s.blockMax : null;
            // scaled as stored, before masking: a negative or zero scale must not turn a masked -inf into +inf/NaN
            if (blockInPlace) {
                if (blockMax != null) {
                    Arrays.fill(blockMax, 0, rowLanes, Float.NEGATIVE_INFINITY);
                }
                TileKernels.multiply(c.kSeg, (keyHead + j0 * c.kStrideN) * Float.BYTES, kRowBytes, Float.BYTES, bk,
                        d, s.queriesT, rowLanes, scores, rowLanes, rowLanes, false, c.scaleLog2, blockMax);
            } else {
                loadRows(c.kSeg, c.kType, keyHead + j0 * c.kStrideN, c.kStrideN, bk, d, keys);
                loadRows(c.vSeg, c.vType, valueHead + j0 * c.vStrideN, c.vStrideN, bk, dv, values);
                TileKernels.multiply(keys, 0, d, 1, bk, d, s.queriesT, rowLanes, scores, rowLanes, rowLanes, false,
                        c.scaleLog2);
            }
            if (masked) {
                maskBlock(s, rows, rowLanes, j0, bk);
            }
            if (TileKernels.softmaxStep(scores, bk, rowLanes, s.rowMax, s.rowSum, s.alpha, s.blockSum, blockMax,
                    MAX_SLACK)) {
                TileKernels.rescale(s.outputT, dv, rowLanes, s.alpha);
            }
            if (blockInPlace) {
                TileKernels.multiply(c.vSeg, (valueHead + j0 * c.vStrideN) * Float.BYTES, Float.BYTES, vRowBytes,
                        dv, bk, scores, rowLanes, s.outputT, rowLanes, rowLanes, true, 1f, null);
            } else {
                TileKernels.multiply(values, 0, 1, dv, dv, bk, scores, rowLanes, s.outputT, rowLanes, rowLanes, true,
                        1f);
            }
        }
    }

    /**
     * The decode path, output [rows][Dv]: the fp32 K and V rows are read in place by {@link DecodeKernels}, each
     * once for every row of the set.
     */
    private static void attendDirect(Call c, DenseScratch s, long b, int headKv, int rows, int rowLanes, long lo,
                                     long hi) {
        int d = c.headDim;
        int dv = c.headDimV;
        int paddedRows = DecodeKernels.paddedRows(rows);
        s.outputRowMajor = true;
        float[] q = s.queryRows;
        for (int r = 0; r < rows; r++) {
            loadRows(c.qSeg, c.qType, c.qOffset + b * c.qStrideB + s.rowHead[r] * c.qStrideH
                    + s.rowQuery[r] * c.qStrideN, 0, 1, d, s.row);
            System.arraycopy(s.row, 0, q, r * d, d);
        }
        Arrays.fill(q, rows * d, paddedRows * d, 0f);
        DecodeKernels.prepareQueries(q, paddedRows, d, s.queriesT);
        float[] scores = s.scoresT;
        // lanes past the padded rows are never written by the kernels: zeros keep their softmax finite
        Arrays.fill(scores, 0, BLOCK_KEYS * rowLanes, 0f);
        long kRowBytes = c.kStrideN * Float.BYTES;
        long kBase = c.keyHead(b, headKv) * Float.BYTES;
        long vRowBytes = c.vStrideN * Float.BYTES;
        long vBase = c.valueHead(b, headKv) * Float.BYTES;
        for (long j0 = lo; j0 < hi; j0 += BLOCK_KEYS) {
            int bk = (int) Math.min(BLOCK_KEYS, hi - j0);
            DecodeKernels.logits(s.queriesT, paddedRows, d, c.kSeg, kBase + j0 * kRowBytes, kRowBytes, bk, scores,
                    rowLanes, c.scaleLog2, s.dotPartials);
            if (crossesMask(s, j0, bk)) {
                maskBlock(s, rows, rowLanes, j0, bk);
            }
            if (TileKernels.softmaxStep(scores, bk, rowLanes, s.rowMax, s.rowSum, s.alpha, s.blockSum, null,
                    MAX_SLACK)) {
                DecodeKernels.rescale(s.outputT, paddedRows, dv, s.alpha);
            }
            DecodeKernels.accumulate(scores, rowLanes, 1, paddedRows, bk, c.vSeg, vBase + j0 * vRowBytes, vRowBytes, dv,
                    s.outputT);
        }
    }

    /** Q^T[c][r] = q[row r][c], unscaled: the scale is applied once per logit, which rounds less. */
    private static void packQueries(Call c, DenseScratch s, long b, int rows, int rowLanes) {
        int d = c.headDim;
        float[] qt = s.queriesT;
        float[] row = s.row;
        for (int r = 0; r < rows; r++) {
            loadRows(c.qSeg, c.qType, c.qOffset + b * c.qStrideB + s.rowHead[r] * c.qStrideH
                    + s.rowQuery[r] * c.qStrideN, 0, 1, d, row);
            for (int x = 0, t = r; x < d; x++, t += rowLanes) {
                qt[t] = row[x];
            }
        }
        if (rows < rowLanes) {
            for (int x = 0; x < d; x++) {
                Arrays.fill(qt, x * rowLanes + rows, (x + 1) * rowLanes, 0f);
            }
        }
    }

    /** Where row r's first output feature sits in scratch, in either layout. */
    private static int outputIndex(DenseScratch s, int r, int headDimV) {
        return s.outputRowMajor ? r * headDimV : r;
    }

    /** Whether keys [j0, j0 + bk) lie outside some row's visible range, so that the block needs masking. */
    private static boolean crossesMask(DenseScratch s, long j0, int bk) {
        return j0 < s.maxFirst || j0 + bk > s.minEnd;
    }

    /** Sets to -inf the logits of keys [j0, j0 + bk) that lie outside each row's visible range. */
    private static void maskBlock(DenseScratch s, int rows, int rowLanes, long j0, int bk) {
        float[] scores = s.scoresT;
        for (int r = 0; r < rows; r++) {
            int before = Math.clamp(s.rowFirst[r] - j0, 0, bk);
            int from = Math.clamp(s.rowEnd[r] - j0, 0, bk);
            for (int j = 0; j < before; j++) {
                scores[j * rowLanes + r] = Float.NEGATIVE_INFINITY;
            }
            for (int j = Math.max(from, before); j < bk; j++) {
                scores[j * rowLanes + r] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** Normalises and writes rows [0, rows) of the row table, with their log-sum-exp. */
    private static void writeRows(Call c, DenseScratch s, long b, int rows) {
        int rowLanes = roundToLanes(rows);
        float[] row = s.row;
        for (int r = 0; r < rows; r++) {
            long query = s.rowQuery[r];
            int head = s.rowHead[r];
            if (c.problem.firstKey(query) >= c.problem.endKey(query)) {
                writeEmptyRow(c, b, head, query);
                continue;
            }
            float sum = s.rowSum[r];
            float inverse = 1f / sum;
            int step = s.outputRowMajor ? 1 : rowLanes;
            for (int x = 0, t = outputIndex(s, r, c.headDimV); x < c.headDimV; x++, t += step) {
                row[x] = s.outputT[t] * inverse;
            }
            writeRow(c, b, head, query, row, (float) (s.rowMax[r] * LN2 + Math.log(sum)));
        }
    }

    private static void writeEmptyRow(Call c, long b, int head, long query) {
        long at = c.outOffset + b * c.outStrideB + head * c.outStrideH + query * c.outStrideN;
        if (c.headDimV > 0) {
            c.outSeg.asSlice(at * Float.BYTES, (long) c.headDimV * Float.BYTES).fill((byte) 0);
        }
        if (c.lseSeg != null) {
            c.lseSeg.set(F32, (c.lseOffset + b * c.lseStrideB + head * c.lseStrideH + query * c.lseStrideN)
                    * Float.BYTES, Float.NEGATIVE_INFINITY);
        }
    }

    private static void writeRow(Call c, long b, int head, long query, float[] row, float lse) {
        long at = c.outOffset + b * c.outStrideB + head * c.outStrideH + query * c.outStrideN;
        if (c.headDimV > 0) {
            MemorySegment.copy(row, 0, c.outSeg, F32, at * Float.BYTES, c.headDimV);
        }
        if (c.lseSeg != null) {
            c.lseSeg.set(F32, (c.lseOffset + b * c.lseStrideB + head * c.lseStrideH + query * c.lseStrideN)
                    * Float.BYTES, lse);
        }
    }

    /** Reads {@code count} rows of {@code width} elements, {@code rowStride} elements apart, as fp32 rows. */
    static void loadRows(MemorySegment seg, DType type, long offset, long rowStride, int count, int width,
                                 float[] dst) {
        if (count == 0 || width == 0) {
            return; // an empty row of a zero-width tensor may sit past the end of its segment
        }
        if (type == DType.F32) {
            if (rowStride == width || count == 1) {
                MemorySegment.copy(seg, F32, offset * Float.BYTES, dst, 0, count * width);
            } else {
                for (int j = 0; j < count; j++) {
                    MemorySegment.copy(seg, F32, (offset + j * rowStride) * Float.BYTES, dst, j * width, width);
                }
            }
            return;
        }
        boolean half = type == DType.F16;
        for (int j = 0, o = 0; j < count; j++) {
            long at = (offset + j * rowStride) * 2;
            for (int x = 0; x < width; x++, o++, at += 2) {
                short bits = seg.get(F16, at);
                dst[o] = half ? Float.float16ToFloat(bits) : Float.intBitsToFloat(bits << 16);
            }
        }
    }

    /** Lanes a row set of {@code rows} rows occupies: whole vectors. */
    private static int roundToLanes(int rows) {
        return Math.max(LANES, (rows + LANES - 1) / LANES * LANES);
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    private static void requireTaskCount(long tasks) {
        if (tasks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: expected at most " + Integer.MAX_VALUE
                    + " row blocks for the cpu backend, got " + tasks);
        }
    }

    /** One call's tensors flattened to segments, element offsets and strides. */
    private static final class Call {
        final DenseProblem problem;
        final long batch;
        final long nq;
        final long nk;
        final long headsQ;
        final long headsKv;
        final long group;
        final int headDim;
        final int headDimV;
        final float scaleLog2;
        final MemorySegment qSeg;
        final MemorySegment kSeg;
        final MemorySegment vSeg;
        final MemorySegment outSeg;
        final MemorySegment lseSeg;
        final DType qType;
        final DType kType;
        final DType vType;
        final long qOffset, qStrideB, qStrideH, qStrideN;
        final long kOffset, kStrideB, kStrideH, kStrideN;
        final long vOffset, vStrideB, vStrideH, vStrideN;
        final long outOffset, outStrideB, outStrideH, outStrideN;
        final long lseOffset, lseStrideB, lseStrideH, lseStrideN;

        /** Element offset of key row 0 of (batch b, kv head h) in K. */
        long keyHead(long b, int h) {
            return kOffset + b * kStrideB + h * kStrideH;
        }

        /** Element offset of value row 0 of (batch b, kv head h) in V. */
        long valueHead(long b, int h) {
            return vOffset + b * vStrideB + h * vStrideH;
        }

        Call(DenseProblem p) {
            problem = p;
            batch = p.batch();
            nq = p.nq();
            nk = p.nk();
            headsQ = p.headsQ();
            headsKv = p.headsKv();
            group = p.group();
            headDim = (int) p.headDim();
            headDimV = (int) p.headDimV();
            scaleLog2 = (float) (p.scale() * LOG2E);
            qSeg = p.q().segment();
            kSeg = p.k().segment();
            vSeg = p.v().segment();
            outSeg = p.out().segment();
            lseSeg = p.lse() == null ? null : p.lse().segment();
            qType = p.q().dtype();
            kType = p.k().dtype();
            vType = p.v().dtype();
            qOffset = p.q().offset();
            qStrideB = p.q().stride(0);
            qStrideH = p.q().stride(1);
            qStrideN = p.q().stride(2);
            kOffset = p.k().offset();
            kStrideB = p.k().stride(0);
            kStrideH = p.k().stride(1);
            kStrideN = p.k().stride(2);
            vOffset = p.v().offset();
            vStrideB = p.v().stride(0);
            vStrideH = p.v().stride(1);
            vStrideN = p.v().stride(2);
            outOffset = p.out().offset();
            outStrideB = p.out().stride(0);
            outStrideH = p.out().stride(1);
            outStrideN = p.out().stride(2);
            if (p.lse() != null) {
                lseOffset = p.lse().offset();
                lseStrideB = p.lse().stride(0);
                lseStrideH = p.lse().stride(1);
                lseStrideN = p.lse().stride(2);
            } else {
                lseOffset = 0;
                lseStrideB = 0;
                lseStrideH = 0;
                lseStrideN = 0;
            }
        }
    }
}
