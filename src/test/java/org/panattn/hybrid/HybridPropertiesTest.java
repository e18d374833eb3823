package org.panattn.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.panattn.hybrid.HybridConformanceTest.assertClose;
import static org.panattn.hybrid.HybridConformanceTest.assertSharesSumToOne;
import static org.panattn.hybrid.HybridConformanceTest.outputs;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;

/** Identities of the hybrid layer on every host backend: diagnostics, dropout, limits that reduce to softmax. */
class HybridPropertiesTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu());
    }

    private static HybridCase hedgehog(int n, HybridSpec spec) {
        return new HybridCase("props", 2, 4, 2, n, 16, 8, 8, DType.F32, false, spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void diagnosticsSumToOne(Backend backend) {
        for (FeatureMap map : new FeatureMap[] {FeatureMap.HEDGEHOG, FeatureMap.EXP, FeatureMap.ELU1}) {
            HybridCase c = new HybridCase("diag", 2, 2, 1, 150, 8, 8, map == FeatureMap.HEDGEHOG ? 8 : 0, DType.F32,
                    false, HybridSpec.of(16, map));
            try (Arena arena = Arena.ofShared()) {
                Tensor[] in = c.inputs(arena, 5);
                HybridOutputs o = outputs(arena, c);
                backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), o, c.spec());
                assertSharesSumToOne(o.diagnostics(), backend.name() + " " + c);
                // past the first window the linear branch carries part of the normaliser
                assertTrue(o.diagnostics().getFloat(0, 0, HybridOutputs.LINEAR_DENOMINATOR_SHARE) > 0.01,
                        backend.name() + " " + c + ": linear share " + o.diagnostics().getFloat(0, 0, 1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void droppedHeadsAreLinearOnlyAndKeptHeadsAreHybrid(Backend backend) {
        HybridCase c = hedgehog(130, HybridSpec.of(7, FeatureMap.HEDGEHOG));
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, 11);
            Tensor flags = Tensor.of(new int[] {1, 0, 0, 1, 0, 1, 1, 0}, 2, 4);
            HybridOutputs dropped = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]).withDropWindow(flags), dropped, c.spec());
            HybridOutputs linear = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), linear,
                    c.spec().withMode(HybridMode.LINEAR_ONLY));
            HybridOutputs hybrid = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), hybrid, c.spec());
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 4; h++) {
                    HybridOutputs want = flags.getInt(b, h) != 0 ? linear : hybrid;
                    String where = backend.name() + " head (" + b + "," + h + ") flag " + flags.getInt(b, h);
                    assertClose(want.out().select(0, b).select(0, h), dropped.out().select(0, b).select(0, h), 1e-6,
                            where);
                    assertClose(want.diagnostics().select(0, b).select(0, h),
                            dropped.diagnostics().select(0, b).select(0, h), 1e-6, where + " diagnostics");
                }
            }
            // a dropped head has no window share at all
            assertEquals(0f, dropped.diagnostics().getFloat(0, 0, HybridOutputs.WINDOW_DENOMINATOR_SHARE));
            HybridOutputs none = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2],
                    c.params(in[3]).withDropWindow(Tensor.of(new int[8], 2, 4)), none, c.spec());
            assertClose(hybrid.out(), none.out(), 0, backend.name() + " all flags 0 = hybrid");
        }
    }

    /** With l = 0 (affine, g = 1) the layer is exactly window-only, which is banded causal softmax attention. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void affineWithGammaOneIsWindowOnlyIsBandedSoftmax(Backend backend) {
        HybridSpec spec = HybridSpec.of(9, FeatureMap.HEDGEHOG).withAffine(true).withGamma(1f);
        HybridCase c = hedgehog(100, spec);
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, 3);
            HybridOutputs affine = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), affine, spec);
            HybridOutputs window = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), window,
                    spec.withMode(HybridMode.WINDOW_ONLY));
            assertClose(window.out(), affine.out(), 1e-5, backend.name() + " affine g=1 vs window-only");
            Tensor dense = Tensor.allocate(arena, DType.F32, c.b(), c.hq(), c.n(), c.dv());
            Backend.reference().dense().attention(in[0], in[1], in[2], dense,
                    DenseSpec.causalDefaults().withWindow(8, 0));
            assertClose(dense, window.out(), 3e-4, backend.name() + " window-only vs dense band (8, 0)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void perHeadWindowFactorsMatchUniformGamma(Backend backend) {
        HybridCase c = hedgehog(70, HybridSpec.of(7, FeatureMap.HEDGEHOG).withGamma(0.25f));
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, 17);
            HybridOutputs uniform = outputs(arena, c);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), uniform, c.spec());
            HybridOutputs perHead = outputs(arena, c);
            Tensor factors = Tensor.of(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, 4);
            backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]).withWindowFactor(factors), perHead,
                    c.spec().withGamma(0.9f));
            assertClose(uniform.out(), perHead.out(), 0, backend.name() + " per-head factors");
        }
    }

    @Test
    void untiedWeightsDifferFromTiedOnesAndMatchTheReference() {
        HybridCase c = hedgehog(90, HybridSpec.of(7, FeatureMap.HEDGEHOG));
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, 23);
            Tensor wk = Tensor.allocate(arena, DType.F32, 4, 16, 8);
            SplittableRandom r = new SplittableRandom(1);
            for (long i = 0; i < wk.numel(); i++) {
                wk.writeFloat(i, (float) r.nextGaussian() * 0.4f);
            }
            HybridParams untied = HybridParams.untied(in[3], wk);
            HybridOutputs got = outputs(arena, c);
            HybridOutputs want = outputs(arena, c);
            Backend.cpu().hybrid().prefill(in[0], in[1], in[2], untied, got, c.spec());
            Backend.reference().hybrid().prefill(in[0], in[1], in[2], untied, want, c.spec());
            assertClose(want.out(), got.out(), 3e-4, "untied");
            HybridOutputs tied = outputs(arena, c);
            Backend.reference().hybrid().prefill(in[0], in[1], in[2], HybridParams.tied(in[3]), tied, c.spec());
            float[] a = tied.out().toFloatArray();
            float[] b = want.out().toFloatArray();
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff > 1e-3, "untied key weights must change the output, max diff " + diff);
        }
    }

    @Test
    void zeroModeWritesZerosAndNoShares() {
        HybridCase c = hedgehog(20, HybridSpec.of(7, FeatureMap.HEDGEHOG).withMode(HybridMode.ZERO));
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, 2);
            HybridOutputs o = outputs(arena, c);
            o.out().writeFloat(0, 5f);
            o.diagnostics().writeFloat(0, 5f);
            Backend.cpu().hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), o, c.spec());
            for (float x : o.out().toFloatArray()) {
                assertEquals(0f, x);
            }
            for (float x : o.diagnostics().toFloatArray()) {
                assertEquals(0f, x);
            }
        }
    }

    @Test
    void nanInAKeyPropagatesToTheRowsThatSeeIt() {
        HybridCase c = new HybridCase("nan", 1, 1, 1, 100, 8, 4, 4, DType.F32, false,
                HybridSpec.of(8, FeatureMap.HEDGEHOG));
        for (Backend backend : backends().toList()) {
            try (Arena arena = Arena.ofShared()) {
                Tensor[] in = c.inputs(arena, 9);
                in[1].setFloat(Float.NaN, 0, 0, 50, 3);
                HybridOutputs o = outputs(arena, c);
                backend.hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), o, c.spec());
                assertTrue(Float.isFinite(o.out().getFloat(0, 0, 49, 0)), backend.name() + " row before the NaN key");
                assertTrue(Float.isNaN(o.out().getFloat(0, 0, 50, 0)), backend.name() + " row in the window");
                assertTrue(Float.isNaN(o.out().getFloat(0, 0, 99, 0)), backend.name() + " row in the linear branch");
            }
        }
    }

    @Test
    void dropoutScheduleIsPiecewiseAndDrawsAtItsRate() {
        DropoutSchedule s = DropoutSchedule.paperDefault(300);
        assertEquals(0.9, s.probability(0));
        assertEquals(0.9, s.probability(99));
        assertEquals(0.75, s.probability(100));
        assertEquals(0.5, s.probability(200));
        assertEquals(0.5, s.probability(10_000));
        Tensor flags = Tensor.of(new int[64 * 32], 64, 32);
        long set = s.drawFlags(0, new SplittableRandom(4), flags);
        assertTrue(Math.abs(set / 2048.0 - 0.9) < 0.03, "drawn " + set + " of 2048 at p 0.9");
        assertEquals(0, DropoutSchedule.constant(0).drawFlags(5, new SplittableRandom(1), flags));
        assertEquals(2048, DropoutSchedule.constant(1).drawFlags(5, new SplittableRandom(1), flags));
    }
}
