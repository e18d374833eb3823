package org.panattn.dit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/** The executor's methods and caches: WA-RS exactness, ASC, AST, FLOP counting and refusals. */
class DitExecutorTest {
    private static final int B = 2;
    private static final int H = 2;
    private static final int N = 150;
    private static final int D = 24;
    private static final DitSpec SPEC = DitSpec.window(20);

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu());
    }

    /** [B,H,N,D] with random values; with {@code equalHalves}, batch 1 repeats batch 0. */
    private static Tensor random(Arena arena, long seed, boolean equalHalves) {
        Tensor t = Tensor.allocate(arena, DType.F32, B, H, N, D);
        SplittableRandom r = new SplittableRandom(seed);
        long half = t.numel() / 2;
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, equalHalves && i >= half ? t.readFloat(i - half) : (float) r.nextGaussian());
        }
        return t;
    }

    private static Tensor[] qkv(Arena arena, long seed, boolean equalHalves) {
        return new Tensor[] {random(arena, seed, equalHalves), random(arena, seed + 1, equalHalves),
            random(arena, seed + 2, equalHalves)};
    }

    private static Tensor out(Arena arena) {
        return Tensor.allocate(arena, DType.F32, B, H, N, D);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void waRsReproducesTheFullOutputOfTheCachingStepExactly(Backend backend) {
        try (Arena arena = Arena.ofShared(); DitExecutor ex = new DitExecutor(backend, 2, SPEC, CfgOrder.COND_FIRST)) {
            Tensor[] x = qkv(arena, 1, false);
            Tensor full = out(arena);
            Tensor later = out(arena);
            ex.attend(0, 1, AttentionMethod.FULL, true, true, x[0], x[1], x[2], full);
            assertTrue(ex.cache(1).hasResidual());
            assertEquals(0, ex.cache(1).residualStep());
            ex.attend(1, 1, AttentionMethod.WA_RS, false, true, x[0], x[1], x[2], later);
            DitConformanceTest.assertBitEqual(full, later, backend.name() + " WA-RS at the caching step");
            Tensor dense = out(arena);
            Backend.reference().dense().attention(x[0], x[1], x[2], dense, SPEC.toDenseFull());
            DitConformanceTest.assertClose(dense, full, 2e-5, backend.name() + " full step vs reference");
            assertEquals(2L * 4 * B * H * N * D, ex.cacheBytes(), "residual + output of one layer");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void ascOnEqualHalvesEqualsFullAttention(Backend backend) {
        for (CfgOrder order : CfgOrder.values()) {
            try (Arena arena = Arena.ofShared(); DitExecutor ex = new DitExecutor(backend, 1, SPEC, order)) {
                Tensor[] x = qkv(arena, 7, true);
                Tensor full = out(arena);
                Tensor shared = out(arena);
                ex.attend(0, 0, AttentionMethod.FULL, true, true, x[0], x[1], x[2], full);
                ex.attend(1, 0, AttentionMethod.ASC, false, true, x[0], x[1], x[2], shared);
                DitConformanceTest.assertClose(full, shared, 1e-6, backend.name() + " ASC " + order);
                Tensor window = out(arena);
                Tensor windowShared = out(arena);
                ex.attend(2, 0, AttentionMethod.WA_RS, false, true, x[0], x[1], x[2], window);
                ex.attend(3, 0, AttentionMethod.WA_RS_ASC, false, true, x[0], x[1], x[2], windowShared);
                DitConformanceTest.assertBitEqual(window, windowShared, backend.name() + " WA-RS+ASC " + order);
                DitConformanceTest.assertBitEqual(full, window, backend.name() + " WA-RS at the caching step");
            }
        }
    }

    @Test
    void ascComputesOnlyTheConditionalHalf() {
        try (Arena arena = Arena.ofShared();
             DitExecutor ex = new DitExecutor(Backend.cpu(), 1, SPEC, CfgOrder.UNCOND_FIRST)) {
            Tensor[] x = qkv(arena, 3, false);
            // poison the unconditional half (batch 0 here): ASC must never read it
            Tensor poisoned = x[0].select(0, 0);
            for (long i = 0; i < poisoned.numel(); i++) {
                poisoned.writeFloat(i, Float.NaN);
            }
            Tensor o = out(arena);
            ex.attend(0, 0, AttentionMethod.ASC, true, true, x[0], x[1], x[2], o);
            float[] values = o.toFloatArray();
            for (float f : values) {
                assertFalse(Float.isNaN(f), "an output read the unconditional half");
            }
            DitConformanceTest.assertBitEqual(o.select(0, 1).reshape(1, H, N, D).slice(0, 0, 1),
                    o.select(0, 0).reshape(1, H, N, D), "halves shared");
            assertEquals(0.5 * (1 + DitFlops.windowFraction(20, N)),
                    ex.attentionFlops() / ex.fullAttentionFlops(), 1e-12, "ASC full step caching the residual");
        }
    }

    @Test
    void astReturnsTheCachedOutputWithoutAttention() {
        try (Arena arena = Arena.ofShared(); DitExecutor ex = new DitExecutor(Backend.cpu(), 1, SPEC, null)) {
            Tensor[] x = qkv(arena, 5, false);
            Tensor first = out(arena);
            ex.attend(0, 0, AttentionMethod.FULL, false, true, x[0], x[1], x[2], first);
            double spent = ex.attentionFlops();
            assertEquals(ex.fullAttentionFlops(), spent, 0, "one full call");
            Tensor[] garbage = qkv(arena, 99, false);
            for (long i = 0; i < garbage[0].numel(); i++) {
                garbage[0].writeFloat(i, Float.NaN);
            }
            Tensor reused = out(arena);
            ex.attend(1, 0, AttentionMethod.AST, false, true, garbage[0], garbage[1], garbage[2], reused);
            DitConformanceTest.assertBitEqual(first, reused, "AST output");
            assertEquals(spent, ex.attentionFlops(), 0, "AST spends no attention FLOPs");
            assertEquals(0, ex.cache(0).outputStep(), "AST does not refresh the cached step");
        }
    }

    @Test
    void trialsLeaveTheCachesUntouched() {
        try (Arena arena = Arena.ofShared(); DitExecutor ex = new DitExecutor(Backend.cpu(), 1, SPEC, null)) {
            Tensor[] x = qkv(arena, 8, false);
            Tensor first = out(arena);
            ex.attend(0, 0, AttentionMethod.FULL, true, true, x[0], x[1], x[2], first);
            Tensor[] other = qkv(arena, 18, false);
            Tensor o = out(arena);
            ex.trial(1, new AttentionMethod[] {AttentionMethod.FULL}).attend(0, other[0], other[1], other[2], o);
            Tensor reused = out(arena);
            ex.attend(2, 0, AttentionMethod.AST, false, true, x[0], x[1], x[2], reused);
            DitConformanceTest.assertBitEqual(first, reused, "the trial changed the cached output");
            assertEquals(0, ex.cache(0).residualStep());
        }
    }

    @Test
    void refusesWhatCannotBeComputed() {
        try (Arena arena = Arena.ofShared(); DitExecutor ex = new DitExecutor(Backend.cpu(), 2, SPEC, CfgOrder.COND_FIRST);
             DitExecutor noCfg = new DitExecutor(Backend.cpu(), 2, SPEC, null)) {
            Tensor[] x = qkv(arena, 2, false);
            Tensor o = out(arena);
            Tensor odd = Tensor.allocate(arena, DType.F32, 3, H, N, D);
            Tensor oddOut = Tensor.allocate(arena, DType.F32, 3, H, N, D);
            assertMessage("q: expected an even batch (CFG: conditional + unconditional halves), got 3",
                    () -> ex.attend(0, 0, AttentionMethod.ASC, false, true, odd, odd.slice(0, 0, 3), odd, oddOut));
            assertMessage("method: asc shares the CFG halves, but this executor has no CFG batch",
                    () -> noCfg.attend(0, 0, AttentionMethod.ASC, false, true, x[0], x[1], x[2], o));
            assertMessage("method: wa-rs at step 1 needs layer 0's residual of an earlier full step, got none",
                    () -> ex.attend(1, 0, AttentionMethod.WA_RS, false, true, x[0], x[1], x[2], o));
            assertMessage("method: ast at step 1 needs layer 1's output of an earlier computed step, got none",
                    () -> ex.attend(1, 1, AttentionMethod.AST, false, true, x[0], x[1], x[2], o));
            assertMessage("step: expected >= 0, got -1",
                    () -> ex.attend(-1, 0, AttentionMethod.FULL, false, true, x[0], x[1], x[2], o));
            assertMessage("layer: expected in [0, 2), got 2",
                    () -> ex.attend(0, 2, AttentionMethod.FULL, false, true, x[0], x[1], x[2], o));
            assertMessage("plan: expected 2 layers, got 3", () -> ex.step(CompressionPlan.full(4, 3, 20), 0));
            assertMessage("step: expected in [0, 4), got 4", () -> ex.step(CompressionPlan.full(4, 2, 20), 4));
            ex.attend(0, 0, AttentionMethod.FULL, false, true, x[0], x[1], x[2], o);
            Tensor smaller = Tensor.allocate(arena, DType.F32, B, H, N - 1, D);
            assertMessage("out: expected shape [2, 2, 150, 24] (layer 0's cached shape), got [2, 2, 149, 24]",
                    () -> ex.attend(1, 0, AttentionMethod.FULL, false, true, smaller, smaller, smaller,
                            Tensor.allocate(arena, DType.F32, B, H, N - 1, D)));
            assertMessage("layers: expected >= 1, got 0", () -> new DitExecutor(Backend.cpu(), 0, SPEC, null));
        }
    }

    static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "expected '" + prefix + "', got '" + e.getMessage() + "'");
    }
}
