package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

import jdk.incubator.vector.FloatVector;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dit.DitAttention;
import org.panattn.dit.DitProblem;
import org.panattn.dit.DitSpec;
import org.panattn.dit.ResidualOutputs;
import org.panattn.internal.Parallel;

/**
 * DiT window attention and the fused full + window + residual pass on the Vector API, on the dense kernel's
 * tiling ({@link TileKernels}: queries in vector lanes, register-blocked products, online softmax).
 *
 * <p>A row set is a block of consecutive queries of one head. Keys are visited in blocks of a fixed global grid
 * (multiples of {@link #BLOCK_KEYS}); the window pass visits only the blocks that meet the union of the row set's
 * bands, masking just the edge blocks, so its cost is about (2w + BLOCK_QUERIES + BLOCK_KEYS)·N instead of N².
 * The fused pass visits every block once: the logit tile is computed once, fed to the full-attention softmax and,
 * for blocks inside the band, copied and masked for the window softmax. Because both passes visit the band blocks
 * of the same grid in the same order with the same arithmetic, the window output of the fused pass is bit-for-bit
 * the one {@link #window} computes, which is what makes W + R = O exact at the caching step.
 */
final class SimdDit implements DitAttention {
    private static final int LANES = TileKernels.LANES;
    static final int BLOCK_KEYS = 64;
    static final int BLOCK_QUERIES = Math.max(64, 2 * LANES);
    private static final long MAX_SCRATCH_FLOATS = 1L << 28;
    private static final double LOG2E = 1.0 / Math.log(2.0);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Below this many elements a residual add is not worth handing to other threads. */
    private static final long PARALLEL_ADD_ELEMENTS = 1 << 16;

    private final Parallel parallel;

    SimdDit(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void window(Tensor q, Tensor k, Tensor v, Tensor out, DitSpec spec) {
        DitProblem p = DitProblem.window(q, k, v, out, spec).requireDevice(Device.CPU, "cpu");
        run(p, false);
    }

    @Override
    public void fullWithResidual(Tensor q, Tensor k, Tensor v, ResidualOutputs outputs, DitSpec spec) {
        DitProblem p = DitProblem.residual(q, k, v, outputs, spec).requireDevice(Device.CPU, "cpu");
        run(p, true);
    }

    @Override
    public void addResidual(Tensor window, Tensor residual, Tensor out) {
        DitProblem.checkResidualAdd(window, residual, out);
        if (!window.device().isCpu()) {
            throw new IllegalArgumentException("window: backend cpu expected tensors on cpu, got " + window.device());
        }
        long[] s = window.shape();
        long planes = s[0] * s[1];
        if (planes == 0 || s[2] == 0 || s[3] == 0) {
            return;
        }
        Parallel workers = window.numel() < PARALLEL_ADD_ELEMENTS ? Parallel.callerOnly()
                : parallel.forTensors(window, residual, out);
        if (planes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window: expected at most " + Integer.MAX_VALUE + " [B*H] planes, got "
                    + planes);
        }
        workers.forEach((int) planes, t -> {
            long b = t / s[1];
            long h = t % s[1];
            for (long i = 0; i < s[2]; i++) {
                addRow(window, residual, out, b, h, i, (int) s[3]);
            }
        });
    }

    /** out row = window row + residual row, vector by vector (fp32 adds: the same rounding as a scalar add). */
    private static void addRow(Tensor w, Tensor r, Tensor o, long b, long h, long i, int width) {
        MemorySegment ws = w.segment();
        MemorySegment rs = r.segment();
        MemorySegment os = o.segment();
        long wAt = (w.offset() + b * w.stride(0) + h * w.stride(1) + i * w.stride(2)) * Float.BYTES;
        long rAt = (r.offset() + b * r.stride(0) + h * r.stride(1) + i * r.stride(2)) * Float.BYTES;
        long oAt = (o.offset() + b * o.stride(0) + h * o.stride(1) + i * o.stride(2)) * Float.BYTES;
        ByteOrder order = ByteOrder.nativeOrder();
        int bound = TileKernels.SPECIES.loopBound(width);
        int x = 0;
        for (; x < bound; x += LANES) {
            long off = (long) x * Float.BYTES;
            FloatVector.fromMemorySegment(TileKernels.SPECIES, ws, wAt + off, order)
                    .add(FloatVector.fromMemorySegment(TileKernels.SPECIES, rs, rAt + off, order))
                    .intoMemorySegment(os, oAt + off, order);
        }
        for (; x < width; x++) {
            long off = (long) x * Float.BYTES;
            os.set(F32, oAt + off, ws.get(F32, wAt + off) + rs.get(F32, rAt + off));
        }
    }

    // ------------------------------------------------------------------------------------------ the row sets

