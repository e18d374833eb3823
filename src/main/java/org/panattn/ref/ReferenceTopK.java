package org.panattn.ref;

import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.topk.TopKAttention;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKProblem;
import org.panattn.topk.TopKSpec;
import org.panattn.topk.UpperBound;

/** Certified top-k attention by sorting each row in double precision: the oracle of the fused kernels. */
public final class ReferenceTopK implements TopKAttention {

    @Override
    public void attention(Tensor q, Tensor k, Tensor v, Tensor valueNorms, TopKOutputs outputs, TopKSpec spec) {
        TopKProblem p = TopKProblem.of(q, k, v, valueNorms, outputs, spec).requireDevice(Device.CPU, "ref");
        DenseProblem d = p.dense();
        for (long b = 0; b < d.batch(); b++) {
            for (long h = 0; h < d.headsQ(); h++) {
                long hk = h / d.group();
                for (long i = 0; i < d.nq(); i++) {
                    row(p, b, h, hk, i);
                }
            }
        }
    }

    private static void row(TopKProblem p, long b, long h, long hk, long i) {
        DenseProblem d = p.dense();
        TopKSpec spec = p.spec();
        TopKOutputs o = p.outputs();
        int n = (int) p.visibleKeys(i);
        int dv = (int) d.headDimV();
        double[] s = new double[n];
        double[][] v = new double[n][dv];
        boolean nanRow = false;
        boolean anyFinite = false;
        for (int j = 0; j < n; j++) {
            double dot = 0;
            for (long c = 0; c < d.headDim(); c++) {
                dot += (double) d.q().getFloat(b, h, i, c) * d.k().getFloat(b, hk, j, c);
            }
            s[j] = dot * d.scale();
            for (int c = 0; c < dv; c++) {
                v[j][c] = d.v().getFloat(b, hk, j, c);
            }
            nanRow |= Double.isNaN(s[j]) || s[j] == Double.POSITIVE_INFINITY;
            anyFinite |= s[j] != Double.NEGATIVE_INFINITY;
        }
        nanRow |= n > 0 && !anyFinite;
        double[] out = new double[dv];
        int kept;
        double tau;
        double certificate;
        double exactError;
        boolean[] head = new boolean[n];
        if (n == 0) {
            kept = 0;
            tau = 0;
            certificate = 0;
            exactError = 0;
        } else if (nanRow) {
            kept = n;
            java.util.Arrays.fill(head, true);
            java.util.Arrays.fill(out, Double.NaN);
            tau = Double.NaN;
            certificate = Double.NaN;
            exactError = Double.NaN;
        } else {
            int[] order = TopKTheory.order(s);
            kept = spec.isFixedK() ? Math.min(spec.kFixed(), n) : smallestK(s, order, spec);
            for (int r = 0; r < kept; r++) {
                head[order[r]] = true;
            }
            tau = spec.certify() == TopKSpec.Certify.BOUND
                    ? TopKTheory.blockwiseBound(s, head, TopKSpec.BLOCK)
                    : TopKTheory.tailMass(s, head);
            double[][] ht = TopKTheory.headTail(s, v, head);
            out = ht[1];
            double maxTailNorm = 0;
            for (int j = 0; j < n; j++) {
                if (!head[j]) {
                    double norm = p.valueNorms() != null ? p.valueNorms().getFloat(b, hk, j) : TopKTheory.norm(v[j]);
                    maxTailNorm = Double.isNaN(norm) ? Double.NaN : Math.max(maxTailNorm, norm);
                }
            }
            certificate = TopKTheory.tailNormCertificate(tau, maxTailNorm, TopKTheory.norm(out));
            exactError = TopKTheory.distance(ht[0], ht[1]);
        }
        for (int c = 0; c < dv; c++) {
            o.out().setFloat((float) out[c], b, h, i, c);
        }
        if (o.keptCount() != null) {
            o.keptCount().setInt(kept, b, h, i);
        }
        if (o.tail() != null) {
            o.tail().setFloat((float) tau, b, h, i);
        }
        if (o.certificate() != null) {
            o.certificate().setFloat(UpperBound.toFloat(certificate), b, h, i);
        }
        if (o.exactError() != null) {
            o.exactError().setFloat((float) exactError, b, h, i);
        }
        if (o.indices() != null) {
            long cap = p.indexCapacity();
            if (kept > cap) {
                throw new IllegalArgumentException("indices: buffer too small: row (" + b + ", " + h + ", " + i
                        + ") keeps " + kept + " keys, capacity " + cap + " (size it with TopKPlanner.indexCapacity"
                        + " or to Nk)");
            }
            long slot = 0;
            for (int j = 0; j < n; j++) {
                if (head[j]) {
                    o.indices().setInt(j, b, h, i, slot++);
                }
            }
            for (; slot < cap; slot++) {
                o.indices().setInt(-1, b, h, i, slot);
            }
        }
    }

    /** The smallest k whose tail mass (EXACT) or blockwise bound (BOUND) is at most epsilon. */
    private static int smallestK(double[] s, int[] order, TopKSpec spec) {
        int n = s.length;
        if (spec.certify() == TopKSpec.Certify.EXACT) {
            double m = s[order[0]];
            double[] suffix = new double[n + 1];
            for (int r = n - 1; r >= 0; r--) {
                suffix[r] = suffix[r + 1] + Math.exp(s[order[r]] - m);
            }
            double z = suffix[0];
            for (int k = 1; k <= n; k++) {
                if (suffix[k] / z <= spec.epsilon()) {
                    return k;
                }
            }
            return n;
        }
        // the bound is non-increasing in k along the logit order: binary search
        int lo = 1;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean[] head = new boolean[n];
            for (int r = 0; r < mid; r++) {
                head[order[r]] = true;
            }
            if (TopKTheory.blockwiseBound(s, head, TopKSpec.BLOCK) <= spec.epsilon()) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
