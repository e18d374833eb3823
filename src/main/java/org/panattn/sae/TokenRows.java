package org.panattn.sae;

import org.panattn.Tensor;

/**
 * The token rows of a [T, w] or [B, T, w] tensor (or of a [T] / [B, T] mask, width 1): token i = b * T + t starts
 * at element offset {@link #offset(long)} of the segment.
 */
public record TokenRows(Tensor tensor, long count, long perBatch, long batchStride, long tokenStride, long base) {

    public static TokenRows of(Tensor t, int leadingDims) {
        long count = 1;
        for (int i = 0; i < leadingDims; i++) {
            count *= t.dim(i);
        }
        if (leadingDims == 2) {
            return new TokenRows(t, count, t.dim(1), t.stride(0), t.stride(1), t.offset());
        }
        return new TokenRows(t, count, Math.max(count, 1), 0, t.stride(0), t.offset());
    }

    /** Element offset (from the segment start) of token i's first element. */
    public long offset(long token) {
        if (perBatch == count) {
            return base + token * tokenStride;
        }
        return base + (token / perBatch) * batchStride + (token % perBatch) * tokenStride;
    }
}