    private void run(DitProblem p, boolean fused) {
        if (p.isEmpty()) {
            return;
        }
        requireFits(p);
        Call c = new Call(p);
        long queryBlocks = (c.n + BLOCK_QUERIES - 1) / BLOCK_QUERIES;
        long tasks = c.batch * c.headsQ * queryBlocks;
        if (tasks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: expected at most " + Integer.MAX_VALUE
                    + " row blocks for the cpu backend, got " + tasks);
        }
        Parallel workers = parallel.forTensors(p.q(), p.k(), p.v(), p.full(), p.window(), p.residual());
        workers.forEach((int) tasks, t -> {
            long block = t % queryBlocks;
            long bh = t / queryBlocks;
            long b = bh / c.headsQ;
            int head = (int) (bh % c.headsQ);
            long first = block * BLOCK_QUERIES;
            int rows = (int) Math.min(BLOCK_QUERIES, c.n - first);
            DitScratch s = DitScratch.current();
            s.ensure(roundToLanes(rows), c.headDim, c.headDimV, BLOCK_KEYS, fused);
            attendRows(c, s, b, head, first, rows, fused);
            writeRows(c, s, b, head, first, rows, fused);
        });
    }

    private static void requireFits(DitProblem p) {
        long widest = Math.max(Math.max(p.headDim(), p.headDimV()) * Math.max(BLOCK_QUERIES, BLOCK_KEYS), 1);
        if (widest > MAX_SCRATCH_FLOATS || p.headsQ() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: head size D " + p.headDim() + " / Dv " + p.headDimV()
                    + " and " + p.headsQ() + " heads: expected tiles of at most " + MAX_SCRATCH_FLOATS
                    + " floats for the cpu backend, got " + widest);
        }
    }

    /**
     * Attends queries [first, first + rows) of one head: the band only, or (fused) every key for the full output
     * and the band blocks for the window output. Leaves unnormalised accumulators and statistics in scratch.
     */
    private static void attendRows(Call c, DitScratch s, long b, int head, long first, int rows, boolean fused) {
        int rowLanes = roundToLanes(rows);
        int d = c.headDim;
        int dv = c.headDimV;
        int headKv = (int) (head / c.group);
        packQueries(c, s, b, head, first, rows, rowLanes);
        Arrays.fill(s.windowMax, 0, rowLanes, Float.NEGATIVE_INFINITY);
        Arrays.fill(s.windowSum, 0, rowLanes, 0f);
        Arrays.fill(s.windowT, 0, dv * rowLanes, 0f);
        if (fused) {
            Arrays.fill(s.fullMax, 0, rowLanes, Float.NEGATIVE_INFINITY);
            Arrays.fill(s.fullSum, 0, rowLanes, 0f);
            Arrays.fill(s.fullT, 0, dv * rowLanes, 0f);
        }
        for (int r = 0; r < rows; r++) {
            s.rowFirst[r] = c.problem.firstKey(first + r);
            s.rowEnd[r] = c.problem.endKey(first + r);
        }
        // union of the rows' bands, and the part every row sees (blocks inside it need no mask)
        long bandLo = s.rowFirst[0];
        long bandHi = s.rowEnd[rows - 1];
        long maxFirst = s.rowFirst[rows - 1];
        long minEnd = s.rowEnd[0];
        long gridLo = fused ? 0 : bandLo / BLOCK_KEYS * BLOCK_KEYS;
        long gridHi = fused ? c.n : bandHi;
        float[] keys = s.keys;
        float[] values = s.values;
        float[] scores = s.scoresT;
        for (long j0 = gridLo; j0 < gridHi; j0 += BLOCK_KEYS) {
            int bk = (int) Math.min(BLOCK_KEYS, c.n - j0);
            SimdDense.loadRows(c.kSeg, c.kType, c.kOffset + b * c.kStrideB + headKv * c.kStrideH + j0 * c.kStrideN,
                    c.kStrideN, bk, d, keys);
            SimdDense.loadRows(c.vSeg, c.vType, c.vOffset + b * c.vStrideB + headKv * c.vStrideH + j0 * c.vStrideN,
                    c.vStrideN, bk, dv, values);
            TileKernels.multiply(keys, 0, d, 1, bk, d, s.queriesT, rowLanes, scores, rowLanes, rowLanes, false);
            // scaled before masking: a negative or zero scale must not turn a masked -inf into +inf or NaN
            TileKernels.scale(scores, bk * rowLanes, c.scaleLog2);
            boolean inBand = j0 + bk > bandLo && j0 < bandHi;
            if (inBand) {
                float[] windowScores = scores;
                if (fused) {
                    windowScores = s.windowScoresT;
                    System.arraycopy(scores, 0, windowScores, 0, bk * rowLanes);
                }
                if (j0 < maxFirst || j0 + bk > minEnd) {
                    maskBlock(s, windowScores, rows, rowLanes, j0, bk);
                }
                if (TileKernels.softmaxStep(windowScores, bk, rowLanes, s.windowMax, s.windowSum, s.alpha)) {
                    TileKernels.rescale(s.windowT, dv, rowLanes, s.alpha);
                }
                TileKernels.multiply(values, 0, 1, dv, dv, bk, windowScores, rowLanes, s.windowT, rowLanes, rowLanes,
                        true);
            }
            if (fused) {
                if (TileKernels.softmaxStep(scores, bk, rowLanes, s.fullMax, s.fullSum, s.alpha)) {
                    TileKernels.rescale(s.fullT, dv, rowLanes, s.alpha);
                }
                TileKernels.multiply(values, 0, 1, dv, dv, bk, scores, rowLanes, s.fullT, rowLanes, rowLanes, true);
            }
        }
    }

    /** Q^T[c][r] = q[first + r][c], unscaled (the scale is applied once per logit). */
    private static void packQueries(Call c, DitScratch s, long b, int head, long first, int rows, int rowLanes) {
        int d = c.headDim;
        float[] qt = s.queriesT;
        float[] row = s.windowRow;
        for (int r = 0; r < rows; r++) {
            SimdDense.loadRows(c.qSeg, c.qType, c.qOffset + b * c.qStrideB + head * c.qStrideH
                    + (first + r) * c.qStrideN, 0, 1, d, row);
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

    /** Sets to -inf the logits of keys [j0, j0 + bk) outside each row's band. */
    private static void maskBlock(DitScratch s, float[] scores, int rows, int rowLanes, long j0, int bk) {
        for (int r = 0; r < rows; r++) {
            int before = (int) Math.clamp(s.rowFirst[r] - j0, 0, bk);
            int from = (int) Math.clamp(s.rowEnd[r] - j0, 0, bk);
            for (int j = 0; j < before; j++) {
                scores[j * rowLanes + r] = Float.NEGATIVE_INFINITY;
            }
            for (int j = Math.max(from, before); j < bk; j++) {
                scores[j * rowLanes + r] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** Normalises and writes the window output, or (fused) the full output, residual and optional window. */
    private static void writeRows(Call c, DitScratch s, long b, int head, long first, int rows, boolean fused) {
        int rowLanes = roundToLanes(rows);
        int dv = c.headDimV;
        if (dv == 0) {
            return;
        }
        float[] w = s.windowRow;
        for (int r = 0; r < rows; r++) {
            long query = first + r;
            float windowInverse = 1f / s.windowSum[r];
            for (int x = 0, t = r; x < dv; x++, t += rowLanes) {
                w[x] = s.windowT[t] * windowInverse;
            }
            if (!fused) {
                c.window.write(w, b, head, query, dv);
                continue;
            }
            float[] res = s.residualRow;
            float[] full = s.fullRow;
            float fullInverse = 1f / s.fullSum[r];
            for (int x = 0, t = r; x < dv; x++, t += rowLanes) {
                float residual = s.fullT[t] * fullInverse - w[x];
                res[x] = residual;
                full[x] = w[x] + residual;
            }
            c.full.write(full, b, head, query, dv);
            c.residual.write(res, b, head, query, dv);
            if (c.window != null) {
                c.window.write(w, b, head, query, dv);
            }
        }
    }

    private static int roundToLanes(int rows) {
        return Math.max(LANES, (rows + LANES - 1) / LANES * LANES);
    }

    /** An F32 output [B,H,N,Dv] flattened to its segment, element offset and strides. */
    private record Output(MemorySegment segment, long offset, long strideB, long strideH, long strideN) {
        static Output of(Tensor t) {
            return t == null ? null : new Output(t.segment(), t.offset(), t.stride(0), t.stride(1), t.stride(2));
        }

        void write(float[] row, long b, long head, long query, int width) {
            long at = offset + b * strideB + head * strideH + query * strideN;
            MemorySegment.copy(row, 0, segment, F32, at * Float.BYTES, width);
        }
    }

    /** One call's tensors flattened to segments, element offsets and strides. */
    private static final class Call {
        final DitProblem problem;
        final long batch;
        final long n;
        final long headsQ;
        final long group;
        final int headDim;
        final int headDimV;
        final float scaleLog2;
        final MemorySegment qSeg;
        final MemorySegment kSeg;
        final MemorySegment vSeg;
        final DType qType;
        final DType kType;
        final DType vType;
        final long qOffset, qStrideB, qStrideH, qStrideN;
        final long kOffset, kStrideB, kStrideH, kStrideN;
        final long vOffset, vStrideB, vStrideH, vStrideN;
        final Output full;
        final Output window;
        final Output residual;

        Call(DitProblem p) {
            problem = p;
            batch = p.batch();
            n = p.tokens();
            headsQ = p.headsQ();
            group = p.group();
            headDim = (int) p.headDim();
            headDimV = (int) p.headDimV();
            scaleLog2 = (float) (p.scale() * LOG2E);
            qSeg = p.q().segment();
            kSeg = p.k().segment();
            vSeg = p.v().segment();
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
            full = Output.of(p.full());
            window = Output.of(p.window());
            residual = Output.of(p.residual());
        }
    }
}
