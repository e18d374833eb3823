package org.panattn.sae;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Picks steering features as Chou et al. do: the features whose mean activation differs most between two classes
 * of tokens (e.g. English vs French), ranked by |mean_b - mean_a| (ties to the lower index).
 */
public final class FeatureSelection {

    /** One ranked feature: difference = meanB - meanA (its sign says which class the feature marks). */
    public record Selected(int feature, double meanA, double meanB, double difference, double activeFractionA,
                           double activeFractionB) {
    }

    private FeatureSelection() {
    }

    public static List<Selected> topByMeanDifference(FeatureStatistics a, FeatureStatistics b, int top) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("statistics: expected two FeatureStatistics, got null");
        }
        if (a.dSae() != b.dSae()) {
            throw new IllegalArgumentException("b: expected d_sae " + a.dSae() + " (that of a), got " + b.dSae());
        }
        if (a.tokens() == 0 || b.tokens() == 0) {
            throw new IllegalArgumentException("statistics: expected tokens in both classes, got " + a.tokens()
                    + " (a) and " + b.tokens() + " (b)");
        }
        if (top < 1) {
            throw new IllegalArgumentException("top: expected >= 1, got " + top);
        }
        int n = Math.min(top, a.dSae());
        double[] ma = a.means();
        double[] mb = b.means();
        // min-heap of the best n so far: the weakest (smaller |diff|, or equal and higher index) on top
        PriorityQueue<Integer> heap = new PriorityQueue<>(n + 1, (x, y) -> {
            int c = Double.compare(Math.abs(mb[x] - ma[x]), Math.abs(mb[y] - ma[y]));
            return c != 0 ? c : Integer.compare(y, x);
        });
        for (int j = 0; j < ma.length; j++) {
            heap.add(j);
            if (heap.size() > n) {
                heap.poll();
            }
        }
        List<Selected> out = new ArrayList<>(n);
        while (!heap.isEmpty()) {
            int j = heap.poll();
            out.add(new Selected(j, ma[j], mb[j], mb[j] - ma[j], a.activeFraction(j), b.activeFraction(j)));
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
