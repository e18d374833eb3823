package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.Steering;

/** The CUDA SAE kernels against the reference, on a real device (skipped without one). */
@Tag("gpu")
class CudaSaeGpuTest {

    @BeforeEach
    void requireDevice() {
        assumeTrue(Backend.cudaUnavailableReason() == null, () -> "skipped: " + Backend.cudaUnavailableReason());
    }

    private static Tensor random(Arena arena, DType dtype, SplittableRandom r, double scale, long... shape) {
        Tensor t = Tensor.allocate(arena, dtype, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) (r.nextGaussian() * scale));
        }
        return t;
    }

    private static Tensor onDevice(Backend cuda, Arena arena, Tensor host) {
        Tensor d = cuda.allocate(arena, host.dtype(), host.shape());
        host.copyTo(d);
        return d;
    }

    private static Tensor onHost(Arena arena, Tensor device) {
        Tensor h = Tensor.allocate(arena, device.dtype(), device.shape());
        device.copyTo(h);
        return h;
    }

    private static float maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        float m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void encodeDecodeAndSteeringMatchTheReference() {
        Backend cuda = Backend.cuda(0);
        for (DType dtype : new DType[] {DType.F32, DType.BF16}) {
            for (boolean center : new boolean[] {false, true}) {
                try (Arena arena = Arena.ofShared()) {
                    SplittableRandom r = new SplittableRandom(5);
                    int dIn = 130;
                    int dSae = 301;
                    Tensor theta = Tensor.allocate(arena, dtype, dSae);
                    for (int j = 0; j < dSae; j++) {
                        theta.writeFloat(j, (float) (r.nextDouble() * 0.3));
                    }
                    SparseAutoencoder host = SparseAutoencoder.jumpRelu(random(arena, dtype, r, 0.1, dIn, dSae),
                            random(arena, dtype, r, 0.1, dSae), theta, random(arena, dtype, r, 0.1, dSae, dIn),
                            random(arena, dtype, r, 0.1, dIn)).withInputCentering(center);
                    SparseAutoencoder dev = new SparseAutoencoder(onDevice(cuda, arena, host.wEnc()),
                            onDevice(cuda, arena, host.bEnc()), onDevice(cuda, arena, host.threshold()),
                            onDevice(cuda, arena, host.wDec()), onDevice(cuda, arena, host.bDec()),
                            host.activation(), 0, center);
                    Tensor x = random(arena, DType.F32, r, 1, 2, 37, dIn);
                    Tensor xd = onDevice(cuda, arena, x);
                    Tensor f = cuda.allocate(arena, DType.F32, 2, 37, dSae);
                    Tensor fRef = Tensor.allocate(arena, DType.F32, 2, 37, dSae);
                    cuda.sae().encode(dev, xd, f);
                    Backend.reference().sae().encode(host, x, fRef);
                    assertTrue(maxAbsDiff(onHost(arena, f), fRef) < 2e-4f, "encode " + dtype + " centre " + center);
                    Tensor xHat = cuda.allocate(arena, DType.F32, 2, 37, dIn);
                    Tensor xHatRef = Tensor.allocate(arena, DType.F32, 2, 37, dIn);
                    cuda.sae().decode(dev, f, xHat);
                    Backend.reference().sae().decode(host, fRef, xHatRef);
                    assertTrue(maxAbsDiff(onHost(arena, xHat), xHatRef) < 2e-4f, "decode " + dtype);
                    Steering s = Steering.of(new Steering.Edit(3, Steering.Mode.CLAMP, 2f),
                            new Steering.Edit(200, Steering.Mode.ADD, -1f));
                    Tensor mask = Tensor.allocate(arena, DType.I32, 2, 37);
                    for (long i = 0; i < mask.numel(); i++) {
                        mask.segment().setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, i, (int) (i % 2));
                    }
                    Tensor out = cuda.allocate(arena, DType.F32, 2, 37, dIn);
                    Tensor outRef = Tensor.allocate(arena, DType.F32, 2, 37, dIn);
                    cuda.sae().steer(dev, xd, onDevice(cuda, arena, mask), s, out);
                    Backend.reference().sae().steer(host, x, mask, s, outRef);
                    assertTrue(maxAbsDiff(onHost(arena, out), outRef) < 2e-4f, "steer " + dtype);
                    cuda.sae().steer(dev, xd, null, s, xd);
                    Backend.reference().sae().steer(host, x, null, s, outRef);
                    assertTrue(maxAbsDiff(onHost(arena, xd), outRef) < 2e-4f, "steer in place " + dtype);
                    assertThrows(PanattnException.class,
                            () -> cuda.sae().accumulate(dev, f.slice(2, 0, dIn), null, new FeatureStatistics(dSae)));
                }
            }
        }
    }
}
