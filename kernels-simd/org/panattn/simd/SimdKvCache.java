package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.internal.Parallel;
import org.panattn.kvcache.EvictionProblem;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.GroupAggregation;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.kvcache.SaliencyScore;
import org.panattn.kvcache.ScoreProblem;
import org.panattn.kvcache.ScoreSpec;
import org.panattn.kvcache.WindowAttention;

/**
 * Fused OBCache scores on the CPU. A unit is one (batch, KV head) with all the query heads of its group, so the
 * group aggregation needs no second pass; its window rows (head, query) go in vector lanes, at most
 * {@link #MAX_ROWS} at a time:
 * <ol>
 *   <li>pass 1, by {@link #BLOCK}-key blocks: logits through the register-blocked tile kernel, online softmax
 *       statistics, and (for the key and joint scores) the window outputs O^T += V^T P^T; the masked logits are
 *       kept in per-thread scratch (rows x keys, at most {@link #LOGIT_STORE_FLOATS} floats) for pass 2;</li>
 *   <li>pass 2, by the same blocks: the kept logits (past the store's size, the logits again), A = 2^(s - m) / l,
 *       v_j . o_r as one more tile product, and each (key, row) term on vectors, summed per query head into a row
 *       of L scores (when every row vector holds rows of one head: the head's vectors added, then their lanes,
 *       without storing the terms).</li>
 * </ol>
 * So the self-contained key and joint scores cost three tile products (QK, PV, VO) against dense attention's two.
 * The [L] score rows of the group are the only per-key output state. Eviction selects with a radix select on
 * (score, position) keys and compacts each (batch, head) with row copies.
 */
final class SimdKvCache implements KvCacheOps {
    private static final int LANES = TileKernels.LANES;
    private static final VectorSpecies<Integer> INT_SPECIES = TileKernels.SPECIES.withLanes(int.class);
    private static final int BLOCK = 128;
    private static final int MAX_ROWS = 64;
    /**
     * The most logits pass 1 keeps for pass 2: 8 MiB per thread, 64 rows x 32k keys. Reading them back is cheaper
     * than recomputing them (one tile product and a second read of K) at every measured length; past this size
     * pass 2 recomputes them, so that the per-thread scratch stays bounded.
     */
    static final long LOGIT_STORE_FLOATS = 1L << 21;
    private static final float LOG2E = (float) (1.0 / Math.log(2.0));
    private static final float LN2 = (float) Math.log(2.0);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;

    private final Parallel parallel;

    SimdKvCache(Parallel parallel) {
        this.parallel = parallel;
    }

    // ====================================================================== scores

    @Override
    public void scores(Tensor q, Tensor k, Tensor v, WindowAttention window, Tensor scores, ScoreSpec spec,
                       boolean accumulate) {
        ScoreProblem p = ScoreProblem.of(q, k, v, window, scores, spec).requireDevice(Device.CPU, "cpu");
        DenseProblem d = p.dense();
        long units = d.batch() * d.headsKv();
        if (units == 0 || d.nk() == 0) {
            return;
        }
        if (units > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: too many (batch, kv head) pairs for one call: " + units);
        }
        if (d.group() * d.nk() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("k: Hq/Hkv * L = " + d.group() * d.nk()
                    + " scores per unit exceed a Java array");
        }
        Parallel workers = window == null ? parallel.forTensors(q, k, v, scores)
                : parallel.forTensors(q, k, v, scores, window.outputs(), window.lse());
        workers.forEach((int) units, u -> new ScoreUnit(p, KvCacheScratch.current(), u / d.headsKv(),
                (int) (u % d.headsKv())).run(accumulate));
    }

    /** The scores of one (batch, KV head) and its query heads. */
    private static final class ScoreUnit {
        final ScoreProblem p;
        final DenseProblem d;
        final KvCacheScratch s;
        final SaliencyScore score;
        final long b;
        final int hk;
        final int group;
        final int window;
        final int keys;
        final int dim;
        final int dimV;
        final float logitFactor;

