package org.panattn.kvcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKSpec;

/** The cache's K/V views feed the attention kernels directly, and grow/evict keep them consistent. */
class KvCacheViewsTest {

    private static Tensor gaussian(Arena arena, SplittableRandom r, long... shape) {
        Tensor t = Tensor.allocate(arena, DType.F32, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) r.nextGaussian());
        }
        return t;
    }

    @Test
    void denseAndTopKReadTheCacheWithoutCopies() {
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(7);
            Backend cpu = Backend.cpu();
            KvCache cache = KvCache.allocate(cpu, arena, DType.F32, 1, 2, 64, 16, 16);
            cache.append(gaussian(arena, r, 1, 2, 40, 16), gaussian(arena, r, 1, 2, 40, 16));
            Tensor q = gaussian(arena, r, 1, 4, 8, 16);
            cache.observe(q, ScoreSpec.of(SaliencyScore.JOINT, 8).withCausal(true), EvictionPolicy.H2O);
            cache.evict(new EvictionSpec(20, 8, 2), EvictionPolicy.H2O);
            assertEquals(20, cache.length());
            assertEquals(cache.keys().segment(), cache.keys().segment(), "a view, not a copy");
            Tensor kCopy = Tensor.allocate(arena, DType.F32, cache.keys().shape());
            Tensor vCopy = Tensor.allocate(arena, DType.F32, cache.values().shape());
            cache.keys().copyTo(kCopy);
            cache.values().copyTo(vCopy);
            Tensor viaView = Tensor.allocate(arena, DType.F32, 1, 4, 8, 16);
            Tensor viaCopy = Tensor.allocate(arena, DType.F32, 1, 4, 8, 16);
            cpu.dense().attention(q, cache.keys(), cache.values(), viaView, DenseSpec.causalDefaults());
            cpu.dense().attention(q, kCopy, vCopy, viaCopy, DenseSpec.causalDefaults());
            assertArrayEquals(viaCopy.toFloatArray(), viaView.toFloatArray());
            cpu.topk().attention(q, cache.keys(), cache.values(), TopKOutputs.of(viaView), TopKSpec.fixedK(5));
            cpu.topk().attention(q, kCopy, vCopy, TopKOutputs.of(viaCopy), TopKSpec.fixedK(5));
            assertArrayEquals(viaCopy.toFloatArray(), viaView.toFloatArray());
        }
    }

    @Test
    void reserveKeepsRowsScoresAndPositions() {
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(8);
            KvCache cache = KvCache.allocate(Backend.cpu(), arena, DType.F16, 2, 1, 8, 4, 4);
            cache.append(gaussian(arena, r, 2, 1, 8, 4), gaussian(arena, r, 2, 1, 8, 4));
            cache.observe(gaussian(arena, r, 2, 1, 2, 4), ScoreSpec.of(SaliencyScore.VALUE, 2), EvictionPolicy.H2O);
            cache.evict(EvictionSpec.of(5, 1), EvictionPolicy.H2O);
            float[] k = cache.keys().toFloatArray();
            float[] s = cache.scores().toFloatArray();
            long[] pos = new long[5];
            for (int t = 0; t < 5; t++) {
                pos[t] = cache.position(1, 0, t);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> cache.append(gaussian(arena, r, 2, 1, 4, 4), gaussian(arena, r, 2, 1, 4, 4)));
            assertEquals(5, cache.length(), "a refused append appends nothing");
            cache.reserve(32);
            assertEquals(32, cache.capacity());
            assertArrayEquals(k, cache.keys().toFloatArray());
            assertArrayEquals(s, cache.scores().toFloatArray());
            for (int t = 0; t < 5; t++) {
                assertEquals(pos[t], cache.position(1, 0, t));
            }
            cache.append(gaussian(arena, r, 2, 1, 4, 4), gaussian(arena, r, 2, 1, 4, 4));
            assertEquals(9, cache.length());
            assertEquals(8, cache.position(0, 0, 5), "appended tokens continue the numbering");
        }
    }
}
