package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.internal.Parallel;
import org.panattn.topk.TopKAttention;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKProblem;
import org.panattn.topk.TopKSpec;
import org.panattn.topk.UpperBound;

/**
 * Fused certified top-k on the CPU. A unit is a set of query rows of one GQA group (all heads of the group for a
 * few queries), so each K and V row is read once for all of them:
 * <ol>
 *   <li>pass 1: logits by 64-key blocks through the register-blocked tile kernel (decode units: the dense
 *       decode's kernel), then per row the weights
 *       w = 2^(s - max) on vectors with per-block max/min/sum (the exact Z, in double);</li>
 *   <li>selection: for the exact and fixed-k budgets a quickselect of the weight threshold (split the
 *       candidates at a sampled pivot, keep the side holding the threshold, compacted with vector compress);
 *       for the blockwise bound a bisection on float bits with block summaries skipping the blocks that lie
 *       wholly on one side. Once at most a few candidates straddle it they are sorted and taken one by one, so
 *       k is the true minimum (ties by lower index);</li>
 *   <li>pass 2: only blocks holding a kept key are read from V (all of V only when no value-norm cache is given,
 *       or the exact error is asked for).</li>
 * </ol>
 */
final class SimdTopK implements TopKAttention {
    private static final int LANES = TileKernels.LANES;
    private static final VectorSpecies<Integer> INT_SPECIES = VectorMath.SPECIES.withLanes(int.class);
    private static final int BLOCK = TopKSpec.BLOCK;
    private static final int MAX_ROWS = 64;
    private static final long MAX_WEIGHT_FLOATS = 1L << 22;
    /** Rows at least this long take their first two quickselect pivots from a sample (samplePivots). */
    private static final int SAMPLED_PIVOTS_MIN_KEYS = 8192;
    /** Weights sampled, and how many samples each pivot sits from the estimate. */
    private static final int SAMPLE = 128;
    private static final int SAMPLE_MARGIN = 8;
    /** Bisection stops once at most this many weights straddle the threshold; they are then sorted. */
    private static final int CANDIDATES = 16;
    /** First galloping step away from the previous row's threshold, in float bits: a factor of about 1.4. */
    private static final int GALLOP_STEP = 1 << 22;
    /** Units with fewer rows read only their kept V rows; larger ones apply V block-wise through the GEMM. */
    private static final int SPARSE_MAX_ROWS = 4;
    private static final double LOG2E = 1.0 / Math.log(2.0);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;

    private final Parallel parallel;

    SimdTopK(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor valueNorms, TopKOutputs outputs, TopKSpec spec) {
        TopKProblem p = TopKProblem.of(q, k, v, valueNorms, outputs, spec).requireDevice(Device.CPU, "cpu");
        DenseProblem d = p.dense();
        if (d.batch() == 0 || d.headsQ() == 0 || d.nq() == 0) {
            return;
        }
        int group = (int) d.group();
        int headsPerUnit = Math.min(group, MAX_ROWS);
        long nk = Math.max(1, d.nk());
        int queriesPerUnit = (int) Math.max(1, Math.min(d.nq(), MAX_ROWS / headsPerUnit));
        while (queriesPerUnit > 1 && (long) headsPerUnit * queriesPerUnit * nk > MAX_WEIGHT_FLOATS) {
            queriesPerUnit = (queriesPerUnit + 1) / 2;
        }
        int slices = (group + headsPerUnit - 1) / headsPerUnit;
        long queryBlocks = (d.nq() + queriesPerUnit - 1) / queriesPerUnit;
        long units = d.batch() * d.headsKv() * slices * queryBlocks;
        if (units > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("q: too many rows for one call (" + units + " work units)");
        }
        int qpu = queriesPerUnit;
        TopKOutputs o = outputs;
        Parallel workers = parallel.forTensors(q, k, v, valueNorms, o.out(), o.keptCount(), o.tail(),
                o.certificate(), o.exactError(), o.indices());
        workers.forEach((int) units, u -> {
            long rest = u;
            long qBlock = rest % queryBlocks;
            rest /= queryBlocks;
            int slice = (int) (rest % slices);
            rest /= slices;
            int hk = (int) (rest % d.headsKv());
            long b = rest / d.headsKv();
            int h0 = hk * group + slice * headsPerUnit;
            int heads = Math.min(headsPerUnit, group - slice * headsPerUnit);
            long i0 = qBlock * qpu;
            int queries = (int) Math.min(qpu, d.nq() - i0);
            new Unit(p, TopKScratch.current(), b, hk, h0, heads, i0, queries).run();
        });
    }

    /** One set of rows: row r is head h0 + r / queries, query i0 + r % queries. */
    private static final class Unit {
        final TopKProblem p;
        final DenseProblem d;
        final TopKSpec spec;
        final TopKScratch s;
        final long b;
        final int hk;
        final int h0;
        final int queries;
        final long i0;
        final int rows;
        final int rowLanes;
        final int stride; // keys per row: the most any row of the unit sees
        /**
         * Floats between rows of the weights scratch: stride padded by a cache line, so that rows a power of two
         * apart (Nk = 32768: 128 KiB) do not all fall into the same cache sets when the row loops read them together.
         */
        final int pitch;
        final int dim;
        final int dimV;
        final int dvPad; // dimV rounded up to whole vectors: the GEMM's lane count
        final long[] visible;
        // per-row selection results
        final float[] threshold;
        final int[] tieTake;
        final int[] kept;
        final double[] tau;
        final double[] headMass;
        final double[] total;
        final boolean[] nanRow;
        /** Per row (in lanes, rowLanes of them): the largest visible base-2 logit, and the visible key count. */
        final float[] rowMax;
        final int[] visibleEnds;
        /**
         * The tile path with cached value norms and neither indices nor the exact error: each row's weights below
         * its threshold are zeroed in place right after its selection (the row still in cache), and pass 2 multiplies
         * the weights rows themselves by V; no kept-weight tile.
         */
        final boolean keepsInPlace;
        /** Per row: the largest value norm over its discarded keys (NaN if one is NaN). */
        final double[] maxTailNorm;
        /** Float bits of the last row's threshold: the first probe of the next row's search (0 = none). */
        int previousThresholdBits;