        ScoreUnit(ScoreProblem p, KvCacheScratch s, long b, int hk) {
            this.p = p;
            this.d = p.dense();
            this.s = s;
            this.score = p.spec().score();
            this.b = b;
            this.hk = hk;
            this.group = (int) d.group();
            this.window = p.spec().window();
            this.keys = (int) d.nk();
            this.dim = (int) d.headDim();
            this.dimV = (int) d.headDimV();
            this.logitFactor = d.scale() * LOG2E;
            int rowLanes = roundToLanes(Math.min(MAX_ROWS, group * window));
            s.ensureScores(rowLanes, Math.max(dim, 1), Math.max(dimV, 1), BLOCK, group, keys);
        }

        void run(boolean accumulate) {
            Arrays.fill(s.headScores, 0, group * keys, 0f);
            long totalRows = (long) group * window;
            for (long r0 = 0; r0 < totalRows; r0 += MAX_ROWS) {
                int rows = (int) Math.min(MAX_ROWS, totalRows - r0);
                chunk(r0, rows);
            }
            for (int g = 0; g < group; g++) {
                pool(g);
            }
            write(accumulate);
        }

        /** Rows [r0, r0 + rows) of the unit: row r is head hk * group + r / window, window query r % window. */
        private void chunk(long r0, int rows) {
            int rowLanes = roundToLanes(rows);
            long firstQuery = p.firstWindowQuery();
            int[] visible = s.visible;
            int maxVisible = 0;
            for (int r = 0; r < rowLanes; r++) {
                if (r < rows) {
                    visible[r] = (int) p.visibleKeys(firstQuery + (r0 + r) % window);
                    maxVisible = Math.max(maxVisible, visible[r]);
                }
            }
            for (int r = rows; r < rowLanes; r++) {
                visible[r] = maxVisible;
            }
            packQueries(r0, rows, rowLanes);
            boolean outputs = score.needsOutputs();
            boolean keptLogits = false;
            if (p.window() != null) {
                loadWindowAttention(r0, rows, rowLanes, outputs);
            } else {
                keptLogits = (long) rowLanes * maxVisible <= LOGIT_STORE_FLOATS;
                if (keptLogits) {
                    s.ensureLogitStore((long) rowLanes * maxVisible, LOGIT_STORE_FLOATS);
                }
                attentionPass(visible, maxVisible, rowLanes, outputs, keptLogits);
            }
            // every row vector holds rows of one query head (and no padding lanes): the terms are summed as vectors
            boolean wholeVectors = window % LANES == 0;
            int minVisible = maxVisible;
            for (int r = 0; r < rows; r++) {
                minVisible = Math.min(minVisible, visible[r]);
            }
            for (int r = 0; r < rowLanes; r++) {
                // a row that saw only -inf keeps m = -inf; subtracting 0 instead keeps its weights 0, as in pass 1
                s.rowMax[r] = s.rowMax[r] == Float.NEGATIVE_INFINITY ? 0f : s.rowMax[r];
            }
            // pass 2: per (key, row) terms, summed per query head
            for (int j0 = 0; j0 < maxVisible; j0 += BLOCK) {
                int bk = Math.min(BLOCK, maxVisible - j0);
                float[] logits = s.tile;
                int logitsAt = 0;
                if (keptLogits) {
                    logits = s.logitStore;
                    logitsAt = j0 * rowLanes;
                } else {
                    logits(j0, bk, rowLanes);
                    mask(visible, j0, bk, rowLanes, Float.NEGATIVE_INFINITY);
                }
                if (score != SaliencyScore.ACCUMULATED) {
                    loadValues(j0, bk);
                    valueNorms(bk);
                }
                if (outputs && dimV > 0) {
                    TileKernels.multiply(s.values, 0, dimV, 1, bk, dimV, s.outputsT, rowLanes, s.valueDotOutput,
                            rowLanes, rowLanes, false);
                } else if (outputs) {
                    Arrays.fill(s.valueDotOutput, 0, bk * rowLanes, 0f);
                }
                if (wholeVectors) {
                    termsPerHead(logits, logitsAt, r0, rows, j0, bk, visible, j0 + bk > minVisible);
                } else {
                    terms(logits, logitsAt, bk, rowLanes);
                    mask(visible, j0, bk, rowLanes, 0f); // a masked key adds nothing, even where 0 * inf made NaN
                    sumPerHead(r0, rows, rowLanes, j0, bk);
                }
            }
        }

