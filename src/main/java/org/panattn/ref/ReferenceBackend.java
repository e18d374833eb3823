package org.panattn.ref;

import org.panattn.Backend;
import org.panattn.Device;
import org.panattn.dense.DenseAttention;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.hybrid.HybridAttention;
import org.panattn.sae.SaeOps;
import org.panattn.topk.TopKAttention;

/** The plain double-precision oracle: every operation stated as directly as possible. */
public final class ReferenceBackend implements Backend {
    private final ReferenceDense dense = new ReferenceDense();
    private final ReferenceTopK topk = new ReferenceTopK();
    private final ReferenceKvCache kvcache = new ReferenceKvCache();
    private final ReferenceHybrid hybrid = new ReferenceHybrid();
    private final ReferenceSae sae = new ReferenceSae();

    @Override
    public String name() {
        return "ref";
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

    private final ReferenceDit dit = new ReferenceDit();

    @Override
    public org.panattn.dit.DitAttention dit() {
        return dit;
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
        return name();
    }
}
