package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridAttention;
import org.panattn.hybrid.HybridMode;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridProblem;
import org.panattn.hybrid.HybridSpec;
import org.panattn.hybrid.HybridState;
import org.panattn.internal.Parallel;

/**
 * Hybrid attention on the Vector API, in linear time.
 *
 * <p>Prefill: one task per (batch, query head) walks the sequence in chunks of C = the window rounded up to a
 * multiple of 64 keys. The scratch holds the previous and the current chunk (keys, values with a column of ones,
 * phi(keys)); the running state S = sum phi(k) [v, 1]^T holds every key before the previous chunk. A block of up to
 * 64 query rows (rows in vector lanes, as in {@link TileKernels}) then needs: its window, one contiguous key range
 * of the two chunks (logits, lane-wise masked softmax shifted by the window max, times g); its linear keys not yet
 * in S, another contiguous range (phi(q).phi(k), masked to j &lt;= i - w); and phi(q) S for all older keys. The
 * column of ones makes each branch's normaliser come out of the same products as its numerator. After a chunk the
 * previous chunk is folded into S, so the work per token is O(w (D + F + Dv) + F Dv), independent of T.
 *
 * <p>Decode: one task per (batch, kv head), token by token: the key leaving the window is folded into every query
 * head's S (read and written in place in the state's memory), the new key enters the ring, and each query head
 * reads its window from the ring and its older keys from S.
 */
final class SimdHybrid implements HybridAttention {
    private static final int LANES = TileKernels.LANES;
    /** Query rows per block (rows live in lanes): a multiple of every vector length. */
    static final int ROWS = 64;
    /** Bound on one scratch array, so that huge windows or feature widths fail cleanly up front. */
    private static final long MAX_SCRATCH_FLOATS = 1L << 27;
    private static final float LOG2E = (float) (1.0 / Math.log(2.0));
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final Parallel parallel;
    private final SimdDense dense;

    SimdHybrid(Parallel parallel, SimdDense dense) {
        this.parallel = parallel;
        this.dense = dense;
    }

    /** The chunk size for a window: C >= w (so a window spans at most two chunks), a multiple of the row block. */
    static int chunkFor(int window) {
        return (window + ROWS - 1) / ROWS * ROWS;
    }

    // ------------------------------------------------------------------------------------------ prefill