        /**
         * Pass 1: softmax statistics and (for the key and joint scores) the window outputs, over every key; the
         * masked logits also go to the logit store when {@code keepLogits}.
         */
        private void attentionPass(int[] visible, int maxVisible, int rowLanes, boolean outputs, boolean keepLogits) {
            Arrays.fill(s.rowMax, 0, rowLanes, Float.NEGATIVE_INFINITY);
            Arrays.fill(s.rowSum, 0, rowLanes, 0f);
            // fewer than four row vectors: the outputs accumulate row-major, O[row][feature] += P[row][key] V[key],
            // features in lanes, so that the tile kernel blocks 4 rows x 4 feature vectors (4 broadcasts feed 16
            // FMAs) instead of 8 features x 1 or 2 row vectors (8 broadcasts for 8 or 16)
            boolean rowMajor = outputs && rowLanes < 4 * LANES && dimV % LANES == 0;
            if (outputs) {
                Arrays.fill(rowMajor ? s.outputs : s.outputsT, 0, dimV * rowLanes, 0f);
            }
            for (int j0 = 0; j0 < maxVisible; j0 += BLOCK) {
                int bk = Math.min(BLOCK, maxVisible - j0);
                logits(j0, bk, rowLanes);
                mask(visible, j0, bk, rowLanes, Float.NEGATIVE_INFINITY);
                if (keepLogits) {
                    System.arraycopy(s.tile, 0, s.logitStore, j0 * rowLanes, bk * rowLanes);
                }
                boolean rescale = TileKernels.softmaxStep(s.tile, bk, rowLanes, s.rowMax, s.rowSum, s.alpha);
                if (outputs) {
                    if (rescale && rowMajor) {
                        scaleRows(rowLanes, s.alpha);
                    } else if (rescale) {
                        TileKernels.rescale(s.outputsT, dimV, rowLanes, s.alpha);
                    }
                    loadValues(j0, bk);
                    if (rowMajor) {
                        TileKernels.multiply(s.tile, 0, 1, rowLanes, rowLanes, bk, s.values, dimV, s.outputs, dimV,
                                dimV, true);
                    } else if (dimV > 0) {
                        TileKernels.multiply(s.values, 0, 1, dimV, dimV, bk, s.tile, rowLanes, s.outputsT, rowLanes,
                                rowLanes, true);
                    }
                }
            }
            for (int r = 0; r < rowLanes; r++) {
                s.alpha[r] = 1f / s.rowSum[r]; // from here on alpha holds 1/l
            }
            if (rowMajor) {
                scaleRows(rowLanes, s.alpha);
                for (int r = 0; r < rowLanes; r++) {
                    for (int c = 0; c < dimV; c++) {
                        s.outputsT[c * rowLanes + r] = s.outputs[r * dimV + c];
                    }
                }
            } else if (outputs) {
                TileKernels.rescale(s.outputsT, dimV, rowLanes, s.alpha);
            }
            if (outputs) {
                outputNorms(rowLanes);
            }
        }

        /** Row-major outputs O[r][0, dimV) *= factor[r] (dimV a multiple of the vector length). */
        private void scaleRows(int rowLanes, float[] factor) {
            for (int r = 0; r < rowLanes; r++) {
                FloatVector f = FloatVector.broadcast(TileKernels.SPECIES, factor[r]);
                for (int c = r * dimV, end = c + dimV; c < end; c += LANES) {
                    FloatVector.fromArray(TileKernels.SPECIES, s.outputs, c).mul(f).intoArray(s.outputs, c);
                }
            }
        }

