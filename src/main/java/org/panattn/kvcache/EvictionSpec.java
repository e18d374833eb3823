package org.panattn.kvcache;

/**
 * What an eviction keeps per (batch, KV head): the first {@code sink} tokens, the last {@code recent} tokens, and
 * the highest-scoring of the rest (ties: the lower position wins; NaN scores rank below every number) until
 * {@code budget} tokens are kept, all in their original order.
 */
public record EvictionSpec(long budget, long recent, long sink) {

    public EvictionSpec {
        if (budget < 0) {
            throw new IllegalArgumentException("budget: expected >= 0, got " + budget);
        }
        if (recent < 0) {
            throw new IllegalArgumentException("recent: expected >= 0, got " + recent);
        }
        if (sink < 0) {
            throw new IllegalArgumentException("sink: expected >= 0, got " + sink);
        }
        if (budget < sink + recent) {
            throw new IllegalArgumentException("budget: expected >= sink + recent = " + (sink + recent) + " (sink "
                    + sink + ", recent " + recent + "), got " + budget);
        }
    }

    /** Keep {@code budget} tokens, the last {@code recent} of them unconditionally, no sink. */
    public static EvictionSpec of(long budget, long recent) {
        return new EvictionSpec(budget, recent, 0);
    }

    public EvictionSpec withSink(long s) {
        return new EvictionSpec(budget, recent, s);
    }

    /** Tokens chosen by score: budget - sink - recent. */
    public long heavy() {
        return budget - sink - recent;
    }
}
