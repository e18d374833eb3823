package org.panattn.hybrid;

import org.panattn.Tensor;

/**
 * The tensors of one hybrid layer besides q, k, v; every one optional (null).
 *
 * @param featureQ     feature-map weights applied to queries, [Hq, D, P] F32 on the inputs' device (Hedgehog:
 *                     P = F/2; required by Hedgehog, optional for the other maps, which then use u = x)
 * @param featureK     weights applied to keys, same shape; null ties them to {@code featureQ}
 * @param windowFactor per-head window factors g, [Hq] F32 on the host (read once per call); null: the spec's gamma
 * @param dropWindow   scheduled sliding-window dropout, [B, Hq] I32 on the host: a nonzero flag drops the window
 *                     branch of that (batch, head) for this call, which then computes linear attention over every
 *                     key j &lt;= i (exactly {@link HybridMode#LINEAR_ONLY}); only in mode hybrid
 */
public record HybridParams(Tensor featureQ, Tensor featureK, Tensor windowFactor, Tensor dropWindow) {

    /** No weights: elu1, relu and exp on the raw rows, the spec's gamma, no dropout. */
    public static HybridParams none() {
        return new HybridParams(null, null, null, null);
    }

    /** The same feature weights for queries and keys. */
    public static HybridParams tied(Tensor weights) {
        return new HybridParams(weights, null, null, null);
    }

    /** Separate feature weights for queries and keys. */
    public static HybridParams untied(Tensor weightsQ, Tensor weightsK) {
        return new HybridParams(weightsQ, weightsK, null, null);
    }

    public HybridParams withWindowFactor(Tensor perHead) {
        return new HybridParams(featureQ, featureK, perHead, dropWindow);
    }

    public HybridParams withDropWindow(Tensor flags) {
        return new HybridParams(featureQ, featureK, windowFactor, flags);
    }

    /** The weights applied to keys: {@code featureK}, or {@code featureQ} when tied. */
    public Tensor keyWeights() {
        return featureK != null ? featureK : featureQ;
    }
}