        /**
         * The caller's window attention instead of pass 1: m = lse in base 2 and 1/l = 1, so that pass 2's
         * 2^(s - m) / l is exp(z - lse); outputs transposed into lanes. Padding lanes get a harmless row.
         */
        private void loadWindowAttention(long r0, int rows, int rowLanes, boolean outputs) {
            Tensor lse = p.window().lse();
            Tensor o = p.window().outputs();
            Arrays.fill(s.rowMax, 0, rowLanes, 0f);
            Arrays.fill(s.alpha, 0, rowLanes, 1f);
            if (outputs) {
                Arrays.fill(s.outputsT, 0, dimV * rowLanes, 0f);
            }
            float[] row = s.keys;
            for (int r = 0; r < rows; r++) {
                long flat = r0 + r;
                long head = (long) hk * group + flat / window;
                long t = flat % window;
                s.rowMax[r] = lse.getFloat(b, head, t) * LOG2E;
                if (outputs) {
                    long off = o.offset() + b * o.stride(0) + head * o.stride(1) + t * o.stride(2);
                    SimdDense.loadRows(o.segment(), o.dtype(), off, o.stride(2), 1, dimV, row);
                    for (int c = 0; c < dimV; c++) {
                        s.outputsT[c * rowLanes + r] = row[c];
                    }
                }
            }
            if (outputs) {
                outputNorms(rowLanes);
            }
        }

        private void packQueries(long r0, int rows, int rowLanes) {
            Tensor q = d.q();
            Arrays.fill(s.queriesT, 0, dim * rowLanes, 0f);
            float[] row = s.keys;
            long firstQuery = p.firstWindowQuery();
            for (int r = 0; r < rows; r++) {
                long flat = r0 + r;
                long head = (long) hk * group + flat / window;
                long query = firstQuery + flat % window;
                long off = q.offset() + b * q.stride(0) + head * q.stride(1) + query * q.stride(2);
                SimdDense.loadRows(q.segment(), q.dtype(), off, q.stride(2), 1, dim, row);
                for (int c = 0; c < dim; c++) {
                    s.queriesT[c * rowLanes + r] = row[c] * logitFactor;
                }
            }
        }

        /** tile[key][rowLanes] = base-2 logits of keys [j0, j0 + bk). */
        private void logits(int j0, int bk, int rowLanes) {
            Tensor k = d.k();
            long off = k.offset() + b * k.stride(0) + hk * k.stride(1) + j0 * k.stride(2);
            SimdDense.loadRows(k.segment(), k.dtype(), off, k.stride(2), bk, dim, s.keys);
            TileKernels.multiply(s.keys, 0, dim, 1, bk, dim, s.queriesT, rowLanes, s.tile, rowLanes, rowLanes, false);
        }

        private void loadValues(int j0, int bk) {
            Tensor v = d.v();
            long off = v.offset() + b * v.stride(0) + hk * v.stride(1) + j0 * v.stride(2);
            SimdDense.loadRows(v.segment(), v.dtype(), off, v.stride(2), bk, dimV, s.values);
        }

        /** Sets the entries of keys a row may not see to {@code fill}. */
        private void mask(int[] visible, int j0, int bk, int rowLanes, float fill) {
            for (int r = 0; r < rowLanes; r++) {
                for (int jj = Math.max(0, visible[r] - j0); jj < bk; jj++) {
                    s.tile[jj * rowLanes + r] = fill;
                }
            }
        }