    @Override
    public void prefill(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                        HybridState state) {
        HybridProblem p = HybridProblem.of(q, k, v, params, outputs, spec, state, HybridProblem.Phase.PREFILL)
                .requireOutputs().requireDevice(Device.CPU, "cpu");
        requireFits(p);
        Call c = new Call(p);
        Parallel workers = parallel.forTensors(q, k, v, outputs.out(), outputs.diagnostics(), params.featureQ(),
                params.featureK(), state == null ? null : state.kv());
        HybridMode mode = spec.mode();
        if (mode == HybridMode.SINKS_ONLY) {
            sinksOnly(p);
        }
        long tasks = p.batch() * p.headsQ();
        if (tasks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: expected at most " + Integer.MAX_VALUE
                    + " (batch, head) pairs for the cpu backend, got " + tasks);
        }
        workers.forEach((int) tasks, t -> {
            long b = t / p.headsQ();
            int h = (int) (t % p.headsQ());
            HybridMode m = p.modeOf(b, h);
            boolean rows = m == HybridMode.HYBRID || m == HybridMode.WINDOW_ONLY || m == HybridMode.LINEAR_ONLY;
            double[] diag = SimdHybridScratch.current().diagnostics(1);
            if (rows || state != null) {
                prefillHead(c, SimdHybridScratch.current(), b, h, m, rows, diag);
            }
            if (m == HybridMode.ZERO) {
                for (long i = 0; i < p.tokens(); i++) {
                    writeZeroRow(c, b, h, i);
                }
            } else if (m == HybridMode.SINKS_ONLY) {
                sinkDiagnostics(c, b, h, diag);
            }
            writeDiagnostics(p.outputs().diagnostics(), b, h, diag, 0);
            if (state != null && h % p.group() == 0) {
                SimdHybridScratch s = SimdHybridScratch.current();
                s.ensureRows(Math.max(c.headDim, c.headDimV));
                copyWindowAndSinks(c, state, b, h / p.group(), s.rows);
            }
        });
        if (state != null) {
            state.setLength(p.tokens());
        }
    }

    /** Sinks-only is a causal softmax over the first s keys: two dense calls on slices of the same tensors. */
    private void sinksOnly(HybridProblem p) {
        long n = p.tokens();
        long s = Math.min(p.spec().sinks(), n);
        if (n == 0) {
            return;
        }
        DenseSpec causal = new DenseSpec(p.scale(), true, DenseSpec.UNBOUNDED, DenseSpec.UNBOUNDED);
        DenseSpec all = new DenseSpec(p.scale(), false, DenseSpec.UNBOUNDED, DenseSpec.UNBOUNDED);
        Tensor out = p.outputs().out();
        // rows i < s see keys 0..i (causal, square); rows i >= s see all s sinks
        dense.attention(p.q().slice(2, 0, s), p.k().slice(2, 0, s), p.v().slice(2, 0, s), out.slice(2, 0, s), null,
                causal);
        if (n > s) {
            dense.attention(p.q().slice(2, s, n), p.k().slice(2, 0, s), p.v().slice(2, 0, s), out.slice(2, s, n),
                    null, all);
        }
    }

    private static void prefillHead(Call c, SimdHybridScratch s, long b, int h, HybridMode mode, boolean writeRows,
                                    double[] diag) {
        HybridProblem p = c.problem;
        int n = (int) p.tokens();
        int w = p.spec().window();
        int chunk = chunkFor(w);
        int keyLanes = 2 * chunk;
        int dim = c.headDim;
        int dimV = c.headDimV;
        int dvPad = c.dvPadded;
        int features = p.featureDim();
        int projected = p.projectedDim();
        FeatureMap map = p.spec().featureMap();
        boolean window = writeRows && mode.usesWindow();
        boolean linear = writeRows && mode.usesLinear();
        boolean track = linear || p.state() != null;
        float g = p.windowFactor(mode, h);
        float l = p.linearFactor(mode, h);
        int lag = mode == HybridMode.LINEAR_ONLY ? 0 : w;
        long kvh = h / p.group();
        s.ensurePrefill(chunk, ROWS, dim, dvPad, projected, features);
        float[] weightsQ = loadWeights(p.queryWeights(), h, dim, projected, s.weightsQ);
        float[] weightsK = p.keyWeights() == p.queryWeights() ? weightsQ
                : loadWeights(p.keyWeights(), h, dim, projected, s.weightsK);
        java.util.Arrays.fill(s.state, 0, features * dvPad, 0f);
        java.util.Arrays.fill(s.keys, 0, 2 * chunk * dim, 0f);
        java.util.Arrays.fill(s.values, 0, 2 * chunk * dvPad, 0f);
        java.util.Arrays.fill(s.phiKeysT, 0, features * keyLanes, 0f);
        int chunks = (n + chunk - 1) / chunk;
        for (int ci = 0; ci < chunks; ci++) {
            int start = ci * chunk;
            int count = Math.min(chunk, n - start);
            if (ci > 0) {
                shiftChunks(s, chunk, dim, dvPad, track ? features : 0);
            }
            loadChunk(c, s, b, kvh, start, count, chunk);
            if (track) {
                int width = roundToLanes(count);
                SimdHybridFeatures.tile(map, weightsK, dim, projected, s.keysCurrentT, chunk, width, s.projectedT,
                        s.phiCurrentT);
                for (int f = 0; f < features; f++) {
                    System.arraycopy(s.phiCurrentT, f * chunk, s.phiKeysT, f * keyLanes + chunk, chunk);
                }
            }
            if (window || linear) {
                for (int r0 = 0; r0 < count; r0 += ROWS) {
                    int rows = Math.min(ROWS, count - r0);
                    rowBlock(c, s, b, h, start, r0, rows, chunk, window, linear, g, l, lag, weightsQ, diag);
                }
            }
            if (track && ci + 1 < chunks && ci > 0) {
                // the previous chunk is older than every window of the next chunk: fold it into S
                foldIntoState(s, features, keyLanes, dvPad, 0, chunk);
            }
        }
        if (p.state() != null) {
            // S holds the keys before the second to last chunk, which starts at buffer index 0 (position `base`);
            // the state must hold exactly the keys j <= n - 1 - w
            long base = (long) (chunks - 2) * chunk;
            long from = Math.max(0, base);
            long to = (long) n - w;
            if (to > from) {
                foldIntoState(s, features, keyLanes, dvPad, (int) (from - base), (int) (to - from));
            }
            writeState(c, s, b, h, features, dvPad);
        }
    }

    private static void rowBlock(Call c, SimdHybridScratch s, long b, int h, int start, int r0, int rows, int chunk,
                                 boolean window, boolean linear, float g, float l, int lag, float[] weightsQ,
                                 double[] diag) {
        HybridProblem p = c.problem;
        int dim = c.headDim;
        int dimV = c.headDimV;
        int dvPad = c.dvPadded;
        int features = p.featureDim();
        int w = p.spec().window();
        int keyLanes = 2 * chunk;
        int lanes = roundToLanes(rows);
        loadQueriesT(c, s, b, h, start + r0, rows, lanes);
        if (window) {
            // keys j in [i - w + 1, i] of the block's rows, as buffer indices (current chunk starts at `chunk`)
            int lo = Math.max(chunk - start, chunk + r0 - w + 1);
            int hi = chunk + r0 + rows;
            int keys = hi - lo;
            TileKernels.multiply(s.keys, lo * dim, dim, 1, keys, dim, s.queriesT, ROWS, s.windowTile, ROWS, lanes,
                    false);
            windowWeights(s.windowTile, keys, lo - chunk - r0, w, lanes, c.scaleLog2, g);
            TileKernels.multiply(s.values, lo * dvPad, 1, dvPad, dimV + 1, keys, s.windowTile, ROWS, s.windowOutT,
                    ROWS, lanes, false);
        }
        if (linear) {
            SimdHybridFeatures.tile(p.spec().featureMap(), weightsQ, dim, p.projectedDim(), s.queriesT, ROWS, lanes,
                    s.projectedT, s.phiQueriesT);
            TileKernels.multiply(s.state, 0, 1, dvPad, dimV + 1, features, s.phiQueriesT, ROWS, s.linearOutT, ROWS,
                    lanes, false);
            // keys j <= i - lag not yet in S: from the previous chunk's start up to the block's last row - lag
            int lo = Math.max(0, chunk - start);
            int hi = chunk + r0 + rows - lag;
            if (hi > lo) {
                int keys = hi - lo;
                TileKernels.multiply(s.phiKeysT, lo, 1, keyLanes, keys, features, s.phiQueriesT, ROWS, s.linearTile,
                        ROWS, lanes, false);
                linearMask(s.linearTile, keys, lo - chunk - r0 + lag, lanes);
                TileKernels.multiply(s.values, lo * dvPad, 1, dvPad, dimV + 1, keys, s.linearTile, ROWS,
                        s.linearOutT, ROWS, lanes, true);
            }
        }
        combineRows(c, s, b, h, start + r0, rows, window, linear, l, diag);
    }

    /**
     * Logits tile [keys][ROWS] to window weights: key x may be seen by lanes [first + x, first + x + w - 1]; weights
     * g 2^(s' - m') there (s' = s scale log2 e, m' the lane's window max), 0 elsewhere.
     */
    private static void windowWeights(float[] tile, int keys, int first, int w, int lanes, float scaleLog2,
                                      float g) {
        FloatVector laneIndex = laneIndex();
        for (int lv = 0; lv < lanes; lv += LANES) {
            FloatVector max = FloatVector.broadcast(TileKernels.SPECIES, Float.NEGATIVE_INFINITY);
            for (int x = 0, t = lv; x < keys; x++, t += ROWS) {
                int lo = first + x - lv;
                int hi = lo + w - 1;
                if (hi < 0 || lo >= LANES) {
                    continue;
                }
                FloatVector sv = FloatVector.fromArray(TileKernels.SPECIES, tile, t).mul(scaleLog2);
                sv.intoArray(tile, t);
                if (lo > 0 || hi < LANES - 1) {
                    sv = sv.blend(Float.NEGATIVE_INFINITY, outside(laneIndex, lo, hi));
                }
                max = max.blend(sv, sv.compare(VectorOperators.GT, max));
            }
            FloatVector base = max.blend(0f, max.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
            FloatVector zero = FloatVector.zero(TileKernels.SPECIES);
            for (int x = 0, t = lv; x < keys; x++, t += ROWS) {
                int lo = first + x - lv;
                int hi = lo + w - 1;
                if (hi < 0 || lo >= LANES) {
                    zero.intoArray(tile, t);
                    continue;
                }
                FloatVector e = VectorMath.exp2(FloatVector.fromArray(TileKernels.SPECIES, tile, t).sub(base)).mul(g);
                if (lo > 0 || hi < LANES - 1) {
                    e = e.blend(0f, outside(laneIndex, lo, hi));
                }
                e.intoArray(tile, t);
            }
        }
    }

    /** Linear scores tile [keys][ROWS]: key x may be seen by lanes >= first + x; 0 elsewhere. */
    private static void linearMask(float[] tile, int keys, int first, int lanes) {
        FloatVector laneIndex = laneIndex();
        FloatVector zero = FloatVector.zero(TileKernels.SPECIES);
        for (int lv = 0; lv < lanes; lv += LANES) {
            for (int x = 0, t = lv; x < keys; x++, t += ROWS) {
                int lo = first + x - lv;
                if (lo <= 0) {
                    continue;
                }
                if (lo >= LANES) {
                    zero.intoArray(tile, t);
                    continue;
                }
                FloatVector.fromArray(TileKernels.SPECIES, tile, t)
                        .blend(0f, laneIndex.compare(VectorOperators.LT, lo)).intoArray(tile, t);
            }
        }
    }

    private static VectorMask<Float> outside(FloatVector laneIndex, int lo, int hi) {
        return laneIndex.compare(VectorOperators.LT, lo).or(laneIndex.compare(VectorOperators.GT, hi));
    }

    private static FloatVector laneIndex() {
        return FloatVector.broadcast(TileKernels.SPECIES, 0f).addIndex(1);
    }

    /** y = (y_win + l y_lin) / (den_win + l den_lin) per row, written out; the diagnostics accumulate. */
    private static void combineRows(Call c, SimdHybridScratch s, long b, int h, long first, int rows,
                                    boolean window, boolean linear, float l, double[] diag) {
        int dimV = c.headDimV;
        float[] row = s.row;
        for (int r = 0; r < rows; r++) {
            float denWindow = window ? s.windowOutT[dimV * ROWS + r] : 0f;
            float denLinear = linear ? l * s.linearOutT[dimV * ROWS + r] : 0f;
            float den = denWindow + denLinear;
            if (den == 0f) {
                writeZeroRow(c, b, h, first + r);
                continue;
            }
            float inverse = 1f / den;
            double normWindow = 0;
            double normLinear = 0;
            for (int x = 0, t = r; x < dimV; x++, t += ROWS) {
                float yw = window ? s.windowOutT[t] : 0f;
                float yl = linear ? l * s.linearOutT[t] : 0f;
                row[x] = (yw + yl) * inverse;
                normWindow += (double) yw * yw;
                normLinear += (double) yl * yl;
            }
            writeRow(c, b, h, first + r, row);
            accumulate(diag, 0, (double) denWindow / den, (double) denLinear / den, Math.sqrt(normWindow),
                    Math.sqrt(normLinear));
        }
    }

    /** Sums kept per (b, h) for its diagnostics. */
    static final int DIAGNOSTIC_SUMS = 6;

    /** diag: [window den share sum, linear den share sum, rows, window out share sum, linear out share sum, rows]. */
    private static void accumulate(double[] diag, int at, double shareWindow, double shareLinear,
                                   double normWindow, double normLinear) {
        diag[at] += shareWindow;
        diag[at + 1] += shareLinear;
        diag[at + 2]++;
        double total = normWindow + normLinear;
        if (total != 0) {
            diag[at + 3] += normWindow / total;
            diag[at + 4] += normLinear / total;
            diag[at + 5]++;
        }
    }

    private static void sinkDiagnostics(Call c, long b, int h, double[] diag) {
        SimdHybridScratch s = SimdHybridScratch.current();
        s.ensureRows(c.headDimV);
        float[] row = s.rows;
        for (long i = 0; i < c.problem.tokens(); i++) {
            long at = c.out.offset + b * c.out.strideB + h * c.out.strideH + i * c.out.strideN;
            MemorySegment.copy(c.out.segment, F32, at * Float.BYTES, row, 0, c.headDimV);
            double norm = 0;
            for (float x : row) {
                norm += (double) x * x;
            }
            accumulate(diag, 0, 1, 0, Math.sqrt(norm), 0);
        }
    }

    static void writeDiagnostics(Tensor t, long b, long h, double[] diag, int at) {
        if (t == null) {
            return;
        }
        double rows = diag[at + 2];
        double outRows = diag[at + 5];
        t.setFloat(rows == 0 ? 0f : (float) (diag[at] / rows), b, h, HybridOutputs.WINDOW_DENOMINATOR_SHARE);
        t.setFloat(rows == 0 ? 0f : (float) (diag[at + 1] / rows), b, h, HybridOutputs.LINEAR_DENOMINATOR_SHARE);
        t.setFloat(outRows == 0 ? 0f : (float) (diag[at + 3] / outRows), b, h, HybridOutputs.WINDOW_OUTPUT_SHARE);
        t.setFloat(outRows == 0 ? 0f : (float) (diag[at + 4] / outRows), b, h, HybridOutputs.LINEAR_OUTPUT_SHARE);
    }

    /** S[f][:] += sum over buffer keys [from, from + count) of phi(k)[f] [v, 1]. */
    private static void foldIntoState(SimdHybridScratch s, int features, int keyLanes, int dvPad, int from,
                                      int count) {
        float[] st = s.state;
        float[] phi = s.phiKeysT;
        float[] val = s.values;
        int f = 0;
        for (; f + 4 <= features; f += 4) {
            int p0 = f * keyLanes + from;
            int p1 = p0 + keyLanes;
            int p2 = p1 + keyLanes;
            int p3 = p2 + keyLanes;
            for (int x = 0; x < dvPad; x += LANES) {
                FloatVector a0 = FloatVector.fromArray(TileKernels.SPECIES, st, f * dvPad + x);
                FloatVector a1 = FloatVector.fromArray(TileKernels.SPECIES, st, (f + 1) * dvPad + x);
                FloatVector a2 = FloatVector.fromArray(TileKernels.SPECIES, st, (f + 2) * dvPad + x);
                FloatVector a3 = FloatVector.fromArray(TileKernels.SPECIES, st, (f + 3) * dvPad + x);
                for (int j = 0, vi = from * dvPad + x; j < count; j++, vi += dvPad) {
                    FloatVector vv = FloatVector.fromArray(TileKernels.SPECIES, val, vi);
                    a0 = vv.fma(FloatVector.broadcast(TileKernels.SPECIES, phi[p0 + j]), a0);
                    a1 = vv.fma(FloatVector.broadcast(TileKernels.SPECIES, phi[p1 + j]), a1);
                    a2 = vv.fma(FloatVector.broadcast(TileKernels.SPECIES, phi[p2 + j]), a2);
                    a3 = vv.fma(FloatVector.broadcast(TileKernels.SPECIES, phi[p3 + j]), a3);
                }
                a0.intoArray(st, f * dvPad + x);
                a1.intoArray(st, (f + 1) * dvPad + x);
                a2.intoArray(st, (f + 2) * dvPad + x);
                a3.intoArray(st, (f + 3) * dvPad + x);
            }
        }
        for (; f < features; f++) {
            int p0 = f * keyLanes + from;
            for (int x = 0; x < dvPad; x += LANES) {
                FloatVector a0 = FloatVector.fromArray(TileKernels.SPECIES, st, f * dvPad + x);
                for (int j = 0, vi = from * dvPad + x; j < count; j++, vi += dvPad) {
                    a0 = FloatVector.fromArray(TileKernels.SPECIES, val, vi).fma(FloatVector.broadcast(TileKernels.SPECIES, phi[p0 + j]), a0);
                }
                a0.intoArray(st, f * dvPad + x);
            }
        }
    }

    private static void shiftChunks(SimdHybridScratch s, int chunk, int dim, int dvPad, int features) {
        System.arraycopy(s.keys, chunk * dim, s.keys, 0, chunk * dim);
        System.arraycopy(s.values, chunk * dvPad, s.values, 0, chunk * dvPad);
        int keyLanes = 2 * chunk;
        for (int f = 0; f < features; f++) {
            System.arraycopy(s.phiKeysT, f * keyLanes + chunk, s.phiKeysT, f * keyLanes, chunk);
        }
    }

    /** Keys and values of positions [start, start + count) into the current half; the rest of the half zeroed. */
    private static void loadChunk(Call c, SimdHybridScratch s, long b, long kvh, int start, int count, int chunk) {
        int dim = c.headDim;
        int dimV = c.headDimV;
        int dvPad = c.dvPadded;
        SimdDense.loadRows(c.k.segment, c.k.type, c.k.rowOffset(b, kvh, start), c.k.strideN, count, dim, s.rows);
        System.arraycopy(s.rows, 0, s.keys, chunk * dim, count * dim);
        java.util.Arrays.fill(s.keys, (chunk + count) * dim, 2 * chunk * dim, 0f);
        int width = roundToLanes(count);
        for (int d = 0; d < dim; d++) {
            int to = d * chunk;
            for (int j = 0, from = d; j < count; j++, from += dim) {
                s.keysCurrentT[to + j] = s.rows[from];
            }
            java.util.Arrays.fill(s.keysCurrentT, to + count, to + width, 0f);
        }
        SimdDense.loadRows(c.v.segment, c.v.type, c.v.rowOffset(b, kvh, start), c.v.strideN, count, dimV, s.rows);
        for (int j = 0; j < count; j++) {
            int at = (chunk + j) * dvPad;
            System.arraycopy(s.rows, j * dimV, s.values, at, dimV);
            s.values[at + dimV] = 1f;
        }
        java.util.Arrays.fill(s.values, (chunk + count) * dvPad, 2 * chunk * dvPad, 0f);
    }

    private static void loadQueriesT(Call c, SimdHybridScratch s, long b, int h, int first, int rows, int lanes) {
        int dim = c.headDim;
        SimdDense.loadRows(c.q.segment, c.q.type, c.q.rowOffset(b, h, first), c.q.strideN, rows, dim, s.rows);
        for (int d = 0; d < dim; d++) {
            int to = d * ROWS;
            for (int r = 0, from = d; r < rows; r++, from += dim) {
                s.queriesT[to + r] = s.rows[from];
            }
            java.util.Arrays.fill(s.queriesT, to + rows, to + lanes, 0f);
        }
    }

    /** Head h's weights [D][P] as fp32, or null. */
    private static float[] loadWeights(Tensor w, int h, int dim, int projected, float[] into) {
        return loadWeights(w, h, dim, projected, into, 0);
    }

    /** Head h's weights [D][P] as fp32 into {@code into} from index {@code at}, or null without weights. */
    private static float[] loadWeights(Tensor w, int h, int dim, int projected, float[] into, int at) {
        if (w == null) {
            return null;
        }
        if (at == 0) {
            SimdDense.loadRows(w.segment(), w.dtype(), w.offset() + h * w.stride(0), w.stride(1), dim, projected,
                    into);
        } else {
            for (int d = 0; d < dim; d++) {
                MemorySegment.copy(w.segment(), F32, (w.offset() + h * w.stride(0) + d * w.stride(1)) * Float.BYTES,
                        into, at + d * projected, projected);
            }
        }
        return into;
    }

    private static void writeState(Call c, SimdHybridScratch s, long b, int h, int features, int dvPad) {
        HybridState state = c.problem.state();
        int dimV = c.headDimV;
        MemorySegment kv = state.kv().segment();
        MemorySegment z = state.z().segment();
        long kvBase = (b * c.problem.headsQ() + h) * features * (long) dimV;
        long zBase = (b * c.problem.headsQ() + h) * (long) features;
        for (int f = 0; f < features; f++) {
            MemorySegment.copy(s.state, f * dvPad, kv, F32, (kvBase + (long) f * dimV) * Float.BYTES, dimV);
            z.setAtIndex(F32, zBase + f, s.state[f * dvPad + dimV]);
        }
    }

    /** The last w keys/values into the ring (position j in slot j mod w) and the first s into the sinks. */
    private static void copyWindowAndSinks(Call c, HybridState state, long b, long kvh, float[] buffer) {
        HybridProblem p = c.problem;
        long n = p.tokens();
        int w = p.spec().window();
        for (long j = Math.max(0, n - w); j < n; j++) {
            copyRow(c.k, b, kvh, j, state.keyRing(), j % w, c.headDim, buffer);
            copyRow(c.v, b, kvh, j, state.valueRing(), j % w, c.headDimV, buffer);
        }
        for (long j = 0; j < Math.min(p.spec().sinks(), n); j++) {
            copyRow(c.k, b, kvh, j, state.sinkKeys(), j, c.headDim, buffer);
            copyRow(c.v, b, kvh, j, state.sinkValues(), j, c.headDimV, buffer);
        }
    }

    /** Row (b, h, i) of an input into row (b, h, slot) of a contiguous F32 state tensor [B, H, rows, width]. */
    private static void copyRow(Flat src, long b, long h, long i, Tensor dst, long slot, int width, float[] row) {
        if (width == 0) {
            return;
        }
        SimdDense.loadRows(src.segment, src.type, src.rowOffset(b, h, i), src.strideN, 1, width, row);
        long at = dst.offset() + b * dst.stride(0) + h * dst.stride(1) + slot * dst.stride(2);
        MemorySegment.copy(row, 0, dst.segment(), F32, at * Float.BYTES, width);
    }

    private static void writeRow(Call c, long b, long h, long i, float[] row) {
        if (c.headDimV == 0) {
            return;
        }
        long at = c.out.offset + b * c.out.strideB + h * c.out.strideH + i * c.out.strideN;
        MemorySegment.copy(row, 0, c.out.segment, F32, at * Float.BYTES, c.headDimV);
    }

    private static void writeZeroRow(Call c, long b, long h, long i) {
        if (c.headDimV == 0) {
            return;
        }
        long at = c.out.offset + b * c.out.strideB + h * c.out.strideH + i * c.out.strideN;
        c.out.segment.asSlice(at * Float.BYTES, (long) c.headDimV * Float.BYTES).fill((byte) 0);
    }

    // ------------------------------------------------------------------------------------------ decode

    @Override
    public void decode(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                       HybridState state) {
        HybridProblem p = HybridProblem.of(q, k, v, params, outputs, spec, state, HybridProblem.Phase.DECODE)
                .requireOutputs().requireDevice(Device.CPU, "cpu");
        requireFits(p);
        Call c = new Call(p);
        Parallel workers = parallel.forTensors(q, k, v, outputs.out(), outputs.diagnostics(), params.featureQ(),
                params.featureK(), state.kv());
        long tasks = p.batch() * p.headsKv();
        if (tasks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: expected at most " + Integer.MAX_VALUE
                    + " (batch, kv head) pairs for the cpu backend, got " + tasks);
        }
        long start = state.length();
        workers.forEach((int) tasks, t -> decodeGroup(c, SimdHybridScratch.current(), t / p.headsKv(),
                t % p.headsKv(), start));
        state.setLength(start + p.tokens());
    }

    private static void decodeGroup(Call c, SimdHybridScratch s, long b, long kvh, long start) {
        HybridProblem p = c.problem;
        HybridState state = p.state();
        int w = p.spec().window();
        int sinks = p.spec().sinks();
        int dim = c.headDim;
        int dimV = c.headDimV;
        int dvPad = c.dvPadded;
        int projected = p.projectedDim();
        int features = p.featureDim();
        FeatureMap map = p.spec().featureMap();
        int group = (int) p.group();
        s.ensureDecode(w, sinks, dim, dvPad, roundToLanes(projected), roundToLanes(features));
        double[] diags = s.diagnostics(group);
        // every head's weights once per call (tied keys share the query copy)
        int headWeights = dim * projected;
        s.ensureDecodeWeights((long) group * headWeights);
        boolean tied = p.keyWeights() == p.queryWeights();
        for (int x = 0; x < group; x++) {
            long h = kvh * group + x;
            if (p.queryWeights() != null) {
                loadWeights(p.queryWeights(), (int) h, dim, projected, s.decodeWeightsQ, x * headWeights);
            }
            if (p.keyWeights() != null && !tied) {
                loadWeights(p.keyWeights(), (int) h, dim, projected, s.decodeWeightsK, x * headWeights);
            }
        }
        float[] weightsQ = p.queryWeights() == null ? null : s.decodeWeightsQ;
        float[] weightsK = p.keyWeights() == null ? null : tied ? s.decodeWeightsQ : s.decodeWeightsK;
        MemorySegment kvSeg = state.kv().segment();
        MemorySegment zSeg = state.z().segment();
        for (long t = 0; t < p.tokens(); t++) {
            long pos = start + t;
            int slot = (int) (pos % w);
            if (pos >= w) {
                // key pos - w leaves the window: fold it into every query head's S before its slot is reused
                float[] oldK = s.row;
                readStateRow(state.keyRing(), b, kvh, slot, dim, oldK);
                readStateRow(state.valueRing(), b, kvh, slot, dimV, s.numWindow);
                for (int x = 0; x < group; x++) {
                    long h = kvh * group + x;
                    SimdHybridFeatures.row(map, weightsK, x * headWeights, dim, projected, oldK, s.projectedT,
                            s.phiKey);
                    long kvBase = (b * p.headsQ() + h) * features * (long) dimV;
                    long zBase = (b * p.headsQ() + h) * features;
                    for (int f = 0; f < features; f++) {
                        float phi = s.phiKey[f];
                        addScaledRow(kvSeg, kvBase + (long) f * dimV, s.numWindow, phi, dimV);
                        zSeg.setAtIndex(F32, zBase + f, zSeg.getAtIndex(F32, zBase + f) + phi);
                    }
                }
            }
            copyRow(c.k, b, kvh, t, state.keyRing(), slot, dim, s.rows);
            copyRow(c.v, b, kvh, t, state.valueRing(), slot, dimV, s.rows);
            if (pos < sinks) {
                copyRow(c.k, b, kvh, t, state.sinkKeys(), pos, dim, s.rows);
                copyRow(c.v, b, kvh, t, state.sinkValues(), pos, dimV, s.rows);
            }
            int inWindow = (int) Math.min(w, pos + 1);
            for (int x = 0; x < group; x++) {
                long h = kvh * group + x;
                decodeRow(c, s, b, h, t, pos, inWindow, diags, x * DIAGNOSTIC_SUMS, weightsQ, weightsK,
                        x * headWeights);
            }
        }
        for (int x = 0; x < group; x++) {
            writeDiagnostics(p.outputs().diagnostics(), b, kvh * group + x, diags, x * DIAGNOSTIC_SUMS);
        }
    }

    private static void decodeRow(Call c, SimdHybridScratch s, long b, long h, long t, long pos, int inWindow,
                                  double[] diag, int diagAt, float[] weightsQ, float[] weightsK, int weightsAt) {
        HybridProblem p = c.problem;
        HybridState state = p.state();
        HybridMode mode = p.modeOf(b, h);
        int w = p.spec().window();
        int dim = c.headDim;
        int dimV = c.headDimV;
        int features = p.featureDim();
        int projected = p.projectedDim();
        long kvh = h / p.group();
        if (mode == HybridMode.ZERO) {
            writeZeroRow(c, b, h, t);
            return;
        }
        float g = p.windowFactor(mode, h);
        float l = p.linearFactor(mode, h);
        float[] query = s.row;
        SimdDense.loadRows(c.q.segment, c.q.type, c.q.rowOffset(b, h, t), c.q.strideN, 1, dim, query);
        java.util.Arrays.fill(s.numWindow, 0, dimV, 0f);
        java.util.Arrays.fill(s.numLinear, 0, dimV, 0f);
        float denWindow = 0;
        float denLinear = 0;
        if (mode.usesWindow() || mode == HybridMode.SINKS_ONLY) {
            // the window's keys (ring slots of positions pos - inWindow + 1 .. pos), or the sinks
            boolean sinksOnly = mode == HybridMode.SINKS_ONLY;
            int count = sinksOnly ? (int) Math.min(p.spec().sinks(), pos + 1) : inWindow;
            Tensor keys = sinksOnly ? state.sinkKeys() : state.keyRing();
            Tensor values = sinksOnly ? state.sinkValues() : state.valueRing();
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < count; j++) {
                long slot = sinksOnly ? j : (pos - count + 1 + j) % w;
                readStateRow(keys, b, kvh, slot, dim, s.keys, j * dim);
                float logit = dot(query, 0, s.keys, j * dim, dim) * c.problem.scale();
                s.logits[j] = logit;
                max = logit > max ? logit : max;
            }
            float base = max == Float.NEGATIVE_INFINITY ? 0f : max;
            for (int j = 0; j < count; j++) {
                long slot = sinksOnly ? j : (pos - count + 1 + j) % w;
                float e = (float) Math.exp(s.logits[j] - base);
                readStateRow(values, b, kvh, slot, dimV, s.values, 0);
                axpy(e, s.values, 0, s.numWindow, dimV);
                denWindow += e;
            }
        }
        if (mode.usesLinear()) {
            SimdHybridFeatures.row(p.spec().featureMap(), weightsQ, weightsAt, dim, projected, query, s.projectedT,
                    s.phiQuery);
            long kvBase = (b * p.headsQ() + h) * features * (long) dimV;
            long zBase = (b * p.headsQ() + h) * features;
            MemorySegment kvSeg = state.kv().segment();
            MemorySegment zSeg = state.z().segment();
            for (int f = 0; f < features; f++) {
                float phi = s.phiQuery[f];
                accumulateRow(kvSeg, kvBase + (long) f * dimV, phi, s.numLinear, dimV);
                denLinear += phi * zSeg.getAtIndex(F32, zBase + f);
            }
            if (mode == HybridMode.LINEAR_ONLY) {
                for (int j = 0; j < inWindow; j++) {
                    long slot = (pos - inWindow + 1 + j) % w;
                    readStateRow(state.keyRing(), b, kvh, slot, dim, s.keys, 0);
                    SimdHybridFeatures.row(p.spec().featureMap(), weightsK, weightsAt, dim, projected, s.keys,
                            s.projectedT, s.phiKey);
                    float a = dot(s.phiQuery, 0, s.phiKey, 0, features);
                    readStateRow(state.valueRing(), b, kvh, slot, dimV, s.values, 0);
                    axpy(a, s.values, 0, s.numLinear, dimV);
                    denLinear += a;
                }
            }
        }
        float dw = g * denWindow;
        float dl = l * denLinear;
        float den = dw + dl;
        if (den == 0f) {
            writeZeroRow(c, b, h, t);
            return;
        }
        float inverse = 1f / den;
        double normWindow = 0;
        double normLinear = 0;
        float[] out = s.numWindow;
        for (int x = 0; x < dimV; x++) {
            float yw = g * s.numWindow[x];
            float yl = l * s.numLinear[x];
            out[x] = (yw + yl) * inverse; // numWindow[x] is read above before it is overwritten
            normWindow += (double) yw * yw;
            normLinear += (double) yl * yl;
        }
        writeRow(c, b, h, t, out);
        accumulate(diag, diagAt, (double) dw / den, (double) dl / den, Math.sqrt(normWindow),
                Math.sqrt(normLinear));
    }

    private static void readStateRow(Tensor t, long b, long h, long slot, int width, float[] into) {
        readStateRow(t, b, h, slot, width, into, 0);
    }

    private static void readStateRow(Tensor t, long b, long h, long slot, int width, float[] into, int at) {
        long off = t.offset() + b * t.stride(0) + h * t.stride(1) + slot * t.stride(2);
        MemorySegment.copy(t.segment(), F32, off * Float.BYTES, into, at, width);
    }

    /** seg[at .. at + n) += a * x[0 .. n) (F32 in place). */
    private static void addScaledRow(MemorySegment seg, long at, float[] x, float a, int n) {
        int bound = TileKernels.SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            long byteOffset = (at + i) * Float.BYTES;
            FloatVector.fromMemorySegment(TileKernels.SPECIES, seg, byteOffset, ORDER)
                    .add(FloatVector.fromArray(TileKernels.SPECIES, x, i).mul(a))
                    .intoMemorySegment(seg, byteOffset, ORDER);
        }
        for (; i < n; i++) {
            seg.setAtIndex(F32, at + i, seg.getAtIndex(F32, at + i) + a * x[i]);
        }
    }

    /** y[0 .. n) += a * seg[at .. at + n). */
    private static void accumulateRow(MemorySegment seg, long at, float a, float[] y, int n) {
        int bound = TileKernels.SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector.fromMemorySegment(TileKernels.SPECIES, seg, (at + i) * Float.BYTES, ORDER)
                    .fma(FloatVector.broadcast(TileKernels.SPECIES, a), FloatVector.fromArray(TileKernels.SPECIES, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += a * seg.getAtIndex(F32, at + i);
        }
    }

    private static void axpy(float a, float[] x, int xAt, float[] y, int n) {
        int bound = TileKernels.SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(TileKernels.SPECIES, x, xAt + i)
                    .fma(FloatVector.broadcast(TileKernels.SPECIES, a), FloatVector.fromArray(TileKernels.SPECIES, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += a * x[xAt + i];
        }
    }

    private static float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        int bound = TileKernels.SPECIES.loopBound(n);
        FloatVector acc0 = FloatVector.zero(TileKernels.SPECIES);
        FloatVector acc1 = acc0;
        int i = 0;
        for (; i + LANES < bound; i += 2 * LANES) {
            acc0 = FloatVector.fromArray(TileKernels.SPECIES, a, aAt + i)
                    .fma(FloatVector.fromArray(TileKernels.SPECIES, b, bAt + i), acc0);
            acc1 = FloatVector.fromArray(TileKernels.SPECIES, a, aAt + i + LANES)
                    .fma(FloatVector.fromArray(TileKernels.SPECIES, b, bAt + i + LANES), acc1);
        }
        for (; i < bound; i += LANES) {
            acc0 = FloatVector.fromArray(TileKernels.SPECIES, a, aAt + i)
                    .fma(FloatVector.fromArray(TileKernels.SPECIES, b, bAt + i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[aAt + i] * b[bAt + i];
        }
        return sum;
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private static void requireFits(HybridProblem p) {
        long chunk = chunkFor(p.spec().window());
        long dvPad = roundUp(p.headDimV() + 1, LANES);
        long widest = Math.max(Math.max(2 * chunk * Math.max(p.headDim(), dvPad), (long) p.featureDim() * 2 * chunk),
                (chunk + ROWS) * ROWS);
        if (widest > MAX_SCRATCH_FLOATS || p.headsQ() > Integer.MAX_VALUE || p.tokens() > Integer.MAX_VALUE - chunk) {
            throw new IllegalArgumentException("spec: window " + p.spec().window() + " with D " + p.headDim() + ", Dv "
                    + p.headDimV() + ", F " + p.featureDim() + ": expected chunk buffers of at most "
                    + MAX_SCRATCH_FLOATS + " floats for the cpu backend, got " + widest);
        }
    }

    private static int roundToLanes(int n) {
        return Math.max(LANES, (n + LANES - 1) / LANES * LANES);
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** A [B, H, N, X] tensor flattened to its segment, dtype, offset and strides. */
    private record Flat(MemorySegment segment, DType type, long offset, long strideB, long strideH, long strideN) {
        static Flat of(Tensor t) {
            return new Flat(t.segment(), t.dtype(), t.offset(), t.stride(0), t.stride(1), t.stride(2));
        }

        long rowOffset(long b, long h, long i) {
            return offset + b * strideB + h * strideH + i * strideN;
        }
    }

    /** One call's validated problem and flattened tensors. */
    private static final class Call {
        final HybridProblem problem;
        final Flat q;
        final Flat k;
        final Flat v;
        final Flat out;
        final int headDim;
        final int headDimV;
        final int dvPadded;
        final float scaleLog2;

        Call(HybridProblem p) {
            problem = p;
            q = Flat.of(p.q());
            k = Flat.of(p.k());
            v = Flat.of(p.v());
            out = Flat.of(p.outputs().out());
            headDim = (int) p.headDim();
            headDimV = (int) p.headDimV();
            dvPadded = (int) roundUp(p.headDimV() + 1, LANES);
            scaleLog2 = p.scale() * LOG2E;
        }
    }
}
