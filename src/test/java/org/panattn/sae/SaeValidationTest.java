package org.panattn.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.sae.SparseAutoencoder.Activation;

/** Every bad SAE call is refused with a message naming the argument, before anything is written. */
class SaeValidationTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu());
    }

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badCallsAreRejectedAndLeaveTheOutputUntouched(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SaeFixtures.sae(arena, Activation.JUMP_RELU, DType.F32, 16, 32, 0, 1);
            Tensor x = SaeFixtures.input(arena, DType.F32, 2, false, 5, 16);
            Tensor out = Tensor.allocate(arena, DType.F32, 5, 16);
            out.writeFloat(0, 42f);
            SaeOps ops = backend.sae();
            assertRejected(() -> ops.steer(sae, x, null, Steering.add(32, 1f), out), "feature", "[0, 32)", "32");
            assertRejected(() -> ops.steer(sae, x, null, Steering.clamp(-1, 1f), out), "feature", ">= 0", "-1");
            assertRejected(() -> Steering.clamp(3, Float.NaN), "value", "finite", "NaN");
            assertRejected(() -> Steering.add(3, Float.POSITIVE_INFINITY), "value", "Infinity");
            Tensor wide = Tensor.allocate(arena, DType.F32, 5, 17);
            assertRejected(() -> ops.steer(sae, wide, null, Steering.add(1, 1f), Tensor.allocate(arena, DType.F32, 5, 17)),
                    "x", "last dim 16", "d_in", "17");
            assertRejected(() -> ops.encode(sae, wide, Tensor.allocate(arena, DType.F32, 5, 32)), "x", "d_in", "17");
            assertRejected(() -> ops.encode(sae, x, Tensor.allocate(arena, DType.F32, 5, 31)), "features",
                    "[5, 32]", "[5, 31]");
            assertRejected(() -> ops.encode(sae, x, Tensor.allocate(arena, DType.F16, 5, 32)), "features",
                    "dtype F32", "F16");
            assertRejected(() -> ops.steer(sae, x, Tensor.allocate(arena, DType.I32, 4), Steering.add(1, 1f), out),
                    "mask", "[5]", "[4]");
            assertRejected(() -> ops.steer(sae, x, null, Steering.add(1, 1f), x.slice(0, 1, 5).reshape(4, 16)),
                    "out", "[5, 16]");
            Tensor overlapping = Tensor.wrap(x.segment().asSlice(4), DType.F32, 4, 16);
            assertRejected(() -> ops.steer(sae, x.slice(0, 0, 4), null, Steering.add(1, 1f), overlapping), "out",
                    "disjoint from x");
            assertRejected(() -> ops.steer(sae, x, null, null, out), "steering");
            assertRejected(() -> ops.steer(null, x, null, Steering.add(1, 1f), out), "sae");
            assertRejected(() -> ops.steer(sae, Tensor.allocate(arena, DType.F32, 16), null, Steering.add(1, 1f), out),
                    "x", "rank 2");
            assertRejected(() -> ops.accumulate(sae, x, null, new FeatureStatistics(31)), "statistics", "32", "31");
            assertRejected(() -> ops.encodeSparse(sae, x, new SparseFeatures(Tensor.allocate(arena, DType.I32, 5, 0),
                    Tensor.allocate(arena, DType.F32, 5, 0), Tensor.allocate(arena, DType.I32, 5))), "indices",
                    "capacity");
            assertRejected(() -> ops.decode(sae, Tensor.allocate(arena, DType.F32, 5, 33),
                    Tensor.allocate(arena, DType.F32, 5, 16)), "features", "d_sae", "33");
            Tensor readOnly = Tensor.wrap(Tensor.allocate(arena, DType.F32, 5, 16).segment().asReadOnly(), DType.F32, 5, 16);
            assertRejected(() -> ops.steer(sae, x, null, Steering.add(1, 1f), readOnly), "out", "writable");
            assertEquals(42f, out.readFloat(0), "a rejected call wrote its output");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void clampOfATopKSaeIsRefused(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SaeFixtures.sae(arena, Activation.TOPK, DType.F32, 8, 16, 3, 1);
            Tensor x = SaeFixtures.input(arena, DType.F32, 2, false, 2, 8);
            assertRejected(() -> backend.sae().steer(sae, x, null, Steering.clamp(1, 1f), x), "CLAMP", "TOPK");
        }
    }

    @Test
    void constructorChecksShapesAndModes() {
        try (Arena arena = Arena.ofConfined()) {
            Tensor wEnc = Tensor.allocate(arena, DType.F32, 8, 16);
            Tensor bEnc = Tensor.allocate(arena, DType.F32, 16);
            Tensor wDec = Tensor.allocate(arena, DType.F32, 16, 8);
            Tensor bDec = Tensor.allocate(arena, DType.F32, 8);
            assertRejected(() -> SparseAutoencoder.relu(wEnc, bEnc, Tensor.allocate(arena, DType.F32, 8, 16), bDec),
                    "wDec", "[16, 8]", "[8, 16]");
            assertRejected(() -> SparseAutoencoder.relu(wEnc, Tensor.allocate(arena, DType.F32, 15), wDec, bDec),
                    "bEnc", "[16]", "[15]");
            assertRejected(() -> SparseAutoencoder.jumpRelu(wEnc, bEnc, null, wDec, bDec), "threshold");
            assertRejected(() -> SparseAutoencoder.topK(wEnc, bEnc, wDec, bDec, 17), "k", "[1, 16]", "17");
            assertRejected(() -> SparseAutoencoder.relu(Tensor.allocate(arena, DType.I32, 8, 16), bEnc, wDec, bDec),
                    "wEnc", "I32");
            assertRejected(() -> new Steering(List.of(new Steering.Edit(1, Steering.Mode.ADD, 1f),
                    new Steering.Edit(1, Steering.Mode.CLAMP, 2f))), "edits", "twice");
            assertRejected(() -> FeatureSelection.topByMeanDifference(new FeatureStatistics(4),
                    new FeatureStatistics(4), 2), "tokens");
        }
    }
}
