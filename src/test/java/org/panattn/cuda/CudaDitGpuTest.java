package org.panattn.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dit.AttentionMethod;
import org.panattn.dit.CfgOrder;
import org.panattn.dit.DitExecutor;
import org.panattn.dit.DitSpec;
import org.panattn.dit.ResidualOutputs;

/** The DiT kernels on a CUDA device against the reference, and their exactness; skipped without a device. */
@Tag("gpu")
class CudaDitGpuTest {
    private Backend cuda;

    @BeforeEach
    void device() {
        assumeTrue(Backend.cudaUnavailableReason() == null, () -> "skipped: " + Backend.cudaUnavailableReason());
        cuda = Backend.cuda(0);
    }

    private static Tensor random(Arena arena, DType dtype, long seed, long... shape) {
        Tensor t = Tensor.allocate(arena, dtype, shape);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) r.nextGaussian());
        }
        return t;
    }

    private Tensor onDevice(Arena arena, Tensor host) {
        Tensor d = cuda.allocate(arena, host.dtype(), host.shape());
        host.copyTo(d);
        return d;
    }

    private static Tensor onHost(Arena arena, Tensor device) {
        Tensor h = Tensor.allocate(arena, device.dtype(), device.shape());
        device.copyTo(h);
        return h;
    }

    @Test
    void windowAndFusedMatchTheReferenceAndAreExact() {
        int[][] shapes = {{2, 4, 2, 333, 72, 72, 41}, {1, 2, 2, 1000, 64, 64, 125}, {1, 1, 1, 77, 128, 96, 0},
            {1, 2, 1, 50, 16, 16, 200}};
        for (int[] s : shapes) {
            try (Arena arena = Arena.ofShared()) {
                Tensor q = random(arena, DType.F16, 1, s[0], s[1], s[3], s[4]);
                Tensor k = random(arena, DType.F16, 2, s[0], s[2], s[3], s[4]);
                Tensor v = random(arena, DType.F32, 3, s[0], s[2], s[3], s[5]);
                DitSpec spec = DitSpec.window(s[6]);
                Tensor[] dev = {onDevice(arena, q), onDevice(arena, k), onDevice(arena, v)};
                Tensor w = onHost(arena, cuda.dit().window(arena, dev[0], dev[1], dev[2], spec));
                ResidualOutputs fused = cuda.dit().fullWithResidual(arena, dev[0], dev[1], dev[2], spec);
                Tensor added = cuda.allocate(arena, DType.F32, fused.full().shape());
                cuda.dit().addResidual(fused.window(), fused.residual(), added);
                Tensor wRef = Backend.reference().dit().window(arena, q, k, v, spec);
                Tensor banded = cuda.allocate(arena, DType.F32, fused.full().shape());
                cuda.dense().attention(dev[0], dev[1], dev[2], banded, spec.toDenseWindow());
                Tensor full = onHost(arena, fused.full());
                Tensor fullRef = Tensor.allocate(arena, DType.F32, full.shape());
                Backend.reference().dense().attention(q, k, v, fullRef, spec.toDenseFull());
                String what = "cuda shape " + java.util.Arrays.toString(s);
                org.panattn.dit.DitConformanceTestAccess.assertClose(wRef, w, 2e-5, what + " window");
                org.panattn.dit.DitConformanceTestAccess.assertClose(onHost(arena, banded), w, 2e-5,
                        what + " window vs dense with a band mask");
                org.panattn.dit.DitConformanceTestAccess.assertClose(fullRef, full, 2e-5, what + " full");
                org.panattn.dit.DitConformanceTestAccess.assertBitEqual(w, onHost(arena, fused.window()),
                        what + " fused W");
                org.panattn.dit.DitConformanceTestAccess.assertBitEqual(full, onHost(arena, added), what + " W + R");
            }
        }
    }

    @Test
    void executorWaRsIsExactOnTheDevice() {
        try (Arena arena = Arena.ofShared(); DitExecutor ex = new DitExecutor(cuda, 1, DitSpec.window(30),
                CfgOrder.COND_FIRST)) {
            Tensor[] x = {onDevice(arena, random(arena, DType.F32, 4, 2, 2, 300, 64)),
                onDevice(arena, random(arena, DType.F32, 5, 2, 2, 300, 64)),
                onDevice(arena, random(arena, DType.F32, 6, 2, 2, 300, 64))};
            Tensor full = cuda.allocate(arena, DType.F32, 2, 2, 300, 64);
            Tensor later = cuda.allocate(arena, DType.F32, 2, 2, 300, 64);
            ex.attend(0, 0, AttentionMethod.FULL, true, true, x[0], x[1], x[2], full);
            ex.attend(1, 0, AttentionMethod.WA_RS_ASC, false, true, x[0], x[1], x[2], later);
            ex.attend(2, 0, AttentionMethod.WA_RS, false, true, x[0], x[1], x[2], later);
            org.panattn.dit.DitConformanceTestAccess.assertBitEqual(onHost(arena, full), onHost(arena, later),
                    "cuda WA-RS at the caching step");
        }
    }
}
