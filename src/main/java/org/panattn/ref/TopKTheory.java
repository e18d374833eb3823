package org.panattn.ref;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.panattn.topk.TopKSpec;

/**
 * The facts certified top-k rests on (Tzachristas et al.), stated plainly in double precision for one row of
 * logits s and value rows v. Used as the oracle of the kernels and by the property tests.
 */
public final class TopKTheory {
    private TopKTheory() {
    }

    /** Indices of s by decreasing logit, ties by lower index. */
    public static int[] order(double[] s) {
        return IntStream.range(0, s.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> -s[j]).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Softmax probabilities of s. */
    public static double[] softmax(double[] s) {
        double m = Arrays.stream(s).max().orElse(0);
        double[] p = new double[s.length];
        double z = 0;
        for (int j = 0; j < s.length; j++) {
            p[j] = Math.exp(s[j] - m);
            z += p[j];
        }
        for (int j = 0; j < s.length; j++) {
            p[j] /= z;
        }
        return p;
    }

    /** tau = TV(P, P_H) = the softmax mass outside the head set. */
    public static double tailMass(double[] s, boolean[] head) {
        double[] p = softmax(s);
        double tau = 0;
        for (int j = 0; j < s.length; j++) {
            if (!head[j]) {
                tau += p[j];
            }
        }
        return tau;
    }

    /** KL(P_H || P) = log(Z / Z_H). */
    public static double klHeadToFull(double[] s, boolean[] head) {
        double m = Arrays.stream(s).max().orElse(0);
        double z = 0;
        double zh = 0;
        for (int j = 0; j < s.length; j++) {
            double w = Math.exp(s[j] - m);
            z += w;
            if (head[j]) {
                zh += w;
            }
        }
        return Math.log(z / zh);
    }

    /** TV = 1 - exp(-KL), exactly, for truncation. */
    public static double tvFromKl(double kl) {
        return -Math.expm1(-kl);
    }

    /** Head set of the k largest logits (ties by lower index). */
    public static boolean[] topK(double[] s, int k) {
        boolean[] head = new boolean[s.length];
        int[] o = order(s);
        for (int r = 0; r < Math.min(k, s.length); r++) {
            head[o[r]] = true;
        }
        return head;
    }

    /** Single boundary-gap bound 1 / (1 + (k/(n-k)) e^{Delta_k}), Delta_k = s_(k) - s_(k+1). */
    public static double singleGapBound(double[] s, int k) {
        int n = s.length;
        if (k >= n) {
            return 0;
        }
        int[] o = order(s);
        double gap = s[o[k - 1]] - s[o[k]];
        return 1 / (1 + ((double) k / (n - k)) * Math.exp(gap));
    }

    /**
     * Blockwise bound U / (Z_H + U): the tail is bounded per key block (blocks of {@code block} keys in original
     * order) by its size times e^{min(block max, largest tail logit)}; Z_H is the exact head mass. It needs only
     * per-block maxima of the tail, and is non-increasing as the head grows along the logit order.
     */
    public static double blockwiseBound(double[] s, boolean[] head, int block) {
        int n = s.length;
        double m = Arrays.stream(s).max().orElse(0);
        double cap = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (!head[j]) {
                cap = Math.max(cap, s[j]);
            }
        }
        if (cap == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double zh = 0;
        double u = 0;
        for (int b0 = 0; b0 < n; b0 += block) {
            int b1 = Math.min(n, b0 + block);
            double blockMax = Double.NEGATIVE_INFINITY;
            int tailCount = 0;
            for (int j = b0; j < b1; j++) {
                if (head[j]) {
                    zh += Math.exp(s[j] - m);
                } else {
                    blockMax = Math.max(blockMax, s[j]);
                    tailCount++;
                }
            }
            if (tailCount > 0) {
                u += tailCount * Math.exp(Math.min(blockMax, cap) - m);
            }
        }
        return u / (zh + u);
    }

    /** The head/tail decomposition: {Attn, Attn_k = mu_head, mu_tail}; Attn - Attn_k = tau (mu_tail - mu_head). */
    public static double[][] headTail(double[] s, double[][] v, boolean[] head) {
        double[] p = softmax(s);
        int dv = v.length == 0 ? 0 : v[0].length;
        double[] attn = new double[dv];
        double[] muH = new double[dv];
        double[] muT = new double[dv];
        double pH = 0;
        double pT = 0;
        for (int j = 0; j < s.length; j++) {
            for (int c = 0; c < dv; c++) {
                attn[c] += p[j] * v[j][c];
                if (head[j]) {
                    muH[c] += p[j] * v[j][c];
                } else {
                    muT[c] += p[j] * v[j][c];
                }
            }
            if (head[j]) {
                pH += p[j];
            } else {
                pT += p[j];
            }
        }
        for (int c = 0; c < dv; c++) {
            muH[c] /= pH;
            muT[c] = pT > 0 ? muT[c] / pT : 0;
        }
        return new double[][] {attn, muH, muT};
    }

    /** tau * max_{i in H, j in T} ||v_i - v_j|| (Proposition 5.3). */
    public static double diameterCertificate(double tau, double[][] v, boolean[] head) {
        double diam = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                if (head[i] && !head[j]) {
                    diam = Math.max(diam, distance(v[i], v[j]));
                }
            }
        }
        return tau * diam;
    }

    /** sqrt(chi^2(P_H || P)) sqrt(Var_P(V)) with chi^2 = tau / (1 - tau) (Theorem 5.6, middle term). */
    public static double chiSquareCertificate(double tau, double[] s, double[][] v) {
        double[] p = softmax(s);
        int dv = v.length == 0 ? 0 : v[0].length;
        double[] mean = new double[dv];
        for (int j = 0; j < s.length; j++) {
            for (int c = 0; c < dv; c++) {
                mean[c] += p[j] * v[j][c];
            }
        }
        double var = 0;
        for (int j = 0; j < s.length; j++) {
            var += p[j] * Math.pow(distance(v[j], mean), 2);
        }
        return Math.sqrt(tau / (1 - tau)) * Math.sqrt(var);
    }

    /** 2 tau max_j ||v_j|| (Proposition 5.1). */
    public static double normCertificate(double tau, double[][] v) {
        double max = 0;
        for (double[] row : v) {
            max = Math.max(max, norm(row));
        }
        return 2 * tau * max;
    }

    /**
     * The certificate the kernels report, which reads no discarded V row beyond its cached norm:
     * ||Attn - Attn_k|| = tau ||mu_tail - mu_head|| <= tau (max_{j in T} ||v_j|| + ||Attn_k||).
     */
    public static double tailNormCertificate(double tau, double maxTailNorm, double headOutputNorm) {
        return tau == 0 ? 0 : tau * (maxTailNorm + headOutputNorm);
    }

    public static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return Math.sqrt(s);
    }

    /** The default block size of the blockwise bound. */
    public static int block() {
        return TopKSpec.BLOCK;
    }
}