        Unit(TopKProblem p, TopKScratch s, long b, int hk, int h0, int heads, long i0, int queries) {
            this.p = p;
            this.d = p.dense();
            this.spec = p.spec();
            this.s = s;
            this.b = b;
            this.hk = hk;
            this.h0 = h0;
            this.queries = queries;
            this.i0 = i0;
            this.rows = heads * queries;
            this.rowLanes = Math.max(LANES, (rows + LANES - 1) / LANES * LANES);
            this.dim = (int) d.headDim();
            this.dimV = (int) d.headDimV();
            this.dvPad = Math.max(LANES, (dimV + LANES - 1) / LANES * LANES);
            this.visible = new long[rows];
            long max = 0;
            for (int r = 0; r < rows; r++) {
                visible[r] = p.visibleKeys(query(r));
                max = Math.max(max, visible[r]);
            }
            this.stride = (int) Math.max(1, max);
            this.pitch = (stride + 2 * LANES - 1) / LANES * LANES;
            this.threshold = new float[rows];
            this.tieTake = new int[rows];
            this.kept = new int[rows];
            this.tau = new double[rows];
            this.headMass = new double[rows];
            this.total = new double[rows];
            this.nanRow = new boolean[rows];
            this.rowMax = new float[rowLanes];
            this.visibleEnds = new int[rowLanes];
            for (int r = 0; r < rows; r++) {
                visibleEnds[r] = (int) visible[r];
            }
            s.ensure(rowLanes, rows, Math.max(dim, 1), dvPad, BLOCK, stride, pitch);
            this.maxTailNorm = new double[rows];
            TopKOutputs o = p.outputs();
            this.keepsInPlace = p.valueNorms() != null && o.exactError() == null && o.indices() == null
                    && d.nk() > 0 && !sparse(rows, d.v()) && !decodeInPlace(rows, dimV, d.v());
        }

        int head(int r) {
            return h0 + r / queries;
        }

        long query(int r) {
            return i0 + r % queries;
        }

        void run() {
            logits();
            if (keepsInPlace) {
                Tensor norms = p.valueNorms();
                long off = norms.offset() + b * norms.stride(0) + hk * norms.stride(1);
                MemorySegment.copy(norms.segment(), F32, off * Float.BYTES, s.unitNorms, 0, stride);
            }
            for (int r = 0; r < rows; r++) {
                weightsAndSelect(r);
                if (keepsInPlace) {
                    maxTailNorm[r] = keepInPlace(r);
                }
            }
            for (int r = 0; r < rows; r++) {
                if (p.outputs().indices() != null && kept[r] > p.indexCapacity()) {
                    throw new IllegalArgumentException("indices: buffer too small: row (" + b + ", " + head(r) + ", "
                            + query(r) + ") keeps " + kept[r] + " keys, capacity " + p.indexCapacity()
                            + " (size it with TopKPlanner.indexCapacity or to Nk)");
                }
            }
            accumulateAndWrite();
        }

        // ------------------------------------------------------------------ pass 1: logits (base 2, scaled)

        private void logits() {
            Tensor q = d.q();
            // a decode unit (at most eight rows) uses the dense decode's dot-product kernel: the tile GEMM would
            // spend most of its 16 lanes on absent rows
            boolean fewRows = rows <= DecodeKernels.ROW_GROUP && DecodeKernels.applies(true, dim, dim);
            int paddedRows = DecodeKernels.paddedRows(rows);
            float[] row = s.keys;
            if (fewRows) {
                Arrays.fill(s.queryRows, 0, paddedRows * dim, 0f);
            } else {
                Arrays.fill(s.queriesT, 0, dim * rowLanes, 0f);
            }
            for (int r = 0; r < rows; r++) {
                long off = q.offset() + b * q.stride(0) + head(r) * q.stride(1) + query(r) * q.stride(2);
                SimdDense.loadRows(q.segment(), q.dtype(), off, q.stride(2), 1, dim, row);
                if (fewRows) {
                    System.arraycopy(row, 0, s.queryRows, r * dim, dim);
                    continue;
                }
                for (int c = 0; c < dim; c++) {
                    s.queriesT[c * rowLanes + r] = row[c];
                }
            }
            if (fewRows) {
                DecodeKernels.prepareQueries(s.queryRows, paddedRows, dim, s.queriesT);
            }
            Tensor k = d.k();
            // fp32 keys are read in place by the decode kernel, and by the tile kernel where whole 4 x 4 blocks
            // cover the tile; others are converted into scratch first
            boolean keysInPlace = fewRows && k.dtype() == DType.F32;
            boolean tileInPlace = !fewRows && k.dtype() == DType.F32 && k.segment().isNative()
                    && TileKernels.inPlaceApplies(BLOCK, rowLanes);
            MemorySegment keyRows = keysInPlace ? k.segment() : MemorySegment.ofArray(s.keys);
            long keyRowBytes = (keysInPlace ? k.stride(2) : dim) * (long) Float.BYTES;
            float factor = (float) (d.scale() * LOG2E);
            Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
            long minVisible = Long.MAX_VALUE;
            for (int r = 0; r < rows; r++) {
                minVisible = Math.min(minVisible, visible[r]);
            }
            for (int j0 = 0; j0 < stride && d.nk() > 0; j0 += BLOCK) {
                int bk = Math.min(BLOCK, stride - j0);
                long off = k.offset() + b * k.stride(0) + hk * k.stride(1) + j0 * k.stride(2);
                boolean blockInPlace = tileInPlace && TileKernels.inPlaceApplies(bk, rowLanes);
                if (!keysInPlace && !blockInPlace) {
                    SimdDense.loadRows(k.segment(), k.dtype(), off, k.stride(2), bk, dim, s.keys);
                }
                if (dim == 0) {
                    Arrays.fill(s.scoresT, 0, bk * rowLanes, 0f);
                } else if (blockInPlace) {
                    TileKernels.multiply(k.segment(), off * Float.BYTES, k.stride(2) * Float.BYTES, Float.BYTES, bk,
                            dim, s.queriesT, rowLanes, s.scoresT, rowLanes, rowLanes, false, factor, null);
                } else if (fewRows) {
                    DecodeKernels.logits(s.queriesT, paddedRows, dim, keyRows, keysInPlace ? off * Float.BYTES : 0,
                            keyRowBytes, bk, s.scoresT, rowLanes, factor, s.dotPartials);
                } else {
                    TileKernels.multiply(s.keys, 0, dim, 1, bk, dim, s.queriesT, rowLanes, s.scoresT, rowLanes,
                            rowLanes, false, factor);
                }
                tileMax(j0, bk, j0 + bk > minVisible);
                transposeTile(j0, bk);
            }
        }

