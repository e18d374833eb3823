package org.panattn.dense;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * A validated dense-attention call: every argument checked (shapes, dtypes, devices, liveness, aliasing) before any
 * kernel runs; the sizes every backend needs.
 */
public record DenseProblem(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, DenseSpec spec, long batch,
                           long headsQ, long headsKv, long nq, long nk, long headDim, long headDimV, float scale) {

    /** Validates; {@code out} may be null when only sizes are wanted. */
    public static DenseProblem of(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, DenseSpec spec) {
        requirePresent(q, "q");
        requirePresent(k, "k");
        requirePresent(v, "v");
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a DenseSpec, got null");
        }
        requireRank(q, "q", 4, "[B,Hq,Nq,D]");
        requireRank(k, "k", 4, "[B,Hkv,Nk,D]");
        requireRank(v, "v", 4, "[B,Hkv,Nk,Dv]");
        requireFloating(q, "q");
        requireFloating(k, "k");
        requireFloating(v, "v");
        long b = q.dim(0);
        long hq = q.dim(1);
        long nq = q.dim(2);
        long d = q.dim(3);
        long hkv = k.dim(1);
        long nk = k.dim(2);
        long dv = v.dim(3);
        requireShape(k, "k", b, hkv, nk, d);
        requireShape(v, "v", b, hkv, nk, dv);
        if (hkv == 0 && hq != 0) {
            throw new IllegalArgumentException("k: expected at least one kv head, got shape " + Arrays.toString(k.shape()));
        }
        if (hkv != 0 && hq % hkv != 0) {
            throw new IllegalArgumentException("q: heads must be a multiple of k/v heads (grouped-query attention): "
                    + "expected a multiple of " + hkv + ", got " + hq);
        }
        requireSameDevice(q, k, "k");
        requireSameDevice(q, v, "v");
        q.checkAlive("q");
        k.checkAlive("k");
        v.checkAlive("v");
        if (out != null) {
            requireRank(out, "out", 4, "[B,Hq,Nq,Dv]");
            if (out.dtype() != DType.F32) {
                throw new IllegalArgumentException("out: expected dtype F32, got " + out.dtype());
            }
            requireShape(out, "out", b, hq, nq, dv);
            requireSameDevice(q, out, "out");
            out.checkAlive("out");
            out.checkWritable("out");
            requireNoAlias(out, "out", q, "q");
            requireNoAlias(out, "out", k, "k");
            requireNoAlias(out, "out", v, "v");
        }
        if (lse != null) {
            requireRank(lse, "lse", 3, "[B,Hq,Nq]");
            if (lse.dtype() != DType.F32) {
                throw new IllegalArgumentException("lse: expected dtype F32, got " + lse.dtype());
            }
            requireShape(lse, "lse", b, hq, nq);
            requireSameDevice(q, lse, "lse");
            lse.checkAlive("lse");
            lse.checkWritable("lse");
            requireNoAlias(lse, "lse", q, "q");
            requireNoAlias(lse, "lse", k, "k");
            requireNoAlias(lse, "lse", v, "v");
            if (out != null) {
                requireNoAlias(lse, "lse", out, "out");
            }
        }
        return new DenseProblem(q, k, v, out, lse, spec, b, hq, hkv, nq, nk, d, dv, spec.resolvedScale(d));
    }

    /** Throws unless the tensors live on {@code device} (the calling backend's). */
    public DenseProblem requireDevice(org.panattn.Device device, String backend) {
        if (!q.device().equals(device)) {
            throw new IllegalArgumentException("q: backend " + backend + " expected tensors on " + device + ", got "
                    + q.device());
        }
        return this;
    }

    /** Query heads per kv head. */
    public long group() {
        return headsKv == 0 ? 1 : headsQ / headsKv;
    }

    public long firstKey(long i) {
        return spec.firstKey(i, nq, nk);
    }

    public long endKey(long i) {
        return spec.endKey(i, nq, nk);
    }

    /** Multiply-adds of QK^T and PV over the keys each row sees, times 2: the FLOP count benchmarks report. */
    public double flops() {
        double keys = 0;
        for (long i = 0; i < nq; i++) {
            keys += Math.max(0, endKey(i) - firstKey(i));
        }
        return 2.0 * batch * headsQ * keys * (headDim + headDimV);
    }

    private static void requirePresent(Tensor t, String name) {
        if (t == null) {
            throw new IllegalArgumentException(name + ": expected a tensor, got null");
        }
    }

    private static void requireRank(Tensor t, String name, int rank, String layout) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(name + ": expected rank " + rank + " " + layout + ", got rank "
                    + t.rank() + " shape " + Arrays.toString(t.shape()));
        }
    }

    private static void requireFloating(Tensor t, String name) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(name + ": expected dtype F32, F16 or BF16, got " + t.dtype());
        }
    }

    private static void requireShape(Tensor t, String name, long... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(expected) + ", got "
                    + Arrays.toString(t.shape()));
        }
    }

    private static void requireSameDevice(Tensor ref, Tensor t, String name) {
        if (!ref.device().equals(t.device())) {
            throw new IllegalArgumentException(name + ": expected device " + ref.device() + " (that of q), got "
                    + t.device());
        }
    }

    private static void requireNoAlias(Tensor out, String outName, Tensor in, String inName) {
        if (out.overlaps(in)) {
            throw new IllegalArgumentException(outName + ": expected memory disjoint from " + inName
                    + ", got overlapping ranges");
        }
    }
}
