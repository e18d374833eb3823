package org.panattn.ref;

import java.util.Arrays;

import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.kvcache.EvictionProblem;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.GroupAggregation;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.kvcache.ScoreProblem;
import org.panattn.kvcache.ScoreSpec;
import org.panattn.kvcache.WindowAttention;

/**
 * OBCache scores and eviction stated directly: per window query the full masked softmax in double, its output,
 * then each key's term; eviction by sorting every candidate. The oracle of the fused kernels.
 */
public final class ReferenceKvCache implements KvCacheOps {

    @Override
    public void scores(Tensor q, Tensor k, Tensor v, WindowAttention window, Tensor scores, ScoreSpec spec,
                       boolean accumulate) {
        ScoreProblem p = ScoreProblem.of(q, k, v, window, scores, spec).requireDevice(Device.CPU, "ref");
        DenseProblem d = p.dense();
        int n = (int) d.nk();
        long group = d.group();
        double[][] perHead = new double[(int) group][];
        for (long b = 0; b < d.batch(); b++) {
            for (long hk = 0; hk < d.headsKv(); hk++) {
                for (int g = 0; g < group; g++) {
                    perHead[g] = pool(headScores(p, b, hk * group + g, hk), spec);
                }
                if (spec.aggregation() == GroupAggregation.NONE) {
                    for (int g = 0; g < group; g++) {
                        write(scores, b, hk * group + g, perHead[g], accumulate);
                    }
                } else {
                    double[] out = new double[n];
                    for (int j = 0; j < n; j++) {
                        double x = perHead[0][j];
                        for (int g = 1; g < group; g++) {
                            x = spec.aggregation() == GroupAggregation.MEAN ? x + perHead[g][j]
                                    : maxPropagatingNaN(x, perHead[g][j]);
                        }
                        out[j] = spec.aggregation() == GroupAggregation.MEAN ? x / group : x;
                    }
                    write(scores, b, hk, out, accumulate);
                }
            }
        }
    }

