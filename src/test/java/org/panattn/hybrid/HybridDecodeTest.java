package org.panattn.hybrid;

import static org.panattn.hybrid.HybridConformanceTest.assertClose;
import static org.panattn.hybrid.HybridConformanceTest.assertSharesSumToOne;
import static org.panattn.hybrid.HybridConformanceTest.outputs;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/** Prefill of T0 tokens then decode of the rest equals prefill of the whole sequence, on every host backend. */
class HybridDecodeTest {

    static Stream<Object[]> matrix() {
        List<Object[]> list = new ArrayList<>();
        for (Backend backend : Backend.available()) {
            if (!backend.device().isCpu()) {
                continue;
            }
            for (FeatureMap map : FeatureMap.values()) {
                int projected = map == FeatureMap.HEDGEHOG ? 8 : 0;
                for (HybridMode mode : HybridMode.values()) {
                    HybridSpec spec = HybridSpec.of(7, map).withSinks(4).withMode(mode).withGamma(0.4f);
                    list.add(new Object[] {backend, new HybridCase("decode", 2, 4, 2, 40, 8, 6, projected,
                            DType.F32, false, spec), 13});
                }
            }
            for (int w : new int[] {1, 64}) {
                list.add(new Object[] {backend, new HybridCase("decode across chunks", 1, 2, 1, 150, 16, 16, 8,
                        DType.F32, false, HybridSpec.of(w, FeatureMap.HEDGEHOG)), 70});
                list.add(new Object[] {backend, new HybridCase("decode from empty", 1, 2, 2, 10, 4, 4, 0, DType.F16,
                        false, HybridSpec.of(w, FeatureMap.ELU1)), 0});
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} after {2}")
    @MethodSource("matrix")
    void prefillThenDecodeEqualsPrefill(Backend backend, HybridCase c, int prefix) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, c.toString().hashCode());
            HybridParams params = c.params(in[3]);
            HybridOutputs whole = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], params, whole, c.spec());

            HybridState state = HybridState.forInputs(backend, arena, in[0], in[1], in[2], params, c.spec());
            HybridCase head = new HybridCase(c.label(), c.b(), c.hq(), c.hkv(), prefix, c.d(), c.dv(), c.projected(),
                    c.dtype(), false, c.spec());
            backend.hybrid().prefill(in[0].slice(2, 0, prefix), in[1].slice(2, 0, prefix), in[2].slice(2, 0, prefix),
                    params, outputs(arena, head), c.spec(), state);
            Tensor out = Tensor.allocate(arena, DType.F32, c.b(), c.hq(), c.n(), c.dv());
            // one token at a time, then the rest in steps of three
            long pos = prefix;
            while (pos < c.n()) {
                long step = pos < prefix + 5 ? 1 : Math.min(3, c.n() - pos);
                Tensor diag = Tensor.allocate(arena, DType.F32, c.b(), c.hq(), HybridOutputs.DIAGNOSTICS);
                backend.hybrid().decode(in[0].slice(2, pos, pos + step), in[1].slice(2, pos, pos + step),
                        in[2].slice(2, pos, pos + step), params,
                        HybridOutputs.of(out.slice(2, pos, pos + step)).withDiagnostics(diag), c.spec(), state);
                if (c.spec().mode() == HybridMode.HYBRID && c.spec().featureMap() != FeatureMap.RELU) {
                    assertSharesSumToOne(diag, backend.name() + " " + c + " decode at " + pos);
                }
                pos += step;
            }
            String where = backend.name() + " " + c + " decoded after " + prefix;
            assertClose(whole.out().slice(2, prefix, c.n()), out.slice(2, prefix, c.n()), 3e-4, where);
        }
    }
}
