package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.GroupAggregation;
import org.panattn.kvcache.KeyPooling;
import org.panattn.kvcache.SaliencyScore;
import org.panattn.kvcache.ScoreSpec;
import org.panattn.kvcache.WindowAttention;

/** The CUDA OBCache kernels against the reference on a device (skipped without one). */
@Tag("gpu")
class CudaKvCacheGpuTest {

    private static Backend cuda() {
        assumeTrue(Backend.cudaUnavailableReason() == null, () -> "skipped: " + Backend.cudaUnavailableReason());
        return Backend.cuda(0);
    }

    private static Tensor gaussian(Arena arena, SplittableRandom r, long... shape) {
        Tensor t = Tensor.allocate(arena, DType.F32, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) r.nextGaussian());
        }
        return t;
    }

    private static Tensor toDevice(Backend cuda, Arena arena, Tensor host) {
        Tensor d = cuda.allocate(arena, host.dtype(), host.shape());
        host.copyTo(d);
        return d;
    }

    private static Tensor toHost(Arena arena, Tensor device) {
        Tensor h = Tensor.allocate(arena, device.dtype(), device.shape());
        device.copyTo(h);
        return h;
    }

    @Test
    void scoresAgreeWithTheReference() {
        Backend cuda = cuda();
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(3);
            Tensor q = gaussian(arena, r, 2, 8, 40, 64);
            Tensor k = gaussian(arena, r, 2, 2, 333, 64);
            Tensor v = gaussian(arena, r, 2, 2, 333, 64);
            for (SaliencyScore s : SaliencyScore.values()) {
                for (GroupAggregation g : GroupAggregation.values()) {
                    ScoreSpec spec = ScoreSpec.of(s, 16).withCausal(true).withAggregation(g)
                            .withPooling(g == GroupAggregation.MAX ? KeyPooling.MAX7 : KeyPooling.NONE);
                    long heads = g == GroupAggregation.NONE ? 8 : 2;
                    Tensor want = Tensor.allocate(arena, DType.F32, 2, heads, 333);
                    Backend.reference().kvcache().scores(q, k, v, want, spec);
                    Tensor got = cuda.allocate(arena, DType.F32, 2, heads, 333);
                    cuda.kvcache().scores(toDevice(cuda, arena, q), toDevice(cuda, arena, k),
                            toDevice(cuda, arena, v), got, spec);
                    float[] w = want.toFloatArray();
                    float[] o = toHost(arena, got).toFloatArray();
                    double scale = 0;
                    for (float x : w) {
                        scale = Math.max(scale, Math.abs(x));
                    }
                    for (int i = 0; i < w.length; i++) {
                        assertTrue(Math.abs(w[i] - o[i]) <= 2e-4 * scale + 1e-4 * Math.abs(w[i]),
                                s + " " + g + " score " + i + ": expected " + w[i] + ", got " + o[i]);
                    }
                }
            }
        }
    }

    @Test
    void givenWindowAttentionSkipsTheDensePass() {
        Backend cuda = cuda();
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(5);
            Tensor q = gaussian(arena, r, 1, 4, 16, 128);
            Tensor k = gaussian(arena, r, 1, 4, 1000, 128);
            Tensor v = gaussian(arena, r, 1, 4, 1000, 128);
            Tensor out = Tensor.allocate(arena, DType.F32, 1, 4, 16, 128);
            Tensor lse = Tensor.allocate(arena, DType.F32, 1, 4, 16);
            Backend.cpu().dense().attention(q, k, v, out, lse, org.panattn.dense.DenseSpec.causalDefaults());
            ScoreSpec spec = ScoreSpec.of(SaliencyScore.JOINT, 16).withCausal(true);
            Tensor want = Tensor.allocate(arena, DType.F32, 1, 4, 1000);
            Backend.reference().kvcache().scores(q, k, v, new WindowAttention(out, lse), want, spec, false);
            Tensor got = cuda.allocate(arena, DType.F32, 1, 4, 1000);
            cuda.kvcache().scores(toDevice(cuda, arena, q), toDevice(cuda, arena, k), toDevice(cuda, arena, v),
                    new WindowAttention(toDevice(cuda, arena, out), toDevice(cuda, arena, lse)), got, spec, false);
            float[] w = want.toFloatArray();
            float[] o = toHost(arena, got).toFloatArray();
            double scale = 0;
            for (float x : w) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int i = 0; i < w.length; i++) {
                assertTrue(Math.abs(w[i] - o[i]) <= 2e-4 * scale + 1e-4 * Math.abs(w[i]),
                        "score " + i + ": expected " + w[i] + ", got " + o[i]);
            }
        }
    }

    @Test
    void evictionMatchesTheCpuBackend() {
        Backend cuda = cuda();
        try (Arena arena = Arena.ofShared()) {
            SplittableRandom r = new SplittableRandom(4);
            Tensor k = gaussian(arena, r, 2, 4, 5000, 128);
            Tensor v = gaussian(arena, r, 2, 4, 5000, 128);
            Tensor scores = gaussian(arena, r, 2, 4, 5000);
            EvictionSpec spec = new EvictionSpec(1000, 64, 4);
            Tensor kd = toDevice(cuda, arena, k);
            Tensor vd = toDevice(cuda, arena, v);
            Tensor sd = toDevice(cuda, arena, scores);
            Tensor keptD = cuda.allocate(arena, DType.I32, 2, 4, 1000);
            cuda.kvcache().evict(kd, vd, sd, keptD, spec);
            Tensor kept = Tensor.allocate(arena, DType.I32, 2, 4, 1000);
            Backend.cpu().kvcache().evict(k, v, scores, kept, spec);
            assertArrayEquals(kept.toFloatArray(), toHost(arena, keptD).toFloatArray(), "kept positions");
            assertArrayEquals(k.toFloatArray(), toHost(arena, kd).toFloatArray(), "compacted k");
            assertArrayEquals(v.toFloatArray(), toHost(arena, vd).toFloatArray(), "compacted v");
            assertArrayEquals(scores.toFloatArray(), toHost(arena, sd).toFloatArray(), "compacted scores");
        }
    }
}