        /**
         * The logit tile's keys [0, bk) become keys [j0, j0 + bk) of the weights rows. By 16 x 16 squares (rows past
         * the unit's, up to rowLanes, and keys of the last square past bk land in the weights' spare rows and the
         * rows' padding: never read as weights).
         */
        private void transposeTile(int j0, int bk) {
            // a 16 x 16 square moves 16 rows: for a decode unit (at most 8 rows, most often 1) copying only its
            // rows element by element is cheaper
            if (!TopKTiles.TRANSPOSES || rows <= DecodeKernels.ROW_GROUP) {
                for (int r = 0; r < rows; r++) {
                    int base = r * pitch + j0;
                    for (int jj = 0; jj < bk; jj++) {
                        s.weights[base + jj] = s.scoresT[jj * rowLanes + r];
                    }
                }
                return;
            }
            for (int rv = 0; rv < rows; rv += LANES) {
                for (int jj = 0; jj < bk; jj += LANES) {
                    TopKTiles.transpose16(s.scoresT, jj * rowLanes + rv, rowLanes, s.weights, rv * pitch + j0 + jj,
                            pitch);
                }
            }
        }

        /**
         * rowMax = max(rowMax, the block's logits) lane by lane over the tile (rows in lanes), over each row's
         * visible keys only when the block crosses the end of some row's range. NaN wins, as Math.max.
         */
        private void tileMax(int j0, int bk, boolean crossesEnd) {
            for (int rv = 0; rv < rowLanes; rv += LANES) {
                FloatVector m = FloatVector.fromArray(VectorMath.SPECIES, rowMax, rv);
                if (!crossesEnd) {
                    // four partial maxima: with one row vector (a decode unit) a single chain of max would set
                    // the pace
                    FloatVector m1 = m;
                    FloatVector m2 = m;
                    FloatVector m3 = m;
                    int jj = 0;
                    int t = rv;
                    for (; jj + 4 <= bk; jj += 4, t += 4 * rowLanes) {
                        m = m.max(FloatVector.fromArray(VectorMath.SPECIES, s.scoresT, t));
                        m1 = m1.max(FloatVector.fromArray(VectorMath.SPECIES, s.scoresT, t + rowLanes));
                        m2 = m2.max(FloatVector.fromArray(VectorMath.SPECIES, s.scoresT, t + 2 * rowLanes));
                        m3 = m3.max(FloatVector.fromArray(VectorMath.SPECIES, s.scoresT, t + 3 * rowLanes));
                    }
                    for (; jj < bk; jj++, t += rowLanes) {
                        m = m.max(FloatVector.fromArray(VectorMath.SPECIES, s.scoresT, t));
                    }
                    m = m.max(m1).max(m2.max(m3));
                } else {
                    IntVector ends = IntVector.fromArray(INT_SPECIES, visibleEnds, rv);
                    for (int jj = 0, t = rv; jj < bk; jj++, t += rowLanes) {
                        VectorMask<Float> in = ends.compare(VectorOperators.GT, j0 + jj).cast(VectorMath.SPECIES);
                        m = m.max(FloatVector.fromArray(VectorMath.SPECIES, s.scoresT, t)
                                .blend(Float.NEGATIVE_INFINITY, in.not()));
                    }
                }
                m.intoArray(rowMax, rv);
            }
        }

        // ------------------------------------------------------------------ weights, Z, selection

        private void weightsAndSelect(int r) {
            int n = (int) visible[r];
            if (n == 0) {
                kept[r] = 0;
                tau[r] = 0;
                return;
            }
            float[] w = s.weights;
            int base = r * pitch;
            float max = rowMax[r];
            if (Float.isNaN(max) || max == Float.POSITIVE_INFINITY || max == Float.NEGATIVE_INFINITY) {
                nanRow[r] = true;
                kept[r] = n;
                return;
            }
            int nb = (n + BLOCK - 1) / BLOCK;
            int bo = r * ((stride + BLOCK - 1) / BLOCK);
            FloatVector mv = FloatVector.broadcast(VectorMath.SPECIES, max);
            double z = 0;
            for (int blk = 0; blk < nb; blk++) {
                int j0 = base + blk * BLOCK;
                int j1 = base + Math.min(n, (blk + 1) * BLOCK);
                FloatVector vmax = FloatVector.zero(VectorMath.SPECIES);
                FloatVector vmin = FloatVector.broadcast(VectorMath.SPECIES, 1f);
                FloatVector vsum = FloatVector.zero(VectorMath.SPECIES);
                // the row's padding (pitch >= stride + a vector) holds the last vector's lanes past the end: they
                // are computed, then set to 0 and left out of the block's summaries
                for (int j = j0; j < j1; j += LANES) {
                    VectorMask<Float> in = VectorMath.SPECIES.indexInRange(j, j1);
                    FloatVector e = VectorMath.exp2(FloatVector.fromArray(VectorMath.SPECIES, w, j).sub(mv))
                            .blend(0f, in.not());
                    e.intoArray(w, j);
                    vmax = vmax.max(e);
                    vmin = vmin.min(e.blend(1f, in.not()));
                    vsum = vsum.add(e);
                }
                float bmax = vmax.reduceLanes(VectorOperators.MAX);
                float bmin = vmin.reduceLanes(VectorOperators.MIN);
                double bsum = vsum.reduceLanes(VectorOperators.ADD);
                s.blockMax[bo + blk] = bmax;
                s.blockMin[bo + blk] = bmin;
                s.blockSum[bo + blk] = bsum;
                z += bsum;
            }
            total[r] = z;
            select(r, n, base, bo, nb, z);
        }

        /** Counts and masses on each side of threshold t. */
        private final class Split {
            long countAtLeast;
            double massBelow;
            double massAtLeast;
            double boundNumerator; // sum over blocks of (tail count) * (tail max): the blockwise bound's U
            final boolean withBound = spec.certify() == TopKSpec.Certify.BOUND;

