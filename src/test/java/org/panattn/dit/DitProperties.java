package org.panattn.dit;

import java.lang.foreign.Arena;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * Random small shapes and windows: the Vector API window kernel agrees with the reference, and the fused pass is
 * exact (its W is the window kernel's W, W + R reproduces O), on the shared pool and on one thread.
 */
class DitProperties {

    @Property(tries = 120)
    void windowAgreesAndResidualIsExact(@ForAll @IntRange(min = 1, max = 2) int batch,
                                        @ForAll @IntRange(min = 1, max = 2) int headsKv,
                                        @ForAll @IntRange(min = 1, max = 3) int group,
                                        @ForAll @IntRange(min = 1, max = 300) int tokens,
                                        @ForAll @IntRange(min = 1, max = 40) int headDim,
                                        @ForAll @IntRange(min = 1, max = 40) int headDimV,
                                        @ForAll @IntRange(min = 0, max = 320) int window,
                                        @ForAll boolean flash,
                                        @ForAll @IntRange(min = 0, max = 2) int dtype) {
        DitConformanceTest.Case c = new DitConformanceTest.Case("random", batch, headsKv * group, headsKv, tokens,
                headDim, headDimV, window, DType.values()[dtype], flash);
        DitSpec spec = DitSpec.window(window);
        try (Arena arena = Arena.ofShared()) {
            Tensor[] x = DitConformanceTest.inputs(arena, c, tokens * 31L + window);
            Tensor expected = Backend.reference().dit().window(arena, x[0], x[1], x[2], spec);
            for (Backend backend : new Backend[] {Backend.cpu(), Backend.cpu(1)}) {
                Tensor w = backend.dit().window(arena, x[0], x[1], x[2], spec);
                DitConformanceTest.assertClose(expected, w, 2e-5, backend + " window " + c);
                ResidualOutputs fused = backend.dit().fullWithResidual(arena, x[0], x[1], x[2], spec);
                DitConformanceTest.assertBitEqual(w, fused.window(), backend + " fused W " + c);
                Tensor sum = Tensor.allocate(arena, DType.F32, w.shape());
                backend.dit().addResidual(w, fused.residual(), sum);
                DitConformanceTest.assertBitEqual(fused.full(), sum, backend + " W + R = O " + c);
            }
        }
    }
}
