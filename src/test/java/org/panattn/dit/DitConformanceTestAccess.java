package org.panattn.dit;

import org.panattn.Tensor;

/** The conformance suite's comparisons, for the device tests in other packages. */
public final class DitConformanceTestAccess {
    private DitConformanceTestAccess() {
    }

    public static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        DitConformanceTest.assertClose(expected, actual, tol, what);
    }

    public static void assertBitEqual(Tensor expected, Tensor actual, String what) {
        DitConformanceTest.assertBitEqual(expected, actual, what);
    }
}
