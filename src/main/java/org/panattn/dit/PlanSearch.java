package org.panattn.dit;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * DiTFastAttn's greedy plan search (Algorithm 1). Step 0 is full attention. At every later step the sampler's
 * reference output O is computed with full attention at every layer; then, layer by layer in order, the candidates
 * AST, WA-RS+ASC, WA-RS, ASC (the ASC ones only for a CFG batch) are tried in that order (earlier layers keep the
 * method decided for them, later layers stay full) and the first whose loss
 * {@link DitMetrics#relativeError}(O, O') on the model output is below delta_l = delta (l+1)/L is kept, else full
 * attention. The step is then run once with its decided methods, caching outputs and (at full layers) residuals,
 * and the sampler advances on that output. Trial passes read the caches but never write them. Each calibration
 * input runs its own sampler and caches; the loss is the mean over them. Deterministic: the same model, inputs and
 * delta give the same plan.
 */
public final class PlanSearch {

    /**
     * One (step, layer) decision: the method kept, its loss (0 for full attention, the reference itself) and
     * threshold, and how many candidates were tried.
     */
    public record Decision(int step, int layer, AttentionMethod method, double loss, double threshold, int tried) {
    }

    /** The plan found, every decision, and how many transformer passes the search took. */
    public record Result(CompressionPlan plan, List<Decision> decisions, long passes) {
    }

    /** Progress reporting: called after every decision. */
    @FunctionalInterface
    public interface Progress {
        void decided(Decision decision);

        static Progress none() {
            return d -> { };
        }
    }

    private final Backend backend;
    private final DitSpec spec;
    private final CfgOrder cfg;

    /** @param cfg the CFG batch layout, or null for a batch that is not a CFG pair (no ASC candidates) */
    public PlanSearch(Backend backend, DitSpec spec, CfgOrder cfg) {
        if (backend == null) {
            throw new IllegalArgumentException("backend: expected a backend, got null");
        }
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a DitSpec, got null");
        }
        this.backend = backend;
        this.spec = spec;
        this.cfg = cfg;
    }

    /** The loss threshold of layer {@code layer} of {@code layers}: delta (layer+1)/layers. */
    public static double threshold(double delta, int layer, int layers) {
        return delta * (layer + 1) / layers;
    }

    /** The candidates in the order they are tried. */
    public List<AttentionMethod> candidates() {
        return cfg == null ? List.of(AttentionMethod.AST, AttentionMethod.WA_RS)
                : List.of(AttentionMethod.AST, AttentionMethod.WA_RS_ASC, AttentionMethod.WA_RS, AttentionMethod.ASC);
    }

    /**
     * Searches a plan for {@code model} on {@code calibration} (initial sampler states, host F32; copied, never
     * modified) with loss budget {@code delta}.
     */
    public Result search(DitModel model, List<Tensor> calibration, double delta, Progress progress) {
        if (model == null) {
            throw new IllegalArgumentException("model: expected a DitModel, got null");
        }
        if (calibration == null || calibration.isEmpty()) {
            throw new IllegalArgumentException("calibration: expected at least one initial state, got none");
        }
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta: expected a finite number >= 0, got " + delta);
        }
        Progress report = progress == null ? Progress.none() : progress;
        int layers = model.layers();
        int steps = model.steps();
        if (layers < 1 || steps < 1) {
            throw new IllegalArgumentException("model: expected >= 1 layer and >= 1 step, got " + layers + " layers, "
                    + steps + " steps");
        }
        for (int c = 0; c < calibration.size(); c++) {
            Tensor t = calibration.get(c);
            if (t == null || t.dtype() != DType.F32 || !t.device().isCpu()) {
                throw new IllegalArgumentException("calibration[" + c + "]: expected an F32 host tensor, got "
                        + (t == null ? "null" : t.describe()));
            }
        }
        int n = calibration.size();
        AttentionMethod[][] plan = new AttentionMethod[steps][layers];
        List<Decision> decisions = new ArrayList<>();
        long passes = 0;
        List<DitExecutor> executors = new ArrayList<>();
        try (Arena arena = Arena.ofShared()) {
            Tensor[] states = new Tensor[n];
            Tensor[] reference = new Tensor[n];
            Tensor[] candidate = new Tensor[n];
            for (int c = 0; c < n; c++) {
                Tensor init = calibration.get(c);
                states[c] = Tensor.allocate(arena, DType.F32, init.shape());
                init.copyTo(states[c]);
                reference[c] = Tensor.allocate(arena, DType.F32, init.shape());
                candidate[c] = Tensor.allocate(arena, DType.F32, init.shape());
                executors.add(new DitExecutor(backend, layers, spec, cfg));
            }
            AttentionMethod[] allFull = new AttentionMethod[layers];
            Arrays.fill(allFull, AttentionMethod.FULL);
            for (int step = 0; step < steps; step++) {
                AttentionMethod[] methods = allFull.clone();
                if (step > 0) {
                    float[][] referenceValues = new float[n][];
                    for (int c = 0; c < n; c++) {
                        model.predict(step, states[c], executors.get(c).trial(step, allFull), reference[c]);
                        referenceValues[c] = reference[c].toFloatArray();
                        passes++;
                    }
                    for (int layer = 0; layer < layers; layer++) {
                        double limit = threshold(delta, layer, layers);
                        AttentionMethod kept = AttentionMethod.FULL;
                        double keptLoss = 0;
                        int tried = 0;
                        for (AttentionMethod m : candidates()) {
                            methods[layer] = m;
                            tried++;
                            double loss = 0;
                            for (int c = 0; c < n; c++) {
                                model.predict(step, states[c], executors.get(c).trial(step, methods), candidate[c]);
                                loss += DitMetrics.relativeError(referenceValues[c], candidate[c].toFloatArray());
                                passes++;
                            }
                            loss /= n;
                            if (loss < limit) {
                                kept = m;
                                keptLoss = loss;
                                break;
                            }
                        }
                        methods[layer] = kept;
                        Decision d = new Decision(step, layer, kept, keptLoss, limit, tried);
                        decisions.add(d);
                        report.decided(d);
                    }
                }
                plan[step] = methods;
                for (int c = 0; c < n; c++) {
                    // the search cannot know the future: every full layer caches its residual
                    model.predict(step, states[c], executors.get(c).step(step, methods, true), candidate[c]);
                    model.advance(step, states[c], candidate[c]);
                    passes++;
                }
            }
        } finally {
            for (DitExecutor e : executors) {
                e.close();
            }
        }
        return new Result(new CompressionPlan(spec.window(), plan), List.copyOf(decisions), passes);
    }
}
