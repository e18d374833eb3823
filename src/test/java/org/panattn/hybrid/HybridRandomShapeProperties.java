package org.panattn.hybrid;

import static org.panattn.hybrid.HybridConformanceTest.assertClose;
import static org.panattn.hybrid.HybridConformanceTest.outputs;

import java.lang.foreign.Arena;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * Random small shapes, windows, maps, modes and layouts: the chunked cpu prefill equals the naive reference, and a
 * prefill cut at a random point and continued by decode equals the whole prefill.
 */
class HybridRandomShapeProperties {

    @Property(tries = 60)
    void chunkedEqualsNaiveAndDecodeContinuesPrefill(@ForAll @IntRange(min = 0, max = 2) int batch,
                                                     @ForAll @IntRange(min = 1, max = 2) int headsKv,
                                                     @ForAll @IntRange(min = 1, max = 3) int group,
                                                     @ForAll @IntRange(min = 0, max = 140) int tokens,
                                                     @ForAll @IntRange(min = 1, max = 20) int headDim,
                                                     @ForAll @IntRange(min = 1, max = 20) int headDimV,
                                                     @ForAll @IntRange(min = 1, max = 80) int window,
                                                     @ForAll @IntRange(min = 0, max = 3) int map,
                                                     @ForAll @IntRange(min = 0, max = 4) int mode,
                                                     @ForAll @IntRange(min = 0, max = 2) int dtype,
                                                     @ForAll boolean flash,
                                                     @ForAll @IntRange(min = 0, max = 100) int cutPercent,
                                                     @ForAll @IntRange(min = 0, max = 1000) int seed) {
        FeatureMap fm = FeatureMap.values()[map];
        int projected = fm == FeatureMap.HEDGEHOG || seed % 3 == 0 ? 1 + seed % 9 : 0;
        HybridSpec spec = HybridSpec.of(window, fm).withSinks(1 + seed % 4).withMode(HybridMode.values()[mode])
                .withGamma((seed % 10) / 10f);
        HybridCase c = new HybridCase("random", batch, headsKv * group, headsKv, tokens, headDim, headDimV, projected,
                DType.values()[dtype], flash, spec);
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, seed);
            HybridParams params = c.params(in[3]);
            HybridOutputs want = outputs(arena, c);
            Backend.reference().hybrid().prefill(in[0], in[1], in[2], params, want, spec);
            for (Backend backend : new Backend[] {Backend.cpu(), Backend.cpu(1)}) {
                HybridOutputs got = outputs(arena, c);
                backend.hybrid().prefill(in[0], in[1], in[2], params, got, spec);
                assertClose(want.out(), got.out(), 3e-4, backend + " " + c);
                assertClose(want.diagnostics(), got.diagnostics(), 3e-4, backend + " " + c + " diagnostics");
            }
            int cut = tokens * cutPercent / 100;
            Backend cpu = Backend.cpu();
            HybridState state = HybridState.forInputs(cpu, arena, in[0], in[1], in[2], params, spec);
            Tensor out = Tensor.allocate(arena, DType.F32, batch, headsKv * group, tokens, headDimV);
            cpu.hybrid().prefill(in[0].slice(2, 0, cut), in[1].slice(2, 0, cut), in[2].slice(2, 0, cut), params,
                    HybridOutputs.of(out.slice(2, 0, cut)), spec, state);
            if (cut < tokens) {
                cpu.hybrid().decode(in[0].slice(2, cut, tokens), in[1].slice(2, cut, tokens),
                        in[2].slice(2, cut, tokens), params, HybridOutputs.of(out.slice(2, cut, tokens)), spec, state);
            }
            assertClose(want.out(), out, 3e-4, "prefill " + cut + " + decode " + c);
        }
    }
}
