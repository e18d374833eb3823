package org.panattn.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/** Every validation path of a hybrid call, with its message, on every host backend; nothing is written. */
class HybridValidationTest {

    private static void expect(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment
                + "'");
    }

    @Test
    void specRejectsBadScalars() {
        expect("window: expected >= 1, got 0", () -> HybridSpec.of(0, FeatureMap.ELU1));
        expect("window: expected >= 1, got -3", () -> HybridSpec.of(-3, FeatureMap.ELU1));
        expect("gamma: expected a finite window factor >= 0, got -0.1",
                () -> HybridSpec.of(4, FeatureMap.ELU1).withGamma(-0.1f));
        expect("gamma: expected a finite window factor >= 0, got NaN",
                () -> HybridSpec.of(4, FeatureMap.ELU1).withGamma(Float.NaN));
        expect("gamma: expected a window factor in [0, 1] with affine",
                () -> HybridSpec.of(4, FeatureMap.ELU1).withGamma(1.5f).withAffine(true));
        expect("sinks: expected >= 1 in mode sinks-only, got 0",
                () -> HybridSpec.of(4, FeatureMap.ELU1).withMode(HybridMode.SINKS_ONLY));
        expect("sinks: expected >= 0, got -1", () -> HybridSpec.of(4, FeatureMap.ELU1).withSinks(-1));
        expect("scale: expected a finite number, got Infinity",
                () -> HybridSpec.of(4, FeatureMap.ELU1).withScale(Float.POSITIVE_INFINITY));
        expect("featureMap: expected hedgehog, elu1, relu or exp, got null",
                () -> new HybridSpec(4, null, HybridMode.HYBRID, 0.1f, false, 0, null));
        expect("feature map: expected hedgehog, elu1, relu or exp, got softmax", () -> FeatureMap.parse("softmax"));
        expect("mode: expected hybrid, window-only, linear-only, sinks-only or zero, got both",
                () -> HybridMode.parse("both"));
        expect("boundaries: expected 1 (one fewer than the probabilities), got 0",
                () -> new DropoutSchedule(new long[0], new double[] {0.9, 0.5}));
        expect("probabilities[0]: expected in [0, 1], got 1.5", () -> DropoutSchedule.constant(1.5));
        expect("step: expected >= 0, got -1", () -> DropoutSchedule.constant(0.5).probability(-1));
    }

    @Test
    void callsRejectBadTensorsOnEveryBackend() {
        for (Backend backend : Backend.available()) {
            if (!backend.device().isCpu()) {
                continue;
            }
            try (Arena arena = Arena.ofShared()) {
                checkCalls(backend, arena);
            }
        }
    }

    private static void checkCalls(Backend backend, Arena arena) {
        HybridAttention hy = backend.hybrid();
        Tensor q = Tensor.allocate(arena, DType.F32, 1, 2, 10, 8);
        Tensor k = Tensor.allocate(arena, DType.F32, 1, 2, 10, 8);
        Tensor v = Tensor.allocate(arena, DType.F32, 1, 2, 10, 4);
        Tensor w = Tensor.allocate(arena, DType.F32, 2, 8, 6);
        Tensor out = Tensor.allocate(arena, DType.F32, 1, 2, 10, 4);
        out.writeFloat(0, 42f);
        HybridSpec spec = HybridSpec.of(4, FeatureMap.HEDGEHOG);
        HybridParams tied = HybridParams.tied(w);
        HybridOutputs outs = HybridOutputs.of(out);
        String name = backend.name() + ": ";

        expect("featureQ: expected Hedgehog weights [Hq, D, F/2] = [2, 8, P], got null",
                () -> hy.prefill(q, k, v, HybridParams.none(), outs, spec));
        expect("featureQ: expected shape [2, 8, P] (Hq, D of q), got [2, 7, 6]",
                () -> hy.prefill(q, k, v, HybridParams.tied(Tensor.allocate(arena, DType.F32, 2, 7, 6)), outs, spec));
        expect("featureQ: expected rank 3 [Hq, D, P], got shape [8, 6]",
                () -> hy.prefill(q, k, v, HybridParams.tied(Tensor.allocate(arena, DType.F32, 8, 6)), outs, spec));
        expect("featureK: expected shape [2, 8, 6] (that of featureQ), got [2, 8, 5]",
                () -> hy.prefill(q, k, v, HybridParams.untied(w, Tensor.allocate(arena, DType.F32, 2, 8, 5)), outs,
                        spec));
        expect("featureQ: expected dtype F32, got F16",
                () -> hy.prefill(q, k, v, HybridParams.tied(Tensor.allocate(arena, DType.F16, 2, 8, 6)), outs, spec));
        expect("featureQ: expected the query weights when featureK is given, got null",
                () -> hy.prefill(q, k, v, HybridParams.untied(null, w), outs, spec));
        expect("windowFactor[1]: expected a finite window factor >= 0, got -0.5",
                () -> hy.prefill(q, k, v, tied.withWindowFactor(Tensor.of(new float[] {0.1f, -0.5f}, 2)), outs,
                        spec));
        expect("windowFactor: expected shape [2] [Hq], got [3]",
                () -> hy.prefill(q, k, v, tied.withWindowFactor(Tensor.of(new float[] {0.1f, 0.1f, 0.1f}, 3)), outs,
                        spec));
        expect("dropWindow: expected shape [1, 2] [B, Hq], got [2, 1]",
                () -> hy.prefill(q, k, v, tied.withDropWindow(Tensor.of(new int[2], 2, 1)), outs, spec));
        expect("dropWindow: expected only in mode hybrid",
                () -> hy.prefill(q, k, v, tied.withDropWindow(Tensor.of(new int[2], 1, 2)), outs,
                        spec.withMode(HybridMode.WINDOW_ONLY)));
        expect("k: expected as many tokens as q (10, self-attention), got 9",
                () -> hy.prefill(q, k.slice(2, 0, 9), v.slice(2, 0, 9), tied, outs, spec));
        expect("out: expected shape [1, 2, 10, 4], got [1, 2, 10, 3]",
                () -> hy.prefill(q, k, v, tied, HybridOutputs.of(out.slice(3, 0, 3)), spec));
        expect("diagnostics: expected shape [1, 2, 4] [B, Hq, 4], got [1, 2, 3]",
                () -> hy.prefill(q, k, v, tied, outs.withDiagnostics(Tensor.allocate(arena, DType.F32, 1, 2, 3)),
                        spec));
        expect("diagnostics: expected memory disjoint from out",
                () -> hy.prefill(q, k, v, tied, outs.withDiagnostics(out.select(3, 0).slice(2, 0, 4)), spec));
        expect("out: expected memory disjoint from q",
                () -> hy.prefill(q, k, v, tied, HybridOutputs.of(q.slice(3, 0, 4)), spec));
        expect("outputs: expected HybridOutputs with an out tensor, got null",
                () -> hy.prefill(q, k, v, tied, null, spec));
        expect("params: expected HybridParams", () -> hy.prefill(q, k, v, null, outs, spec));
        expect("spec: expected a HybridSpec, got null", () -> hy.prefill(q, k, v, tied, outs, null));
        expect("state: expected a HybridState to decode from, got null",
                () -> hy.decode(q.slice(2, 0, 1), k.slice(2, 0, 1), v.slice(2, 0, 1), tied,
                        HybridOutputs.of(out.slice(2, 0, 1)), spec, null));

        HybridState otherWindow = HybridState.forInputs(backend, arena, q, k, v, tied, HybridSpec.of(5,
                FeatureMap.HEDGEHOG));
        expect("state: expected a state for [B=1, Hq=2, Hkv=2, D=8, Dv=4, F=12, w=4, sinks=0] on cpu, got one for "
                        + "[B=1, Hq=2, Hkv=2, D=8, Dv=4, F=12, w=5, sinks=0]",
                () -> hy.decode(q.slice(2, 0, 1), k.slice(2, 0, 1), v.slice(2, 0, 1), tied,
                        HybridOutputs.of(out.slice(2, 0, 1)), spec, otherWindow));
        HybridState otherFeatures = HybridState.allocate(backend, arena, spec, 1, 2, 2, 8, 4, 10);
        expect("got one for [B=1, Hq=2, Hkv=2, D=8, Dv=4, F=10, w=4, sinks=0]",
                () -> hy.prefill(q, k, v, tied, outs, spec, otherFeatures));
        HybridState otherBatch = HybridState.allocate(backend, arena, spec, 2, 2, 2, 8, 4, 12);
        expect("got one for [B=2,", () -> hy.decode(q.slice(2, 0, 1), k.slice(2, 0, 1), v.slice(2, 0, 1), tied,
                HybridOutputs.of(out.slice(2, 0, 1)), spec, otherBatch));
        Arena closed = Arena.ofShared();
        HybridState dead = HybridState.forInputs(backend, closed, q, k, v, tied, spec);
        closed.close();
        expect("state: expected a live segment", () -> hy.prefill(q, k, v, tied, outs, spec, dead));

        assertEquals(42f, out.readFloat(0), name + "a rejected call must not write");
    }

    @Test
    void flagsDrawRejectsBadTensors() {
        Consumer<Tensor> draw = t -> DropoutSchedule.constant(0.5).drawFlags(0, new java.util.SplittableRandom(1), t);
        expect("flags: expected an I32 tensor [B, Hq], got F32[2, 2]", () -> draw.accept(Tensor.of(new float[4], 2, 2)));
    }
}