            void scan(float t, int n, int base, int bo, int nb) {
                countAtLeast = 0;
                massBelow = 0;
                massAtLeast = 0;
                boundNumerator = 0;
                float[] w = s.weights;
                for (int blk = 0; blk < nb; blk++) {
                    int j0 = base + blk * BLOCK;
                    int j1 = base + Math.min(n, (blk + 1) * BLOCK);
                    float bmax = s.blockMax[bo + blk];
                    if (s.blockMin[bo + blk] >= t) {
                        countAtLeast += j1 - j0;
                        massAtLeast += s.blockSum[bo + blk];
                        continue;
                    }
                    if (bmax < t) {
                        massBelow += s.blockSum[bo + blk];
                        boundNumerator += (double) (j1 - j0) * bmax;
                        continue;
                    }
                    int count = 0;
                    float tailMax = 0;
                    FloatVector belowV = FloatVector.zero(VectorMath.SPECIES);
                    FloatVector tailMaxV = FloatVector.zero(VectorMath.SPECIES);
                    int j = j0;
                    for (; j + LANES <= j1; j += LANES) {
                        FloatVector x = FloatVector.fromArray(VectorMath.SPECIES, w, j);
                        VectorMask<Float> atLeast = x.compare(VectorOperators.GE, t);
                        count += atLeast.trueCount();
                        FloatVector tail = x.blend(0f, atLeast);
                        belowV = belowV.add(tail);
                        tailMaxV = tailMaxV.max(tail);
                    }
                    double below = belowV.reduceLanes(VectorOperators.ADD);
                    if (withBound) {
                        tailMax = tailMaxV.reduceLanes(VectorOperators.MAX);
                    }
                    for (; j < j1; j++) {
                        float x = w[j];
                        if (x >= t) {
                            count++;
                        } else {
                            below += x;
                            tailMax = Math.max(tailMax, x);
                        }
                    }
                    countAtLeast += count;
                    massBelow += below;
                    massAtLeast += s.blockSum[bo + blk] - below;
                    boundNumerator += (double) (j1 - j0 - count) * tailMax;
                }
            }
        }

        private boolean valid(Split sp, double z, long n) {
            if (spec.isFixedK()) {
                return sp.countAtLeast >= Math.min(spec.kFixed(), n);
            }
            if (spec.certify() == TopKSpec.Certify.EXACT) {
                return sp.massBelow <= spec.epsilon() * z;
            }
            double u = sp.boundNumerator;
            return u == 0 || u / (sp.massAtLeast + u) <= spec.epsilon();
        }

        /**
         * The threshold's bracket [lo, hi) once found: lo keeps a valid head, hi does not; the count and masses
         * of the weights >= hi; the weights in [lo, hi) as sort keys (s.sortKeys[0, candidates)).
         */
        private static final class Bracket {
            int loBits;
            int hiBits;
            long countHi;
            double belowHi;
            double headHi;
            int candidates;
        }

        private void select(int r, int n, int base, int bo, int nb, double z) {
            if (spec.isFixedK() && spec.kFixed() >= n) {
                setAll(r, n, z);
                return;
            }
            Bracket br = spec.isFixedK() || spec.certify() == TopKSpec.Certify.EXACT
                    ? partitionSelect(n, base, z) : bisectSelect(n, base, bo, nb, z);
            float hi = Float.intBitsToFloat(br.hiBits);
            float[] w = s.weights;
            int c = br.candidates;
            insertionSort(s.sortKeys, c);
            long count = br.countHi;
            double below = br.belowHi;
            double head = br.headHi;
            boolean bound = !spec.isFixedK() && spec.certify() == TopKSpec.Certify.BOUND;
            double[] tailCount = null;
            double[] tailMax = null;
            double u = 0;
            if (bound || (spec.isFixedK() && spec.certify() == TopKSpec.Certify.BOUND)) {
                tailCount = new double[nb];
                tailMax = new double[nb];
                for (int blk = 0; blk < nb; blk++) {
                    blockTail(r, blk, n, base, hi, Integer.MIN_VALUE, tailCount, tailMax);
                    u += tailCount[blk] * tailMax[blk];
                }
            }
            float last = Math.nextDown(hi);
            int ties = 0;
            for (int t = 0; t < c; t++) {
                boolean done;
                if (spec.isFixedK()) {
                    done = count >= spec.kFixed();
                } else if (bound) {
                    done = u == 0 || u / (head + u) <= spec.epsilon();
                } else {
                    done = below <= spec.epsilon() * z;
                }
                if (done) {
                    break;
                }
                int j = (int) s.sortKeys[t];
                float x = w[base + j];
                count++;
                below -= x;
                head += x;
                ties = x == last ? ties + 1 : 1;
                last = x;
                if (tailCount != null) {
                    int blk = j / BLOCK;
                    u -= tailCount[blk] * tailMax[blk];
                    blockTail(r, blk, n, base, x, j, tailCount, tailMax);
                    u += tailCount[blk] * tailMax[blk];
                }
            }
            if (ties > 0 && equalCount(w, base, c, last) == ties) {
                // every weight equal to the last one kept is kept: a plain threshold, so pass 2 stays vectorised
                threshold[r] = Math.nextDown(last);
                tieTake[r] = 0;
            } else {
                threshold[r] = last;
                tieTake[r] = ties;
            }
            kept[r] = (int) count;
            headMass[r] = head;
            if (spec.certify() == TopKSpec.Certify.BOUND) {
                tau[r] = u == 0 ? 0 : u / (head + u);
            } else {
                tau[r] = Math.max(0, below) / z;
            }
        }

