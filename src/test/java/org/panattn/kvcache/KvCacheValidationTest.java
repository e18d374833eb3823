package org.panattn.kvcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/** Every validation path of the kv-cache family, with its message; a refused call leaves its outputs untouched. */
class KvCacheValidationTest {

    static Stream<Backend> backends() {
        return Backend.available().stream().filter(b -> b.device().isCpu());
    }

    private static Tensor filled(Arena arena, DType dtype, float value, long... shape) {
        Tensor t = Tensor.allocate(arena, dtype, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, value + i);
        }
        return t;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void scoreArgumentsAreChecked(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            Tensor q = filled(arena, DType.F32, 0.01f, 1, 4, 5, 8);
            Tensor k = filled(arena, DType.F32, 0.02f, 1, 2, 9, 8);
            Tensor v = filled(arena, DType.F32, 0.03f, 1, 2, 9, 8);
            Tensor scores = filled(arena, DType.F32, 7f, 1, 2, 9);
            float[] before = scores.toFloatArray();
            KvCacheOps ops = backend.kvcache();
            ScoreSpec spec = ScoreSpec.of(SaliencyScore.JOINT, 2);
            expect("window: expected <= Nq = 5 (the queries of q), got 6",
                    () -> ops.scores(q, k, v, scores, spec.withWindow(6)));
            expect("scores: expected shape [1, 4, 9] [B,Hq,L] (aggregation none), got [1, 2, 9]",
                    () -> ops.scores(q, k, v, scores, spec.withAggregation(GroupAggregation.NONE)));
            expect("q: heads must be a multiple of k/v heads (grouped-query attention): expected a multiple of 3,"
                    + " got 4", () -> ops.scores(q, filled(arena, DType.F32, 0, 1, 3, 9, 8),
                    filled(arena, DType.F32, 0, 1, 3, 9, 8), filled(arena, DType.F32, 0, 1, 3, 9), spec));
            expect("scores: expected dtype F32, got F16",
                    () -> ops.scores(q, k, v, filled(arena, DType.F16, 0, 1, 2, 9), spec));
            expect("scores: expected a tensor, got null", () -> ops.scores(q, k, v, null, spec));
            expect("spec: expected a ScoreSpec, got null", () -> ops.scores(q, k, v, scores, null));
            expect("v: expected shape [1, 2, 9, 8], got [1, 2, 8, 8]",
                    () -> ops.scores(q, k, filled(arena, DType.F32, 0, 1, 2, 8, 8), scores, spec));
            Tensor aliased = Tensor.wrap(k.segment(), DType.F32, 1, 2, 9);
            expect("scores: expected memory disjoint from k, got overlapping ranges",
                    () -> ops.scores(q, k, v, aliased, spec));
            assertArrayEquals(before, scores.toFloatArray(), "scores untouched by refused calls");
        }
        expect("window: expected >= 1 query, got 0", () -> ScoreSpec.of(SaliencyScore.VALUE, 0));
        expect("scale: expected a finite number, got NaN",
                () -> ScoreSpec.of(SaliencyScore.VALUE, 1).withScale(Float.NaN));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void evictionArgumentsAreCheckedAndTheCacheIsUntouched(Backend backend) {
        try (Arena arena = Arena.ofConfined()) {
            Tensor k = filled(arena, DType.F32, 0.5f, 1, 2, 10, 4);
            Tensor v = filled(arena, DType.F32, 0.25f, 1, 2, 10, 3);
            Tensor scores = filled(arena, DType.F32, 1f, 1, 2, 10);
            float[] k0 = k.toFloatArray();
            float[] v0 = v.toFloatArray();
            float[] s0 = scores.toFloatArray();
            KvCacheOps ops = backend.kvcache();
            expect("budget: expected <= L = 10 (the cached tokens), got 11", () -> ops.evict(k, v, scores,
                    Tensor.allocate(arena, DType.I32, 1, 2, 11), EvictionSpec.of(11, 2)));
            expect("scores: expected shape [1, 2, 10] (one score per cached token and KV head; per-query-head scores"
                    + " need k/v with as many heads), got [1, 4, 10]", () -> ops.evict(k, v,
                    filled(arena, DType.F32, 0, 1, 4, 10), Tensor.allocate(arena, DType.I32, 1, 2, 5),
                    EvictionSpec.of(5, 1)));
            expect("kept: expected shape [1, 2, 5], got [1, 2, 4]", () -> ops.evict(k, v, scores,
                    Tensor.allocate(arena, DType.I32, 1, 2, 4), EvictionSpec.of(5, 1)));
            expect("kept: expected dtype I32, got F32", () -> ops.evict(k, v, scores,
                    Tensor.allocate(arena, DType.F32, 1, 2, 5), EvictionSpec.of(5, 1)));
            expect("v: expected shape [1, 2, 10, Dv] (that of k), got [1, 2, 9, 3]", () -> ops.evict(k,
                    filled(arena, DType.F32, 0, 1, 2, 9, 3), scores, Tensor.allocate(arena, DType.I32, 1, 2, 5),
                    EvictionSpec.of(5, 1)));
            expect("v: expected memory disjoint from k, got overlapping ranges", () -> ops.evict(k,
                    k.slice(3, 0, 3), scores, Tensor.allocate(arena, DType.I32, 1, 2, 5), EvictionSpec.of(5, 1)));
            assertArrayEquals(k0, k.toFloatArray(), "k untouched");
            assertArrayEquals(v0, v.toFloatArray(), "v untouched");
            assertArrayEquals(s0, scores.toFloatArray(), "scores untouched");
        }
    }

    @Test
    void specsAreChecked() {
        expect("budget: expected >= sink + recent = 7 (sink 4, recent 3), got 6", () -> new EvictionSpec(6, 3, 4));
        expect("recent: expected >= 0, got -1", () -> new EvictionSpec(6, -1, 0));
        expect("recent: expected 0 with policy tova (TOVA keeps no recent window; its budget goes to the scored "
                + "tokens), got 2", () -> EvictionPolicy.TOVA.check(EvictionSpec.of(5, 2)));
        expect("--score: expected value, key, joint or accumulated, got vnorm",
                () -> SaliencyScore.parse("vnorm", "--score"));
        assertEquals(1, EvictionPolicy.TOVA.scoreSpec(ScoreSpec.of(SaliencyScore.KEY, 8)).window());
        assertEquals(KeyPooling.MAX7, EvictionPolicy.SNAPKV.scoreSpec(ScoreSpec.of(SaliencyScore.KEY, 8)).pooling());
    }

    static void expect(String message, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(message, e.getMessage());
    }
}
