package org.panattn.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.internal.Parallel;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.PreparedSteering;
import org.panattn.sae.SaeOps;
import org.panattn.sae.SaeProblem;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.SparseFeatures;
import org.panattn.sae.Steering;
import org.panattn.sae.TokenRows;

/**
 * SAE kernels on the Vector API.
 * <ul>
 *   <li>Dense JumpReLU/ReLU encode: the GEMM of {@link SimdSaeGemm} over (row block x column block) tasks, the
 *       bias and activation fused into the store of each C tile.</li>
 *   <li>Row-wise paths (TopK, sparse output, statistics): a small block of tokens gets its full pre-activation
 *       rows from the same GEMM, then selection or accumulation per row.</li>
 *   <li>Steering: per token one dot product per CLAMP edit (a packed W_enc column) and one fused pass
 *       x' = x + sum_e delta_e W_dec[j_e]: O(d_in) per token, x read once and written once.</li>
 *   <li>Decode: per token, b_dec plus one axpy per nonzero feature.</li>
 * </ul>
 */
final class SimdSae implements SaeOps {
    private static final int LANES = SimdSaeGemm.LANES;
    private static final int NC = SimdSaeGemm.NC;
    private static final int NR = SimdSaeGemm.NR;
    /** Token rows per block of the dense path: W_enc is packed once per block. */
    private static final int BLOCK_ROWS = 256;
    /** Upper bound on the full-row buffer of the row-wise paths (floats). */
    private static final long ROW_BUFFER_FLOATS = 1L << 20;
    /** Bound on one scratch array, so that absurd widths fail cleanly up front. */
    private static final long MAX_SCRATCH_FLOATS = 1L << 28;
    private static final int STEER_TOKENS_PER_TASK = 32;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private final Parallel parallel;

    SimdSae(Parallel parallel) {
        this.parallel = parallel;
    }

    // ------------------------------------------------------------------------------------------------ encode

    @Override
    public void encode(SparseAutoencoder sae, Tensor x, Tensor features) {
        SaeProblem.Input in = SaeProblem.encode(sae, x, features);
        requireHost(sae, in);
        long n = in.tokens();
        if (n == 0) {
            return;
        }
        long dSae = sae.dSae();
        TokenRows out = TokenRows.of(features, features.rank() - 1);
        if (sae.activation() == SparseAutoencoder.Activation.TOPK) {
            rowWise(sae, in, null, (s, tokens, rows, ldc) -> {
                for (int r = 0; r < rows; r++) {
                    storeRow(s.tile, r * ldc, (int) dSae, features.segment(), out.offset(tokens[r]));
                }
            }, x, features);
            return;
        }
        tiled(sae, in, null, features, null);
    }

    /**
     * The dense JumpReLU/ReLU path over (row block x column block) tasks: features written to {@code features},
     * or, with {@code statistics}, the tokens the mask selects summed per feature instead.
     */
    private void tiled(SparseAutoencoder sae, SaeProblem.Input in, TokenRows mask, Tensor features,
                       FeatureStatistics statistics) {
        long n = in.tokens();
        int dIn = (int) sae.dIn();
        long dSae = sae.dSae();
        TokenRows out = features == null ? null : TokenRows.of(features, features.rank() - 1);
        int blockRows = (int) Math.min(BLOCK_ROWS, n);
        long rowBlocks = (n + blockRows - 1) / blockRows;
        long colBlocks = (dSae + NC - 1) / NC;
        Parallel workers = parallel.forTensors(in.x().tensor(), features, mask == null ? null : mask.tensor(),
                sae.wEnc(), sae.bEnc(), sae.threshold(), sae.bDec());
        long chunks = Math.max(1, Math.min(colBlocks, (2L * workers.parallelism() + rowBlocks - 1) / rowBlocks));
        requireTasks(rowBlocks * chunks);
        boolean jump = sae.activation() == SparseAutoencoder.Activation.JUMP_RELU;
        workers.forEach((int) (rowBlocks * chunks), task -> {
            long rb = task / chunks;
            long chunk = task % chunks;
            long r0 = rb * blockRows;
            SaeScratch s = SaeScratch.current();
            s.ensureTokens(blockRows);
            int rows = 0;
            for (long t = r0; t < Math.min(n, r0 + blockRows); t++) {
                if (SaeProblem.selected(mask, t)) {
                    s.tokens[rows++] = t;
                }
            }
            if (rows == 0) {
                return;
            }
            s.x = SaeScratch.atLeast(s.x, (long) rows * dIn);
            s.packed = SaeScratch.atLeast(s.packed, (long) dIn * NC);
            s.tile = SaeScratch.atLeast(s.tile, (long) rows * NC);
            s.bias = SaeScratch.atLeast(s.bias, NC);
            s.theta = SaeScratch.atLeast(s.theta, NC);
            if (statistics != null) {
                s.ensureStatistics((int) dSae);
                Arrays.fill(s.sums, 0, (int) dSae, 0);
                Arrays.fill(s.active, 0, (int) dSae, 0);
            }
            loadTokens(sae, in.x(), s, rows);
            long cb0 = chunk * colBlocks / chunks;
            long cb1 = (chunk + 1) * colBlocks / chunks;
            for (long cb = cb0; cb < cb1; cb++) {
                long j0 = cb * NC;
                int nc = (int) Math.min(NC, dSae - j0);
                SimdSaeGemm.packColumns(sae.wEnc(), dIn, dSae, j0, nc, s.packed);
                SimdSaeGemm.multiply(s.x, rows, dIn, s.packed, (nc + NR - 1) / NR, s.tile, 0, NC);
                loadVector(sae.bEnc(), j0, nc, s.bias);
                if (jump) {
                    loadVector(sae.threshold(), j0, nc, s.theta);
                }
                for (int r = 0; r < rows; r++) {
                    activate(s.tile, r * NC, nc, s.bias, jump ? s.theta : null);
                    if (statistics == null) {
                        storeRow(s.tile, r * NC, nc, features.segment(), out.offset(s.tokens[r]) + j0);
                        continue;
                    }
                    for (int j = 0; j < nc; j++) {
                        float f = s.tile[r * NC + j];
                        if (f != 0) {
                            s.sums[(int) j0 + j] += f;
                            s.active[(int) j0 + j]++;
                        }
                    }
                }
            }
            if (statistics != null) {
                // every chunk of a row block sees the same tokens: the first one counts them
                statistics.merge(s.sums, s.active, chunk == 0 ? rows : 0);
            }
        });
    }

