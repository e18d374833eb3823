package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.SaeFixtures;
import org.panattn.sae.SaeOps;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.SparseAutoencoder.Activation;
import org.panattn.sae.SparseFeatures;
import org.panattn.sae.Steering;

/** The CUDA SAE kernels against the reference, on a real device (skipped without one). */
@Tag("gpu")
class CudaSaeGpuTest {
    private static final float TOLERANCE = 2e-4f;
    private static final int D_IN = 130;
    private static final int D_SAE = 301;

    @BeforeEach
    void requireDevice() {
        assumeTrue(Backend.cudaUnavailableReason() == null, () -> "skipped: " + Backend.cudaUnavailableReason());
    }

    private static Backend device() {
        return Backend.cuda(0);
    }

    /** The device's SAE kernels with a scratch of {@code scratchTokens} feature rows: calls run in pieces. */
    private static SaeOps withScratch(long scratchTokens) {
        return new CudaSae((CudaBackend) device(), scratchTokens * D_SAE);
    }

    private static Tensor onDevice(Backend cuda, Arena arena, Tensor host) {
        if (host == null) {
            return null;
        }
        Tensor d = cuda.allocate(arena, host.dtype(), host.shape());
        host.copyTo(d);
        return d;
    }

    private static Tensor onHost(Arena arena, Tensor device) {
        Tensor h = Tensor.allocate(arena, device.dtype(), device.shape());
        device.copyTo(h);
        return h;
    }

    /** A random SAE of the test's size on the host (see SaeFixtures). */
    private static SparseAutoencoder hostSae(Arena arena, Activation activation, DType dtype, int k, long seed) {
        return SaeFixtures.sae(arena, activation, dtype, D_IN, D_SAE, k, seed);
    }

    private static SparseAutoencoder onDevice(Backend cuda, Arena arena, SparseAutoencoder host) {
        return new SparseAutoencoder(onDevice(cuda, arena, host.wEnc()), onDevice(cuda, arena, host.bEnc()),
                onDevice(cuda, arena, host.threshold()), onDevice(cuda, arena, host.wDec()),
                onDevice(cuda, arena, host.bDec()), host.activation(), host.k(), host.centerInput());
    }

    /** x [2, 37, D_IN] on the host and on the device: contiguous, or views with padded rows (not for cuBLAS). */
    private record Input(Tensor host, Tensor device) {
        static Input of(Backend cuda, Arena arena, boolean strided, long seed) {
            Tensor padded = SaeFixtures.random(arena, DType.F32, new SplittableRandom(seed), 1, 2, 37,
                    D_IN + (strided ? 3 : 0));
            Tensor onDevice = onDevice(cuda, arena, padded);
            return strided ? new Input(padded.slice(2, 0, D_IN), onDevice.slice(2, 0, D_IN))
                    : new Input(padded, onDevice);
        }
    }