        /**
         * Exact and fixed-k budgets: a quickselect on the weights. The candidates (weights in [lo, hi) with their
         * indices) are split at a pivot drawn from them; the side holding the threshold is kept, compacted, so the
         * passes shrink geometrically (about two row lengths in all) instead of rescanning the row per step.
         */
        private Bracket partitionSelect(int n, int base, double z) {
            Bracket br = new Bracket();
            br.loBits = 0;
            br.hiBits = Float.floatToRawIntBits(1f) + 1;
            br.belowHi = z;
            // the mass below lo, summed from the small weights up: z minus the head would cancel catastrophically
            double belowLo = 0;
            long need = spec.isFixedK() ? Math.min(spec.kFixed(), n) : 0;
            double budget = spec.isFixedK() ? 0 : spec.epsilon() * z;
            // the first split reads the row itself (indices: positions), later ones the candidates of the side
            // kept, which is split in place while the other side goes to the other pair of arrays
            float[] src = s.weights;
            int[] srcIndex = null;
            int srcAt = base;
            int size = n;
            float[] otherW = s.candidateWeights;
            int[] otherJ = s.candidates;
            IntVector iota = IntVector.zero(INT_SPECIES).addIndex(1);
            // long rows: the first two pivots bracket the threshold estimated from a sample (see samplePivots)
            long planned = n >= SAMPLED_PIVOTS_MIN_KEYS ? samplePivots(n, base, need) : 0;
            while (size > CANDIDATES && br.hiBits - br.loBits > 1) {
                int pivotBits = (int) planned;
                planned >>>= 32;
                if (pivotBits <= br.loBits || pivotBits >= br.hiBits) {
                    pivotBits = pivotBits(src, srcAt, size, br.loBits);
                }
                FloatVector pv = FloatVector.broadcast(VectorMath.SPECIES, Float.intBitsToFloat(pivotBits));
                boolean inRow = srcIndex == null;
                // below the pivot: in place over src (from the row: into the second pair); at least: the other pair
                float[] lowW = inRow ? s.candidateWeights2 : src;
                int[] lowJ = inRow ? s.candidates2 : srcIndex;
                FloatVector belowV = FloatVector.zero(VectorMath.SPECIES);
                FloatVector headV = FloatVector.zero(VectorMath.SPECIES);
                int low = 0;
                int high = 0;
                // the last vector reads past size (the row's padding, or the candidates' slack): masked off. Each
                // full vector is stored at low <= i: its lanes past the kept ones land on what is already read
                for (int i = 0; i < size; i += LANES) {
                    VectorMask<Float> in = VectorMath.SPECIES.indexInRange(i, size);
                    FloatVector x = FloatVector.fromArray(VectorMath.SPECIES, src, srcAt + i);
                    IntVector index = inRow ? iota.add(i) : IntVector.fromArray(INT_SPECIES, srcIndex, i);
                    VectorMask<Float> atLeast = x.compare(VectorOperators.GE, pv).and(in);
                    VectorMask<Float> below = atLeast.not().and(in);
                    x.compress(below).intoArray(lowW, low);
                    index.compress(below.cast(INT_SPECIES)).intoArray(lowJ, low);
                    x.compress(atLeast).intoArray(otherW, high);
                    index.compress(atLeast.cast(INT_SPECIES)).intoArray(otherJ, high);
                    low += below.trueCount();
                    high += atLeast.trueCount();
                    belowV = belowV.add(x.blend(0f, below.not()));
                    headV = headV.add(x.blend(0f, atLeast.not()));
                }
                double below = belowV.reduceLanes(VectorOperators.ADD);
                double head = headV.reduceLanes(VectorOperators.ADD);
                boolean valid = spec.isFixedK() ? br.countHi + high >= need : belowLo + below <= budget;
                float[] highW = otherW;
                int[] highJ = otherJ;
                if (valid) {
                    // the threshold is at least the pivot: the weights >= pivot stay candidates
                    br.loBits = pivotBits;
                    belowLo += below;
                    otherW = lowW;
                    otherJ = lowJ;
                    src = highW;
                    srcIndex = highJ;
                    size = high;
                } else {
                    br.hiBits = pivotBits;
                    br.countHi += high;
                    br.belowHi = belowLo + below;
                    br.headHi += head;
                    src = lowW;
                    srcIndex = lowJ;
                    size = low;
                }
                srcAt = 0;
            }
            for (int i = 0; i < size; i++) {
                int j = srcIndex == null ? i : srcIndex[i];
                s.sortKeys[i] = ((long) (Integer.MAX_VALUE - Float.floatToRawIntBits(src[srcAt + i])) << 32) | j;
            }
            br.candidates = size;
            return br;
        }

        /**
         * Two pivots (float bits, the first in the low half of the result) from 128 weights sampled over the row:
         * sorted, they estimate how many of them the threshold keeps; the pivots sit 8 samples either side of it,
         * the one that discards more of the row first. 0 for none. Pivots only steer the quickselect: each split
         * is still decided by its own exact count and mass.
         */
        private long samplePivots(int n, int base, long need) {
            float[] sample = s.sample;
            for (int i = 0; i < SAMPLE; i++) {
                sample[i] = s.weights[base + (int) (((long) i * n) / SAMPLE)];
            }
            Arrays.sort(sample, 0, SAMPLE); // ascending: sample[SAMPLE - 1 - m] is the m-th largest
            int keep; // estimated kept samples
            if (spec.isFixedK()) {
                keep = (int) Math.min(SAMPLE, (need * SAMPLE + n - 1) / n);
            } else {
                double total = 0;
                for (int i = 0; i < SAMPLE; i++) {
                    total += sample[i];
                }
                double tail = total;
                keep = 0;
                while (keep < SAMPLE && tail > spec.epsilon() * total) {
                    tail -= sample[SAMPLE - 1 - keep];
                    keep++;
                }
            }
            long low = Float.floatToRawIntBits(sample[SAMPLE - 1 - Math.min(SAMPLE - 1, keep + SAMPLE_MARGIN)]);
            long high = keep - SAMPLE_MARGIN <= 0 ? 0
                    : Float.floatToRawIntBits(sample[SAMPLE - 1 - (keep - SAMPLE_MARGIN)]);
            return keep < SAMPLE / 2 ? low | high << 32 : high | low << 32;
        }

        /**
         * A pivot strictly inside (loBits, bits of the largest candidate]: the median of three candidates spread
         * over the array, moved up by one ulp if it is the bracket's low end so that every split makes progress.
         */
        private static int pivotBits(float[] src, int at, int size, int loBits) {
            int a = Float.floatToRawIntBits(src[at + size / 4]);
            int b = Float.floatToRawIntBits(src[at + size / 2]);
            int c = Float.floatToRawIntBits(src[at + 3 * size / 4]);
            int median = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
            return Math.max(median, loBits + 1);
        }

        /** The blockwise bound's budget: bisection of the threshold on float bits with block summaries. */
        private Bracket bisectSelect(int n, int base, int bo, int nb, double z) {
            Split sp = new Split();
            // invariant: lo is valid (head {w >= lo} meets the budget), hi is not
            int loBits = 0;
            int hiBits = Float.floatToRawIntBits(1f) + 1;
            long countLo = n;
            long countHi = 0;
            // gallop out from the previous row's threshold (rows of one unit have similar ones), then bisect
            int probe = previousThresholdBits;
            int step = GALLOP_STEP;
            while (probe > loBits && probe < hiBits && countLo - countHi > CANDIDATES) {
                sp.scan(Float.intBitsToFloat(probe), n, base, bo, nb);
                if (valid(sp, z, n)) {
                    loBits = probe;
                    countLo = sp.countAtLeast;
                    probe += step;
                } else {
                    hiBits = probe;
                    countHi = sp.countAtLeast;
                    probe -= step;
                }
                step <<= 1;
                if (loBits > 0 && hiBits <= Float.floatToRawIntBits(1f)) {
                    break; // bracketed on both sides: bisection takes over
                }
            }
            while (hiBits - loBits > 1 && countLo - countHi > CANDIDATES) {
                int mid = (loBits + hiBits) >>> 1;
                sp.scan(Float.intBitsToFloat(mid), n, base, bo, nb);
                if (valid(sp, z, n)) {
                    loBits = mid;
                    countLo = sp.countAtLeast;
                } else {
                    hiBits = mid;
                    countHi = sp.countAtLeast;
                }
            }
            previousThresholdBits = Math.max(1, (loBits + hiBits) >>> 1);
            float lo = Float.intBitsToFloat(loBits);
            float hi = Float.intBitsToFloat(hiBits);
            sp.scan(hi, n, base, bo, nb);
            // candidates lo <= w < hi, by decreasing weight then increasing index
            float[] w = s.weights;
            int c = 0;
            for (int blk = 0; blk < nb; blk++) {
                if (s.blockMax[bo + blk] < lo || s.blockMin[bo + blk] >= hi) {
                    continue;
                }
                int j1 = Math.min(n, (blk + 1) * BLOCK);
                int j = blk * BLOCK;
                for (; j + LANES <= j1; j += LANES) {
                    FloatVector x = FloatVector.fromArray(VectorMath.SPECIES, w, base + j);
                    if (x.compare(VectorOperators.GE, lo).and(x.compare(VectorOperators.LT, hi)).anyTrue()) {
                        c = gather(w, base, j, j + LANES, lo, hi, c);
                    }
                }
                c = gather(w, base, j, j1, lo, hi, c);
            }
            Bracket br = new Bracket();
            br.loBits = loBits;
            br.hiBits = hiBits;
            br.countHi = sp.countAtLeast;
            br.belowHi = sp.massBelow;
            br.headHi = sp.massAtLeast;
            br.candidates = c;
            return br;
        }

