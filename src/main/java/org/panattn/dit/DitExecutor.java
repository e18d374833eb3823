package org.panattn.dit;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.panattn.Backend;
import org.panattn.Tensor;

/**
 * Runs DiTFastAttn's self-attention methods for one model on one backend, with one {@link AttentionCache} per
 * layer. A sampler calls {@link #step(CompressionPlan, int)} once per step and hands the result to its
 * transformer, which calls {@code attend(layer, q, k, v, out)} per layer:
 * <ul>
 *   <li>FULL: full attention; when a later step of the layer uses WA-RS, the fused pass also caches R = O - W;</li>
 *   <li>WA_RS: window attention W' and out = W' + R;</li>
 *   <li>AST: out = the layer's output of its last computed step (no attention);</li>
 *   <li>ASC and WA_RS_ASC: the same on the conditional half of the CFG batch, copied into the other half (the
 *       residual cached by an ASC full step is the conditional one, copied to both halves).</li>
 * </ul>
 * Every computed output is cached for AST. Not thread-safe: one sampler drives one executor.
 */
public final class DitExecutor implements AutoCloseable {
    private final Backend backend;
    private final DitSpec spec;
    private final CfgOrder cfg;
    private final Arena arena;
    private final AttentionCache[] caches;
    private double attentionFlops;
    private double fullAttentionFlops;

    /**
     * @param cfg the layout of the CFG batch, or null when the batch is not a CFG pair (the ASC methods are then
     *            refused)
     */
    public DitExecutor(Backend backend, int layers, DitSpec spec, CfgOrder cfg) {
        if (backend == null) {
            throw new IllegalArgumentException("backend: expected a backend, got null");
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers: expected >= 1, got " + layers);
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a DitSpec, got null");
        }
        this.backend = backend;
        this.spec = spec;
        this.cfg = cfg;
        this.arena = Arena.ofShared();
        this.caches = new AttentionCache[layers];
        for (int l = 0; l < layers; l++) {
            caches[l] = new AttentionCache(backend, arena, l);
        }
    }

    public int layers() {
        return caches.length;
    }

    public DitSpec spec() {
        return spec;
    }

    public CfgOrder cfg() {
        return cfg;
    }

    public Backend backend() {
        return backend;
    }

    public AttentionCache cache(int layer) {
        requireLayer(layer);
        return caches[layer];
    }

    /** Off-heap bytes of every cache (residuals and outputs). */
    public long cacheBytes() {
        long sum = 0;
        for (AttentionCache c : caches) {
            sum += c.bytes();
        }
        return sum;
    }

    /** Attention FLOPs spent since the last {@link #resetCounters()} (the paper's counter, see AttentionMethod). */
    public double attentionFlops() {
        return attentionFlops;
    }

    /** What full attention at every call would have cost over the same calls. */
    public double fullAttentionFlops() {
        return fullAttentionFlops;
    }

    public void resetCounters() {
        attentionFlops = 0;
        fullAttentionFlops = 0;
    }

    /** Forgets every cached residual and output (a new sample); the memory is kept. */
    public void invalidate() {
        for (AttentionCache c : caches) {
            c.invalidate();
        }
    }

    /** The attention of step {@code step} of {@code plan}: residuals cached where a later WA-RS step needs one. */
    public LayerAttention step(CompressionPlan plan, int step) {
        if (plan == null) {
            throw new IllegalArgumentException("plan: expected a CompressionPlan, got null");
        }
        if (plan.layers() != caches.length) {
            throw new IllegalArgumentException("plan: expected " + caches.length + " layers, got " + plan.layers());
        }
        if (step < 0 || step >= plan.steps()) {
            throw new IllegalArgumentException("step: expected in [0, " + plan.steps() + "), got " + step);
        }
        return (layer, q, k, v, out) -> attend(step, layer, plan.method(step, layer), plan.needsResidual(step, layer),
                true, q, k, v, out);
    }

    /**
     * The attention of one step with {@code methods[layer]} per layer, caching every output and (at full layers,
     * when {@code cacheResiduals}) the residual.
     */
    public LayerAttention step(int step, AttentionMethod[] methods, boolean cacheResiduals) {
        requireMethods(methods);
        AttentionMethod[] m = methods.clone();
        return (layer, q, k, v, out) -> attend(step, layer, m[requireLayer(layer)], cacheResiduals, true, q, k, v,
                out);
    }

    /** The attention of one step with {@code methods[layer]} per layer, reading the caches but writing none. */
    public LayerAttention trial(int step, AttentionMethod[] methods) {
        requireMethods(methods);
        AttentionMethod[] m = methods.clone();
        return (layer, q, k, v, out) -> attend(step, layer, m[requireLayer(layer)], false, false, q, k, v, out);
    }

