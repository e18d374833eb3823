package org.panattn.ref;

import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridAttention;
import org.panattn.hybrid.HybridMode;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridProblem;
import org.panattn.hybrid.HybridSpec;
import org.panattn.hybrid.HybridState;

/**
 * Hybrid attention stated plainly in double precision: every row sums over its window and its older keys
 * directly (O(T^2), no chunks, no running state), so it is the "naive" form the chunked kernels are checked
 * against. Decode follows the state's definition token by token (the state itself is F32).
 */
public final class ReferenceHybrid implements HybridAttention {

    @Override
    public void prefill(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                        HybridState state) {
        HybridProblem p = HybridProblem.of(q, k, v, params, outputs, spec, state, HybridProblem.Phase.PREFILL)
                .requireOutputs().requireDevice(Device.CPU, "ref");
        int w = spec.window();
        int n = (int) p.tokens();
        for (long b = 0; b < p.batch(); b++) {
            for (long h = 0; h < p.headsQ(); h++) {
                long kvh = h / p.group();
                HybridMode mode = p.modeOf(b, h);
                double g = p.windowFactor(mode, h);
                double l = p.linearFactor(mode, h);
                double[][] wq = weights(p.queryWeights(), h);
                double[][] wk = weights(p.keyWeights(), h);
                double[][] keys = rows(k, b, kvh, n);
                double[][] values = rows(v, b, kvh, n);
                double[][] phiK = new double[n][];
                for (int j = 0; j < n; j++) {
                    phiK[j] = phi(spec.featureMap(), wk, keys[j]);
                }
                Diagnostics diag = new Diagnostics();
                for (int i = 0; i < n; i++) {
                    double[] qi = row(q, b, h, i);
                    Branches r = new Branches((int) p.headDimV());
                    switch (mode) {
                        case HYBRID, WINDOW_ONLY, LINEAR_ONLY -> {
                            if (mode.usesWindow()) {
                                r.softmax(qi, keys, values, Math.max(0, i - w + 1), i + 1, p.scale());
                            }
                            if (mode.usesLinear()) {
                                int end = mode == HybridMode.LINEAR_ONLY ? i + 1 : Math.max(0, i - w + 1);
                                double[] phiQ = phi(spec.featureMap(), wq, qi);
                                for (int j = 0; j < end; j++) {
                                    r.linear(dot(phiQ, phiK[j]), values[j]);
                                }
                            }
                        }
                        case SINKS_ONLY -> r.softmax(qi, keys, values, 0, Math.min(spec.sinks(), i + 1), p.scale());
                        case ZERO -> { }
                    }
                    writeRow(p.outputs().out(), b, h, i, r.combine(g, l, diag));
                }
                diag.write(p.outputs().diagnostics(), b, h);
            }
        }
        if (state != null) {
            fillState(p, state);
        }
    }