    /** The window score of every key for query head h (kv head hk), before pooling and aggregation. */
    static double[] headScores(ScoreProblem p, long b, long h, long hk) {
        DenseProblem d = p.dense();
        int n = (int) d.nk();
        int dim = (int) d.headDim();
        int dimV = (int) d.headDimV();
        double[][] keys = new double[n][dim];
        double[][] values = new double[n][dimV];
        double[] valueNorm2 = new double[n];
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < dim; c++) {
                keys[j][c] = d.k().getFloat(b, hk, j, c);
            }
            for (int c = 0; c < dimV; c++) {
                values[j][c] = d.v().getFloat(b, hk, j, c);
                valueNorm2[j] += values[j][c] * values[j][c];
            }
        }
        double[] score = new double[n];
        double[] z = new double[n];
        double[] a = new double[n];
        double[] o = new double[dimV];
        for (long i = p.firstWindowQuery(); i < d.nq(); i++) {
            int visible = (int) p.visibleKeys(i);
            if (visible == 0) {
                continue;
            }
            double[] query = new double[dim];
            for (int c = 0; c < dim; c++) {
                query[c] = d.q().getFloat(b, h, i, c);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < visible; j++) {
                double dot = 0;
                for (int c = 0; c < dim; c++) {
                    dot += query[c] * keys[j][c];
                }
                z[j] = dot * d.scale();
                max = Double.isNaN(z[j]) || Double.isNaN(max) ? Double.NaN : Math.max(max, z[j]);
            }
            WindowAttention given = p.window();
            if (given != null) {
                // the caller's attention of this row: A = exp(z - lse), o as given
                long t = i - p.firstWindowQuery();
                double lse = given.lse().getFloat(b, h, t);
                for (int j = 0; j < visible; j++) {
                    a[j] = Math.exp(z[j] - lse);
                }
                for (int c = 0; c < dimV; c++) {
                    o[c] = given.outputs().getFloat(b, h, t, c);
                }
            } else {
                double shift = max == Double.NEGATIVE_INFINITY ? 0 : max;
                double sum = 0;
                for (int j = 0; j < visible; j++) {
                    a[j] = Math.exp(z[j] - shift);
                    sum += a[j];
                }
                Arrays.fill(o, 0);
                for (int j = 0; j < visible; j++) {
                    a[j] /= sum;
                    for (int c = 0; c < dimV; c++) {
                        o[c] += a[j] * values[j][c];
                    }
                }
            }
            for (int j = 0; j < visible; j++) {
                double aa = a[j] * a[j];
                score[j] += switch (p.spec().score()) {
                    case ACCUMULATED -> a[j];
                    case VALUE -> aa * valueNorm2[j];
                    case KEY -> aa * z[j] * z[j] * distance2(values[j], o);
                    case JOINT -> {
                        double vo = dot(values[j], o);
                        yield aa * valueNorm2[j] + aa * z[j] * z[j] * distance2(values[j], o)
                                + 2 * aa * z[j] * (valueNorm2[j] - vo);
                    }
                };
            }
        }
        return score;
    }

    /** Max pooling along keys (same size; the window is clipped at both ends), or the scores as they are. */
    static double[] pool(double[] s, ScoreSpec spec) {
        int r = spec.pooling().radius();
        if (r == 0) {
            return s;
        }
        double[] out = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int t = Math.max(0, j - r); t <= Math.min(s.length - 1, j + r); t++) {
                m = maxPropagatingNaN(m, s[t]);
            }
            out[j] = m;
        }
        return out;
    }

    private static double maxPropagatingNaN(double x, double y) {
        return Math.max(x, y); // Math.max returns NaN if either is NaN
    }

    private static double distance2(double[] x, double[] y) {
        double s = 0;
        for (int c = 0; c < x.length; c++) {
            double t = x[c] - y[c];
            s += t * t;
        }
        return s;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int c = 0; c < x.length; c++) {
            s += x[c] * y[c];
        }
        return s;
    }

    private static void write(Tensor scores, long b, long h, double[] s, boolean accumulate) {
        for (int j = 0; j < s.length; j++) {
            double x = accumulate ? scores.getFloat(b, h, j) + s[j] : s[j];
            scores.setFloat((float) x, b, h, j);
        }
    }

    @Override
    public void evict(Tensor k, Tensor v, Tensor scores, Tensor kept, EvictionSpec spec) {
        EvictionProblem p = EvictionProblem.of(k, v, scores, kept, spec).requireDevice(Device.CPU, "ref");
        int n = (int) p.length();
        for (long b = 0; b < p.batch(); b++) {
            for (long h = 0; h < p.heads(); h++) {
                float[] s = new float[n];
                for (int j = 0; j < n; j++) {
                    s[j] = scores.getFloat(b, h, j);
                }
                int[] positions = keptPositions(s, spec);
                for (int t = 0; t < positions.length; t++) {
                    kept.setInt(positions[t], b, h, t);
                    int from = positions[t];
                    for (long c = 0; c < p.headDim(); c++) {
                        k.setFloat(k.getFloat(b, h, from, c), b, h, t, c);
                    }
                    for (long c = 0; c < p.headDimV(); c++) {
                        v.setFloat(v.getFloat(b, h, from, c), b, h, t, c);
                    }
                    scores.setFloat(s[from], b, h, t);
                }
            }
        }
    }

    /**
     * The positions an eviction keeps, ascending: sinks, recents, and the top (budget - sink - recent) scores of
     * the rest by (score descending, position ascending), NaN below every number.
     */
    public static int[] keptPositions(float[] scores, EvictionSpec spec) {
        int n = scores.length;
        int sink = (int) spec.sink();
        int recent = (int) spec.recent();
        int heavy = (int) spec.heavy();
        Integer[] middle = new Integer[Math.max(0, n - recent - sink)];
        for (int t = 0; t < middle.length; t++) {
            middle[t] = sink + t;
        }
        Arrays.sort(middle, (x, y) -> {
            float sx = scores[x];
            float sy = scores[y];
            boolean nx = Float.isNaN(sx);
            boolean ny = Float.isNaN(sy);
            if (nx != ny) {
                return nx ? 1 : -1;
            }
            if (!nx && sx != sy) {
                return sx > sy ? -1 : 1;
            }
            return Integer.compare(x, y);
        });
        boolean[] keep = new boolean[n];
        for (int t = 0; t < sink; t++) {
            keep[t] = true;
        }
        for (int t = n - recent; t < n; t++) {
            keep[t] = true;
        }
        for (int t = 0; t < heavy; t++) {
            keep[middle[t]] = true;
        }
        int[] out = new int[(int) spec.budget()];
        int at = 0;
        for (int j = 0; j < n; j++) {
            if (keep[j]) {
                out[at++] = j;
            }
        }
        return out;
    }
}
