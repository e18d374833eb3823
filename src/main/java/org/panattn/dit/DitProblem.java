package org.panattn.dit;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;

/**
 * A validated DiT attention call: every argument checked (shapes, dtypes, devices, liveness, aliasing) before any
 * kernel runs, and the sizes every backend needs.
 *
 * @param full     the full-attention output of a {@code fullWithResidual} call, else null
 * @param window   the window output (of {@code window}, or the optional one of {@code fullWithResidual}), or null
 * @param residual the residual output of {@code fullWithResidual}, else null
 */
public record DitProblem(Tensor q, Tensor k, Tensor v, Tensor full, Tensor window, Tensor residual, DitSpec spec,
                         long batch, long headsQ, long headsKv, long tokens, long headDim, long headDimV,
                         float scale) {

    /** Validates the inputs only (for sizes). */
    public static DitProblem of(Tensor q, Tensor k, Tensor v, DitSpec spec) {
        return build(q, k, v, null, null, "window", null, spec);
    }

    /** Validates a window call. */
    public static DitProblem window(Tensor q, Tensor k, Tensor v, Tensor out, DitSpec spec) {
        if (out == null) {
            throw new IllegalArgumentException("out: expected a tensor, got null");
        }
        return build(q, k, v, null, out, "out", null, spec);
    }

    /** Validates a full + window + residual call. */
    public static DitProblem residual(Tensor q, Tensor k, Tensor v, ResidualOutputs outputs, DitSpec spec) {
        if (outputs == null) {
            throw new IllegalArgumentException("outputs: expected ResidualOutputs, got null");
        }
        DitProblem p = build(q, k, v, outputs.full(), outputs.window(), "window", outputs.residual(), spec);
        requireDisjoint(outputs.full(), "full", outputs.residual(), "residual");
        if (outputs.window() != null) {
            requireDisjoint(outputs.window(), "window", outputs.full(), "full");
            requireDisjoint(outputs.window(), "window", outputs.residual(), "residual");
        }
        return p;
    }

    /**
     * Validates out = window + residual: three F32 tensors of one shape and device; out may be exactly the window
     * tensor (in place) but must not overlap it otherwise, nor overlap the residual.
     */
    public static void checkResidualAdd(Tensor window, Tensor residual, Tensor out) {
        requirePresent(window, "window");
        requirePresent(residual, "residual");
        requirePresent(out, "out");
        for (Object[] t : new Object[][] {{window, "window"}, {residual, "residual"}, {out, "out"}}) {
            Tensor x = (Tensor) t[0];
            if (x.dtype() != DType.F32) {
                throw new IllegalArgumentException(t[1] + ": expected dtype F32, got " + x.dtype());
            }
            if (x.rank() != 4) {
                throw new IllegalArgumentException(t[1] + ": expected rank 4 [B,H,N,Dv], got rank " + x.rank()
                        + " shape " + Arrays.toString(x.shape()));
            }
            x.checkAlive((String) t[1]);
        }
        if (!Arrays.equals(residual.shape(), window.shape())) {
            throw new IllegalArgumentException("residual: expected shape " + Arrays.toString(window.shape())
                    + " (that of window), got " + Arrays.toString(residual.shape()));
        }
        if (!Arrays.equals(out.shape(), window.shape())) {
            throw new IllegalArgumentException("out: expected shape " + Arrays.toString(window.shape())
                    + " (that of window), got " + Arrays.toString(out.shape()));
        }
        if (!residual.device().equals(window.device())) {
            throw new IllegalArgumentException("residual: expected device " + window.device() + " (that of window), got "
                    + residual.device());
        }
        if (!out.device().equals(window.device())) {
            throw new IllegalArgumentException("out: expected device " + window.device() + " (that of window), got "
                    + out.device());
        }
        out.checkWritable("out");
        if (!sameView(out, window)) {
            requireDisjoint(out, "out", window, "window");
        }
        requireDisjoint(out, "out", residual, "residual");
    }

    /** Throws unless the tensors live on {@code device} (the calling backend's). */
    public DitProblem requireDevice(Device device, String backend) {
        if (!q.device().equals(device)) {
            throw new IllegalArgumentException("q: backend " + backend + " expected tensors on " + device + ", got "
                    + q.device());
        }
        return this;
    }

    /** [B, Hq, N, Dv]. */
    public long[] outputShape() {
        return new long[] {batch, headsQ, tokens, headDimV};
    }

    /** Query heads per kv head. */
    public long group() {
        return headsKv == 0 ? 1 : headsQ / headsKv;
    }

    public long firstKey(long i) {
        return spec.firstKey(i);
    }

    public long endKey(long i) {
        return spec.endKey(i, tokens);
    }

    /** Whether the call has no row to compute. */
    public boolean isEmpty() {
        return batch == 0 || headsQ == 0 || tokens == 0;
    }

    /** 2 (D + Dv) per visible (query, key) pair of the band: the FLOP count benchmarks report. */
    public double windowFlops() {
        return 2.0 * batch * headsQ * DitFlops.bandPairs(spec.window(), tokens) * (headDim + headDimV);
    }

    /** 2 (D + Dv) per (query, key) pair of full attention. */
    public double fullFlops() {
        return 2.0 * batch * headsQ * (double) tokens * tokens * (headDim + headDimV);
    }

    private static DitProblem build(Tensor q, Tensor k, Tensor v, Tensor full, Tensor window, String windowName,
                                    Tensor residual, DitSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a DitSpec, got null");
        }
        DenseProblem p = DenseProblem.of(q, k, v, null, null, spec.toDenseFull());
        if (p.nk() != p.nq()) {
            throw new IllegalArgumentException("k: expected N = " + p.nq() + " tokens (self-attention, as q), got "
                    + p.nk());
        }
        long[] shape = {p.batch(), p.headsQ(), p.nq(), p.headDimV()};
        requireOutput(full, "full", shape, q, k, v);
        requireOutput(window, windowName, shape, q, k, v);
        requireOutput(residual, "residual", shape, q, k, v);
        return new DitProblem(q, k, v, full, window, residual, spec, p.batch(), p.headsQ(), p.headsKv(), p.nq(),
                p.headDim(), p.headDimV(), spec.resolvedScale(p.headDim()));
    }

    private static void requireOutput(Tensor t, String name, long[] shape, Tensor q, Tensor k, Tensor v) {
        if (t == null) {
            return;
        }
        if (t.dtype() != DType.F32) {
            throw new IllegalArgumentException(name + ": expected dtype F32, got " + t.dtype());
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + " [B,Hq,N,Dv], got "
                    + Arrays.toString(t.shape()));
        }
        if (!t.device().equals(q.device())) {
            throw new IllegalArgumentException(name + ": expected device " + q.device() + " (that of q), got "
                    + t.device());
        }
        t.checkAlive(name);
        t.checkWritable(name);
        requireDisjoint(t, name, q, "q");
        requireDisjoint(t, name, k, "k");
        requireDisjoint(t, name, v, "v");
    }

    private static boolean sameView(Tensor a, Tensor b) {
        return a.segment().address() == b.segment().address() && a.byteOffset() == b.byteOffset()
                && Arrays.equals(a.strides(), b.strides()) && Arrays.equals(a.shape(), b.shape())
                && a.segment().heapBase().equals(b.segment().heapBase());
    }

    private static void requireDisjoint(Tensor a, String aName, Tensor b, String bName) {
        if (a.overlaps(b)) {
            throw new IllegalArgumentException(aName + ": expected memory disjoint from " + bName
                    + ", got overlapping ranges");
        }
    }

    private static void requirePresent(Tensor t, String name) {
        if (t == null) {
            throw new IllegalArgumentException(name + ": expected a tensor, got null");
        }
    }
}