    @Override
    public void decode(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs, HybridSpec spec,
                       HybridState state) {
        HybridProblem p = HybridProblem.of(q, k, v, params, outputs, spec, state, HybridProblem.Phase.DECODE)
                .requireOutputs().requireDevice(Device.CPU, "ref");
        int w = spec.window();
        int f = p.featureDim();
        int dv = (int) p.headDimV();
        long start = state.length();
        long group = p.group();
        for (long b = 0; b < p.batch(); b++) {
            for (long kvh = 0; kvh < p.headsKv(); kvh++) {
                Diagnostics[] diags = new Diagnostics[(int) group];
                for (int x = 0; x < group; x++) {
                    diags[x] = new Diagnostics();
                }
                for (long t = 0; t < p.tokens(); t++) {
                    long pos = start + t;
                    int slot = (int) (pos % w);
                    if (pos >= w) {
                        // key pos - w leaves the window: it moves into every query head's linear state
                        double[] oldK = row(state.keyRing(), b, kvh, slot);
                        double[] oldV = row(state.valueRing(), b, kvh, slot);
                        for (long h = kvh * group; h < (kvh + 1) * group; h++) {
                            double[] phiK = phi(spec.featureMap(), weights(p.keyWeights(), h), oldK);
                            for (int a = 0; a < f; a++) {
                                Tensor z = state.z();
                                z.setFloat((float) (z.getFloat(b, h, a) + phiK[a]), b, h, a);
                                for (int c = 0; c < dv; c++) {
                                    Tensor kv = state.kv();
                                    kv.setFloat((float) (kv.getFloat(b, h, a, c) + phiK[a] * oldV[c]), b, h, a, c);
                                }
                            }
                        }
                    }
                    copyRow(k, b, kvh, t, state.keyRing(), slot);
                    copyRow(v, b, kvh, t, state.valueRing(), slot);
                    if (pos < spec.sinks()) {
                        copyRow(k, b, kvh, t, state.sinkKeys(), pos);
                        copyRow(v, b, kvh, t, state.sinkValues(), pos);
                    }
                    int inWindow = (int) Math.min(w, pos + 1);
                    double[][] winK = new double[inWindow][];
                    double[][] winV = new double[inWindow][];
                    for (int j = 0; j < inWindow; j++) {
                        long position = pos - inWindow + 1 + j;
                        winK[j] = row(state.keyRing(), b, kvh, position % w);
                        winV[j] = row(state.valueRing(), b, kvh, position % w);
                    }
                    for (long h = kvh * group; h < (kvh + 1) * group; h++) {
                        HybridMode mode = p.modeOf(b, h);
                        double[] qi = row(q, b, h, t);
                        Branches r = new Branches(dv);
                        switch (mode) {
                            case HYBRID, WINDOW_ONLY, LINEAR_ONLY -> {
                                if (mode.usesWindow()) {
                                    r.softmax(qi, winK, winV, 0, inWindow, p.scale());
                                }
                                if (mode.usesLinear()) {
                                    double[] phiQ = phi(spec.featureMap(), weights(p.queryWeights(), h), qi);
                                    r.linearState(phiQ, state, b, h);
                                    if (mode == HybridMode.LINEAR_ONLY) {
                                        double[][] wk = weights(p.keyWeights(), h);
                                        for (int j = 0; j < inWindow; j++) {
                                            r.linear(dot(phiQ, phi(spec.featureMap(), wk, winK[j])), winV[j]);
                                        }
                                    }
                                }
                            }
                            case SINKS_ONLY -> {
                                int count = (int) Math.min(spec.sinks(), pos + 1);
                                double[][] sk = rows(state.sinkKeys(), b, kvh, count);
                                double[][] sv = rows(state.sinkValues(), b, kvh, count);
                                r.softmax(qi, sk, sv, 0, count, p.scale());
                            }
                            case ZERO -> { }
                        }
                        writeRow(p.outputs().out(), b, h, t,
                                r.combine(p.windowFactor(mode, h), p.linearFactor(mode, h),
                                        diags[(int) (h - kvh * group)]));
                    }
                }
                for (int x = 0; x < group; x++) {
                    diags[x].write(p.outputs().diagnostics(), b, kvh * group + x);
                }
            }
        }
        state.setLength(start + p.tokens());
    }

    /** Leaves the state holding positions 0..T-1: ring, sinks, and the linear state of keys j <= T-1-w. */
    private static void fillState(HybridProblem p, HybridState state) {
        HybridSpec spec = p.spec();
        int w = spec.window();
        long n = p.tokens();
        int f = p.featureDim();
        int dv = (int) p.headDimV();
        for (long b = 0; b < p.batch(); b++) {
            for (long kvh = 0; kvh < p.headsKv(); kvh++) {
                for (long j = Math.max(0, n - w); j < n; j++) {
                    copyRow(p.k(), b, kvh, j, state.keyRing(), j % w);
                    copyRow(p.v(), b, kvh, j, state.valueRing(), j % w);
                }
                for (long j = 0; j < Math.min(spec.sinks(), n); j++) {
                    copyRow(p.k(), b, kvh, j, state.sinkKeys(), j);
                    copyRow(p.v(), b, kvh, j, state.sinkValues(), j);
                }
            }
            for (long h = 0; h < p.headsQ(); h++) {
                long kvh = h / p.group();
                double[][] wk = weights(p.keyWeights(), h);
                double[][] kv = new double[f][dv];
                double[] z = new double[f];
                for (long j = 0; j + w < n; j++) {
                    double[] phiK = phi(spec.featureMap(), wk, row(p.k(), b, kvh, j));
                    double[] vj = row(p.v(), b, kvh, j);
                    for (int a = 0; a < f; a++) {
                        z[a] += phiK[a];
                        for (int c = 0; c < dv; c++) {
                            kv[a][c] += phiK[a] * vj[c];
                        }
                    }
                }
                for (int a = 0; a < f; a++) {
                    state.z().setFloat((float) z[a], b, h, a);
                    for (int c = 0; c < dv; c++) {
                        state.kv().setFloat((float) kv[a][c], b, h, a, c);
                    }
                }
            }
        }
        state.setLength(n);
    }

