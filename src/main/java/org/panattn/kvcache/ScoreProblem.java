package org.panattn.kvcache;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/** A validated score call: every argument checked before any kernel runs; the sizes every backend needs. */
public record ScoreProblem(DenseProblem dense, WindowAttention window, Tensor scores, ScoreSpec spec,
                           long scoreHeads) {

    public static ScoreProblem of(Tensor q, Tensor k, Tensor v, Tensor scores, ScoreSpec spec) {
        return of(q, k, v, null, scores, spec);
    }

    public static ScoreProblem of(Tensor q, Tensor k, Tensor v, WindowAttention window, Tensor scores,
                                  ScoreSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec: expected a ScoreSpec, got null");
        }
        DenseSpec asDense = new DenseSpec(spec.scale(), spec.causal(), DenseSpec.UNBOUNDED, DenseSpec.UNBOUNDED);
        DenseProblem d = DenseProblem.of(q, k, v, null, null, asDense);
        if (spec.window() > d.nq()) {
            throw new IllegalArgumentException("window: expected <= Nq = " + d.nq() + " (the queries of q), got "
                    + spec.window());
        }
        if (scores == null) {
            throw new IllegalArgumentException("scores: expected a tensor, got null");
        }
        long heads = spec.aggregation() == GroupAggregation.NONE ? d.headsQ() : d.headsKv();
        long[] shape = {d.batch(), heads, d.nk()};
        if (scores.dtype() != DType.F32) {
            throw new IllegalArgumentException("scores: expected dtype F32, got " + scores.dtype());
        }
        if (!Arrays.equals(scores.shape(), shape)) {
            throw new IllegalArgumentException("scores: expected shape " + Arrays.toString(shape)
                    + (spec.aggregation() == GroupAggregation.NONE ? " [B,Hq,L] (aggregation none)" : " [B,Hkv,L]")
                    + ", got " + Arrays.toString(scores.shape()));
        }
        if (!scores.device().equals(q.device())) {
            throw new IllegalArgumentException("scores: expected device " + q.device() + " (that of q), got "
                    + scores.device());
        }
        scores.checkAlive("scores");
        scores.checkWritable("scores");
        Tensor[] inputs = {q, k, v};
        String[] names = {"q", "k", "v"};
        for (int i = 0; i < inputs.length; i++) {
            if (scores.overlaps(inputs[i])) {
                throw new IllegalArgumentException("scores: expected memory disjoint from " + names[i]
                        + ", got overlapping ranges");
            }
        }
        if (window != null) {
            long[] rows = {d.batch(), d.headsQ(), spec.window()};
            long[] outShape = {d.batch(), d.headsQ(), spec.window(), d.headDimV()};
            checkWindowTensor(window.outputs(), "window outputs", outShape, q, scores);
            checkWindowTensor(window.lse(), "window lse", rows, q, scores);
        }
        return new ScoreProblem(d, window, scores, spec, heads);
    }

    private static void checkWindowTensor(Tensor t, String name, long[] shape, Tensor q, Tensor scores) {
        if (t.dtype() != DType.F32) {
            throw new IllegalArgumentException(name + ": expected dtype F32, got " + t.dtype());
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected shape " + Arrays.toString(shape) + ", got "
                    + Arrays.toString(t.shape()));
        }
        if (!t.device().equals(q.device())) {
            throw new IllegalArgumentException(name + ": expected device " + q.device() + " (that of q), got "
                    + t.device());
        }
        t.checkAlive(name);
        if (t.overlaps(scores)) {
            throw new IllegalArgumentException("scores: expected memory disjoint from " + name
                    + ", got overlapping ranges");
        }
    }

    public ScoreProblem requireDevice(Device device, String backend) {
        dense.requireDevice(device, backend);
        return this;
    }

    /** First query of the window. */
    public long firstWindowQuery() {
        return dense.nq() - spec.window();
    }

    /** Keys window query {@code i} (an index into q) may see: [0, visibleKeys(i)). */
    public long visibleKeys(long i) {
        return spec.endKey(i, dense.nq(), dense.nk());
    }

    /**
     * Multiply-adds of the score pass times 2: logits twice, plus P.V and V.O for the output-aware scores; with the
     * window's attention given, logits once and V.O.
     */
    public double flops() {
        double keys = 0;
        for (long i = firstWindowQuery(); i < dense.nq(); i++) {
            keys += visibleKeys(i);
        }
        int passes = window == null ? 2 : 1;
        double perKey = passes * dense.headDim() + (spec.score().needsOutputs() ? passes * dense.headDimV() : 0);
        return 2.0 * dense.batch() * dense.headsQ() * keys * perKey;
    }
}
