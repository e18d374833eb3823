package org.panattn.topk;

/**
 * The Gaussian rule of Tzachristas et al.: for logits ~ N(mu, sigma^2) (sigma of the scaled logits), the smallest k
 * with TV <= epsilon satisfies k/n ~ Phi_c(sigma + Phi^-1(epsilon)) as n grows, independent of mu. Used to size
 * index buffers and pick block budgets before a kernel runs.
 */
public final class TopKPlanner {
    private TopKPlanner() {
    }

    /** Asymptotic kept fraction k/n for logit standard deviation sigma and TV budget epsilon. */
    public static double keepFraction(double sigma, double epsilon) {
        checkSigma(sigma);
        checkEpsilon(epsilon);
        return Gaussian.survival(sigma + Gaussian.inverseCdf(epsilon));
    }

    /** The Gaussian-rule k for n keys (at least 1, at most n). */
    public static long keep(long n, double sigma, double epsilon) {
        if (n < 1) {
            throw new IllegalArgumentException("n: expected >= 1, got " + n);
        }
        long k = (long) Math.ceil(keepFraction(sigma, epsilon) * n);
        return Math.max(1, Math.min(n, k));
    }

    /** The asymptotic TV of keeping fraction rho of Gaussian logits: Phi(Phi_c^-1(rho) - sigma). */
    public static double tailMass(double sigma, double rho) {
        checkSigma(sigma);
        if (!(rho > 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho: expected a kept fraction in (0, 1], got " + rho);
        }
        if (rho == 1) {
            return 0;
        }
        return Gaussian.cdf(Gaussian.inverseSurvival(rho) - sigma);
    }

    /**
     * A capacity for an index buffer: the rule's k plus a safety margin of {@code margin} standard deviations of a
     * binomial count (finite-n rows scatter around the rule), capped at n.
     */
    public static long indexCapacity(long n, double sigma, double epsilon, double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("margin: expected a finite number >= 0, got " + margin);
        }
        double rho = keepFraction(sigma, epsilon);
        double k = rho * n + margin * Math.sqrt(n * rho * (1 - rho)) + 1;
        return Math.max(1, Math.min(n, (long) Math.ceil(k)));
    }

    /** The number of key blocks of {@code blockSize} keys a kernel expects to visit in pass 2 for that k. */
    public static long blockBudget(long n, double sigma, double epsilon, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize: expected >= 1, got " + blockSize);
        }
        long blocks = (n + blockSize - 1) / blockSize;
        double rho = keepFraction(sigma, epsilon);
        // a block is skipped only if none of its keys is kept: expected visited = blocks * (1 - (1-rho)^blockSize)
        return Math.max(1, (long) Math.ceil(blocks * (1 - Math.pow(1 - rho, blockSize))));
    }

    /** Population standard deviation of a row of logits (finite entries only). */
    public static double sigmaOf(float[] logits, int from, int to) {
        double mean = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Float.isFinite(logits[i])) {
                mean += logits[i];
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        mean /= n;
        double var = 0;
        for (int i = from; i < to; i++) {
            if (Float.isFinite(logits[i])) {
                double dlt = logits[i] - mean;
                var += dlt * dlt;
            }
        }
        return Math.sqrt(var / n);
    }

    private static void checkSigma(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma: expected a finite number >= 0, got " + sigma);
        }
    }

    private static void checkEpsilon(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon: expected a TV budget in (0, 1), got " + epsilon);
        }
    }
}
