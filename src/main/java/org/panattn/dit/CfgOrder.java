package org.panattn.dit;

/**
 * How a classifier-free-guidance batch is laid out along dim 0: two equal halves, conditional and unconditional.
 * DiT puts the conditional half first, PixArt the unconditional one.
 */
public enum CfgOrder {
    COND_FIRST,
    UNCOND_FIRST;

    /** First batch index of the conditional half of a batch of {@code batch} (even). */
    public long conditionalStart(long batch) {
        return this == COND_FIRST ? 0 : batch / 2;
    }

    /** First batch index of the unconditional half of a batch of {@code batch} (even). */
    public long unconditionalStart(long batch) {
        return this == COND_FIRST ? batch / 2 : 0;
    }
}
