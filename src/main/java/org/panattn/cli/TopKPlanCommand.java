package org.panattn.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.panattn.topk.TopKPlanner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Gaussian rule: how many keys a TV budget keeps for logits of a given spread. */
@Command(name = "topk-plan", mixinStandardHelpOptions = true,
        description = "Gaussian rule k/n = Phi_c(sigma + Phi^-1(eps)): the keys certified top-k keeps for n keys whose "
                + "scaled logits have standard deviation sigma, at TV budget eps.")
final class TopKPlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of keys.")
    long n;

    @Option(names = "--sigma", required = true, paramLabel = "S", description = "Std of the scaled logits (>= 0).")
    double sigma;

    @Option(names = "--eps", required = true, paramLabel = "E", description = "TV budget in (0, 1).")
    double eps;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new UsageException("--n: expected >= 1, got " + n);
        }
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new UsageException("--sigma: expected a finite number >= 0, got " + sigma);
        }
        if (!(eps > 0 && eps < 1)) {
            throw new UsageException("--eps: expected a TV budget in (0, 1), got " + eps);
        }
        long k = TopKPlanner.keep(n, sigma, eps);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "k = %d of n = %d (k/n = %.4f, reduction %.2fx; index capacity at 4 sigma: %d)%n", k, n,
                TopKPlanner.keepFraction(sigma, eps), (double) n / k, TopKPlanner.indexCapacity(n, sigma, eps, 4));
        return ExitCodes.OK;
    }
}