    /**
     * phi(x) for one row: u = x W (or x without weights), then the map. Hedgehog: [softmax(u), softmax(-u)];
     * elu1: elu(u) + 1; relu: max(u, 0); exp: [exp(u - max u), exp(min u - u)].
     */
    public static double[] phi(FeatureMap map, double[][] weights, double[] x) {
        double[] u;
        if (weights == null) {
            u = x.clone();
        } else {
            int projected = weights[0].length;
            u = new double[projected];
            for (int d = 0; d < x.length; d++) {
                for (int a = 0; a < projected; a++) {
                    u[a] += x[d] * weights[d][a];
                }
            }
        }
        int pw = u.length;
        double[] out = new double[map.featureDim(pw)];
        switch (map) {
            case HEDGEHOG -> {
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (double a : u) {
                    max = Math.max(max, a);
                    min = Math.min(min, a);
                }
                double sumPos = 0;
                double sumNeg = 0;
                for (int a = 0; a < pw; a++) {
                    out[a] = Math.exp(u[a] - max);
                    out[pw + a] = Math.exp(min - u[a]);
                    sumPos += out[a];
                    sumNeg += out[pw + a];
                }
                for (int a = 0; a < pw; a++) {
                    out[a] /= sumPos;
                    out[pw + a] /= sumNeg;
                }
            }
            case ELU1 -> {
                for (int a = 0; a < pw; a++) {
                    out[a] = u[a] > 0 ? u[a] + 1 : Math.exp(u[a]);
                }
            }
            case RELU -> {
                for (int a = 0; a < pw; a++) {
                    out[a] = u[a] > 0 ? u[a] : (Double.isNaN(u[a]) ? u[a] : 0);
                }
            }
            case EXP -> {
                double max = Double.NEGATIVE_INFINITY;
                double min = Double.POSITIVE_INFINITY;
                for (double a : u) {
                    max = Math.max(max, a);
                    min = Math.min(min, a);
                }
                for (int a = 0; a < pw; a++) {
                    out[a] = Math.exp(u[a] - max);
                    out[pw + a] = Math.exp(min - u[a]);
                }
            }
        }
        return out;
    }

    /** The weights of head h as [D][P], or null. */
    public static double[][] weights(Tensor w, long h) {
        if (w == null) {
            return null;
        }
        int d = (int) w.dim(1);
        int pw = (int) w.dim(2);
        double[][] out = new double[d][pw];
        for (int x = 0; x < d; x++) {
            for (int a = 0; a < pw; a++) {
                out[x][a] = w.getFloat(h, x, a);
            }
        }
        return out;
    }

    /** The numerator and normaliser of each branch of one row. */
    private static final class Branches {
        final double[] numWindow;
        final double[] numLinear;
        double denWindow;
        double denLinear;

        Branches(int dv) {
            numWindow = new double[dv];
            numLinear = new double[dv];
        }

