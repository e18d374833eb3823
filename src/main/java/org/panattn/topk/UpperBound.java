package org.panattn.topk;

/** Narrowing a bound to float must never make it smaller than the double it bounds. */
public final class UpperBound {
    private UpperBound() {
    }

    /** The smallest float >= x (NaN stays NaN). */
    public static float toFloat(double x) {
        float f = (float) x;
        return f < x ? Math.nextUp(f) : f;
    }
}
