package org.panattn.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * Every host backend's window attention against the double-precision reference and against its own dense
 * attention with a (w, w) band mask; the fused full + window + residual pass against the reference, and its
 * exactness: the same W as {@code window}, and W + R = O bit for bit.
 */
class DitConformanceTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu());
    }

    /** One shape; {@code flash} builds q/k/v as [B,N,H,D] arrays viewed as [B,H,N,D] (strided). */
    record Case(String label, int b, int hq, int hkv, int n, int d, int dv, int window, DType dtype, boolean flash) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("w = 0 (diagonal only)", 1, 2, 2, 70, 16, 16, 0, DType.F32, false),
                new Case("w >= N (full attention)", 1, 2, 1, 50, 8, 8, 100, DType.F32, false),
                new Case("w = N - 1", 1, 1, 1, 65, 8, 8, 64, DType.F32, false),
                new Case("odd N, tails, D=3 Dv=5", 2, 3, 3, 203, 3, 5, 17, DType.F32, false),
                new Case("D=72, w = N/8", 1, 2, 2, 300, 72, 72, 37, DType.F32, false),
                new Case("GQA 4:2, float16", 1, 4, 2, 129, 64, 64, 40, DType.F16, false),
                new Case("bfloat16, D=80", 1, 2, 2, 97, 80, 80, 9, DType.BF16, false),
                new Case("flash layout view", 2, 2, 2, 150, 64, 64, 20, DType.F32, true),
                new Case("N = 1", 1, 2, 2, 1, 8, 8, 3, DType.F32, false),
                new Case("D = 1, band of one block edge", 1, 1, 1, 130, 1, 1, 63, DType.F32, false),
                new Case("wide band, several row sets", 1, 1, 1, 333, 16, 16, 150, DType.F32, false));
    }

    static Stream<Object[]> matrix() {
        return backends().flatMap(b -> cases().stream().map(c -> new Object[] {b, c}));
    }

    static Tensor[] inputs(Arena arena, Case c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor q = make(arena, c, c.hq, c.d);
        Tensor k = make(arena, c, c.hkv, c.d);
        Tensor v = make(arena, c, c.hkv, c.dv);
        for (Tensor t : new Tensor[] {q, k, v}) {
            long[] s = t.shape();
            for (long b = 0; b < s[0]; b++) {
                for (long h = 0; h < s[1]; h++) {
                    for (long i = 0; i < s[2]; i++) {
                        for (long x = 0; x < s[3]; x++) {
                            t.setFloat((float) (r.nextGaussian() * 1.5), b, h, i, x);
                        }
                    }
                }
            }
        }
        return new Tensor[] {q, k, v};
    }

    private static Tensor make(Arena arena, Case c, int heads, int width) {
        if (c.flash) {
            return Tensor.allocate(arena, c.dtype, c.b, c.n, heads, width).transpose(1, 2);
        }
        return Tensor.allocate(arena, c.dtype, c.b, heads, c.n, width);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void windowMatchesReferenceAndBandedDense(Backend backend, Case c) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 11);
            DitSpec spec = DitSpec.window(c.window);
            Tensor out = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.n, c.dv);
            Tensor expected = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.n, c.dv);
            Tensor banded = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.n, c.dv);
            backend.dit().window(qkv[0], qkv[1], qkv[2], out, spec);
            Backend.reference().dit().window(qkv[0], qkv[1], qkv[2], expected, spec);
            backend.dense().attention(qkv[0], qkv[1], qkv[2], banded, spec.toDenseWindow());
            assertClose(expected, out, 2e-5, backend.name() + " window vs ref, " + c);
            assertClose(banded, out, 2e-5, backend.name() + " window vs dense band mask, " + c);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void fusedResidualIsExact(Backend backend, Case c) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 12);
            DitSpec spec = DitSpec.window(c.window);
            ResidualOutputs outs = backend.dit().fullWithResidual(arena, qkv[0], qkv[1], qkv[2], spec);
            Tensor fullRef = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.n, c.dv);
            Backend.reference().dense().attention(qkv[0], qkv[1], qkv[2], fullRef, spec.toDenseFull());
            assertClose(fullRef, outs.full(), 2e-5, backend.name() + " full vs ref, " + c);

            // the fused pass's W is the window kernel's W, bit for bit
            Tensor window = backend.dit().window(arena, qkv[0], qkv[1], qkv[2], spec);
            assertBitEqual(window, outs.window(), backend.name() + " fused W vs window(), " + c);

            // a later WA-RS step on the same inputs reproduces O exactly, on this backend and on any other
            Tensor sum = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.n, c.dv);
            backend.dit().addResidual(window, outs.residual(), sum);
            assertBitEqual(outs.full(), sum, backend.name() + " W + R vs O, " + c);
            Tensor sumRef = Tensor.allocate(arena, DType.F32, c.b, c.hq, c.n, c.dv);
            Backend.reference().dit().addResidual(window, outs.residual(), sumRef);
            assertBitEqual(outs.full(), sumRef, "ref W + R vs " + backend.name() + " O, " + c);
            backend.dit().addResidual(window, outs.residual(), window);
            assertBitEqual(outs.full(), window, backend.name() + " in-place W += R, " + c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void confinedArenaRunsOnTheCallerThread(Backend backend) {
        Case c = new Case("confined", 1, 4, 4, 257, 32, 32, 30, DType.F32, false);
        try (Arena arena = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 3);
            Tensor[] copy = inputs(shared, c, 3);
            Tensor out = Tensor.allocate(arena, DType.F32, 1, 4, 257, 32);
            Tensor expected = Tensor.allocate(shared, DType.F32, 1, 4, 257, 32);
            backend.dit().window(qkv[0], qkv[1], qkv[2], out, DitSpec.window(30));
            backend.dit().window(copy[0], copy[1], copy[2], expected, DitSpec.window(30));
            assertBitEqual(expected, out, backend.name() + " confined vs shared");
        }
    }

    @Test
    void nanInsideTheBandPropagatesOnlyToRowsThatSeeIt() {
        Case c = new Case("nan", 1, 1, 1, 200, 8, 8, 5, DType.F32, false);
        try (Arena arena = Arena.ofShared()) {
            Tensor[] qkv = inputs(arena, c, 5);
            qkv[1].setFloat(Float.NaN, 0, 0, 100, 3);
            Tensor out = Backend.cpu().dit().window(arena, qkv[0], qkv[1], qkv[2], DitSpec.window(5));
            for (int i = 0; i < 200; i++) {
                boolean sees = Math.abs(i - 100) <= 5;
                assertEquals(sees, Float.isNaN(out.getFloat(0, 0, i, 0)), "row " + i);
            }
        }
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs((double) e[i] - a[i]);
            if (!(diff <= tol * Math.max(1, Math.abs(e[i])))) {
                throw new AssertionError(what + ": element " + i + " expected " + e[i] + ", got " + a[i]);
            }
        }
    }

    static void assertBitEqual(Tensor expected, Tensor actual, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertTrue(Float.floatToRawIntBits(e[i]) == Float.floatToRawIntBits(a[i]),
                    what + ": element " + i + " expected " + e[i] + ", got " + a[i]);
        }
    }
}
