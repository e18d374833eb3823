package org.panattn.topk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.panattn.ref.TopKTheory;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class TopKTheoryTest {
    private static final double[] WORKED = {4, 3.5, 3, 1, 0.5, 0, -0.5, -1};

    @Test
    void workedVectorFromThePaperNotes() {
        double[] tv = {0.521659, 0.231530, 0.055558, 0.031743};
        double[] gap = {0.809368, 0.645339, 0.184046, 0.377541};
        for (int k = 1; k <= 4; k++) {
            boolean[] head = TopKTheory.topK(WORKED, k);
            double tau = TopKTheory.tailMass(WORKED, head);
            assertEquals(tv[k - 1], tau, 1e-6, "tau at k=" + k);
            assertEquals(tau, TopKTheory.tvFromKl(TopKTheory.klHeadToFull(WORKED, head)), 1e-12);
            assertEquals(gap[k - 1], TopKTheory.singleGapBound(WORKED, k), 1e-6, "gap bound at k=" + k);
            assertEquals(tau / (1 - tau), Math.pow(TopKTheory.chiSquareCertificate(tau, WORKED, unitValues(8)), 2)
                    / variance(WORKED, unitValues(8)), 1e-9);
        }
    }

    @Test
    void gaussianRuleTable() {
        double[][] table = {{1.0, 0.01, 0.9076}, {1.0, 0.05, 0.7405}, {1.0, 0.10, 0.6109},
            {2.0, 0.01, 0.6279}, {2.0, 0.05, 0.3612}, {2.0, 0.10, 0.2362},
            {3.0, 0.01, 0.2503}, {3.0, 0.05, 0.0877}, {3.0, 0.10, 0.0429}, {0.5, 0.05, 0.8739}};
        for (double[] row : table) {
            assertEquals(row[2], TopKPlanner.keepFraction(row[0], row[1]), 6e-5,
                    "sigma " + row[0] + " eps " + row[1]);
            // tailMass is the inverse of keepFraction
            assertEquals(row[1], TopKPlanner.tailMass(row[0], TopKPlanner.keepFraction(row[0], row[1])), 1e-9);
        }
        assertEquals(628, TopKPlanner.keep(1000, 2, 0.01));
        assertThrows(IllegalArgumentException.class, () -> TopKPlanner.keepFraction(1, 0));
        assertThrows(IllegalArgumentException.class, () -> TopKPlanner.keepFraction(-1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> TopKPlanner.keep(0, 1, 0.1));
    }

    @Test
    void gaussianFunctionsAreAccurate() {
        assertEquals(0.5, Gaussian.cdf(0), 1e-16);
        assertEquals(0.8413447460685429, Gaussian.cdf(1), 1e-15);
        assertEquals(2.866515718791939e-7, Gaussian.survival(5), 1e-20);
        assertEquals(7.61985302416047e-24, Gaussian.survival(10), 1e-36);
        for (double p : new double[] {1e-12, 1e-6, 0.01, 0.3, 0.5, 0.77, 0.99, 1 - 1e-9}) {
            double x = Gaussian.inverseCdf(p);
            double back = p < 0.5 ? Gaussian.cdf(x) : 1 - Gaussian.survival(x);
            assertEquals(p, back, Math.max(1e-15, p * 1e-12), "p=" + p);
        }
    }

    @Property(tries = 200)
    void tauEqualsOneMinusExpMinusKlAndBoundsHold(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 300) int n,
                                                  @ForAll @DoubleRange(min = 0.01, max = 40) double spread) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            s[j] = r.nextGaussian() * spread;
            if (r.nextInt(10) == 0 && j > 0) {
                s[j] = s[j - 1]; // ties
            }
        }
        double[][] v = new double[n][3];
        for (double[] row : v) {
            for (int c = 0; c < 3; c++) {
                row[c] = r.nextGaussian();
            }
        }
        int k = 1 + r.nextInt(n);
        boolean[] head = TopKTheory.topK(s, k);
        double tau = TopKTheory.tailMass(s, head);
        double kl = TopKTheory.klHeadToFull(s, head);
        assertEquals(tau, TopKTheory.tvFromKl(kl), 1e-12 + 1e-9 * tau);
        double slack = 1e-12;
        assertTrue(TopKTheory.singleGapBound(s, k) >= tau - slack, "gap bound below tau");
        assertTrue(TopKTheory.blockwiseBound(s, head, 8) >= tau - slack, "blockwise bound below tau");
        assertTrue(TopKTheory.blockwiseBound(s, head, 8) <= TopKTheory.singleGapBound(s, k) + slack,
                "blockwise bound (capped by the tail maximum) is never looser than the single gap bound");
        double[][] ht = TopKTheory.headTail(s, v, head);
        double err = TopKTheory.distance(ht[0], ht[1]);
        assertEquals(tau * TopKTheory.distance(ht[2], ht[1]), err, 1e-9, "head/tail identity");
        double maxTail = 0;
        for (int j = 0; j < n; j++) {
            if (!head[j]) {
                maxTail = Math.max(maxTail, TopKTheory.norm(v[j]));
            }
        }
        double eps = 1e-9 * (1 + err);
        assertTrue(TopKTheory.tailNormCertificate(tau, maxTail, TopKTheory.norm(ht[1])) >= err - eps);
        assertTrue(TopKTheory.diameterCertificate(tau, v, head) >= err - eps);
        if (tau < 1) {
            assertTrue(TopKTheory.chiSquareCertificate(tau, s, v) >= err - eps);
        }
        assertTrue(TopKTheory.normCertificate(tau, v) >= err - eps);
    }

    @Property(tries = 100)
    void blockwiseBoundIsMonotoneAlongTheOrder(@ForAll("seeds") long seed, @ForAll @IntRange(min = 2, max = 200) int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            s[j] = r.nextGaussian() * 3;
        }
        double prev = 1;
        for (int k = 1; k <= n; k++) {
            double bound = TopKTheory.blockwiseBound(s, TopKTheory.topK(s, k), 16);
            assertTrue(bound <= prev + 1e-15, "bound rose at k=" + k);
            prev = bound;
        }
        assertEquals(0, prev);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    private static double[][] unitValues(int n) {
        double[][] v = new double[n][2];
        for (int j = 0; j < n; j++) {
            v[j][0] = Math.cos(j);
            v[j][1] = Math.sin(j * 1.7);
        }
        return v;
    }

    private static double variance(double[] s, double[][] v) {
        double[] p = TopKTheory.softmax(s);
        double[] mean = new double[v[0].length];
        for (int j = 0; j < s.length; j++) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] += p[j] * v[j][c];
            }
        }
        double var = 0;
        for (int j = 0; j < s.length; j++) {
            var += p[j] * Math.pow(TopKTheory.distance(v[j], mean), 2);
        }
        return var;
    }
}