    /**
     * One layer's attention at one step.
     *
     * @param cacheResidual at a full method: also compute and cache the residual for later WA-RS steps
     * @param record        write the caches (false: a trial that leaves them as they were)
     */
    public void attend(int step, int layer, AttentionMethod method, boolean cacheResidual, boolean record, Tensor q,
                       Tensor k, Tensor v, Tensor out) {
        requireLayer(layer);
        if (step < 0) {
            throw new IllegalArgumentException("step: expected >= 0, got " + step);
        }
        if (method == null) {
            throw new IllegalArgumentException("method: expected an AttentionMethod, got null");
        }
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("executor: expected an open executor, got a closed one");
        }
        DitProblem p = DitProblem.window(q, k, v, out, spec);
        AttentionCache cache = caches[layer];
        long[] shape = p.outputShape();
        cache.checkShape(shape);
        long b = p.batch();
        long from = 0;
        long to = b;
        if (method.sharesCfg()) {
            if (cfg == null) {
                throw new IllegalArgumentException("method: " + method.jsonName() + " shares the CFG halves, but this "
                        + "executor has no CFG batch (cfg order null)");
            }
            if (b % 2 != 0) {
                throw new IllegalArgumentException("q: expected an even batch (CFG: conditional + unconditional halves), "
                        + "got " + b);
            }
            from = cfg.conditionalStart(b);
            to = from + b / 2;
        }
        double full = DitFlops.fullAttentionFlops(b, p.headsQ(), p.tokens(), p.headDim(), p.headDimV());
        double windowFraction = p.tokens() == 0 ? 0 : DitFlops.windowFraction(spec.window(), p.tokens());
        fullAttentionFlops += full;
        DitAttention dit = backend.dit();
        Tensor qs = q.slice(0, from, to);
        Tensor ks = k.slice(0, from, to);
        Tensor vs = v.slice(0, from, to);
        Tensor outs = out.slice(0, from, to);
        boolean cachedResidual = false;
        switch (method) {
            case AST -> {
                if (!cache.hasOutput()) {
                    throw new IllegalArgumentException("method: ast at step " + step + " needs layer " + layer
                            + "'s output of an earlier computed step, got none cached");
                }
                copy(cache.output(), out);
                return;
            }
            case WA_RS, WA_RS_ASC -> {
                if (!cache.hasResidual()) {
                    throw new IllegalArgumentException("method: " + method.jsonName() + " at step " + step
                            + " needs layer " + layer + "'s residual of an earlier full step, got none cached");
                }
                dit.window(qs, ks, vs, outs, spec);
                dit.addResidual(outs, cache.residual().slice(0, from, to), outs);
            }
            case FULL, ASC -> {
                if (cacheResidual && record) {
                    Tensor residual = cache.residualBuffer(shape);
                    dit.fullWithResidual(qs, ks, vs, ResidualOutputs.of(outs, residual.slice(0, from, to)), spec);
                    if (method.sharesCfg()) {
                        copy(residual.slice(0, from, to), otherHalf(residual, from));
                    }
                    cache.markResidual(step);
                    cachedResidual = true;
                } else {
                    backend.dense().attention(qs, ks, vs, outs, spec.toDenseFull());
                }
            }
        }
        if (method.sharesCfg()) {
            copy(outs, otherHalf(out, from));
        }
        attentionFlops += full * method.relativeCost(windowFraction, cachedResidual);
        if (record) {
            copy(out, cache.outputBuffer(shape));
            cache.markOutput(step);
        }
    }

    /** Frees every cache. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    private Tensor otherHalf(Tensor t, long conditionalFrom) {
        long half = t.dim(0) / 2;
        long start = conditionalFrom == 0 ? half : 0;
        return t.slice(0, start, start + half);
    }

    /** Copies [B,H,N,Dv] F32 rows: row by row on the host (any strides), through the backend on a device. */
    private void copy(Tensor src, Tensor dst) {
        if (src.device().isCpu() && dst.device().isCpu()) {
            long[] s = src.shape();
            long width = s[3];
            if (width == 0) {
                return;
            }
            MemorySegment from = src.segment();
            MemorySegment to = dst.segment();
            for (long b = 0; b < s[0]; b++) {
                for (long h = 0; h < s[1]; h++) {
                    for (long i = 0; i < s[2]; i++) {
                        long a = src.offset() + b * src.stride(0) + h * src.stride(1) + i * src.stride(2);
                        long c = dst.offset() + b * dst.stride(0) + h * dst.stride(1) + i * dst.stride(2);
                        MemorySegment.copy(from, ValueLayout.JAVA_FLOAT_UNALIGNED, a * Float.BYTES, to, ValueLayout.JAVA_FLOAT_UNALIGNED,
                                c * Float.BYTES, width);
                    }
                }
            }
            return;
        }
        if (!src.isContiguous() || !dst.isContiguous()) {
            throw new IllegalArgumentException("out: expected a contiguous tensor on " + dst.device()
                    + " (the CFG halves and caches are copied as blocks), got " + dst.describe());
        }
        backend.copy(src, dst);
    }

    private int requireLayer(int layer) {
        if (layer < 0 || layer >= caches.length) {
            throw new IllegalArgumentException("layer: expected in [0, " + caches.length + "), got " + layer);
        }
        return layer;
    }

    private void requireMethods(AttentionMethod[] methods) {
        if (methods == null || methods.length != caches.length) {
            throw new IllegalArgumentException("methods: expected one per layer (" + caches.length + "), got "
                    + (methods == null ? "null" : methods.length));
        }
        for (int l = 0; l < methods.length; l++) {
            if (methods[l] == null) {
                throw new IllegalArgumentException("methods[" + l + "]: expected an AttentionMethod, got null");
            }
        }
    }
}
