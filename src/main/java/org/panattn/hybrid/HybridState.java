package org.panattn.hybrid;

import java.lang.foreign.Arena;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;

/**
 * The decode state of a hybrid layer, on one backend's device (all F32):
 * <ul>
 *   <li>{@link #keyRing()} [B, Hkv, w, D] and {@link #valueRing()} [B, Hkv, w, Dv]: the last w keys and values,
 *       position j in slot j mod w;</li>
 *   <li>{@link #kv()} [B, Hq, F, Dv] = sum phi(k_j) v_j^T and {@link #z()} [B, Hq, F] = sum phi(k_j) over the keys
 *       that have left the window (j &lt;= length - 1 - w), per query head since phi is;</li>
 *   <li>{@link #sinkKeys()} [B, Hkv, s, D] and {@link #sinkValues()} [B, Hkv, s, Dv]: the first s tokens, for
 *       sinks-only decoding.</li>
 * </ul>
 * The state holds no feature weights: decode must be called with the weights the prefill used. Not thread-safe:
 * one sequence batch, one caller at a time.
 */
public final class HybridState {
    private final long batch;
    private final long headsQ;
    private final long headsKv;
    private final long headDim;
    private final long headDimV;
    private final int featureDim;
    private final int window;
    private final int sinks;
    private final Device device;
    private final Tensor keyRing;
    private final Tensor valueRing;
    private final Tensor kv;
    private final Tensor z;
    private final Tensor sinkKeys;
    private final Tensor sinkValues;
    private long length;

    private HybridState(Backend backend, Arena arena, long batch, long headsQ, long headsKv, long headDim,
                        long headDimV, int featureDim, int window, int sinks) {
        this.batch = batch;
        this.headsQ = headsQ;
        this.headsKv = headsKv;
        this.headDim = headDim;
        this.headDimV = headDimV;
        this.featureDim = featureDim;
        this.window = window;
        this.sinks = sinks;
        this.device = backend.device();
        this.keyRing = backend.allocate(arena, DType.F32, batch, headsKv, window, headDim);
        this.valueRing = backend.allocate(arena, DType.F32, batch, headsKv, window, headDimV);
        this.kv = backend.allocate(arena, DType.F32, batch, headsQ, featureDim, headDimV);
        this.z = backend.allocate(arena, DType.F32, batch, headsQ, featureDim);
        this.sinkKeys = backend.allocate(arena, DType.F32, batch, headsKv, sinks, headDim);
        this.sinkValues = backend.allocate(arena, DType.F32, batch, headsKv, sinks, headDimV);
    }

    /**
     * An empty state (length 0) in {@code backend}'s memory, owned by {@code arena}, for layers of these sizes and
     * this spec's window and sinks; {@code featureDim} is F, the feature map's output width.
     */
    public static HybridState allocate(Backend backend, Arena arena, HybridSpec spec, long batch, long headsQ,
                                       long headsKv, long headDim, long headDimV, int featureDim) {
        if (backend == null) {
            throw new IllegalArgumentException("backend: expected a value, got null");
        }
        if (arena == null) {
            throw new IllegalArgumentException("arena: expected an open arena, got null");
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a HybridSpec, got null");
        }
        long[] sizes = {batch, headsQ, headsKv, headDim, headDimV, featureDim};
        String[] names = {"batch", "headsQ", "headsKv", "headDim", "headDimV", "featureDim"};
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 0) {
                throw new IllegalArgumentException(names[i] + ": expected >= 0, got " + sizes[i]);
            }
        }
        if (headsKv == 0 ? headsQ != 0 : headsQ % headsKv != 0) {
            throw new IllegalArgumentException("headsQ: expected a multiple of headsKv " + headsKv + ", got "
                    + headsQ);
        }
        return new HybridState(backend, arena, batch, headsQ, headsKv, headDim, headDimV, featureDim, spec.window(),
                spec.sinks());
    }

    /** A state sized for a prefill of these tensors with these params and spec (see {@link #allocate}). */
    public static HybridState forInputs(Backend backend, Arena arena, Tensor q, Tensor k, Tensor v,
                                        HybridParams params, HybridSpec spec) {
        HybridProblem p = HybridProblem.of(q, k, v, params, null, spec, null, HybridProblem.Phase.PREFILL);
        return allocate(backend, arena, spec, p.batch(), p.headsQ(), p.headsKv(), p.headDim(), p.headDimV(),
                p.featureDim());
    }

    /** Tokens seen so far. */
    public long length() {
        return length;
    }

    /** Called by the kernels after they have written the state. */
    public void setLength(long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("length: expected >= 0, got " + tokens);
        }
        length = tokens;
    }

    public long batch() {
        return batch;
    }

    public long headsQ() {
        return headsQ;
    }

    public long headsKv() {
        return headsKv;
    }

    public long headDim() {
        return headDim;
    }

    public long headDimV() {
        return headDimV;
    }

    public int featureDim() {
        return featureDim;
    }

    public int window() {
        return window;
    }

    public int sinks() {
        return sinks;
    }

    public Device device() {
        return device;
    }

    public Tensor keyRing() {
        return keyRing;
    }

    public Tensor valueRing() {
        return valueRing;
    }

    public Tensor kv() {
        return kv;
    }

    public Tensor z() {
        return z;
    }

    public Tensor sinkKeys() {
        return sinkKeys;
    }

    public Tensor sinkValues() {
        return sinkValues;
    }

    /** "[B=.., Hq=.., Hkv=.., D=.., Dv=.., F=.., w=.., sinks=..] on dev": what the state was made for. */
    public String describe() {
        return "[B=" + batch + ", Hq=" + headsQ + ", Hkv=" + headsKv + ", D=" + headDim + ", Dv=" + headDimV + ", F="
                + featureDim + ", w=" + window + ", sinks=" + sinks + "] on " + device;
    }

    /** Throws unless the state's memory is still alive. */
    void checkAlive() {
        keyRing.checkAlive("state");
        kv.checkAlive("state");
    }

    @Override
    public String toString() {
        return "HybridState" + describe() + " length " + length;
    }
}