        /** ||v_j||^2 of the block's value rows. */
        private void valueNorms(int bk) {
            int bound = TileKernels.SPECIES.loopBound(dimV);
            float[] values = s.values;
            for (int jj = 0; jj < bk; jj++) {
                int base = jj * dimV;
                FloatVector acc0 = FloatVector.zero(TileKernels.SPECIES);
                FloatVector acc1 = acc0;
                int c = 0;
                for (; c + 2 * LANES <= bound; c += 2 * LANES) {
                    FloatVector x0 = FloatVector.fromArray(TileKernels.SPECIES, values, base + c);
                    FloatVector x1 = FloatVector.fromArray(TileKernels.SPECIES, values, base + c + LANES);
                    acc0 = x0.fma(x0, acc0);
                    acc1 = x1.fma(x1, acc1);
                }
                for (; c < bound; c += LANES) {
                    FloatVector x = FloatVector.fromArray(TileKernels.SPECIES, values, base + c);
                    acc0 = x.fma(x, acc0);
                }
                float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
                for (; c < dimV; c++) {
                    sum += values[base + c] * values[base + c];
                }
                s.valueNorm2[jj] = sum;
            }
        }

        private void outputNorms(int rowLanes) {
            for (int rv = 0; rv < rowLanes; rv += LANES) {
                FloatVector acc = FloatVector.zero(TileKernels.SPECIES);
                for (int c = 0, t = rv; c < dimV; c++, t += rowLanes) {
                    FloatVector o = FloatVector.fromArray(TileKernels.SPECIES, s.outputsT, t);
                    acc = o.fma(o, acc);
                }
                acc.intoArray(s.outputNorm2, rv);
            }
        }

        /**
         * Writes to the tile each (key, row) term of the score, from the base-2 logits at {@code logits[at...]}
         * (the tile itself, or the logit store).
         */
        private void terms(float[] logits, int at, int bk, int rowLanes) {
            for (int jj = 0, t = 0; jj < bk; jj++, t += rowLanes) {
                for (int rv = 0; rv < rowLanes; rv += LANES) {
                    term(logits, at + t + rv, rv, t + rv, jj).intoArray(s.tile, t + rv);
                }
            }
        }

        /**
         * The terms of key {@code jj} of the block for the row vector at lane {@code rv}, its logits at
         * {@code logits[at...]} and its v.o at valueDotOutput[vo...]: A = 2^(s - m) / l (m of a row that saw only
         * -inf is 0 by then), and for the value, key and joint scores A^2 times ||v||^2, z^2 ||v - o||^2, or
         * ||v||^2 + z^2 ||v - o||^2 + 2 z (||v||^2 - v.o).
         */
        private FloatVector term(float[] logits, int at, int rv, int vo, int jj) {
            FloatVector logit = FloatVector.fromArray(TileKernels.SPECIES, logits, at);
            FloatVector m = FloatVector.fromArray(TileKernels.SPECIES, s.rowMax, rv);
            FloatVector a = VectorMath.exp2(logit.sub(m)).mul(FloatVector.fromArray(TileKernels.SPECIES, s.alpha, rv));
            if (score == SaliencyScore.ACCUMULATED) {
                return a;
            }
            FloatVector a2 = a.mul(a);
            float vv = s.valueNorm2[jj];
            if (score == SaliencyScore.VALUE) {
                return a2.mul(vv);
            }
            FloatVector z = logit.mul(LN2);
            FloatVector v0 = FloatVector.fromArray(TileKernels.SPECIES, s.valueDotOutput, vo);
            FloatVector vvMinusVo = v0.neg().add(vv);
            // ||v - o||^2 = ||v||^2 + ||o||^2 - 2 v.o
            FloatVector dist = vvMinusVo.sub(v0).add(FloatVector.fromArray(TileKernels.SPECIES, s.outputNorm2, rv));
            if (score == SaliencyScore.KEY) {
                return a2.mul(z.mul(z).mul(dist));
            }
            // vv + z^2 dist + 2 z (vv - v.o), as vv + z (z dist + 2 (vv - v.o))
            FloatVector inner = z.fma(dist, vvMinusVo.add(vvMinusVo));
            return a2.mul(z.fma(inner, FloatVector.broadcast(TileKernels.SPECIES, vv)));
        }

