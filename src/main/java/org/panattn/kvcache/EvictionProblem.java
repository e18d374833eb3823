package org.panattn.kvcache;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;

/** A validated eviction: every argument checked before anything is written; the sizes every backend needs. */
public record EvictionProblem(Tensor k, Tensor v, Tensor scores, Tensor kept, EvictionSpec spec, long batch,
                              long heads, long length, long headDim, long headDimV) {

    public static EvictionProblem of(Tensor k, Tensor v, Tensor scores, Tensor kept, EvictionSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected an EvictionSpec, got null");
        }
        require(k, "k");
        require(v, "v");
        require(scores, "scores");
        require(kept, "kept");
        rank(k, "k", 4, "[B,Hkv,L,D]");
        rank(v, "v", 4, "[B,Hkv,L,Dv]");
        rank(scores, "scores", 3, "[B,Hkv,L]");
        rank(kept, "kept", 3, "[B,Hkv,budget]");
        if (!k.dtype().isFloating()) {
            throw new IllegalArgumentException("k: expected dtype F32, F16 or BF16, got " + k.dtype());
        }
        if (!v.dtype().isFloating()) {
            throw new IllegalArgumentException("v: expected dtype F32, F16 or BF16, got " + v.dtype());
        }
        long b = k.dim(0);
        long h = k.dim(1);
        long n = k.dim(2);
        if (v.dim(0) != b || v.dim(1) != h || v.dim(2) != n) {
            throw new IllegalArgumentException("v: expected shape [" + b + ", " + h + ", " + n + ", Dv] (that of k), "
                    + "got " + Arrays.toString(v.shape()));
        }
        if (scores.dim(0) != b || scores.dim(1) != h || scores.dim(2) != n) {
            throw new IllegalArgumentException("scores: expected shape [" + b + ", " + h + ", " + n
                    + "] (one score per cached token and KV head; per-query-head scores need k/v with as many heads),"
                    + " got " + Arrays.toString(scores.shape()));
        }
        if (scores.dtype() != DType.F32) {
            throw new IllegalArgumentException("scores: expected dtype F32, got " + scores.dtype());
        }
        if (spec.budget() > n) {
            throw new IllegalArgumentException("budget: expected <= L = " + n + " (the cached tokens), got "
                    + spec.budget());
        }
        long[] keptShape = {b, h, spec.budget()};
        if (kept.dtype() != DType.I32) {
            throw new IllegalArgumentException("kept: expected dtype I32, got " + kept.dtype());
        }
        if (!Arrays.equals(kept.shape(), keptShape)) {
            throw new IllegalArgumentException("kept: expected shape " + Arrays.toString(keptShape) + ", got "
                    + Arrays.toString(kept.shape()));
        }
        Tensor[] all = {k, v, scores, kept};
        String[] names = {"k", "v", "scores", "kept"};
        for (int i = 0; i < all.length; i++) {
            if (!all[i].device().equals(k.device())) {
                throw new IllegalArgumentException(names[i] + ": expected device " + k.device() + " (that of k), got "
                        + all[i].device());
            }
            all[i].checkAlive(names[i]);
            all[i].checkWritable(names[i]);
            for (int j = 0; j < i; j++) {
                if (all[i].overlaps(all[j])) {
                    throw new IllegalArgumentException(names[i] + ": expected memory disjoint from " + names[j]
                            + ", got overlapping ranges");
                }
            }
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("k: expected at most " + (Integer.MAX_VALUE - 8)
                    + " cached tokens per head, got " + n);
        }
        return new EvictionProblem(k, v, scores, kept, spec, b, h, n, k.dim(3), v.dim(3));
    }

    public EvictionProblem requireDevice(Device device, String backend) {
        if (!k.device().equals(device)) {
            throw new IllegalArgumentException("k: backend " + backend + " expected tensors on " + device + ", got "
                    + k.device());
        }
        return this;
    }

    /** Bytes moved by a compaction that gathers every kept row (read + write). */
    public double bytesMoved() {
        return 2.0 * batch * heads * spec.budget() * (headDim * k.dtype().byteSize() + headDimV * v.dtype().byteSize()
                + Float.BYTES);
    }

    private static void require(Tensor t, String name) {
        if (t == null) {
            throw new IllegalArgumentException(name + ": expected a tensor, got null");
        }
    }

    private static void rank(Tensor t, String name, int rank, String layout) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(name + ": expected rank " + rank + " " + layout + ", got rank "
                    + t.rank() + " shape " + Arrays.toString(t.shape()));
        }
    }
}