    @Override
    public void encodeSparse(SparseAutoencoder sae, Tensor x, SparseFeatures sparse) {
        SaeProblem.Input in = SaeProblem.encodeSparse(sae, x, sparse);
        requireHost(sae, in);
        if (in.tokens() == 0) {
            return;
        }
        int dSae = (int) sae.dSae();
        Tensor idx = sparse.indices();
        Tensor val = sparse.values();
        Tensor cnt = sparse.activeCount();
        TokenRows idxRows = TokenRows.of(idx, idx.rank() - 1);
        TokenRows valRows = TokenRows.of(val, val.rank() - 1);
        TokenRows cntRows = TokenRows.of(cnt, cnt.rank());
        int capacity = (int) Math.min(idx.dim(idx.rank() - 1), Integer.MAX_VALUE - 16);
        rowWise(sae, in, null, (s, tokens, rows, ldc) -> {
            s.ensureHeap(Math.min(capacity, dSae));
            for (int r = 0; r < rows; r++) {
                int base = r * ldc;
                int active = 0;
                for (int j = 0; j < dSae; j++) {
                    if (s.tile[base + j] != 0) {
                        active++;
                    }
                }
                int kept = Math.min(active, capacity);
                int heap = topK(s.tile, base, dSae, kept, true, s.heapIndex, s.heapValue);
                // pop the weakest first: fill from the back so the output runs strongest first
                long io = idxRows.offset(tokens[r]);
                long vo = valRows.offset(tokens[r]);
                for (int c = kept; c < capacity; c++) {
                    idx.segment().setAtIndex(I32, io + c, -1);
                    val.segment().setAtIndex(F32, vo + c, 0f);
                }
                for (int c = heap - 1; c >= 0; c--) {
                    idx.segment().setAtIndex(I32, io + c, s.heapIndex[0]);
                    val.segment().setAtIndex(F32, vo + c, s.heapValue[0]);
                    heap = popHeap(s.heapIndex, s.heapValue, heap);
                }
                cnt.segment().setAtIndex(I32, cntRows.offset(tokens[r]), active);
            }
        }, x, idx, val, cnt);
    }

    @Override
    public void accumulate(SparseAutoencoder sae, Tensor x, Tensor mask, FeatureStatistics statistics) {
        SaeProblem.Input in = SaeProblem.accumulate(sae, x, mask, statistics);
        requireHost(sae, in);
        if (in.tokens() == 0) {
            return;
        }
        int dSae = (int) sae.dSae();
        if (sae.activation() != SparseAutoencoder.Activation.TOPK) {
            tiled(sae, in, SaeProblem.maskRows(mask), null, statistics);
            return;
        }
        rowWise(sae, in, SaeProblem.maskRows(mask), (s, tokens, rows, ldc) -> {
            s.ensureStatistics(dSae);
            double[] sums = s.sums;
            long[] active = s.active;
            Arrays.fill(sums, 0, dSae, 0);
            Arrays.fill(active, 0, dSae, 0);
            for (int r = 0; r < rows; r++) {
                int base = r * ldc;
                for (int j = 0; j < dSae; j++) {
                    float f = s.tile[base + j];
                    if (f != 0) {
                        sums[j] += f;
                        active[j]++;
                    }
                }
            }
            statistics.merge(sums, active, rows);
        }, x, mask);
    }

    /** What a row-wise path does with a block of finished feature rows (s.tile, row r at r * ldc). */
    private interface RowConsumer {
        void accept(SaeScratch s, long[] tokens, int rows, int ldc);
    }

