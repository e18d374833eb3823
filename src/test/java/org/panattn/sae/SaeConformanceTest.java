package org.panattn.sae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.sae.SparseAutoencoder.Activation;

/** Every host backend's SAE kernels against the double-precision reference. */
class SaeConformanceTest {
    private static final float TOLERANCE = 2e-4f;

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu() && !b.name().equals("ref"));
    }

    record Case(String label, Activation activation, DType weights, DType input, int dIn, int dSae, int k,
                long[] xShape, boolean strided, boolean center) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        list.add(new Case("jumprelu d_in 64 d_sae 200 [T=37]", Activation.JUMP_RELU, DType.F32, DType.F32, 64, 200, 0,
                new long[] {37, 64}, false, false));
        list.add(new Case("jumprelu d_in 80 strided [B=2,T=9]", Activation.JUMP_RELU, DType.F32, DType.F32, 80, 97, 0,
                new long[] {2, 9, 80}, true, false));
        list.add(new Case("relu d_in 3 d_sae 5 centred", Activation.RELU, DType.F32, DType.F32, 3, 5, 0,
                new long[] {11, 3}, false, true));
        list.add(new Case("relu d_in 1 d_sae 1", Activation.RELU, DType.F32, DType.F32, 1, 1, 0,
                new long[] {4, 1}, false, false));
        list.add(new Case("topk k=7 d_in 128 d_sae 300", Activation.TOPK, DType.F32, DType.F32, 128, 300, 7,
                new long[] {2, 13, 128}, false, false));
        list.add(new Case("topk k=d_sae", Activation.TOPK, DType.F32, DType.F32, 16, 9, 9,
                new long[] {5, 16}, false, false));
        list.add(new Case("jumprelu bf16 weights f16 input", Activation.JUMP_RELU, DType.BF16, DType.F16, 130, 129, 0,
                new long[] {300, 130}, false, true));
        list.add(new Case("jumprelu f16 weights, 2 row blocks", Activation.JUMP_RELU, DType.F16, DType.F32, 72, 140, 0,
                new long[] {520, 72}, true, false));
        list.add(new Case("empty input", Activation.JUMP_RELU, DType.F32, DType.F32, 8, 16, 0,
                new long[] {0, 8}, false, false));
        return list;
    }

    static Stream<Object[]> matrix() {
        return backends().flatMap(b -> cases().stream().map(c -> new Object[] {b, c}));
    }

    private static SparseAutoencoder sae(Arena arena, Case c) {
        return SaeFixtures.sae(arena, c.activation, c.weights, c.dIn, c.dSae, c.k, 11).withInputCentering(c.center);
    }

    private static long[] withLast(long[] shape, long last) {
        long[] s = shape.clone();
        s[s.length - 1] = last;
        return s;
    }

    private static long[] leading(long[] shape) {
        return java.util.Arrays.copyOf(shape, shape.length - 1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void encodeMatchesTheReference(Backend backend, Case c) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = sae(arena, c);
            Tensor x = SaeFixtures.input(arena, c.input, 5, c.strided, c.xShape);
            Tensor f = Tensor.allocate(arena, DType.F32, withLast(c.xShape, c.dSae));
            Tensor fRef = Tensor.allocate(arena, DType.F32, withLast(c.xShape, c.dSae));
            backend.sae().encode(sae, x, f);
            Backend.reference().sae().encode(sae, x, fRef);
            float diff = SaeFixtures.maxAbsDiff(f, fRef);
            assertTrue(diff <= TOLERANCE, c + ": max |f - ref| " + diff);
            if (c.activation == Activation.TOPK) {
                float[] all = f.toFloatArray();
                for (int t = 0; t < all.length / c.dSae; t++) {
                    int nonzero = 0;
                    for (int j = 0; j < c.dSae; j++) {
                        nonzero += all[t * c.dSae + j] != 0 ? 1 : 0;
                    }
                    assertTrue(nonzero <= c.k, "token " + t + " keeps " + nonzero + " > k " + c.k);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void sparseEncodeMatchesTheReference(Backend backend, Case c) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = sae(arena, c);
            Tensor x = SaeFixtures.input(arena, c.input, 6, c.strided, c.xShape);
            Tensor denseRef = Tensor.allocate(arena, DType.F32, withLast(c.xShape, c.dSae));
            Backend.reference().sae().encode(sae, x, denseRef);
            for (int capacity : new int[] {1, 4, c.dSae}) {
                SparseFeatures out = new SparseFeatures(Tensor.allocate(arena, DType.I32, withLast(c.xShape, capacity)),
                        Tensor.allocate(arena, DType.F32, withLast(c.xShape, capacity)),
                        Tensor.allocate(arena, DType.I32, leading(c.xShape)));
                SparseFeatures ref = new SparseFeatures(Tensor.allocate(arena, DType.I32, withLast(c.xShape, capacity)),
                        Tensor.allocate(arena, DType.F32, withLast(c.xShape, capacity)),
                        Tensor.allocate(arena, DType.I32, leading(c.xShape)));
                backend.sae().encodeSparse(sae, x, out);
                Backend.reference().sae().encodeSparse(sae, x, ref);
                SaeFixtures.assertSparseMatches(out, ref, denseRef, TOLERANCE, c + " capacity " + capacity);
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void decodeMatchesTheReference(Backend backend, Case c) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = sae(arena, c);
            Tensor x = SaeFixtures.input(arena, c.input, 7, c.strided, c.xShape);
            Tensor f = Tensor.allocate(arena, DType.F32, withLast(c.xShape, c.dSae));
            Backend.reference().sae().encode(sae, x, f);
            Tensor xHat = Tensor.allocate(arena, DType.F32, c.xShape);
            Tensor xHatRef = Tensor.allocate(arena, DType.F32, c.xShape);
            backend.sae().decode(sae, f, xHat);
            Backend.reference().sae().decode(sae, f, xHatRef);
            assertTrue(SaeFixtures.maxAbsDiff(xHat, xHatRef) <= TOLERANCE, c.toString());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void steeringMatchesTheReference(Backend backend, Case c) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = sae(arena, c);
            Tensor x = SaeFixtures.input(arena, c.input, 8, c.strided, c.xShape);
            Tensor mask = Tensor.allocate(arena, DType.I32, leading(c.xShape));
            for (long i = 0; i < mask.numel(); i++) {
                mask.segment().setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, i, (int) (i % 3 == 1 ? 0 : 1));
            }
            List<Steering> steerings = new ArrayList<>();
            steerings.add(Steering.add(c.dSae - 1, 2.5f));
            if (c.activation != Activation.TOPK) {
                steerings.add(Steering.clamp(0, 3f));
                if (c.dSae > 2) {
                    steerings.add(Steering.of(new Steering.Edit(1, Steering.Mode.CLAMP, 0f),
                            new Steering.Edit(2, Steering.Mode.ADD, -1.5f), new Steering.Edit(0, Steering.Mode.CLAMP, 4f)));
                }
            }
            for (Steering s : steerings) {
                for (Tensor m : new Tensor[] {null, mask}) {
                    Tensor out = Tensor.allocate(arena, c.input, c.xShape);
                    Tensor ref = Tensor.allocate(arena, c.input, c.xShape);
                    backend.sae().steer(sae, x, m, s, out);
                    Backend.reference().sae().steer(sae, x, m, s, ref);
                    float tol = c.input == DType.F32 ? TOLERANCE : 0.02f;
                    assertTrue(SaeFixtures.maxAbsDiff(out, ref) <= tol, c + " " + s + " mask " + (m != null));
                    // prepared once, the same result
                    Tensor prepared = Tensor.allocate(arena, c.input, c.xShape);
                    backend.sae().steer(PreparedSteering.of(sae, s), x, m, prepared);
                    // the same arithmetic, but FloatVector.reduceLanes(ADD) may sum lanes in another order once C2
                    // compiles a path (its order is unspecified), so equal up to one rounding of the storage type
                    float sameTol = c.input == DType.F32 ? 1e-5f : 2e-3f;
                    assertTrue(SaeFixtures.maxAbsDiff(prepared, out) <= sameTol, c + " prepared vs per call");
                    // in place gives the same result
                    Tensor inPlace = Tensor.allocate(arena, c.input, c.xShape);
                    x.copyTo(inPlace);
                    backend.sae().steer(sae, inPlace, m, s, inPlace);
                    assertTrue(SaeFixtures.maxAbsDiff(inPlace, out) <= sameTol, c + " in place vs out of place");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void statisticsMatchTheReference(Backend backend, Case c) {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = sae(arena, c);
            Tensor x = SaeFixtures.input(arena, c.input, 9, c.strided, c.xShape);
            Tensor mask = Tensor.allocate(arena, DType.F32, leading(c.xShape));
            for (long i = 0; i < mask.numel(); i++) {
                mask.writeFloat(i, i % 4 == 0 ? 0f : 1f);
            }
            FeatureStatistics stats = new FeatureStatistics(c.dSae);
            FeatureStatistics ref = new FeatureStatistics(c.dSae);
            backend.sae().accumulate(sae, x, mask, stats);
            backend.sae().accumulate(sae, x, null, stats);
            Backend.reference().sae().accumulate(sae, x, mask, ref);
            Backend.reference().sae().accumulate(sae, x, null, ref);
            assertEquals(ref.tokens(), stats.tokens());
            for (int j = 0; j < c.dSae && ref.tokens() > 0; j++) {
                assertEquals(ref.mean(j), stats.mean(j), TOLERANCE, c + " mean of feature " + j);
                assertEquals(ref.activeFraction(j), stats.activeFraction(j), 1e-12, c + " active fraction " + j);
            }
        }
    }

    /** Weights that are views with padded rows (a slice of a wider matrix) work on every path. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void stridedWeightViewsMatchTheReference(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(17);
            int dIn = 45;
            int dSae = 70;
            Tensor wEnc = SaeFixtures.random(arena, DType.F32, r, 0.15, dIn, dSae + 5).slice(1, 2, dSae + 2);
            Tensor wDec = SaeFixtures.random(arena, DType.BF16, r, 0.15, dSae, dIn + 3).slice(1, 0, dIn);
            Tensor bEnc = SaeFixtures.random(arena, DType.F32, r, 0.1, 2 * dSae).slice(0, 0, dSae);
            Tensor theta = SaeFixtures.random(arena, DType.F16, r, 0.1, dSae);
            Tensor bDec = SaeFixtures.random(arena, DType.F32, r, 0.1, dIn);
            SparseAutoencoder sae = SparseAutoencoder.jumpRelu(wEnc, bEnc, theta, wDec, bDec).withInputCentering(true);
            Tensor x = SaeFixtures.input(arena, DType.F32, 18, true, 3, 11, dIn);
            Tensor f = Tensor.allocate(arena, DType.F32, 3, 11, dSae);
            Tensor fRef = Tensor.allocate(arena, DType.F32, 3, 11, dSae);
            backend.sae().encode(sae, x, f);
            Backend.reference().sae().encode(sae, x, fRef);
            assertTrue(SaeFixtures.maxAbsDiff(f, fRef) <= TOLERANCE, "encode: " + SaeFixtures.maxAbsDiff(f, fRef));
            Steering s = Steering.of(new Steering.Edit(69, Steering.Mode.CLAMP, 1.5f),
                    new Steering.Edit(4, Steering.Mode.ADD, 0.5f));
            Tensor out = Tensor.allocate(arena, DType.F32, 3, 11, dIn);
            Tensor ref = Tensor.allocate(arena, DType.F32, 3, 11, dIn);
            backend.sae().steer(sae, x, null, s, out);
            Backend.reference().sae().steer(sae, x, null, s, ref);
            assertTrue(SaeFixtures.maxAbsDiff(out, ref) <= TOLERANCE, "steer: " + SaeFixtures.maxAbsDiff(out, ref));
            Tensor xHat = Tensor.allocate(arena, DType.F32, 3, 11, dIn);
            Tensor xHatRef = Tensor.allocate(arena, DType.F32, 3, 11, dIn);
            backend.sae().decode(sae, fRef, xHat);
            Backend.reference().sae().decode(sae, fRef, xHatRef);
            assertTrue(SaeFixtures.maxAbsDiff(xHat, xHatRef) <= TOLERANCE, "decode");
        }
    }
}
