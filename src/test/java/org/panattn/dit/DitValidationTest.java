package org.panattn.dit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/** Every validation path of the DiT kernels: the message names the argument, the expected and the actual value. */
class DitValidationTest {

    private static void assertMessage(String prefix, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "expected a message starting with '" + prefix + "', got '"
                + e.getMessage() + "'");
    }

    @Test
    void specRejectsNegativeWindowAndNonFiniteScale() {
        assertMessage("window: expected >= 0, got -1", () -> DitSpec.window(-1));
        assertMessage("scale: expected a finite number, got NaN", () -> DitSpec.window(3).withScale(Float.NaN));
    }

    @Test
    void kernelsRejectBadTensors() {
        for (Backend backend : new Backend[] {Backend.cpu(), Backend.reference()}) {
            DitAttention dit = backend.dit();
            try (Arena arena = Arena.ofShared()) {
                Tensor q = Tensor.allocate(arena, DType.F32, 1, 2, 16, 8);
                Tensor k = Tensor.allocate(arena, DType.F32, 1, 2, 16, 8);
                Tensor v = Tensor.allocate(arena, DType.F32, 1, 2, 16, 8);
                Tensor out = Tensor.allocate(arena, DType.F32, 1, 2, 16, 8);
                Tensor r = Tensor.allocate(arena, DType.F32, 1, 2, 16, 8);
                Tensor shortK = Tensor.allocate(arena, DType.F32, 1, 2, 12, 8);
                DitSpec spec = DitSpec.window(2);
                assertMessage("spec: expected a DitSpec, got null", () -> dit.window(q, k, v, out, null));
                assertMessage("out: expected a tensor, got null", () -> dit.window(q, k, v, null, spec));
                assertMessage("q: expected a tensor, got null", () -> dit.window((Tensor) null, k, v, out, spec));
                assertMessage("k: expected N = 16 tokens (self-attention, as q), got 12",
                        () -> dit.window(q, shortK, Tensor.allocate(arena, DType.F32, 1, 2, 12, 8), out, spec));
                assertMessage("out: expected shape [1, 2, 16, 8]",
                        () -> dit.window(q, k, v, Tensor.allocate(arena, DType.F32, 1, 2, 15, 8), spec));
                assertMessage("out: expected dtype F32, got F16",
                        () -> dit.window(q, k, v, Tensor.allocate(arena, DType.F16, 1, 2, 16, 8), spec));
                assertMessage("out: expected memory disjoint from q", () -> dit.window(q, k, v, q, spec));
                assertMessage("outputs: expected ResidualOutputs, got null",
                        () -> dit.fullWithResidual(q, k, v, null, spec));
                assertMessage("residual: expected a tensor, got null", () -> ResidualOutputs.of(out, null));
                assertMessage("residual: expected memory disjoint from v",
                        () -> dit.fullWithResidual(q, k, v, ResidualOutputs.of(out, v), spec));
                assertMessage("full: expected memory disjoint from residual",
                        () -> dit.fullWithResidual(q, k, v, ResidualOutputs.of(out, out), spec));
                assertMessage("residual: expected shape [1, 2, 16, 8]",
                        () -> dit.fullWithResidual(q, k, v,
                                ResidualOutputs.of(out, Tensor.allocate(arena, DType.F32, 2, 2, 16, 8)), spec));
                assertMessage("residual: expected shape [1, 2, 16, 8] (that of window), got [1, 2, 16, 4]",
                        () -> dit.addResidual(out, Tensor.allocate(arena, DType.F32, 1, 2, 16, 4), r));
                assertMessage("out: expected memory disjoint from residual", () -> dit.addResidual(out, r, r));
                java.lang.foreign.MemorySegment both = arena.allocate(257L * Float.BYTES);
                Tensor first = Tensor.wrap(both.asSlice(0, 256L * Float.BYTES), DType.F32, 1, 2, 16, 8);
                Tensor shifted = Tensor.wrap(both.asSlice(Float.BYTES, 256L * Float.BYTES), DType.F32, 1, 2, 16, 8);
                assertMessage("out: expected memory disjoint from window", () -> dit.addResidual(first, r, shifted));
                assertMessage("window: expected dtype F32, got F16",
                        () -> dit.addResidual(Tensor.allocate(arena, DType.F16, 1, 2, 16, 8), r, out));
                Arena closed = Arena.ofShared();
                Tensor dead = Tensor.allocate(closed, DType.F32, 1, 2, 16, 8);
                closed.close();
                assertMessage("out: expected a live segment", () -> dit.window(q, k, v, dead, spec));
            }
        }
    }
}