    /**
     * Feature rows f (activation applied, TopK selected) of blocks of tokens (those the mask selects), handed to
     * {@code consumer} block by block, blocks in parallel.
     */
    private void rowWise(SparseAutoencoder sae, SaeProblem.Input in, TokenRows mask, RowConsumer consumer,
                         Tensor... touched) {
        int dIn = (int) sae.dIn();
        int dSae = (int) sae.dSae();
        int ldc = (int) roundUp(dSae, NR);
        long n = in.tokens();
        int blockRows = (int) Math.max(1, Math.min(64, Math.min(n, ROW_BUFFER_FLOATS / ldc)));
        long blocks = (n + blockRows - 1) / blockRows;
        requireTasks(blocks);
        Tensor[] all = Arrays.copyOf(touched, touched.length + 4);
        all[touched.length] = sae.wEnc();
        all[touched.length + 1] = sae.bEnc();
        all[touched.length + 2] = sae.threshold();
        all[touched.length + 3] = sae.bDec();
        Parallel workers = parallel.forTensors(all);
        boolean jump = sae.activation() == SparseAutoencoder.Activation.JUMP_RELU;
        boolean topK = sae.activation() == SparseAutoencoder.Activation.TOPK;
        workers.forEach((int) blocks, block -> {
            SaeScratch s = SaeScratch.current();
            s.ensureTokens(blockRows);
            int rows = 0;
            for (long t = block * blockRows; t < Math.min(n, (block + 1) * blockRows); t++) {
                if (SaeProblem.selected(mask, t)) {
                    s.tokens[rows++] = t;
                }
            }
            if (rows == 0) {
                return;
            }
            s.x = SaeScratch.atLeast(s.x, (long) rows * dIn);
            s.packed = SaeScratch.atLeast(s.packed, (long) dIn * NC);
            s.tile = SaeScratch.atLeast(s.tile, (long) rows * ldc);
            s.bias = SaeScratch.atLeast(s.bias, ldc);
            s.theta = SaeScratch.atLeast(s.theta, ldc);
            loadTokens(sae, in.x(), s, rows);
            for (long j0 = 0; j0 < dSae; j0 += NC) {
                int nc = (int) Math.min(NC, dSae - j0);
                SimdSaeGemm.packColumns(sae.wEnc(), dIn, dSae, j0, nc, s.packed);
                SimdSaeGemm.multiply(s.x, rows, dIn, s.packed, (nc + NR - 1) / NR, s.tile, (int) j0, ldc);
            }
            loadVector(sae.bEnc(), 0, dSae, s.bias);
            if (jump) {
                loadVector(sae.threshold(), 0, dSae, s.theta);
            }
            for (int r = 0; r < rows; r++) {
                if (topK) {
                    addBias(s.tile, r * ldc, dSae, s.bias);
                    s.ensureHeap(sae.k());
                    int kept = topK(s.tile, r * ldc, dSae, sae.k(), false, s.heapIndex, s.heapValue);
                    Arrays.fill(s.tile, r * ldc, r * ldc + dSae, 0f);
                    for (int i = 0; i < kept; i++) {
                        float h = s.heapValue[i];
                        s.tile[r * ldc + s.heapIndex[i]] = Float.isNaN(h) ? h : Math.max(h, 0f);
                    }
                } else {
                    activate(s.tile, r * ldc, dSae, s.bias, jump ? s.theta : null);
                }
            }
            consumer.accept(s, s.tokens, rows, ldc);
        });
    }

    // ------------------------------------------------------------------------------------------------ decode

