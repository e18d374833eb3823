package org.panattn.hybrid;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/**
 * A validated hybrid call: every argument checked (shapes, dtypes, devices, liveness, aliasing, weights, window
 * factors, dropout flags, the state) before any kernel runs, with the sizes and per-head values every backend
 * needs. {@code windowFactors[h]} is g of query head h; {@code dropped[b * Hq + h]} whether that (b, h) drops its
 * window branch.
 */
public record HybridProblem(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs,
                            HybridSpec spec, HybridState state, Phase phase, long batch, long headsQ, long headsKv,
                            long tokens, long headDim, long headDimV, int projectedDim, int featureDim, float scale,
                            float[] windowFactors, boolean[] dropped) {

    public enum Phase { PREFILL, DECODE }

    /**
     * Validates a call; {@code outputs} may be null when only sizes are wanted, {@code state} is optional for a
     * prefill and required for a decode.
     */
    public static HybridProblem of(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs,
                                   HybridSpec spec, HybridState state, Phase phase) {
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a HybridSpec, got null");
        }
        if (phase == null) {
            throw new IllegalArgumentException("phase: expected PREFILL or DECODE, got null");
        }
        if (params == null) {
            throw new IllegalArgumentException("params: expected HybridParams (HybridParams.none() for no weights),"
                    + " got null");
        }
        Tensor out = outputs == null ? null : outputs.out();
        if (outputs != null && out == null) {
            throw new IllegalArgumentException("out: expected a tensor, got null");
        }
        DenseProblem d = DenseProblem.of(q, k, v, out, null, new DenseSpec(spec.scale(), true, -1, -1));
        if (d.nq() != d.nk()) {
            throw new IllegalArgumentException("k: expected as many tokens as q (" + d.nq() + ", self-attention), got "
                    + d.nk());
        }
        long b = d.batch();
        long hq = d.headsQ();
        long dim = d.headDim();
        Device device = q.device();

        Tensor wq = params.featureQ();
        Tensor wk = params.featureK();
        if (wk != null && wq == null) {
            throw new IllegalArgumentException("featureQ: expected the query weights when featureK is given, got null");
        }
        if (spec.featureMap() == FeatureMap.HEDGEHOG && wq == null) {
            throw new IllegalArgumentException("featureQ: expected Hedgehog weights [Hq, D, F/2] = [" + hq + ", " + dim
                    + ", P], got null");
        }
        int projected = (int) Math.min(dim, Integer.MAX_VALUE);
        if (wq != null) {
            checkWeights(wq, "featureQ", hq, dim, device);
            projected = (int) Math.min(wq.dim(2), Integer.MAX_VALUE);
            if (wq.dim(2) < 1 || wq.dim(2) > MAX_FEATURES) {
                throw new IllegalArgumentException("featureQ: expected 1 <= P <= " + MAX_FEATURES
                        + " projected features (last dim), got " + wq.dim(2));
            }
        }
        if (wk != null) {
            checkWeights(wk, "featureK", hq, dim, device);
            if (wk.dim(2) != wq.dim(2)) {
                throw new IllegalArgumentException("featureK: expected shape " + Arrays.toString(wq.shape())
                        + " (that of featureQ), got " + Arrays.toString(wk.shape()));
            }
        }
        int features = spec.featureMap().featureDim(projected);
        if (wq == null && (long) projected * (spec.featureMap().doubles() ? 2 : 1) > MAX_FEATURES) {
            throw new IllegalArgumentException("q: expected head dim D <= " + MAX_FEATURES / (spec.featureMap().doubles()
                    ? 2 : 1) + " for feature map " + spec.featureMap().cliName() + " without weights, got " + dim);
        }

        float[] factors = new float[(int) Math.min(hq, Integer.MAX_VALUE)];
        Tensor wf = params.windowFactor();
        if (wf == null) {
            Arrays.fill(factors, spec.gamma());
        } else {
            requireHostTensor(wf, "windowFactor", DType.F32, new long[] {hq}, "[Hq]");
            for (int h = 0; h < factors.length; h++) {
                factors[h] = wf.getFloat(h);
                HybridSpec.checkWindowFactor("windowFactor[" + h + "]", factors[h], spec.affine());
            }
        }
        boolean[] dropped = null;
        Tensor flags = params.dropWindow();
        if (flags != null) {
            if (spec.mode() != HybridMode.HYBRID) {
                throw new IllegalArgumentException("dropWindow: expected only in mode hybrid (the other modes already"
                        + " choose their branches), got mode " + spec.mode().cliName());
            }
            requireHostTensor(flags, "dropWindow", DType.I32, new long[] {b, hq}, "[B, Hq]");
            dropped = new boolean[Math.toIntExact(b * hq)];
            for (int bi = 0; bi < b; bi++) {
                for (int h = 0; h < hq; h++) {
                    dropped[(int) (bi * hq + h)] = flags.getInt(bi, h) != 0;
                }
            }
        }

        Tensor diagnostics = outputs == null ? null : outputs.diagnostics();
        if (diagnostics != null) {
            if (diagnostics.dtype() != DType.F32) {
                throw new IllegalArgumentException("diagnostics: expected dtype F32, got " + diagnostics.dtype());
            }
            long[] shape = {b, hq, HybridOutputs.DIAGNOSTICS};
            if (!Arrays.equals(diagnostics.shape(), shape)) {
                throw new IllegalArgumentException("diagnostics: expected shape " + Arrays.toString(shape)
                        + " [B, Hq, 4], got " + Arrays.toString(diagnostics.shape()));
            }
            if (!diagnostics.device().equals(device)) {
                throw new IllegalArgumentException("diagnostics: expected device " + device + " (that of q), got "
                        + diagnostics.device());
            }
            diagnostics.checkAlive("diagnostics");
            diagnostics.checkWritable("diagnostics");
            Tensor[] others = {q, k, v, out};
            String[] names = {"q", "k", "v", "out"};
            for (int i = 0; i < others.length; i++) {
                if (diagnostics.overlaps(others[i])) {
                    throw new IllegalArgumentException("diagnostics: expected memory disjoint from " + names[i]
                            + ", got overlapping ranges");
                }
            }
        }

        if (state != null) {
            checkState(state, spec, b, hq, d.headsKv(), dim, d.headDimV(), features, device);
            Tensor[] stateTensors = {state.keyRing(), state.valueRing(), state.kv(), state.z(), state.sinkKeys(),
                state.sinkValues()};
            for (Tensor st : stateTensors) {
                for (Tensor t : new Tensor[] {q, k, v, out, diagnostics}) {
                    if (t != null && st.overlaps(t)) {
                        throw new IllegalArgumentException("state: expected memory disjoint from the call's tensors,"
                                + " got overlapping ranges");
                    }
                }
            }
        } else if (phase == Phase.DECODE) {
            throw new IllegalArgumentException("state: expected a HybridState to decode from, got null");
        }
        return new HybridProblem(q, k, v, params, outputs, spec, state, phase, b, hq, d.headsKv(), d.nq(), dim,
                d.headDimV(), projected, features, spec.resolvedScale(dim), factors, dropped);
    }

    /** Throws unless the call named its outputs (kernels need them; sizing queries do not). */
    public HybridProblem requireOutputs() {
        if (outputs == null) {
            throw new IllegalArgumentException("outputs: expected HybridOutputs with an out tensor, got null");
        }
        return this;
    }

    /** Largest feature width F (and projected width P) any backend accepts. */
    public static final int MAX_FEATURES = 4096;

    public HybridProblem requireDevice(Device device, String backend) {
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

    /** Whether (b, h) drops its window branch in this call (scheduled sliding-window dropout). */
    public boolean isDropped(long b, long h) {
        return dropped != null && dropped[(int) (b * headsQ + h)];
    }

    /** The mode (b, h) runs in: {@link HybridMode#LINEAR_ONLY} when dropped, else the spec's. */
    public HybridMode modeOf(long b, long h) {
        return isDropped(b, h) ? HybridMode.LINEAR_ONLY : spec.mode();
    }

    /** g of head h in mode m (1 for window-only, 0 for linear-only). */
    public float windowFactor(HybridMode m, long h) {
        return switch (m) {
            case HYBRID -> windowFactors[(int) h];
            case WINDOW_ONLY, SINKS_ONLY -> 1f;
            case LINEAR_ONLY, ZERO -> 0f;
        };
    }

    /** l of head h in mode m (0 for window-only, 1 for linear-only). */
    public float linearFactor(HybridMode m, long h) {
        return switch (m) {
            case HYBRID -> spec.linearFactor(windowFactors[(int) h]);
            case LINEAR_ONLY -> 1f;
            case WINDOW_ONLY, SINKS_ONLY, ZERO -> 0f;
        };
    }

    /** Feature weights of queries of head h, or null. */
    public Tensor queryWeights() {
        return params.featureQ();
    }

    public Tensor keyWeights() {
        return params.keyWeights();
    }

    private static void checkWeights(Tensor w, String name, long heads, long dim, Device device) {
        if (w.rank() != 3) {
            throw new IllegalArgumentException(name + ": expected rank 3 [Hq, D, P], got shape "
                    + Arrays.toString(w.shape()));
        }
        if (w.dtype() != DType.F32) {
            throw new IllegalArgumentException(name + ": expected dtype F32, got " + w.dtype());
        }
        if (w.dim(0) != heads || w.dim(1) != dim) {
            throw new IllegalArgumentException(name + ": expected shape [" + heads + ", " + dim + ", P] (Hq, D of q),"
                    + " got " + Arrays.toString(w.shape()));
        }
        if (!w.device().equals(device)) {
            throw new IllegalArgumentException(name + ": expected device " + device + " (that of q), got "
                    + w.device());
        }
        w.checkAlive(name);
    }

    private static void requireHostTensor(Tensor t, String name, DType dtype, long[] shape, String layout) {
        if (t.dtype() != dtype) {
            throw new IllegalArgumentException(name + ": expected dtype " + dtype + ", got " + t.dtype());
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + " " + layout
                    + ", got " + Arrays.toString(t.shape()));
        }
        if (!t.device().isCpu()) {
            throw new IllegalArgumentException(name + ": expected a host (cpu) tensor, got one on " + t.device());
        }
        t.checkAlive(name);
    }

    private static void checkState(HybridState s, HybridSpec spec, long b, long hq, long hkv, long dim, long dimV,
                                   int features, Device device) {
        boolean same = s.batch() == b && s.headsQ() == hq && s.headsKv() == hkv && s.headDim() == dim
                && s.headDimV() == dimV && s.featureDim() == features && s.window() == spec.window()
                && s.sinks() == spec.sinks() && s.device().equals(device);
        if (!same) {
            HybridStateShape want = new HybridStateShape(b, hq, hkv, dim, dimV, features, spec.window(), spec.sinks());
            throw new IllegalArgumentException("state: expected a state for " + want.describe() + " on " + device
                    + ", got one for " + s.describe());
        }
        s.checkAlive();
    }

    private record HybridStateShape(long b, long hq, long hkv, long d, long dv, int f, int w, int s) {
        String describe() {
            return "[B=" + b + ", Hq=" + hq + ", Hkv=" + hkv + ", D=" + d + ", Dv=" + dv + ", F=" + f + ", w=" + w
                    + ", sinks=" + s + "]";
        }
    }
}