    @Test
    void encodeDecodeAndSteeringMatchTheReference() {
        Backend cuda = device();
        for (DType dtype : new DType[] {DType.F32, DType.BF16}) {
            for (boolean center : new boolean[] {false, true}) {
                try (Arena arena = Arena.ofShared()) {
                    SparseAutoencoder host = hostSae(arena, Activation.JUMP_RELU, dtype, 0, 5)
                            .withInputCentering(center);
                    SparseAutoencoder dev = onDevice(cuda, arena, host);
                    Tensor x = SaeFixtures.random(arena, DType.F32, new SplittableRandom(6), 1, 2, 37, D_IN);
                    Tensor xd = onDevice(cuda, arena, x);
                    Tensor f = cuda.allocate(arena, DType.F32, 2, 37, D_SAE);
                    Tensor fRef = Tensor.allocate(arena, DType.F32, 2, 37, D_SAE);
                    cuda.sae().encode(dev, xd, f);
                    Backend.reference().sae().encode(host, x, fRef);
                    assertTrue(SaeFixtures.maxAbsDiff(onHost(arena, f), fRef) < TOLERANCE,
                            "encode " + dtype + " centre " + center);
                    Tensor xHat = cuda.allocate(arena, DType.F32, 2, 37, D_IN);
                    Tensor xHatRef = Tensor.allocate(arena, DType.F32, 2, 37, D_IN);
                    cuda.sae().decode(dev, f, xHat);
                    Backend.reference().sae().decode(host, fRef, xHatRef);
                    assertTrue(SaeFixtures.maxAbsDiff(onHost(arena, xHat), xHatRef) < TOLERANCE, "decode " + dtype);
                    Steering s = Steering.of(new Steering.Edit(3, Steering.Mode.CLAMP, 2f),
                            new Steering.Edit(200, Steering.Mode.ADD, -1f));
                    Tensor mask = Tensor.allocate(arena, DType.I32, 2, 37);
                    for (long i = 0; i < mask.numel(); i++) {
                        mask.segment().setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, (int) (i % 2));
                    }
                    Tensor out = cuda.allocate(arena, DType.F32, 2, 37, D_IN);
                    Tensor outRef = Tensor.allocate(arena, DType.F32, 2, 37, D_IN);
                    cuda.sae().steer(dev, xd, onDevice(cuda, arena, mask), s, out);
                    Backend.reference().sae().steer(host, x, mask, s, outRef);
                    assertTrue(SaeFixtures.maxAbsDiff(onHost(arena, out), outRef) < TOLERANCE,
                            "steer " + dtype);
                    cuda.sae().steer(dev, xd, null, s, xd);
                    Backend.reference().sae().steer(host, x, null, s, outRef);
                    assertTrue(SaeFixtures.maxAbsDiff(onHost(arena, xd), outRef) < TOLERANCE,
                            "steer in place " + dtype);
                }
            }
        }
    }

    /** TopK through cuBLAS (contiguous F32 x) and through the GEMM kernel (strided x, BF16 weights). */
    @Test
    void topKEncodeMatchesTheReferenceAndKeepsK() {
        Backend cuda = device();
        for (int k : new int[] {7, D_SAE}) {
            for (boolean strided : new boolean[] {false, true}) {
                try (Arena arena = Arena.ofShared()) {
                    SparseAutoencoder host = hostSae(arena, Activation.TOPK, strided ? DType.BF16 : DType.F32, k, 8);
                    SparseAutoencoder dev = onDevice(cuda, arena, host);
                    Input in = Input.of(cuda, arena, strided, 9);
                    Tensor x = in.host();
                    Tensor xd = in.device();
                    Tensor f = cuda.allocate(arena, DType.F32, 2, 37, D_SAE);
                    Tensor fRef = Tensor.allocate(arena, DType.F32, 2, 37, D_SAE);
                    cuda.sae().encode(dev, xd, f);
                    Backend.reference().sae().encode(host, x, fRef);
                    Tensor got = onHost(arena, f);
                    String label = "k " + k + (strided ? " strided" : " contiguous");
                    float diff = SaeFixtures.maxAbsDiff(got, fRef);
                    assertTrue(diff < TOLERANCE, label + ": max |f - ref| " + diff);
                    float[] all = got.toFloatArray();
                    for (int t = 0; t < 2 * 37; t++) {
                        int nonzero = 0;
                        for (int j = 0; j < D_SAE; j++) {
                            nonzero += all[t * D_SAE + j] != 0 ? 1 : 0;
                        }
                        assertTrue(nonzero <= k, label + ": token " + t + " keeps " + nonzero);
                    }
                }
            }
        }
    }

    /**
     * W_enc = 0 makes h = b_enc exactly, with values on a few levels: TopK must break the ties as the reference does
     * (lower index first); a token with a NaN makes every h NaN, which ranks above every number.
     */
    @Test
    void topKTiesAndNaNRankAsTheReference() {
        Backend cuda = device();
        try (Arena arena = Arena.ofShared()) {
            Tensor wEnc = Tensor.allocate(arena, DType.F32, D_IN, D_SAE);
            Tensor bEnc = Tensor.allocate(arena, DType.F32, D_SAE);
            for (int j = 0; j < D_SAE; j++) {
                bEnc.writeFloat(j, 0.5f * (j * 7 % 4) - 0.5f);
            }
            SplittableRandom r = new SplittableRandom(10);
            SparseAutoencoder host = SparseAutoencoder.topK(wEnc, bEnc,
                    SaeFixtures.random(arena, DType.F32, r, 0.1, D_SAE, D_IN),
                    SaeFixtures.random(arena, DType.F32, r, 0.1, D_IN), 40);
            SparseAutoencoder dev = onDevice(cuda, arena, host);
            Tensor x = SaeFixtures.random(arena, DType.F32, r, 1, 3, D_IN);
            x.writeFloat(D_IN + 5, Float.NaN); // token 1
            Tensor f = cuda.allocate(arena, DType.F32, 3, D_SAE);
            Tensor fRef = Tensor.allocate(arena, DType.F32, 3, D_SAE);
            cuda.sae().encode(dev, onDevice(cuda, arena, x), f);
            Backend.reference().sae().encode(host, x, fRef);
            float[] got = onHost(arena, f).toFloatArray();
            float[] want = fRef.toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]),
                        "token " + i / D_SAE + " feature " + i % D_SAE + ": " + want[i] + " vs " + got[i]);
            }
            assertTrue(Float.isNaN(got[D_SAE]) && Float.isNaN(got[D_SAE + 39]) && got[D_SAE + 40] == 0,
                    "the NaN token keeps its first 40 features, as NaN");
        }
    }

    /** Sparse output of JumpReLU and TopK SAEs, whole and in pieces (parts of a batch, and whole batches). */
    @Test
    void sparseEncodeMatchesTheReference() {
        Backend cuda = device();
        for (Activation activation : new Activation[] {Activation.JUMP_RELU, Activation.TOPK}) {
            for (SaeOps ops : new SaeOps[] {cuda.sae(), withScratch(5), withScratch(40)}) {
                try (Arena arena = Arena.ofShared()) {
                    SparseAutoencoder host = hostSae(arena, activation, DType.F32, 12, 11);
                    SparseAutoencoder dev = onDevice(cuda, arena, host);
                    Input in = Input.of(cuda, arena, false, 12);
                    Tensor x = in.host();
                    Tensor xd = in.device();
                    Tensor dense = Tensor.allocate(arena, DType.F32, 2, 37, D_SAE);
                    Backend.reference().sae().encode(host, x, dense);
                    for (int capacity : new int[] {1, 4, D_SAE, D_SAE + 3}) {
                        SparseFeatures out = new SparseFeatures(cuda.allocate(arena, DType.I32, 2, 37, capacity),
                                cuda.allocate(arena, DType.F32, 2, 37, capacity),
                                cuda.allocate(arena, DType.I32, 2, 37));
                        SparseFeatures ref = new SparseFeatures(Tensor.allocate(arena, DType.I32, 2, 37, capacity),
                                Tensor.allocate(arena, DType.F32, 2, 37, capacity),
                                Tensor.allocate(arena, DType.I32, 2, 37));
                        ops.encodeSparse(dev, xd, out);
                        Backend.reference().sae().encodeSparse(host, x, ref);
                        SparseFeatures got = new SparseFeatures(onHost(arena, out.indices()),
                                onHost(arena, out.values()), onHost(arena, out.activeCount()));
                        SaeFixtures.assertSparseMatches(got, ref, dense, TOLERANCE,
                                activation + " capacity " + capacity);
                    }
                }
            }
        }
    }

    /** Statistics with no mask, an I32 mask, a float mask with NaN (selects) and -0 (does not), an empty mask. */
    @Test
    void statisticsMatchTheReference() {
        Backend cuda = device();
        for (Activation activation : new Activation[] {Activation.JUMP_RELU, Activation.TOPK}) {
            for (SaeOps ops : new SaeOps[] {cuda.sae(), withScratch(5)}) {
                try (Arena arena = Arena.ofShared()) {
                    SparseAutoencoder host = hostSae(arena, activation, DType.F32, 9, 13);
                    SparseAutoencoder dev = onDevice(cuda, arena, host);
                    Input in = Input.of(cuda, arena, true, 14);
                    Tensor x = in.host();
                    Tensor xd = in.device();
                    Tensor intMask = Tensor.allocate(arena, DType.I32, 2, 37);
                    Tensor floatMask = Tensor.allocate(arena, DType.F32, 2, 37);
                    Tensor emptyMask = Tensor.allocate(arena, DType.I32, 2, 37);
                    for (int i = 0; i < 2 * 37; i++) {
                        intMask.segment().setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, i % 3 == 0 ? 0 : 1);
                        floatMask.writeFloat(i, i % 4 == 0 ? -0f : i % 4 == 1 ? Float.NaN : 0.5f);
                    }
                    for (Tensor mask : new Tensor[] {null, intMask, floatMask, emptyMask}) {
                        FeatureStatistics stats = new FeatureStatistics(D_SAE);
                        FeatureStatistics ref = new FeatureStatistics(D_SAE);
                        Tensor maskOnDevice = onDevice(cuda, arena, mask);
                        ops.accumulate(dev, xd, maskOnDevice, stats);
                        ops.accumulate(dev, xd, null, stats); // a second call adds to the first
                        Backend.reference().sae().accumulate(host, x, mask, ref);
                        Backend.reference().sae().accumulate(host, x, null, ref);
                        String label = activation + (mask == null ? " no mask" : " mask " + mask.dtype());
                        assertEquals(ref.tokens(), stats.tokens(), label + " tokens");
                        for (int j = 0; j < D_SAE; j++) {
                            assertEquals(ref.mean(j), stats.mean(j), TOLERANCE, label + " mean of feature " + j);
                            // an h within fp32 rounding of its threshold may fire on one side only
                            assertEquals(ref.activeFraction(j), stats.activeFraction(j), 1.0 / ref.tokens() + 1e-12,
                                    label + " active fraction of feature " + j);
                        }
                    }
                }
            }
        }
    }
}
