package org.panattn.hybrid;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * Scheduled sliding-window dropout (SSD, Benfeghoul et al.): the probability p(step) of dropping the window branch
 * of a (batch, head) during fine-tuning, piecewise constant, e.g. 0.9 then 0.75 then 0.5; and the draw of the
 * per-(batch, head) flags ({@link HybridParams#dropWindow()}) for one step.
 *
 * @param boundaries the first step of each piece after the first, strictly increasing, one fewer than the
 *                   probabilities
 * @param probabilities p of each piece, in [0, 1]
 */
public record DropoutSchedule(long[] boundaries, double[] probabilities) {

    public DropoutSchedule {
        if (boundaries == null || probabilities == null) {
            throw new IllegalArgumentException("schedule: expected boundaries and probabilities, got null");
        }
        if (probabilities.length == 0 || boundaries.length != probabilities.length - 1) {
            throw new IllegalArgumentException("boundaries: expected " + Math.max(0, probabilities.length - 1)
                    + " (one fewer than the probabilities), got " + boundaries.length);
        }
        for (int i = 0; i < boundaries.length; i++) {
            if (boundaries[i] < 0 || (i > 0 && boundaries[i] <= boundaries[i - 1])) {
                throw new IllegalArgumentException("boundaries: expected strictly increasing steps >= 0, got "
                        + Arrays.toString(boundaries));
            }
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new IllegalArgumentException("probabilities[" + i + "]: expected in [0, 1], got "
                        + probabilities[i]);
            }
        }
        boundaries = boundaries.clone();
        probabilities = probabilities.clone();
    }

    /** The schedule the paper's reviewers cite, 0.9 -> 0.75 -> 0.5, in equal thirds of {@code totalSteps}. */
    public static DropoutSchedule paperDefault(long totalSteps) {
        if (totalSteps < 3) {
            throw new IllegalArgumentException("totalSteps: expected >= 3 (three pieces), got " + totalSteps);
        }
        return new DropoutSchedule(new long[] {totalSteps / 3, 2 * totalSteps / 3}, new double[] {0.9, 0.75, 0.5});
    }

    /** A constant probability. */
    public static DropoutSchedule constant(double p) {
        return new DropoutSchedule(new long[0], new double[] {p});
    }

    /** p(step): the probability of the piece holding {@code step}. */
    public double probability(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step: expected >= 0, got " + step);
        }
        int piece = 0;
        while (piece < boundaries.length && step >= boundaries[piece]) {
            piece++;
        }
        return probabilities[piece];
    }

    /**
     * Draws the flags of one step into {@code flags} [B, Hq] I32 (a host tensor): each (b, h) is 1 with
     * probability p(step), independently; returns how many were set.
     */
    public long drawFlags(long step, SplittableRandom random, Tensor flags) {
        if (random == null) {
            throw new IllegalArgumentException("random: expected a value, got null");
        }
        if (flags == null || flags.dtype() != DType.I32 || flags.rank() != 2) {
            throw new IllegalArgumentException("flags: expected an I32 tensor [B, Hq], got "
                    + (flags == null ? "null" : flags.describe()));
        }
        if (!flags.device().isCpu()) {
            throw new IllegalArgumentException("flags: expected a host (cpu) tensor, got one on " + flags.device());
        }
        flags.checkAlive("flags");
        flags.checkWritable("flags");
        double p = probability(step);
        long set = 0;
        for (long b = 0; b < flags.dim(0); b++) {
            for (long h = 0; h < flags.dim(1); h++) {
                boolean drop = random.nextDouble() < p;
                flags.setInt(drop ? 1 : 0, b, h);
                set += drop ? 1 : 0;
            }
        }
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DropoutSchedule s && Arrays.equals(boundaries, s.boundaries)
                && Arrays.equals(probabilities, s.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(boundaries) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "DropoutSchedule" + Arrays.toString(probabilities) + " from steps " + Arrays.toString(boundaries);
    }

    @Override
    public long[] boundaries() {
        return boundaries.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }
}
