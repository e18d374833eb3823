package org.panattn.dense;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.panattn.Backend;
import org.panattn.DType;

/** Random small shapes, masks and layouts: every non-reference backend agrees with the reference. */
class DenseRandomShapePropertyTest {

    @Property(tries = 150)
    void randomSmallShapesAgreeWithReference(@ForAll @IntRange(min = 0, max = 2) int batch,
                                             @ForAll @IntRange(min = 1, max = 3) int headsKv,
                                             @ForAll @IntRange(min = 1, max = 4) int group,
                                             @ForAll @IntRange(min = 0, max = 40) int nq,
                                             @ForAll @IntRange(min = 0, max = 90) int nk,
                                             @ForAll @IntRange(min = 1, max = 40) int headDim,
                                             @ForAll @IntRange(min = 1, max = 40) int headDimV,
                                             @ForAll boolean causal,
                                             @ForAll @IntRange(min = -1, max = 12) int windowLeft,
                                             @ForAll @IntRange(min = -1, max = 12) int windowRight,
                                             @ForAll boolean flash,
                                             @ForAll @IntRange(min = 0, max = 2) int dtype,
                                             @ForAll boolean withLse,
                                             @ForAll @IntRange(min = 0, max = 1000) int seed) {
        DenseSpec spec = new DenseSpec(null, causal, windowLeft, windowRight);
        DenseCase c = new DenseCase(batch, headsKv * group, headsKv, nq, nk, headDim, headDimV, spec,
                DType.values()[dtype], flash, withLse, 1f, seed);
        for (Backend backend : DenseConformanceTest.fastBackends()) {
            DenseConformanceTest.assertAgrees(backend, c);
        }
        DenseConformanceTest.assertAgrees(Backend.cpu(1), c);
    }
}