    @Override
    public void decode(SparseAutoencoder sae, Tensor features, Tensor reconstruction) {
        SaeProblem.Input in = SaeProblem.decode(sae, features, reconstruction);
        requireHost(sae, in);
        long n = in.tokens();
        if (n == 0) {
            return;
        }
        int dIn = (int) sae.dIn();
        int dSae = (int) sae.dSae();
        TokenRows out = TokenRows.of(reconstruction, reconstruction.rank() - 1);
        long tasks = (n + STEER_TOKENS_PER_TASK - 1) / STEER_TOKENS_PER_TASK;
        requireTasks(tasks);
        Parallel workers = parallel.forTensors(features, reconstruction, sae.wDec(), sae.bDec());
        Tensor wDec = sae.wDec();
        workers.forEach((int) tasks, task -> {
            SaeScratch s = SaeScratch.current();
            s.center = SaeScratch.atLeast(s.center, dIn);
            s.row = SaeScratch.atLeast(s.row, dIn);
            s.directions = SaeScratch.atLeast(s.directions, dIn);
            loadVector(sae.bDec(), 0, dIn, s.center);
            for (long t = task * STEER_TOKENS_PER_TASK; t < Math.min(n, (task + 1) * STEER_TOKENS_PER_TASK); t++) {
                float[] acc = s.row;
                System.arraycopy(s.center, 0, acc, 0, dIn);
                long fo = in.x().offset(t);
                for (int j = 0; j < dSae; j++) {
                    float f = features.readFloat(fo + j);
                    if (f != 0) {
                        long wo = wDec.offset() + j * wDec.stride(0);
                        if (wDec.dtype() == DType.F32) {
                            axpy(f, wDec.segment(), wo, acc, dIn);
                        } else {
                            loadRow(wDec.segment(), wDec.dtype(), wo, dIn, s.directions, 0);
                            axpy(f, s.directions, 0, acc, dIn);
                        }
                    }
                }
                storeRow(acc, 0, dIn, reconstruction.segment(), out.offset(t));
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ steering

    @Override
    public void steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out) {
        steer(sae, x, mask, steering, out, null);
    }

    @Override
    public void steer(PreparedSteering prepared, Tensor x, Tensor mask, Tensor out) {
        if (prepared == null) {
            throw new IllegalArgumentException("prepared: expected a PreparedSteering, got null");
        }
        steer(prepared.sae(), x, mask, prepared.steering(), out, prepared);
    }

    private void steer(SparseAutoencoder sae, Tensor x, Tensor mask, Steering steering, Tensor out,
                       PreparedSteering prepared) {
        SaeProblem.Input in = SaeProblem.steer(sae, x, mask, steering, out);
        requireHost(sae, in);
        long n = in.tokens();
        if (n == 0) {
            return;
        }
        int dIn = (int) sae.dIn();
        int edits = steering.edits().size();
        boolean inPlace = SaeProblem.sameView(x, out);
        TokenRows maskRows = SaeProblem.maskRows(mask);
        TokenRows dst = TokenRows.of(out, out.rank() - 1);
        // the edit vectors, fp32, once per call in the caller's scratch: read-only for the workers
        SaeScratch caller = SaeScratch.current();
        long vectorFloats = (long) edits * dIn;
        caller.directions = SaeScratch.atLeast(caller.directions, vectorFloats);
        caller.columns = SaeScratch.atLeast(caller.columns, steering.needsActivations() ? vectorFloats : 0);
        caller.editScalars = SaeScratch.atLeast(caller.editScalars, 4L * edits);
        float[] directions = caller.directions;
        float[] columns = caller.columns;
        float[] scalars = caller.editScalars; // per edit: b_enc[j], theta_j, value, 1 for CLAMP
        float[] center = null;
        if (sae.centerInput()) {
            caller.center = SaeScratch.atLeast(caller.center, dIn);
            center = caller.center;
        }
        if (prepared != null && prepared.hasVectors()) {
            prepared.copyVectors(directions, columns, scalars, center);
        } else {
            gatherEditVectors(sae, steering, directions, columns, scalars, center);
        }
        float[] centerRow = center;
        boolean jump = sae.activation() == SparseAutoencoder.Activation.JUMP_RELU;
        long tasks = (n + STEER_TOKENS_PER_TASK - 1) / STEER_TOKENS_PER_TASK;
        requireTasks(tasks);
        Parallel workers = parallel.forTensors(x, out, mask, sae.wEnc(), sae.wDec(), sae.bEnc(), sae.bDec(),
                sae.threshold());
        workers.forEach((int) tasks, task -> {
            SaeScratch s = SaeScratch.current();
            s.row = SaeScratch.atLeast(s.row, dIn);
            s.deltas = SaeScratch.atLeast(s.deltas, edits);
            float[] row = s.row;
            float[] deltas = s.deltas;
            long end = Math.min(n, (task + 1) * STEER_TOKENS_PER_TASK);
            // one CLAMP on fp32 rows: the dot product rides along an update pass, so that x streams through once
            boolean singleClamp = edits == 1 && scalars[3] != 0f && centerRow == null && x.dtype() == DType.F32
                    && out.dtype() == DType.F32;
            boolean havePending = false;
            float pending = 0f;
            for (long t = task * STEER_TOKENS_PER_TASK; t < end; t++) {
                long xo = in.x().offset(t);
                long oo = dst.offset(t);
                if (!SaeProblem.selected(maskRows, t)) {
                    if (!inPlace) {
                        copyRow(x, xo, out, oo, dIn, row);
                    }
                    havePending = false;
                    continue;
                }
                if (singleClamp && !inPlace) {
                    // out of place: write out = x + c W_dec[j] (f_j taken as 0) while summing h_j in the same pass,
                    // a copy's traffic; a feature is inactive on most tokens, and where it is not, x and out are
                    // still in cache and the row is rewritten with the exact delta c - f_j
                    float h = addScaledAndDot(x.segment(), xo, scalars[2], directions, out.segment(), oo, xo, columns,
                            dIn) + scalars[0];
                    float f = activate(h, jump, scalars[1]);
                    if (f != 0f) {
                        addScaled(x.segment(), xo, scalars[2] - f, directions, out.segment(), oo, dIn);
                    }
                    continue;
                }
                if (singleClamp) {
                    // in place, x' overwrites x before h_j is known: the dot product of token t+1 rides along the
                    // update pass of token t instead, so the read of the next row overlaps the write of this one
                    float h = (havePending ? pending : dot(x.segment(), xo, null, columns, 0, dIn)) + scalars[0];
                    float f = activate(h, jump, scalars[1]);
                    float delta = scalars[2] - f;
                    if (t + 1 < end && SaeProblem.selected(maskRows, t + 1)) {
                        pending = addScaledAndDot(x.segment(), xo, delta, directions, out.segment(), oo,
                                in.x().offset(t + 1), columns, dIn);
                        havePending = true;
                    } else {
                        addScaled(x.segment(), xo, delta, directions, out.segment(), oo, dIn);
                        havePending = false;
                    }
                    continue;
                }
                boolean direct = x.dtype() == DType.F32 && out.dtype() == DType.F32;
                if (!direct) {
                    loadRow(x.segment(), x.dtype(), xo, dIn, row, 0);
                }
                for (int e = 0; e < edits; e++) {
                    if (scalars[4 * e + 3] != 0f) {
                        float dot = direct ? dot(x.segment(), xo, centerRow, columns, e * dIn, dIn)
                                : dot(row, centerRow, columns, e * dIn, dIn);
                        float h = dot + scalars[4 * e];
                        float f = activate(h, jump, scalars[4 * e + 1]);
                        deltas[e] = scalars[4 * e + 2] - f;
                    } else {
                        deltas[e] = scalars[4 * e + 2];
                    }
                }
                if (direct) {
                    // one read of x, one write of out: the memory traffic of a copy
                    if (edits == 1) {
                        addScaled(x.segment(), xo, deltas[0], directions, out.segment(), oo, dIn);
                    } else {
                        loadRow(x.segment(), DType.F32, xo, dIn, row, 0);
                        for (int e = 0; e < edits; e++) {
                            axpy(deltas[e], directions, e * dIn, row, dIn);
                        }
                        storeRow(row, 0, dIn, out.segment(), oo);
                    }
                    continue;
                }
                for (int e = 0; e < edits; e++) {
                    axpy(deltas[e], directions, e * dIn, row, dIn);
                }
                storeRow(row, 0, dIn, out.segment(), oo, out.dtype());
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ pieces

    /** The fp32 edit vectors of one call (see {@link PreparedSteering#copyVectors} for the layout). */
    private static void gatherEditVectors(SparseAutoencoder sae, Steering steering, float[] directions,
                                          float[] columns, float[] scalars, float[] center) {
        int dIn = (int) sae.dIn();
        int edits = steering.edits().size();
        if (center != null) {
            loadVector(sae.bDec(), 0, dIn, center);
        }
        for (int e = 0; e < edits; e++) {
            Steering.Edit edit = steering.edits().get(e);
            int j = edit.feature();
            boolean isClamp = edit.mode() == Steering.Mode.CLAMP;
            scalars[4 * e + 2] = edit.value();
            scalars[4 * e + 3] = isClamp ? 1f : 0f;
            Tensor wDec = sae.wDec();
            loadRow(wDec.segment(), wDec.dtype(), wDec.offset() + j * wDec.stride(0), dIn, directions, e * dIn);
            if (isClamp) {
                Tensor wEnc = sae.wEnc();
                long at = wEnc.offset() + j;
                long stride = wEnc.stride(0);
                if (wEnc.dtype() == DType.F32) {
                    MemorySegment w = wEnc.segment();
                    for (int i = 0; i < dIn; i++, at += stride) {
                        columns[e * dIn + i] = w.getAtIndex(F32, at);
                    }
                } else {
                    for (int i = 0; i < dIn; i++, at += stride) {
                        columns[e * dIn + i] = wEnc.readFloat(at);
                    }
                }
                scalars[4 * e] = sae.bEnc().readFloat(sae.bEnc().offset() + j * sae.bEnc().stride(0));
                scalars[4 * e + 1] = sae.activation() == SparseAutoencoder.Activation.JUMP_RELU
                        ? sae.threshold().readFloat(sae.threshold().offset() + j * sae.threshold().stride(0))
                        : 0f;
            }
        }
    }


    private static void requireHost(SparseAutoencoder sae, SaeProblem.Input in) {
        if (!sae.device().isCpu() || !in.x().tensor().device().isCpu()) {
            throw new IllegalArgumentException("x: expected CPU tensors for the cpu backend, got "
                    + in.x().tensor().device());
        }
        long widest = Math.max(sae.dIn(), roundUp(sae.dSae(), NR));
        if (widest * Math.max(BLOCK_ROWS, NC) > MAX_SCRATCH_FLOATS) {
            throw new IllegalArgumentException("sae: d_in " + sae.dIn() + " / d_sae " + sae.dSae()
                    + ": expected at most " + MAX_SCRATCH_FLOATS / Math.max(BLOCK_ROWS, NC)
                    + " for the cpu backend's scratch");
        }
    }

    private static void requireTasks(long tasks) {
        if (tasks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("x: expected at most " + Integer.MAX_VALUE
                    + " token blocks for the cpu backend, got " + tasks);
        }
    }

    /** s.x[r] = x[s.tokens[r]] (- b_dec when centring), fp32. */
    private static void loadTokens(SparseAutoencoder sae, TokenRows x, SaeScratch s, int rows) {
        int dIn = (int) sae.dIn();
        Tensor t = x.tensor();
        for (int r = 0; r < rows; r++) {
            loadRow(t.segment(), t.dtype(), x.offset(s.tokens[r]), dIn, s.x, r * dIn);
        }
        if (sae.centerInput()) {
            s.center = SaeScratch.atLeast(s.center, dIn);
            loadVector(sae.bDec(), 0, dIn, s.center);
            for (int r = 0; r < rows; r++) {
                int o = r * dIn;
                int i = 0;
                for (int bound = SimdSaeGemm.SPECIES.loopBound(dIn); i < bound; i += LANES) {
                    FloatVector.fromArray(SimdSaeGemm.SPECIES, s.x, o + i)
                            .sub(FloatVector.fromArray(SimdSaeGemm.SPECIES, s.center, i)).intoArray(s.x, o + i);
                }
                for (; i < dIn; i++) {
                    s.x[o + i] -= s.center[i];
                }
            }
        }
    }

    /** Elements [from, from + count) of a rank-1 tensor as fp32. */
    private static void loadVector(Tensor v, long from, int count, float[] dst) {
        long stride = v.stride(0);
        long base = v.offset() + from * stride;
        if (v.dtype() == DType.F32 && (stride == 1 || count <= 1)) {
            MemorySegment.copy(v.segment(), F32, base * Float.BYTES, dst, 0, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[i] = v.readFloat(base + i * stride);
        }
    }

    /** {@code count} contiguous elements at element offset {@code at} as fp32 into dst[dstOff, ...). */
    private static void loadRow(MemorySegment seg, DType dtype, long at, int count, float[] dst, int dstOff) {
        if (count == 0) {
            return;
        }
        if (dtype == DType.F32) {
            MemorySegment.copy(seg, F32, at * Float.BYTES, dst, dstOff, count);
            return;
        }
        boolean half = dtype == DType.F16;
        for (int i = 0; i < count; i++) {
            short bits = seg.getAtIndex(F16, at + i);
            dst[dstOff + i] = half ? Float.float16ToFloat(bits) : Float.intBitsToFloat(bits << 16);
        }
    }

    private static void copyRow(Tensor x, long xo, Tensor out, long oo, int count, float[] row) {
        if (x.dtype() == out.dtype()) {
            MemorySegment.copy(x.segment(), xo * x.dtype().byteSize(), out.segment(), oo * out.dtype().byteSize(),
                    (long) count * x.dtype().byteSize());
            return;
        }
        loadRow(x.segment(), x.dtype(), xo, count, row, 0);
        storeRow(row, 0, count, out.segment(), oo, out.dtype());
    }

    private static void storeRow(float[] src, int srcOff, int count, MemorySegment seg, long at) {
        if (count > 0) {
            MemorySegment.copy(src, srcOff, seg, F32, at * Float.BYTES, count);
        }
    }

    private static void storeRow(float[] src, int srcOff, int count, MemorySegment seg, long at, DType dtype) {
        if (dtype == DType.F32) {
            storeRow(src, srcOff, count, seg, at);
            return;
        }
        for (int i = 0; i < count; i++) {
            float v = src[srcOff + i];
            seg.setAtIndex(F16, at + i, dtype == DType.F16 ? Float.floatToFloat16(v) : DType.floatToBf16(v));
        }
    }

    /** t[off + j] = act(t[off + j] + bias[j]) for j < n: JumpReLU when theta is given, else ReLU; NaN stays. */
    private static void activate(float[] t, int off, int n, float[] bias, float[] theta) {
        int j = 0;
        int bound = SimdSaeGemm.SPECIES.loopBound(n);
        if (theta != null) {
            for (; j < bound; j += LANES) {
                FloatVector h = FloatVector.fromArray(SimdSaeGemm.SPECIES, t, off + j)
                        .add(FloatVector.fromArray(SimdSaeGemm.SPECIES, bias, j));
                // h <= theta is false for NaN, so a NaN pre-activation survives
                h.blend(0f, h.compare(VectorOperators.LE, FloatVector.fromArray(SimdSaeGemm.SPECIES, theta, j)))
                        .intoArray(t, off + j);
            }
            for (; j < n; j++) {
                float h = t[off + j] + bias[j];
                t[off + j] = h <= theta[j] ? 0f : h;
            }
        } else {
            for (; j < bound; j += LANES) {
                FloatVector.fromArray(SimdSaeGemm.SPECIES, t, off + j)
                        .add(FloatVector.fromArray(SimdSaeGemm.SPECIES, bias, j))
                        .lanewise(VectorOperators.MAX, 0f).intoArray(t, off + j);
            }
            for (; j < n; j++) {
                t[off + j] = Math.max(t[off + j] + bias[j], 0f);
            }
        }
    }

    /** f_j of one pre-activation: JumpReLU with threshold theta, else ReLU; a NaN h stays NaN. */
    private static float activate(float h, boolean jump, float theta) {
        return Float.isNaN(h) ? h : jump ? (h > theta ? h : 0f) : Math.max(h, 0f);
    }

    private static void addBias(float[] t, int off, int n, float[] bias) {
        int j = 0;
        for (int bound = SimdSaeGemm.SPECIES.loopBound(n); j < bound; j += LANES) {
            FloatVector.fromArray(SimdSaeGemm.SPECIES, t, off + j)
                    .add(FloatVector.fromArray(SimdSaeGemm.SPECIES, bias, j)).intoArray(t, off + j);
        }
        for (; j < n; j++) {
            t[off + j] += bias[j];
        }
    }

    /** sum_i (row[i] - center[i]) * w[wOff + i] with four accumulators (center may be null). */
    private static float dot(float[] row, float[] center, float[] w, int wOff, int n) {
        FloatVector a0 = FloatVector.zero(SimdSaeGemm.SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        if (center == null) {
            for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
                a0 = FloatVector.fromArray(SimdSaeGemm.SPECIES, row, i)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i), a0);
                a1 = FloatVector.fromArray(SimdSaeGemm.SPECIES, row, i + LANES)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i + LANES), a1);
                a2 = FloatVector.fromArray(SimdSaeGemm.SPECIES, row, i + 2 * LANES)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i + 2 * LANES), a2);
                a3 = FloatVector.fromArray(SimdSaeGemm.SPECIES, row, i + 3 * LANES)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i + 3 * LANES), a3);
            }
        }
        for (int bound = SimdSaeGemm.SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector xi = FloatVector.fromArray(SimdSaeGemm.SPECIES, row, i);
            if (center != null) {
                xi = xi.sub(FloatVector.fromArray(SimdSaeGemm.SPECIES, center, i));
            }
            a0 = xi.fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i), a0);
        }
        float sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += (center == null ? row[i] : row[i] - center[i]) * w[wOff + i];
        }
        return sum;
    }

    /** sum_i (x[i] - center[i]) * w[wOff + i] for an F32 row at element offset {@code at} of seg. */
    private static float dot(MemorySegment seg, long at, float[] center, float[] w, int wOff, int n) {
        FloatVector a0 = FloatVector.zero(SimdSaeGemm.SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        long base = at * Float.BYTES;
        int i = 0;
        if (center == null) {
            for (int bound = n - 4 * LANES; i <= bound; i += 4 * LANES) {
                long b = base + (long) i * Float.BYTES;
                a0 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, seg, b, NATIVE)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i), a0);
                a1 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, seg, b + 4L * LANES, NATIVE)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i + LANES), a1);
                a2 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, seg, b + 8L * LANES, NATIVE)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i + 2 * LANES), a2);
                a3 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, seg, b + 12L * LANES, NATIVE)
                        .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i + 3 * LANES), a3);
            }
        }
        for (int bound = SimdSaeGemm.SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector xi = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, seg, base + (long) i * Float.BYTES,
                    NATIVE);
            if (center != null) {
                xi = xi.sub(FloatVector.fromArray(SimdSaeGemm.SPECIES, center, i));
            }
            a0 = xi.fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, wOff + i), a0);
        }
        float sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float xi = seg.getAtIndex(F32, at + i);
            sum += (center == null ? xi : xi - center[i]) * w[wOff + i];
        }
        return sum;
    }

    /** out[i] = x[i] + a * d[i] for F32 rows of segments (x and out may be the same row). */
    private static void addScaled(MemorySegment xs, long xAt, float a, float[] d, MemorySegment os, long oAt, int n) {
        FloatVector av = FloatVector.broadcast(SimdSaeGemm.SPECIES, a);
        long xb = xAt * Float.BYTES;
        long ob = oAt * Float.BYTES;
        int i = 0;
        for (int bound = SimdSaeGemm.SPECIES.loopBound(n); i < bound; i += LANES) {
            long step = (long) i * Float.BYTES;
            FloatVector.fromArray(SimdSaeGemm.SPECIES, d, i)
                    .fma(av, FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, xs, xb + step, NATIVE))
                    .intoMemorySegment(os, ob + step, NATIVE);
        }
        for (; i < n; i++) {
            os.setAtIndex(F32, oAt + i, Math.fma(a, d[i], xs.getAtIndex(F32, xAt + i)));
        }
    }

    /**
     * out[i] = x[i] + a * d[i] for the F32 row at xAt, and returns sum_i x[i] * w[i] of the F32 row at dotAt (the
     * next token, or xAt itself), in one pass. Every load of a step precedes its stores, so that when dotAt == xAt
     * the compiler reads x once (and a later row is read before this one is written).
     */
    private static float addScaledAndDot(MemorySegment xs, long xAt, float a, float[] d, MemorySegment os, long oAt,
                                         long dotAt, float[] w, int n) {
        FloatVector av = FloatVector.broadcast(SimdSaeGemm.SPECIES, a);
        FloatVector s0 = FloatVector.zero(SimdSaeGemm.SPECIES);
        FloatVector s1 = s0;
        long xb = xAt * Float.BYTES;
        long ob = oAt * Float.BYTES;
        long db = dotAt * Float.BYTES;
        int i = 0;
        for (int bound = n - 2 * LANES; i <= bound; i += 2 * LANES) {
            long step = (long) i * Float.BYTES;
            long step1 = step + (long) LANES * Float.BYTES;
            FloatVector x0 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, xs, xb + step, NATIVE);
            FloatVector x1 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, xs, xb + step1, NATIVE);
            s0 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, xs, db + step, NATIVE)
                    .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, i), s0);
            s1 = FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, xs, db + step1, NATIVE)
                    .fma(FloatVector.fromArray(SimdSaeGemm.SPECIES, w, i + LANES), s1);
            FloatVector.fromArray(SimdSaeGemm.SPECIES, d, i).fma(av, x0).intoMemorySegment(os, ob + step, NATIVE);
            FloatVector.fromArray(SimdSaeGemm.SPECIES, d, i + LANES).fma(av, x1)
                    .intoMemorySegment(os, ob + step1, NATIVE);
        }
        float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += xs.getAtIndex(F32, dotAt + i) * w[i];
            os.setAtIndex(F32, oAt + i, Math.fma(a, d[i], xs.getAtIndex(F32, xAt + i)));
        }
        return sum;
    }

    /** y[0, n) += a * x[xOff, xOff + n). */
    private static void axpy(float a, float[] x, int xOff, float[] y, int n) {
        FloatVector av = FloatVector.broadcast(SimdSaeGemm.SPECIES, a);
        int i = 0;
        for (int bound = SimdSaeGemm.SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromArray(SimdSaeGemm.SPECIES, x, xOff + i)
                    .fma(av, FloatVector.fromArray(SimdSaeGemm.SPECIES, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(a, x[xOff + i], y[i]);
        }
    }

    /** y[0, n) += a * (F32 row at element offset at of seg). */
    private static void axpy(float a, MemorySegment seg, long at, float[] y, int n) {
        FloatVector av = FloatVector.broadcast(SimdSaeGemm.SPECIES, a);
        long bytes = at * Float.BYTES;
        int i = 0;
        for (int bound = SimdSaeGemm.SPECIES.loopBound(n); i < bound; i += LANES) {
            FloatVector.fromMemorySegment(SimdSaeGemm.SPECIES, seg, bytes + (long) i * Float.BYTES, NATIVE)
                    .fma(av, FloatVector.fromArray(SimdSaeGemm.SPECIES, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(a, seg.getAtIndex(F32, at + i), y[i]);
        }
    }

    /**
     * The {@code k} largest entries of t[off, off + n) (ties to the lower index; with {@code nonzeroOnly} zeros
     * are skipped) as a min-heap (weakest at the root) in heapIndex/heapValue; returns its size.
     */
    private static int topK(float[] t, int off, int n, int k, boolean nonzeroOnly, int[] heapIndex,
                            float[] heapValue) {
        int size = 0;
        if (k == 0) {
            return 0;
        }
        for (int j = 0; j < n; j++) {
            float v = t[off + j];
            if (nonzeroOnly && v == 0) {
                continue;
            }
            if (size < k) {
                int c = size++;
                while (c > 0) {
                    int parent = (c - 1) >>> 1;
                    if (!weaker(v, j, heapValue[parent], heapIndex[parent])) {
                        break;
                    }
                    heapValue[c] = heapValue[parent];
                    heapIndex[c] = heapIndex[parent];
                    c = parent;
                }
                heapValue[c] = v;
                heapIndex[c] = j;
            } else if (weaker(heapValue[0], heapIndex[0], v, j)) {
                siftDown(heapIndex, heapValue, size, v, j);
            }
        }
        return size;
    }

    /** Removes the root of the heap; returns the new size. */
    private static int popHeap(int[] heapIndex, float[] heapValue, int size) {
        int last = size - 1;
        if (last > 0) {
            siftDown(heapIndex, heapValue, last, heapValue[last], heapIndex[last]);
        }
        return last;
    }

    private static void siftDown(int[] heapIndex, float[] heapValue, int size, float v, int j) {
        int c = 0;
        while (true) {
            int child = 2 * c + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && weaker(heapValue[child + 1], heapIndex[child + 1], heapValue[child],
                    heapIndex[child])) {
                child++;
            }
            if (!weaker(heapValue[child], heapIndex[child], v, j)) {
                break;
            }
            heapValue[c] = heapValue[child];
            heapIndex[c] = heapIndex[child];
            c = child;
        }
        heapValue[c] = v;
        heapIndex[c] = j;
    }

    /** Whether (a, ia) ranks below (b, ib): smaller value (NaN above everything), or equal and higher index. */
    private static boolean weaker(float a, int ia, float b, int ib) {
        int c = Float.compare(a, b);
        return c < 0 || (c == 0 && ia > ib);
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
