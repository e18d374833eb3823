package org.panattn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.dense.DenseSpec;

/** Every validation path of dense attention: the call throws, names the argument, and leaves out untouched. */
class DenseValidationTest {

    static Stream<Backend> hostBackends() {
        return Stream.of(Backend.reference(), Backend.cpu());
    }

    private static Tensor f32(long... shape) {
        return Tensor.allocate(Arena.ofAuto(), DType.F32, shape);
    }

    private static void expect(Backend b, String fragment, Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse,
                               DenseSpec spec) {
        if (out != null && out.device().isCpu() && out.segment().scope().isAlive() && !out.segment().isReadOnly()) {
            out.segment().fill((byte) 0x7f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.dense().attention(q, k, v, out, lse, spec), b.name() + ": expected a rejection");
        assertTrue(e.getMessage().contains(fragment), b.name() + ": message '" + e.getMessage()
                + "' should contain '" + fragment + "'");
        if (out != null && out.device().isCpu() && out.segment().scope().isAlive() && !out.segment().isReadOnly()) {
            assertEquals(-1L, out.segment().mismatch(MemorySegment.ofArray(new byte[(int) out.segment().byteSize()])
                    .fill((byte) 0x7f)), b.name() + ": out must be untouched by a rejected call");
        }
    }

    @ParameterizedTest
    @MethodSource("hostBackends")
    void shapesAndHeads(Backend b) {
        DenseSpec s = DenseSpec.defaults();
        expect(b, "q: expected rank 4", f32(2, 3, 4), f32(1, 1, 3, 4), f32(1, 1, 3, 4), f32(1, 1, 3, 4), null, s);
        expect(b, "k: expected shape [1, 2, 5, 8], got [1, 2, 5, 7]", f32(1, 2, 3, 8), f32(1, 2, 5, 7),
                f32(1, 2, 5, 8), f32(1, 2, 3, 8), null, s);
        expect(b, "v: expected shape [1, 2, 5, 4], got [1, 2, 6, 4]", f32(1, 2, 3, 8), f32(1, 2, 5, 8),
                f32(1, 2, 6, 4), f32(1, 2, 3, 4), null, s);
        expect(b, "multiple of k/v heads", f32(1, 3, 3, 8), f32(1, 2, 5, 8), f32(1, 2, 5, 8), f32(1, 3, 3, 8),
                null, s);
        expect(b, "out: expected shape [1, 4, 3, 6], got [1, 4, 3, 8]", f32(1, 4, 3, 8), f32(1, 2, 5, 8),
                f32(1, 2, 5, 6), f32(1, 4, 3, 8), null, s);
        expect(b, "lse: expected shape [1, 4, 3], got [1, 4, 4]", f32(1, 4, 3, 8), f32(1, 2, 5, 8),
                f32(1, 2, 5, 8), f32(1, 4, 3, 8), f32(1, 4, 4), s);
        expect(b, "out: expected a tensor, got null", f32(1, 1, 3, 8), f32(1, 1, 5, 8), f32(1, 1, 5, 8), null,
                null, s);
        expect(b, "spec: expected a DenseSpec, got null", f32(1, 1, 3, 8), f32(1, 1, 5, 8), f32(1, 1, 5, 8),
                f32(1, 1, 3, 8), null, null);
    }

    @ParameterizedTest
    @MethodSource("hostBackends")
    void dtypesDevicesAndMemory(Backend b) {
        DenseSpec s = DenseSpec.defaults();
        Tensor ints = Tensor.allocate(Arena.ofAuto(), DType.I32, 1, 1, 3, 8);
        expect(b, "q: expected dtype F32, F16 or BF16, got I32", ints, f32(1, 1, 5, 8), f32(1, 1, 5, 8),
                f32(1, 1, 3, 8), null, s);
        Tensor halfOut = Tensor.allocate(Arena.ofAuto(), DType.F16, 1, 1, 3, 8);
        expect(b, "out: expected dtype F32, got F16", f32(1, 1, 3, 8), f32(1, 1, 5, 8), f32(1, 1, 5, 8), halfOut,
                null, s);
        Arena closed = Arena.ofConfined();
        Tensor dead = Tensor.allocate(closed, DType.F32, 1, 1, 5, 8);
        closed.close();
        expect(b, "k: expected a live segment", f32(1, 1, 3, 8), dead, f32(1, 1, 5, 8), f32(1, 1, 3, 8), null, s);
        Tensor readOnly = Tensor.wrap(MemorySegment.ofArray(new float[24]).asReadOnly(), DType.F32, 1, 1, 3, 8);
        expect(b, "out: expected a writable tensor", f32(1, 1, 3, 8), f32(1, 1, 5, 8), f32(1, 1, 5, 8), readOnly,
                null, s);
        Tensor q = f32(1, 1, 3, 8);
        expect(b, "out: expected memory disjoint from q", q, f32(1, 1, 5, 8), f32(1, 1, 5, 8), q, null, s);
        Tensor fakeCuda = Tensor.wrap(MemorySegment.ofArray(new float[40]), DType.F32, Device.cuda(0),
                new long[] {1, 1, 5, 8}, new long[] {40, 40, 8, 1}, 0);
        expect(b, "k: expected device cpu (that of q), got cuda:0", f32(1, 1, 3, 8), fakeCuda, f32(1, 1, 5, 8),
                f32(1, 1, 3, 8), null, s);
    }

    @Test
    void specRejectsBadScalars() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> DenseSpec.defaults().withScale(Float.NaN));
        assertTrue(nan.getMessage().contains("scale: expected a finite number, got NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseSpec.defaults().withScale(Float.POSITIVE_INFINITY));
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> DenseSpec.defaults().withWindow(-2, 0));
        assertTrue(w.getMessage().contains("windowLeft: expected >= 0 or -1 (unbounded), got -2"), w.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseSpec.defaults().withWindow(0, -5));
    }

    @Test
    void maskBoundsAreBottomRightAligned() {
        DenseSpec causal = DenseSpec.causalDefaults();
        // Nq=2, Nk=5: query 0 sits at position 3
        assertEquals(0, causal.firstKey(0, 2, 5));
        assertEquals(4, causal.endKey(0, 2, 5));
        assertEquals(5, causal.endKey(1, 2, 5));
        // Nq=5 > Nk=2: the first three queries see nothing
        assertEquals(0, causal.endKey(2, 5, 2));
        assertEquals(1, causal.endKey(3, 5, 2));
        DenseSpec band = DenseSpec.defaults().withWindow(2, 1);
        assertEquals(3, band.firstKey(5, 10, 10));
        assertEquals(7, band.endKey(5, 10, 10));
        List.of(0, 9).forEach(i -> assertTrue(band.endKey(i, 10, 10) > band.firstKey(i, 10, 10)));
    }
}
