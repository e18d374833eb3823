package org.panattn.kvcache;

/**
 * Options of a saliency score pass.
 *
 * @param score       which saliency ({@link SaliencyScore})
 * @param window      observation window: the last {@code window} queries of q (1 <= window <= Nq)
 * @param scale       logit scale; null means 1/sqrt(D)
 * @param causal      window query i sees keys j <= i + Nk - Nq (bottom-right aligned, as dense attention)
 * @param aggregation query heads of a GQA group to their KV head: mean, max, or none (scores per query head)
 * @param pooling     smoothing along keys of each query head's score (SnapKV: max over 7 keys)
 */
public record ScoreSpec(SaliencyScore score, int window, Float scale, boolean causal, GroupAggregation aggregation,
                        KeyPooling pooling) {

    public ScoreSpec {
        if (score == null) {
            throw new IllegalArgumentException("score: expected VALUE, KEY, JOINT or ACCUMULATED, got null");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window: expected >= 1 query, got " + window);
        }
        if (scale != null && !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale: expected a finite number, got " + scale);
        }
        if (aggregation == null) {
            throw new IllegalArgumentException("aggregation: expected MEAN, MAX or NONE, got null");
        }
        if (pooling == null) {
            throw new IllegalArgumentException("pooling: expected NONE or MAX7, got null");
        }
    }

    /** Not causal, scale 1/sqrt(D), group mean, no pooling. */
    public static ScoreSpec of(SaliencyScore score, int window) {
        return new ScoreSpec(score, window, null, false, GroupAggregation.MEAN, KeyPooling.NONE);
    }

    public ScoreSpec withScore(SaliencyScore s) {
        return new ScoreSpec(s, window, scale, causal, aggregation, pooling);
    }

    public ScoreSpec withWindow(int w) {
        return new ScoreSpec(score, w, scale, causal, aggregation, pooling);
    }

    public ScoreSpec withScale(float s) {
        return new ScoreSpec(score, window, s, causal, aggregation, pooling);
    }

    public ScoreSpec withCausal(boolean c) {
        return new ScoreSpec(score, window, scale, c, aggregation, pooling);
    }

    public ScoreSpec withAggregation(GroupAggregation a) {
        return new ScoreSpec(score, window, scale, causal, a, pooling);
    }

    public ScoreSpec withPooling(KeyPooling p) {
        return new ScoreSpec(score, window, scale, causal, aggregation, p);
    }

    public float resolvedScale(long headDim) {
        return scale != null ? scale : (float) (1.0 / Math.sqrt(Math.max(headDim, 1)));
    }

    /** One past the last key query {@code i} (of Nq) may see among Nk keys. */
    public long endKey(long i, long nq, long nk) {
        return causal ? Math.max(0, Math.min(nk, i + nk - nq + 1)) : nk;
    }
}