        /**
         * The terms of the block summed per query head straight into the head's score row, when every row vector
         * holds rows of one head (rows = rowLanes): a key's vectors of one head are added, then their lanes. Where
         * {@code masked} (the block reaches past some row's visible keys), the terms of keys a row may not see are
         * set to 0 first (even where 0 * inf made NaN).
         */
        private void termsPerHead(float[] logits, int at, long r0, int rows, int j0, int bk, int[] visible,
                                  boolean masked) {
            int r = 0;
            while (r < rows) {
                int g = (int) ((r0 + r) / window);
                int end = (int) Math.min(rows, (long) (g + 1) * window - r0);
                int base = g * keys + j0;
                for (int jj = 0, t = 0; jj < bk; jj++, t += rows) {
                    FloatVector acc = FloatVector.zero(TileKernels.SPECIES);
                    for (int rv = r; rv < end; rv += LANES) {
                        FloatVector x = term(logits, at + t + rv, rv, t + rv, jj);
                        if (masked) {
                            VectorMask<Float> sees = IntVector.fromArray(INT_SPECIES, visible, rv)
                                    .compare(VectorOperators.GT, j0 + jj).cast(TileKernels.SPECIES);
                            x = x.blend(0f, sees.not());
                        }
                        acc = acc.add(x);
                    }
                    s.headScores[base + jj] += acc.reduceLanes(VectorOperators.ADD);
                }
                r = end;
            }
        }

        /** Adds each key's terms, summed over the rows of each query head, to the head's score row. */
        private void sumPerHead(long r0, int rows, int rowLanes, int j0, int bk) {
            int r = 0;
            while (r < rows) {
                int g = (int) ((r0 + r) / window);
                int end = (int) Math.min(rows, (long) (g + 1) * window - r0);
                int base = g * keys + j0;
                for (int jj = 0; jj < bk; jj++) {
                    int t = jj * rowLanes;
                    float sum = 0f;
                    for (int x = r; x < end; x++) {
                        sum += s.tile[t + x];
                    }
                    s.headScores[base + jj] += sum;
                }
                r = end;
            }
        }

        private void pool(int g) {
            int radius = p.spec().pooling().radius();
            if (radius == 0) {
                return;
            }
            int base = g * keys;
            float[] h = s.headScores;
            for (int j = 0; j < keys; j++) {
                float m = Float.NEGATIVE_INFINITY;
                int hi = Math.min(keys - 1, j + radius);
                for (int t = Math.max(0, j - radius); t <= hi; t++) {
                    m = Math.max(m, h[base + t]); // Math.max: NaN wins, as the reference's pool
                }
                s.pooled[j] = m;
            }
            System.arraycopy(s.pooled, 0, h, base, keys);
        }

        private void write(boolean accumulate) {
            Tensor out = p.scores();
            MemorySegment seg = out.segment();
            GroupAggregation aggregation = p.spec().aggregation();
            int rowsOut = aggregation == GroupAggregation.NONE ? group : 1;
            for (int g = 0; g < rowsOut; g++) {
                long head = aggregation == GroupAggregation.NONE ? (long) hk * group + g : hk;
                long base = out.offset() + b * out.stride(0) + head * out.stride(1);
                long step = out.stride(2);
                for (int j = 0; j < keys; j++) {
                    float x;
                    if (aggregation == GroupAggregation.NONE) {
                        x = s.headScores[g * keys + j];
                    } else {
                        x = s.headScores[j];
                        for (int h = 1; h < group; h++) {
                            float y = s.headScores[h * keys + j];
                            x = aggregation == GroupAggregation.MEAN ? x + y : Math.max(x, y);
                        }
                        if (aggregation == GroupAggregation.MEAN) {
                            x /= group;
                        }
                    }
                    long at = (base + j * step) * Float.BYTES;
                    seg.set(F32, at, accumulate ? seg.get(F32, at) + x : x);
                }
            }
        }
    }