        /** sum_{j in [from, to)} e^{s_j - m} (v_j, 1), m the largest of these logits. */
        void softmax(double[] qi, double[][] keys, double[][] values, int from, int to, double scale) {
            if (to <= from) {
                return;
            }
            double[] s = new double[to - from];
            double m = Double.NEGATIVE_INFINITY;
            for (int j = from; j < to; j++) {
                s[j - from] = dot(qi, keys[j]) * scale;
                m = Math.max(m, s[j - from]);
            }
            // all -inf: every weight is 0 (no NaN from -inf - -inf)
            double shift = m == Double.NEGATIVE_INFINITY ? 0 : m;
            for (int j = from; j < to; j++) {
                double e = Math.exp(s[j - from] - shift);
                denWindow += e;
                for (int c = 0; c < numWindow.length; c++) {
                    numWindow[c] += e * values[j][c];
                }
            }
        }

        void linear(double a, double[] vj) {
            denLinear += a;
            for (int c = 0; c < numLinear.length; c++) {
                numLinear[c] += a * vj[c];
            }
        }

        /** phi(q).z and phi(q).S from the state. */
        void linearState(double[] phiQ, HybridState state, long b, long h) {
            for (int a = 0; a < phiQ.length; a++) {
                denLinear += phiQ[a] * state.z().getFloat(b, h, a);
                for (int c = 0; c < numLinear.length; c++) {
                    numLinear[c] += phiQ[a] * state.kv().getFloat(b, h, a, c);
                }
            }
        }

        double[] combine(double g, double l, Diagnostics diag) {
            double den = g * denWindow + l * denLinear;
            double[] y = new double[numWindow.length];
            if (den == 0) {
                return y;
            }
            double normWindow = 0;
            double normLinear = 0;
            for (int c = 0; c < y.length; c++) {
                double yw = g * numWindow[c];
                double yl = l * numLinear[c];
                y[c] = (yw + yl) / den;
                normWindow += yw * yw;
                normLinear += yl * yl;
            }
            diag.add(g * denWindow / den, l * denLinear / den, Math.sqrt(normWindow), Math.sqrt(normLinear));
            return y;
        }
    }

    /** Running means of the branch shares of one (b, h). */
    private static final class Diagnostics {
        double windowDen;
        double linearDen;
        long denRows;
        double windowOut;
        double linearOut;
        long outRows;

        void add(double shareWindow, double shareLinear, double normWindow, double normLinear) {
            windowDen += shareWindow;
            linearDen += shareLinear;
            denRows++;
            double total = normWindow + normLinear;
            if (total != 0) {
                windowOut += normWindow / total;
                linearOut += normLinear / total;
                outRows++;
            }
        }

        void write(Tensor t, long b, long h) {
            if (t == null) {
                return;
            }
            t.setFloat(denRows == 0 ? 0f : (float) (windowDen / denRows), b, h, HybridOutputs.WINDOW_DENOMINATOR_SHARE);
            t.setFloat(denRows == 0 ? 0f : (float) (linearDen / denRows), b, h, HybridOutputs.LINEAR_DENOMINATOR_SHARE);
            t.setFloat(outRows == 0 ? 0f : (float) (windowOut / outRows), b, h, HybridOutputs.WINDOW_OUTPUT_SHARE);
            t.setFloat(outRows == 0 ? 0f : (float) (linearOut / outRows), b, h, HybridOutputs.LINEAR_OUTPUT_SHARE);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] row(Tensor t, long b, long h, long i) {
        int d = (int) t.dim(3);
        double[] x = new double[d];
        for (int c = 0; c < d; c++) {
            x[c] = t.getFloat(b, h, i, c);
        }
        return x;
    }

    private static double[][] rows(Tensor t, long b, long h, int count) {
        double[][] x = new double[count][];
        for (int j = 0; j < count; j++) {
            x[j] = row(t, b, h, j);
        }
        return x;
    }

    private static void copyRow(Tensor src, long b, long h, long i, Tensor dst, long j) {
        int d = (int) src.dim(3);
        for (int c = 0; c < d; c++) {
            dst.setFloat(src.getFloat(b, h, i, c), b, h, j, c);
        }
    }

    private static void writeRow(Tensor out, long b, long h, long i, double[] y) {
        for (int c = 0; c < y.length; c++) {
            out.setFloat((float) y[c], b, h, i, c);
        }
    }
}