        /** Few candidates (at most a block): insertion sort beats the general sort's set-up. */
        private static void insertionSort(long[] a, int n) {
            for (int i = 1; i < n; i++) {
                long x = a[i];
                int j = i - 1;
                while (j >= 0 && a[j] > x) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
        }

        /** How many of the c sorted candidates have weight x (they are adjacent in the order). */
        private int equalCount(float[] w, int base, int c, float x) {
            int count = 0;
            for (int t = 0; t < c; t++) {
                count += w[base + (int) s.sortKeys[t]] == x ? 1 : 0;
            }
            return count;
        }

        /** Appends the keys of [from, to) with lo <= w < hi as sort keys (weight descending, index ascending). */
        private int gather(float[] w, int base, int from, int to, float lo, float hi, int c) {
            for (int j = from; j < to; j++) {
                float x = w[base + j];
                if (x >= lo && x < hi) {
                    s.sortKeys[c++] = ((long) (Integer.MAX_VALUE - Float.floatToRawIntBits(x)) << 32) | j;
                }
            }
            return c;
        }

        /**
         * Tail count and maximum of block blk when the head is every weight above x plus, at weight x, the indices
         * up to lastIndex (lastIndex = MIN_VALUE: weights >= x are head, for x a plain threshold).
         */
        private void blockTail(int r, int blk, int n, int base, float x, int lastIndex, double[] count, double[] max) {
            int j1 = Math.min(n, (blk + 1) * BLOCK);
            int cnt = 0;
            float m = 0;
            for (int j = blk * BLOCK; j < j1; j++) {
                float y = s.weights[base + j];
                boolean tail = lastIndex == Integer.MIN_VALUE ? y < x : (y < x || (y == x && j > lastIndex));
                if (tail) {
                    cnt++;
                    m = Math.max(m, y);
                }
            }
            count[blk] = cnt;
            max[blk] = m;
        }

        private void setAll(int r, int n, double z) {
            threshold[r] = -1f;
            tieTake[r] = 0;
            kept[r] = n;
            headMass[r] = z;
            tau[r] = 0;
        }

        // ------------------------------------------------------------------ pass 2: kept V rows, outputs

        private void accumulateAndWrite() {
            TopKOutputs o = p.outputs();
            boolean exact = o.exactError() != null;
            Tensor v = d.v();
            Tensor norms = p.valueNorms();
            boolean needAllV = norms == null || exact;
            boolean sparse = !needAllV && sparse(rows, v);
            boolean inPlace = !sparse && !needAllV && decodeInPlace(rows, dimV, v);
            // the weights rows themselves (zeroed below the thresholds) are the kept-weight tile, row stride pitch
            float[] keptTile = keepsInPlace ? s.weights : s.kept;
            int keptPitch = keepsInPlace ? pitch : BLOCK;
            int paddedRows = DecodeKernels.paddedRows(rows);
            long vRowBytes = v.stride(2) * (long) Float.BYTES;
            long vBase = (v.offset() + b * v.stride(0) + hk * v.stride(1)) * Float.BYTES;
            // rows past the unit's own (padding for the decode kernel) stay zero weights and a discarded output
            Arrays.fill(s.out, 0, paddedRows * dvPad, 0f);
            Arrays.fill(s.kept, rows * BLOCK, paddedRows * BLOCK, 0f);
            if (exact) {
                Arrays.fill(s.full, 0, rows * dvPad, 0f);
            }
            int[] tiesLeft = tieTake.clone();
            long[] slot = new long[rows];
            int blocksPerRow = (stride + BLOCK - 1) / BLOCK;
            for (int blk = 0; blk < blocksPerRow && d.nk() > 0; blk++) {
                int j0 = blk * BLOCK;
                boolean needed = needAllV;
                boolean touched = false;
                for (int r = 0; r < rows; r++) {
                    boolean visits = j0 < visible[r] && !nanRow[r];
                    touched |= visits;
                    needed |= visits && s.blockMax[r * blocksPerRow + blk] >= threshold[r];
                }
                if (!touched) {
                    continue;
                }
                int bk = Math.min(BLOCK, stride - j0);
                boolean loaded = false;
                if (needAllV || (needed && !sparse && !inPlace)) {
                    loadValues(j0, bk);
                    loaded = true;
                }
                if (keepsInPlace) {
                    System.arraycopy(s.unitNorms, j0, s.norms, 0, bk);
                } else if (norms != null) {
                    long off = norms.offset() + b * norms.stride(0) + hk * norms.stride(1) + (long) j0;
                    MemorySegment.copy(norms.segment(), F32, off * Float.BYTES, s.norms, 0, bk);
                } else {
                    for (int jj = 0; jj < bk; jj++) {
                        s.norms[jj] = roundedNorm(s.values, jj * dvPad, dimV);
                    }
                }
                for (int r = 0; r < rows && !keepsInPlace; r++) {
                    maxTailNorm[r] = keptRow(r, j0, bk, tiesLeft, slot, maxTailNorm[r]);
                }
                // a tile product multiplies every row's zero weight by every value: an infinite or NaN value row
                // (its norm says so) would turn rows that discard it into NaN, so such blocks gather per row
                boolean tileSafe = finite(s.norms, bk);
                if (sparse || (inPlace && needed && !tileSafe)) {
                    gatherKept(s.kept, 0, BLOCK, bk, v.segment(), vBase + j0 * vRowBytes, vRowBytes);
                } else if (inPlace && needed && dimV > 0) {
                    DecodeKernels.accumulate(s.kept, 1, BLOCK, paddedRows, bk, v.segment(), vBase + j0 * vRowBytes,
                            vRowBytes, dimV, s.out);
                } else if (loaded && needed && dimV > 0 && !tileSafe) {
                    gatherKept(keptTile, keepsInPlace ? j0 : 0, keptPitch, bk, MemorySegment.ofArray(s.values), 0,
                            (long) dvPad * Float.BYTES);
                } else if (loaded && needed && dimV > 0) {
                    TileKernels.multiply(keptTile, keepsInPlace ? j0 : 0, keptPitch, 1, rows, bk, s.values, dvPad,
                            s.out, dvPad, dvPad, true);
                }
                if (exact && dimV > 0) {
                    for (int r = 0; r < rows; r++) {
                        int lim = (int) Math.max(0, Math.min(bk, visible[r] - j0));
                        Arrays.fill(s.all, r * BLOCK, (r + 1) * BLOCK, 0f);
                        if (!nanRow[r]) {
                            System.arraycopy(s.weights, r * pitch + j0, s.all, r * BLOCK, lim);
                        }
                    }
                    TileKernels.multiply(s.all, 0, BLOCK, 1, rows, bk, s.values, dvPad, s.full, dvPad, dvPad, true);
                }
            }
            for (int r = 0; r < rows; r++) {
                writeRow(r, maxTailNorm[r], slot[r]);
            }
        }

        /**
         * Zeroes in place row r's weights of the keys it discards, and those past its visible keys up to the unit's
         * stride (so the row is its own kept-weight tile row); returns the largest value norm over the discarded keys.
         */
        private double keepInPlace(int r) {
            float[] w = s.weights;
            int base = r * pitch;
            int n = (int) visible[r];
            double m = 0;
            if (nanRow[r]) {
                n = 0; // written as NaN whatever it accumulates: no weight at all
            } else if (tieTake[r] > 0) {
                // ties at the threshold are taken by lower index, so this row is walked in key order
                float t = threshold[r];
                int ties = tieTake[r];
                for (int j = 0; j < n; j++) {
                    float x = w[base + j];
                    if (!(x > t || (x == t && ties-- > 0))) {
                        w[base + j] = 0f;
                        float norm = s.unitNorms[j];
                        m = Float.isNaN(norm) ? Double.NaN : Math.max(m, norm);
                    }
                }
            } else {
                FloatVector tv = FloatVector.broadcast(VectorMath.SPECIES, threshold[r]);
                FloatVector tailMax = FloatVector.zero(VectorMath.SPECIES);
                for (int j = 0; j < n; j += LANES) {
                    // a last vector past n reads the row's padding and the norms' slack: masked off
                    VectorMask<Float> in = VectorMath.SPECIES.indexInRange(j, n);
                    FloatVector x = FloatVector.fromArray(VectorMath.SPECIES, w, base + j);
                    VectorMask<Float> keep = x.compare(VectorOperators.GT, tv).and(in);
                    x.blend(0f, keep.not()).intoArray(w, base + j);
                    tailMax = tailMax.max(FloatVector.fromArray(VectorMath.SPECIES, s.unitNorms, j)
                            .blend(0f, keep.or(in.not())));
                }
                m = tailMax.reduceLanes(VectorOperators.MAX); // lanewise MAX follows Math.max: NaN wins
            }
            Arrays.fill(w, base + n, base + stride, 0f);
            return m;
        }

        /**
         * Fills row r of the kept-weight tile for keys [j0, j0 + bk) (weight if kept, else 0), writes kept indices
         * if asked, and returns the running maximum norm over the row's discarded keys.
         */
        private double keptRow(int r, int j0, int bk, int[] tiesLeft, long[] slot, double maxTailNorm) {
            int rowOff = r * BLOCK;
            int lim = (int) Math.max(0, Math.min(bk, visible[r] - j0));
            Arrays.fill(s.kept, rowOff, rowOff + BLOCK, 0f);
            if (lim == 0 || nanRow[r]) {
                return maxTailNorm;
            }
            float t = threshold[r];
            int wOff = r * pitch + j0;
            Tensor idx = p.outputs().indices();
            if (tiesLeft[r] > 0 || idx != null) {
                // ties at the threshold are taken by lower index, so this row is walked in key order
                double m = maxTailNorm;
                for (int jj = 0; jj < lim; jj++) {
                    float x = s.weights[wOff + jj];
                    if (x > t || (x == t && tiesLeft[r]-- > 0)) {
                        s.kept[rowOff + jj] = x;
                        if (idx != null) {
                            idx.segment().setAtIndex(I32, idx.offset() + b * idx.stride(0) + head(r) * idx.stride(1)
                                    + query(r) * idx.stride(2) + slot[r]++, j0 + jj);
                        }
                    } else {
                        float norm = s.norms[jj];
                        m = Float.isNaN(norm) ? Double.NaN : Math.max(m, norm);
                    }
                }
                return m;
            }
            FloatVector tv = FloatVector.broadcast(VectorMath.SPECIES, t);
            FloatVector tailMax = FloatVector.zero(VectorMath.SPECIES);
            for (int jj = 0; jj < lim; jj += LANES) {
                // a last vector past lim reads the row's padding and the norms' slack: masked off
                VectorMask<Float> in = VectorMath.SPECIES.indexInRange(jj, lim);
                FloatVector x = FloatVector.fromArray(VectorMath.SPECIES, s.weights, wOff + jj);
                VectorMask<Float> keep = x.compare(VectorOperators.GT, tv).and(in);
                x.blend(0f, keep.not()).intoArray(s.kept, rowOff + jj);
                tailMax = tailMax.max(FloatVector.fromArray(VectorMath.SPECIES, s.norms, jj)
                        .blend(0f, keep.or(in.not())));
            }
            double m = Math.max(maxTailNorm, tailMax.reduceLanes(VectorOperators.MAX));
            return Double.isNaN(maxTailNorm) ? Double.NaN : m;
        }

        /** Whether norms[0, n) are all finite (a NaN or infinite norm marks a value row that is not). */
        private static boolean finite(float[] norms, int n) {
            FloatVector max = FloatVector.zero(VectorMath.SPECIES);
            int j = 0;
            for (; j + LANES <= n; j += LANES) {
                // NaN fails the comparison below through max's NaN propagation
                max = max.max(FloatVector.fromArray(VectorMath.SPECIES, norms, j).abs());
            }
            float m = max.reduceLanes(VectorOperators.MAX);
            for (; j < n; j++) {
                m = Math.max(m, Math.abs(norms[j]));
            }
            return m <= Float.MAX_VALUE;
        }

        /**
         * out[r] += the block's kept weights of row r times their value rows, every row of the unit: value row jj of
         * the block at byte at + jj * rowBytes of values.
         */
        private void gatherKept(float[] tile, int tileAt, int tilePitch, int bk, MemorySegment values, long at,
                                long rowBytes) {
            for (int r = 0; r < rows; r++) {
                int count = compactKept(tile, tileAt + r * tilePitch, bk);
                DecodeKernels.gatherAccumulate(s.keptWeights, s.keptRows, count, values, at, rowBytes, dimV, s.out,
                        r * dvPad);
            }
        }

        /** The nonzero kept weights of tile[at, at + bk), in order, with their block positions. */
        private int compactKept(float[] tile, int at, int bk) {
            IntVector iota = IntVector.zero(INT_SPECIES).addIndex(1);
            int count = 0;
            int jj = 0;
            for (; jj + LANES <= bk; jj += LANES) {
                FloatVector x = FloatVector.fromArray(VectorMath.SPECIES, tile, at + jj);
                VectorMask<Float> kept = x.compare(VectorOperators.NE, 0f);
                x.compress(kept).intoArray(s.keptWeights, count);
                iota.add(jj).compress(kept.cast(INT_SPECIES)).intoArray(s.keptRows, count);
                count += kept.trueCount();
            }
            for (; jj < bk; jj++) {
                float x = tile[at + jj];
                if (x != 0f) {
                    s.keptWeights[count] = x;
                    s.keptRows[count++] = jj;
                }
            }
            return count;
        }

        /** V rows [j0, j0 + bk) as fp32, each padded with zeros to dvPad columns. */
        private void loadValues(int j0, int bk) {
            Tensor v = d.v();
            long off = v.offset() + b * v.stride(0) + hk * v.stride(1) + j0 * v.stride(2);
            if (dvPad == dimV) {
                SimdDense.loadRows(v.segment(), v.dtype(), off, v.stride(2), bk, dimV, s.values);
                return;
            }
            SimdDense.loadRows(v.segment(), v.dtype(), off, v.stride(2), bk, dimV, s.keys);
            for (int jj = 0; jj < bk; jj++) {
                System.arraycopy(s.keys, jj * dimV, s.values, jj * dvPad, dimV);
                Arrays.fill(s.values, jj * dvPad + dimV, (jj + 1) * dvPad, 0f);
            }
        }


        private void writeRow(int r, double maxTailNorm, long slots) {
            TopKOutputs o = p.outputs();
            long h = head(r);
            long i = query(r);
            boolean empty = visible[r] == 0;
            boolean nan = nanRow[r];
            double outNorm = 0;
            double err = 0;
            Tensor out = o.out();
            long outBase = out.offset() + b * out.stride(0) + h * out.stride(1) + i * out.stride(2);
            float[] row = s.row;
            double inverse = 1.0 / headMass[r];
            for (int c = 0; c < dimV; c++) {
                row[c] = empty ? 0f : nan ? Float.NaN : (float) (s.out[r * dvPad + c] * inverse);
            }
            if (dimV > 0) {
                MemorySegment.copy(row, 0, out.segment(), F32, outBase * Float.BYTES, dimV);
            }
            // four partial sums: one running double sum would be a chain of dependent adds
            double n0 = 0;
            double n1 = 0;
            double n2 = 0;
            double n3 = 0;
            int c = 0;
            for (; c + 4 <= dimV; c += 4) {
                n0 += (double) row[c] * row[c];
                n1 += (double) row[c + 1] * row[c + 1];
                n2 += (double) row[c + 2] * row[c + 2];
                n3 += (double) row[c + 3] * row[c + 3];
            }
            for (; c < dimV; c++) {
                n0 += (double) row[c] * row[c];
            }
            outNorm = (n0 + n1) + (n2 + n3);
            for (c = 0; c < dimV && o.exactError() != null && !empty && !nan; c++) {
                double diff = s.full[r * dvPad + c] / total[r] - row[c];
                err += diff * diff;
            }
            double t = empty ? 0 : nan ? Double.NaN : tau[r];
            double certificate = t == 0 ? 0 : t * (maxTailNorm + Math.sqrt(outNorm));
            writeInt(o.keptCount(), kept[r], h, i);
            writeFloat(o.tail(), (float) t, h, i);
            writeFloat(o.certificate(), UpperBound.toFloat(certificate), h, i);
            writeFloat(o.exactError(), empty ? 0f : nan ? Float.NaN : (float) Math.sqrt(err), h, i);
            Tensor idx = o.indices();
            if (idx != null) {
                long base = idx.offset() + b * idx.stride(0) + h * idx.stride(1) + i * idx.stride(2);
                if (nan) {
                    for (long j = 0; j < visible[r] && j < p.indexCapacity(); j++) {
                        idx.segment().setAtIndex(I32, base + j, (int) j);
                    }
                    slots = Math.min(visible[r], p.indexCapacity());
                }
                for (long sl = slots; sl < p.indexCapacity(); sl++) {
                    idx.segment().setAtIndex(I32, base + sl, -1);
                }
            }
        }

        private void writeInt(Tensor t, int value, long h, long i) {
            if (t != null) {
                t.segment().setAtIndex(I32, t.offset() + b * t.stride(0) + h * t.stride(1) + i * t.stride(2), value);
            }
        }

        private void writeFloat(Tensor t, float value, long h, long i) {
            if (t != null) {
                t.segment().setAtIndex(F32, t.offset() + b * t.stride(0) + h * t.stride(1) + i * t.stride(2), value);
            }
        }
    }

    /** A row or two (decode) read only their kept V rows, straight from the segment. */
    private static boolean sparse(int rows, Tensor v) {
        return rows < SPARSE_MAX_ROWS && v.dtype() == DType.F32;
    }

    /**
     * A decode unit's kept weights go straight onto the V rows in place, as the dense decode does; more rows: their
     * kept sets cover nearly every block, so V goes through the register-blocked GEMM a block at a time.
     */
    private static boolean decodeInPlace(int rows, int dimV, Tensor v) {
        return rows <= DecodeKernels.ROW_GROUP && DecodeKernels.applies(v.dtype() == DType.F32, dimV, dimV);
    }

    /** ||x|| rounded up to float: a norm that feeds a certificate must never be underestimated. */
    private static float roundedNorm(float[] x, int off, int n) {
        double sum = 0;
        for (int c = 0; c < n; c++) {
            sum += (double) x[off + c] * x[off + c];
        }
        return UpperBound.toFloat(Math.sqrt(sum));
    }
}