    private static int roundToLanes(int rows) {
        return Math.max(LANES, (rows + LANES - 1) / LANES * LANES);
    }

    // ====================================================================== eviction

    @Override
    public void evict(Tensor k, Tensor v, Tensor scores, Tensor kept, EvictionSpec spec) {
        EvictionProblem p = EvictionProblem.of(k, v, scores, kept, spec).requireDevice(Device.CPU, "cpu");
        long units = p.batch() * p.heads();
        if (units == 0 || spec.budget() == 0) {
            return;
        }
        if (units > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("k: too many (batch, kv head) pairs for one call: " + units);
        }
        Parallel workers = parallel.forTensors(k, v, scores, kept);
        workers.forEach((int) units, u -> evictHead(p, KvCacheScratch.current(), u / p.heads(), u % p.heads()));
    }

    private static void evictHead(EvictionProblem p, KvCacheScratch s, long b, long h) {
        int n = (int) p.length();
        s.ensureEviction(n);
        Tensor scores = p.scores();
        long scoreBase = scores.offset() + b * scores.stride(0) + h * scores.stride(1);
        long scoreStep = scores.stride(2);
        MemorySegment scoreSeg = scores.segment();
        float[] row = s.pooled;
        if (scoreStep == 1) {
            MemorySegment.copy(scoreSeg, F32, scoreBase * Float.BYTES, row, 0, n);
        } else {
            for (int j = 0; j < n; j++) {
                row[j] = scoreSeg.get(F32, (scoreBase + j * scoreStep) * Float.BYTES);
            }
        }
        EvictionSpec spec = p.spec();
        int sink = (int) spec.sink();
        int recent = (int) spec.recent();
        int heavy = (int) spec.heavy();
        int candidates = n - sink - recent;
        long threshold = Long.MAX_VALUE;
        if (heavy < candidates) {
            long[] sel = s.selectKeys;
            for (int t = 0; t < candidates; t++) {
                sel[t] = rankKey(row[sink + t], sink + t);
            }
            threshold = heavy == 0 ? Long.MIN_VALUE : select(sel, candidates, heavy - 1, s.digitCounts);
        }
        Tensor kept = p.kept();
        MemorySegment keptSeg = kept.segment();
        long keptBase = kept.offset() + b * kept.stride(0) + h * kept.stride(1);
        Tensor k = p.k();
        Tensor v = p.v();
        long kBase = k.offset() + b * k.stride(0) + h * k.stride(1);
        long vBase = v.offset() + b * v.stride(0) + h * v.stride(1);
        long kRowBytes = p.headDim() * k.dtype().byteSize();
        long vRowBytes = p.headDimV() * v.dtype().byteSize();
        long kElement = k.dtype().byteSize();
        long vElement = v.dtype().byteSize();
        // the kept positions first, without a branch on the scores; then the moves, in a loop whose branches are
        // predictable, so that the out-of-order core keeps the reads of many scattered rows in flight at once
        int[] keptRows = s.keptRows;
        int count = 0;
        for (int j = 0; j < n; j++) {
            keptRows[count] = j;
            count += (j < sink) | (j >= n - recent) | (rankKey(row[j], j) <= threshold) ? 1 : 0;
        }
        // kept positions ascend and kept[t] >= t, so a forward pass never overwrites a row it still has to read;
        // runs of consecutive kept rows move with one copy each (sinks, recents, clustered selections)
        RowMover keys = new RowMover(k.segment(), kBase * kElement, k.stride(2) * kElement, kRowBytes);
        RowMover values = new RowMover(v.segment(), vBase * vElement, v.stride(2) * vElement, vRowBytes);
        for (int t = 0; t < count; t++) {
            int j = keptRows[t];
            keptSeg.set(I32, (keptBase + t * kept.stride(2)) * Integer.BYTES, j);
            if (j != t) {
                keys.move(j, t);
                values.move(j, t);
                scoreSeg.set(F32, (scoreBase + t * scoreStep) * Float.BYTES, row[j]);
            }
        }
        keys.flush();
        values.flush();
    }

