package org.panattn.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * Every host backend's chunked hybrid prefill against the reference's naive O(T^2) sums, for each feature map and
 * mode, windows 1, 7, 64 (and one wider than a row block), T from 1 to several chunks with tails.
 */
class HybridConformanceTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu() && !b.name().equals("ref"));
    }

    static List<HybridCase> cases() {
        List<HybridCase> list = new ArrayList<>();
        int[] windows = {1, 7, 64};
        int[] lengths = {1, 6, 64, 200};
        for (FeatureMap map : FeatureMap.values()) {
            int projected = map == FeatureMap.HEDGEHOG ? 12 : 0;
            for (int w : windows) {
                for (int n : lengths) {
                    HybridSpec spec = HybridSpec.of(w, map).withGamma(0.3f);
                    list.add(new HybridCase("hybrid", 1, 2, 1, n, 16, 12, projected, DType.F32, false, spec));
                }
            }
            for (HybridMode mode : HybridMode.values()) {
                HybridSpec spec = HybridSpec.of(7, map).withSinks(3).withMode(mode);
                list.add(new HybridCase("mode", 2, 2, 2, 75, 8, 5, projected, DType.F32, false, spec));
            }
            list.add(new HybridCase("projected weights", 1, 2, 2, 70, 8, 8, 6, DType.F32, false,
                    HybridSpec.of(5, map)));
        }
        list.add(new HybridCase("GQA 4:2 flash layout f16", 2, 4, 2, 150, 16, 16, 8, DType.F16, true,
                HybridSpec.of(64, FeatureMap.HEDGEHOG).withAffine(true).withGamma(0.6f)));
        list.add(new HybridCase("window wider than a row block", 1, 2, 1, 300, 8, 7, 4, DType.F32, false,
                HybridSpec.of(100, FeatureMap.HEDGEHOG).withScale(0.5f)));
        list.add(new HybridCase("D=3 tails", 1, 1, 1, 129, 3, 3, 0, DType.BF16, false,
                HybridSpec.of(64, FeatureMap.ELU1).withGamma(0f)));
        list.add(new HybridCase("D=0 (logits and features all 0)", 1, 2, 1, 70, 0, 4, 0, DType.F32, false,
                HybridSpec.of(7, FeatureMap.EXP)));
        list.add(new HybridCase("Dv=0", 1, 2, 1, 70, 4, 0, 0, DType.F32, false, HybridSpec.of(7, FeatureMap.ELU1)));
        return list;
    }

    static Stream<Object[]> matrix() {
        return backends().flatMap(b -> cases().stream().map(c -> new Object[] {b, c}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void prefillAgreesWithTheNaiveReference(Backend backend, HybridCase c) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, c.toString().hashCode());
            HybridOutputs got = outputs(arena, c);
            HybridOutputs want = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), got, c.spec());
            Backend.reference().hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), want, c.spec());
            assertClose(want.out(), got.out(), 3e-4, backend.name() + " " + c + " out");
            assertClose(want.diagnostics(), got.diagnostics(), 3e-4, backend.name() + " " + c + " diagnostics");
        }
    }

    static HybridOutputs outputs(Arena arena, HybridCase c) {
        return HybridOutputs.of(Tensor.allocate(arena, DType.F32, c.b(), c.hq(), c.n(), c.dv()))
                .withDiagnostics(Tensor.allocate(arena, DType.F32, c.b(), c.hq(), HybridOutputs.DIAGNOSTICS));
    }

    /** |got - want| <= tol (1 + |want|) element by element; NaN only where NaN is expected. */
    static void assertClose(Tensor want, Tensor got, double tol, String where) {
        float[] x = want.toFloatArray();
        float[] y = got.toFloatArray();
        assertEquals(x.length, y.length, where);
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i]) || Float.isNaN(y[i])) {
                assertEquals(Float.isNaN(x[i]), Float.isNaN(y[i]), where + " [" + i + "] want " + x[i] + " got " + y[i]);
                continue;
            }
            if (Math.abs(x[i] - y[i]) > tol * (1 + Math.abs(x[i]))) {
                fail(where + " [" + i + "]: want " + x[i] + ", got " + y[i]);
            }
        }
    }

    /** Each (b, h)'s shares sum to 1 (or are both 0 where no row counts). */
    static void assertSharesSumToOne(Tensor diagnostics, String where) {
        for (long b = 0; b < diagnostics.dim(0); b++) {
            for (long h = 0; h < diagnostics.dim(1); h++) {
                float dw = diagnostics.getFloat(b, h, HybridOutputs.WINDOW_DENOMINATOR_SHARE);
                float dl = diagnostics.getFloat(b, h, HybridOutputs.LINEAR_DENOMINATOR_SHARE);
                float ow = diagnostics.getFloat(b, h, HybridOutputs.WINDOW_OUTPUT_SHARE);
                float ol = diagnostics.getFloat(b, h, HybridOutputs.LINEAR_OUTPUT_SHARE);
                assertEquals(1.0, dw + dl, 1e-5, where + " denominator shares of (" + b + "," + h + ")");
                assertEquals(1.0, ow + ol, 1e-5, where + " output shares of (" + b + "," + h + ")");
                assertTrue(dw >= -1e-6 && dl >= -1e-6 && ow >= -1e-6 && ol >= -1e-6, where + " negative share");
            }
        }
    }
}
