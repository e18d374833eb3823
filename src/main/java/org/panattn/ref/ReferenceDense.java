package org.panattn.ref;

import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseAttention;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/** Dense attention in double precision, two passes per row (max, then sum), no tiling. */
public final class ReferenceDense implements DenseAttention {

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, DenseSpec spec) {
        if (out == null) {
            throw new IllegalArgumentException("out: expected a tensor, got null");
        }
        DenseProblem p = DenseProblem.of(q, k, v, out, lse, spec).requireDevice(Device.CPU, "ref");
        double[] logits = new double[(int) p.nk()];
        double[] acc = new double[(int) p.headDimV()];
        for (long b = 0; b < p.batch(); b++) {
            for (long h = 0; h < p.headsQ(); h++) {
                long hk = h / p.group();
                for (long i = 0; i < p.nq(); i++) {
                    long lo = p.firstKey(i);
                    long hi = p.endKey(i);
                    double lseValue = row(p, b, h, hk, i, lo, hi, logits, acc);
                    for (long c = 0; c < p.headDimV(); c++) {
                        out.setFloat((float) acc[(int) c], b, h, i, c);
                    }
                    if (lse != null) {
                        lse.setFloat((float) lseValue, b, h, i);
                    }
                }
            }
        }
    }

    /** Fills acc with the row's output and returns its log-sum-exp (-inf for a row with no keys). */
    private static double row(DenseProblem p, long b, long h, long hk, long i, long lo, long hi, double[] logits,
                              double[] acc) {
        java.util.Arrays.fill(acc, 0.0);
        if (lo >= hi) {
            return Double.NEGATIVE_INFINITY;
        }
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
            max = 0; // every logit -inf: exp() gives 0 everywhere, sum 0, out NaN as IEEE says
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
        return max + Math.log(sum);
    }
}