    /**
     * Moves rows within one (batch, head) of a tensor, coalescing consecutive moves by the same distance into one
     * copy when the rows are adjacent in memory (MemorySegment.copy is an overlap-safe memmove).
     */
    private static final class RowMover {
        final MemorySegment segment;
        final long base;
        final long rowStride;
        final long rowBytes;
        final boolean adjacent;
        long from = -1;
        long to;
        long count;

        RowMover(MemorySegment segment, long base, long rowStride, long rowBytes) {
            this.segment = segment;
            this.base = base;
            this.rowStride = rowStride;
            this.rowBytes = rowBytes;
            this.adjacent = rowStride == rowBytes;
        }

        void move(long source, long destination) {
            if (rowBytes == 0) {
                return;
            }
            if (adjacent && count > 0 && source == from + count && destination == to + count) {
                count++;
                return;
            }
            flush();
            from = source;
            to = destination;
            count = 1;
        }

        void flush() {
            if (count == 0) {
                return;
            }
            if (adjacent) {
                MemorySegment.copy(segment, base + from * rowStride, segment, base + to * rowStride, count * rowBytes);
            } else {
                MemorySegment.copy(segment, base + from * rowStride, segment, base + to * rowStride, rowBytes);
            }
            count = 0;
        }
    }

    /**
     * A key whose ascending order is (score descending, position ascending), NaN after every number; -0 and +0
     * rank as one value.
     */
    static long rankKey(float score, int position) {
        int rank;
        if (Float.isNaN(score)) {
            rank = Integer.MAX_VALUE;
        } else {
            int bits = Float.floatToRawIntBits(score + 0f);
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            rank = ~sortable;
        }
        return ((long) rank << 32) | (position & 0xffffffffL);
    }

    /**
     * The element of rank {@code kth} (0-based) among a[0, n) (distinct keys), reordering a; {@code counts} is
     * scratch of 4 x 256 ints. A radix select on 8-bit digits from the top: each pass counts the digits and keeps
     * only the bucket that holds the wanted rank. Unlike a quickselect's partitions, neither the counting nor the
     * compaction branches on the data (scores in random order mispredict half a quickselect's comparisons).
     */
    static long select(long[] a, int n, int kth, int[] counts) {
        int remaining = n;
        int rank = kth;
        for (int shift = Long.SIZE - 8; ; shift -= 8) {
            // four interleaved tables: runs of one digit (scores cluster in a few exponents) would otherwise wait on
            // each other's increments
            Arrays.fill(counts, 0, 4 * 256, 0);
            int i = 0;
            for (; i + 4 <= remaining; i += 4) {
                counts[digit(a[i], shift)]++;
                counts[256 + digit(a[i + 1], shift)]++;
                counts[512 + digit(a[i + 2], shift)]++;
                counts[768 + digit(a[i + 3], shift)]++;
            }
            for (; i < remaining; i++) {
                counts[digit(a[i], shift)]++;
            }
            for (int d = 0; d < 256; d++) {
                counts[d] += counts[256 + d] + counts[512 + d] + counts[768 + d];
            }
            int bucket = 0;
            while (rank >= counts[bucket]) {
                rank -= counts[bucket];
                bucket++;
            }
            int kept = 0;
            for (int j = 0; j < remaining; j++) {
                long key = a[j];
                a[kept] = key; // kept <= j: overwrites only what was read
                kept += digit(key, shift) == bucket ? 1 : 0;
            }
            remaining = kept;
            if (remaining == 1) {
                return a[0]; // distinct keys: at the latest once the last digit is counted
            }
        }
    }

    /** Digit {@code shift / 8} of a key in unsigned order (the sign bit flipped), so that digits ascend with keys. */
    private static int digit(long key, int shift) {
        return (int) ((key ^ Long.MIN_VALUE) >>> shift) & 0xff;
    }
}
