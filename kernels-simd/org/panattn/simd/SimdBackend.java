package org.panattn.simd;

import jdk.incubator.vector.FloatVector;

import org.panattn.Backend;
import org.panattn.Device;
import org.panattn.dense.DenseAttention;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.hybrid.HybridAttention;
import org.panattn.sae.SaeOps;
import org.panattn.topk.TopKAttention;
import org.panattn.internal.Parallel;

/** The Vector API backend ("cpu"): loaded by reflection from {@code org.panattn.Backends}. */
public final class SimdBackend implements Backend {
    /** Narrower vectors leave too little to win over the reference for the tiling overheads to pay. */
    static final int MIN_LANES = 4;

    private final Parallel parallel;
    private final SimdDense dense;
    private final SimdTopK topk;
    private final SimdKvCache kvcache;
    private final SimdHybrid hybrid;
    private final SimdSae sae;

    private SimdBackend(Parallel parallel) {
        this.parallel = parallel;
        this.dense = new SimdDense(parallel);
        this.topk = new SimdTopK(parallel);
        this.kvcache = new SimdKvCache(parallel);
        this.hybrid = new SimdHybrid(parallel, dense);
        this.sae = new SimdSae(parallel);
    }

    /** {@code threads} = 0: the shared pool sized to the cores; otherwise that many threads, the caller included. */
    public static Backend create(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads: expected >= 0 (0 = the shared pool), got " + threads);
        }
        return new SimdBackend(threads == 0 ? Parallel.shared() : Parallel.threads(threads));
    }

    /** Null when the kernels can run well here, otherwise why not. */
    public static String unusableReason() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        if (lanes < MIN_LANES) {
            return "preferred float vectors have " + lanes + " lanes (" + FloatVector.SPECIES_PREFERRED.vectorBitSize()
                    + " bits); the kernels need at least " + MIN_LANES;
        }
        return null;
    }

    /** Threads one call splits its work over. */
    public int threads() {
        return parallel.parallelism();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public DenseAttention dense() {
        return dense;
    }

    @Override
    public TopKAttention topk() {
        return topk;
    }

    /** Created on first use (a benign race: SimdDit is immutable, published through its final field). */
    private SimdDit dit;

    @Override
    public org.panattn.dit.DitAttention dit() {
        SimdDit d = dit;
        if (d == null) {
            d = new SimdDit(parallel);
            dit = d;
        }
        return d;
    }

    @Override
    public KvCacheOps kvcache() {
        return kvcache;
    }

    @Override
    public HybridAttention hybrid() {
        return hybrid;
    }

    @Override
    public SaeOps sae() {
        return sae;
    }

    @Override
    public String toString() {
        return "cpu(" + parallel.parallelism() + " threads, " + FloatVector.SPECIES_PREFERRED.vectorBitSize()
                + "-bit vectors)";
    }
}
