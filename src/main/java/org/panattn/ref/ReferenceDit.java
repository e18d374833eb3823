package org.panattn.ref;

import java.util.Arrays;

import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dit.DitAttention;
import org.panattn.dit.DitProblem;
import org.panattn.dit.DitSpec;
import org.panattn.dit.ResidualOutputs;

/** DiT window attention, full + window + residual and the residual add, in double precision, row by row. */
public final class ReferenceDit implements DitAttention {

    @Override
    public void window(Tensor q, Tensor k, Tensor v, Tensor out, DitSpec spec) {
        DitProblem p = DitProblem.window(q, k, v, out, spec).requireDevice(Device.CPU, "ref");
        double[] logits = new double[(int) p.tokens()];
        double[] acc = new double[(int) p.headDimV()];
        for (long b = 0; b < p.batch(); b++) {
            for (long h = 0; h < p.headsQ(); h++) {
                for (long i = 0; i < p.tokens(); i++) {
                    row(p, b, h, i, p.firstKey(i), p.endKey(i), logits, acc);
                    for (long c = 0; c < p.headDimV(); c++) {
                        out.setFloat((float) acc[(int) c], b, h, i, c);
                    }
                }
            }
        }
    }

    @Override
    public void fullWithResidual(Tensor q, Tensor k, Tensor v, ResidualOutputs outputs, DitSpec spec) {
        DitProblem p = DitProblem.residual(q, k, v, outputs, spec).requireDevice(Device.CPU, "ref");
        double[] logits = new double[(int) p.tokens()];
        double[] full = new double[(int) p.headDimV()];
        double[] window = new double[(int) p.headDimV()];
        for (long b = 0; b < p.batch(); b++) {
            for (long h = 0; h < p.headsQ(); h++) {
                for (long i = 0; i < p.tokens(); i++) {
                    row(p, b, h, i, 0, p.tokens(), logits, full);
                    row(p, b, h, i, p.firstKey(i), p.endKey(i), logits, window);
                    for (long c = 0; c < p.headDimV(); c++) {
                        // R = O - W and O' = W + R, both rounded to fp32: O' is exactly what addResidual returns
                        float w = (float) window[(int) c];
                        float r = (float) full[(int) c] - w;
                        outputs.full().setFloat(w + r, b, h, i, c);
                        outputs.residual().setFloat(r, b, h, i, c);
                        if (outputs.window() != null) {
                            outputs.window().setFloat(w, b, h, i, c);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void addResidual(Tensor window, Tensor residual, Tensor out) {
        DitProblem.checkResidualAdd(window, residual, out);
        if (!window.device().isCpu()) {
            throw new IllegalArgumentException("window: backend ref expected tensors on cpu, got " + window.device());
        }
        long[] s = window.shape();
        for (long b = 0; b < s[0]; b++) {
            for (long h = 0; h < s[1]; h++) {
                for (long i = 0; i < s[2]; i++) {
                    for (long c = 0; c < s[3]; c++) {
                        out.setFloat(window.getFloat(b, h, i, c) + residual.getFloat(b, h, i, c), b, h, i, c);
                    }
                }
            }
        }
    }

    /** Fills acc with softmax-weighted values of keys [lo, hi) for query i (two passes: max, then sums). */
    private static void row(DitProblem p, long b, long h, long i, long lo, long hi, double[] logits, double[] acc) {
        Arrays.fill(acc, 0.0);
        long hk = h / p.group();
        double max = Double.NEGATIVE_INFINITY;
        for (long j = lo; j < hi; j++) {
            double dot = 0;
            for (long c = 0; c < p.headDim(); c++) {
                dot += (double) p.q().getFloat(b, h, i, c) * p.k().getFloat(b, hk, j, c);
            }
            double s = dot * p.scale();
            logits[(int) j] = s;
            if (s > max || Double.isNaN(s)) {
                max = Double.isNaN(max) ? max : s;
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            max = 0; // every logit -inf: weights 0, sum 0, out NaN as IEEE says
        }
        double sum = 0;
        for (long j = lo; j < hi; j++) {
            double w = Math.exp(logits[(int) j] - max);
            sum += w;
            for (long c = 0; c < p.headDimV(); c++) {
                acc[(int) c] += w * p.v().getFloat(b, hk, j, c);
            }
        }
        for (int c = 0; c < acc.length; c++) {
            acc[c] /= sum;
        }
    }
}
