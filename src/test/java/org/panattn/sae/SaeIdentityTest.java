package org.panattn.sae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.sae.SparseAutoencoder.Activation;

/** The identities of the SAE maths, on every backend (the reference included). */
class SaeIdentityTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu());
    }

    /** Steering with c = f_j(x) leaves x unchanged (up to rounding), for any token and feature. */
    @Property(tries = 40)
    void clampToTheCurrentActivationIsTheIdentity(@ForAll @IntRange(min = 1, max = 90) int dIn,
                                                  @ForAll @IntRange(min = 1, max = 70) int dSae,
                                                  @ForAll @IntRange(min = 0, max = 1000) int seed,
                                                  @ForAll boolean jump) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SaeFixtures.sae(arena, jump ? Activation.JUMP_RELU : Activation.RELU, DType.F32,
                    dIn, dSae, 0, seed);
            Tensor x = SaeFixtures.input(arena, DType.F32, seed + 1, false, 1, dIn);
            Tensor f = Tensor.allocate(arena, DType.F32, 1, dSae);
            int j = seed % dSae;
            for (Backend b : backends().toList()) {
                b.sae().encode(sae, x, f);
                Tensor out = Tensor.allocate(arena, DType.F32, 1, dIn);
                b.sae().steer(sae, x, null, Steering.clamp(j, f.getFloat(0, j)), out);
                assertTrue(SaeFixtures.maxAbsDiff(x, out) <= 1e-5f, b.name() + ": clamp to f_j(x) moved x by "
                        + SaeFixtures.maxAbsDiff(x, out));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void addingZeroIsTheIdentity(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SaeFixtures.sae(arena, Activation.TOPK, DType.F32, 48, 64, 5, 3);
            Tensor x = SaeFixtures.input(arena, DType.F32, 4, true, 2, 7, 48);
            Tensor out = Tensor.allocate(arena, DType.F32, 2, 7, 48);
            backend.sae().steer(sae, x, null, Steering.add(17, 0f), out);
            assertEquals(0f, SaeFixtures.maxAbsDiff(x, out));
        }
    }

    /**
     * With W_dec[j] . W_enc[:, j] = 1 and f_j active, clamping to c moves h_j to c exactly; c above theta_j keeps
     * the feature on, so encoding the steered x gives f_j = c.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void clampThenEncodeGivesTheClampedValue(Backend backend) {
        int dIn = 40;
        int dSae = 24;
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom r = new SplittableRandom(21);
            Tensor wDec = SaeFixtures.random(arena, DType.F32, r, 1, dSae, dIn);
            Tensor wEnc = Tensor.allocate(arena, DType.F32, dIn, dSae);
            for (int j = 0; j < dSae; j++) {
                double norm2 = 0;
                for (int i = 0; i < dIn; i++) {
                    norm2 += wDec.getFloat(j, i) * wDec.getFloat(j, i);
                }
                for (int i = 0; i < dIn; i++) {
                    wEnc.setFloat((float) (wDec.getFloat(j, i) / norm2), i, j);
                }
            }
            Tensor bEnc = Tensor.allocate(arena, DType.F32, dSae);
            Tensor theta = Tensor.allocate(arena, DType.F32, dSae);
            for (int j = 0; j < dSae; j++) {
                bEnc.setFloat(1f, j);
                theta.setFloat(0.05f, j);
            }
            Tensor bDec = Tensor.allocate(arena, DType.F32, dIn);
            SparseAutoencoder sae = SparseAutoencoder.jumpRelu(wEnc, bEnc, theta, wDec, bDec);
            Tensor x = Tensor.allocate(arena, DType.F32, 6, dIn); // x = 0: h = b_enc = 1 > theta, every feature on
            Tensor steered = Tensor.allocate(arena, DType.F32, 6, dIn);
            Tensor f = Tensor.allocate(arena, DType.F32, 6, dSae);
            for (float c : new float[] {0.5f, 3f, 12.25f}) {
                int j = 5;
                backend.sae().steer(sae, x, null, Steering.clamp(j, c), steered);
                backend.sae().encode(sae, steered, f);
                for (int t = 0; t < 6; t++) {
                    assertEquals(c, f.getFloat(t, j), 1e-4f * Math.max(1, c), backend.name() + " f_j after clamp");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void topKKeepsKFeaturesPerToken(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            int k = 6;
            SparseAutoencoder sae = SaeFixtures.sae(arena, Activation.TOPK, DType.F32, 32, 100, k, 8);
            Tensor x = SaeFixtures.input(arena, DType.F32, 9, false, 50, 32);
            // a large bias makes every pre-activation positive: exactly k survive the ReLU
            for (int j = 0; j < 100; j++) {
                sae.bEnc().setFloat(50f, j);
            }
            Tensor f = Tensor.allocate(arena, DType.F32, 50, 100);
            backend.sae().encode(sae, x, f);
            for (int t = 0; t < 50; t++) {
                int nonzero = 0;
                for (int j = 0; j < 100; j++) {
                    nonzero += f.getFloat(t, j) != 0 ? 1 : 0;
                }
                assertEquals(k, nonzero, backend.name() + " token " + t);
            }
        }
    }

    /** Class b gets one feature pushed up by adding its decoder direction: selection ranks that feature first. */
    @ParameterizedTest
    @MethodSource("backends")
    void selectionFindsAPlantedDifference(Backend backend) {
        int dIn = 64;
        int dSae = 128;
        int planted = 77;
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SaeFixtures.sae(arena, Activation.JUMP_RELU, DType.F32, dIn, dSae, 0, 30);
            Tensor xa = SaeFixtures.input(arena, DType.F32, 31, false, 200, dIn);
            Tensor xb = SaeFixtures.input(arena, DType.F32, 32, false, 200, dIn);
            // plant: x_b += 4 * W_enc[:, planted] / ||W_enc[:, planted]||
            double norm = 0;
            for (int i = 0; i < dIn; i++) {
                norm += Math.pow(sae.wEnc().getFloat(i, planted), 2);
            }
            for (int t = 0; t < 200; t++) {
                for (int i = 0; i < dIn; i++) {
                    xb.setFloat(xb.getFloat(t, i) + (float) (4 * sae.wEnc().getFloat(i, planted) / Math.sqrt(norm)),
                            t, i);
                }
            }
            FeatureStatistics a = new FeatureStatistics(dSae);
            FeatureStatistics b = new FeatureStatistics(dSae);
            backend.sae().accumulate(sae, xa, null, a);
            backend.sae().accumulate(sae, xb, null, b);
            List<FeatureSelection.Selected> top = FeatureSelection.topByMeanDifference(a, b, 3);
            assertEquals(planted, top.get(0).feature(), backend.name() + " top features " + top);
            assertTrue(top.get(0).difference() > 0);
            assertTrue(Math.abs(top.get(0).difference()) >= Math.abs(top.get(1).difference()));
        }
    }

    /** A NaN in a token's input makes that token's features and steered row NaN (IEEE), and no other token's. */
    @ParameterizedTest
    @MethodSource("backends")
    void nanInTheInputPropagatesToItsTokenOnly(Backend backend) {
        for (Activation activation : Activation.values()) {
            try (Arena arena = Arena.ofConfined()) {
                SparseAutoencoder sae = SaeFixtures.sae(arena, activation, DType.F32, 20, 30, 4, 2);
                Tensor x = SaeFixtures.input(arena, DType.F32, 3, false, 3, 20);
                x.setFloat(Float.NaN, 1, 7);
                Tensor f = Tensor.allocate(arena, DType.F32, 3, 30);
                backend.sae().encode(sae, x, f);
                boolean anyNaN = false;
                for (int j = 0; j < 30; j++) {
                    anyNaN |= Float.isNaN(f.getFloat(1, j));
                    assertTrue(!Float.isNaN(f.getFloat(0, j)) && !Float.isNaN(f.getFloat(2, j)), activation
                            + ": NaN leaked into another token");
                }
                assertTrue(anyNaN, activation + ": the NaN token's features should carry NaN");
                Tensor out = Tensor.allocate(arena, DType.F32, 3, 20);
                Steering s = activation == Activation.TOPK ? Steering.add(3, 1f) : Steering.clamp(3, 1f);
                backend.sae().steer(sae, x, null, s, out);
                assertTrue(Float.isNaN(out.getFloat(1, 7)), activation + ": steered NaN element");
                if (activation != Activation.TOPK) {
                    assertTrue(Float.isNaN(out.getFloat(1, 0)), activation + ": CLAMP of a NaN token is NaN throughout");
                }
                assertTrue(!Float.isNaN(out.getFloat(0, 0)) && !Float.isNaN(out.getFloat(2, 19)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void preparedSteeringChecksItsEditsAgainstTheSae(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SaeFixtures.sae(arena, Activation.JUMP_RELU, DType.F32, 8, 12, 0, 2);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> PreparedSteering.of(sae, Steering.clamp(12, 1f)));
            assertTrue(e.getMessage().contains("feature") && e.getMessage().contains("[0, 12)"), e.getMessage());
            Tensor x = SaeFixtures.input(arena, DType.F32, 1, false, 4, 9);
            PreparedSteering p = PreparedSteering.of(sae, Steering.add(1, 1f));
            e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> backend.sae().steer(p, x, null, x));
            assertTrue(e.getMessage().contains("x") && e.getMessage().contains("d_in"), e.getMessage());
        }
    }
}
