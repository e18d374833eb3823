package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;

/**
 * CUDA dense attention and copies on a real device, against the double-precision reference. Skipped (reported as
 * skipped, with the reason) where no CUDA device is usable.
 */
@Tag("gpu")
class CudaGpuTest {
    /** fp32 arithmetic against a double oracle on the same (already rounded) inputs. */
    private static final double ABS_TOLERANCE = 2e-5;
    private static final double REL_TOLERANCE = 2e-4;

    private Backend cuda;

    @BeforeEach
    void requireDevice() {
        assumeTrue(CudaBackend.deviceCount() > 0, () -> "skipped: no CUDA device: " + CudaBackend.unavailableReason());
        cuda = Backend.cuda(0);
    }

    /** One dense problem: sizes, masks, dtypes and whether q/out use the flash [B,N,H,D] layout. */
    record Case(int batch, int headsQ, int headsKv, int nq, int nk, int d, int dv, boolean causal, int windowLeft,
                int windowRight, Float scale, DType qType, DType kvType, boolean flashLayout) {
        @Override
        public String toString() {
            return "B" + batch + " Hq" + headsQ + " Hkv" + headsKv + " Nq" + nq + " Nk" + nk + " D" + d + " Dv" + dv
                    + (causal ? " causal" : "") + (windowLeft >= 0 || windowRight >= 0
                    ? " window[" + windowLeft + "," + windowRight + "]" : "")
                    + (scale != null ? " scale" + scale : "") + " " + qType + "/" + kvType
                    + (flashLayout ? " flash-layout" : "");
        }
    }

    static Stream<Case> cases() {
        List<Case> list = new ArrayList<>();
        int[] dims = {1, 3, 64, 80, 128};
        DType[] types = {DType.F32, DType.F16, DType.BF16};
        for (int d : dims) {
            for (DType t : types) {
                list.add(new Case(2, 4, 2, 37, 53, d, d, false, -1, -1, null, t, t, false));
                list.add(new Case(1, 4, 4, 70, 45, d, d, true, -1, -1, null, t, t, d % 2 == 0)); // Nq > Nk: empty rows
            }
        }
        list.add(new Case(1, 8, 2, 33, 129, 64, 64, true, -1, -1, null, DType.BF16, DType.BF16, true)); // GQA 4
        list.add(new Case(2, 6, 1, 1, 300, 128, 128, false, -1, -1, null, DType.F16, DType.F16, false)); // decode
        list.add(new Case(1, 2, 2, 100, 100, 64, 64, false, 5, 0, null, DType.F32, DType.F32, false));
        list.add(new Case(1, 2, 1, 64, 90, 80, 80, false, 3, 7, 0.3f, DType.F32, DType.F32, false));
        list.add(new Case(1, 2, 2, 40, 40, 32, 32, true, 0, -1, null, DType.F32, DType.F32, false)); // only the diagonal
        list.add(new Case(1, 1, 1, 20, 50, 16, 16, false, 2, 2, null, DType.F32, DType.F32, false));
        list.add(new Case(1, 3, 3, 50, 20, 16, 16, false, -1, 0, null, DType.F32, DType.F32, false)); // empty rows
        list.add(new Case(1, 2, 1, 31, 77, 64, 32, false, -1, -1, null, DType.F32, DType.BF16, false)); // D != Dv
        list.add(new Case(1, 2, 2, 17, 65, 200, 256, true, -1, -1, 0.1f, DType.BF16, DType.F32, false)); // widest
        list.add(new Case(1, 2, 2, 17, 33, 256, 256, false, -1, -1, null, DType.F16, DType.F16, false));
        list.add(new Case(1, 1, 1, 5, 0, 64, 64, false, -1, -1, null, DType.F32, DType.F32, false)); // no keys at all
        SplittableRandom random = new SplittableRandom(20260101L);
        for (int i = 0; i < 12; i++) {
            int hkv = 1 + random.nextInt(3);
            int d = 1 + random.nextInt(160);
            boolean windowed = random.nextBoolean();
            list.add(new Case(1 + random.nextInt(2), hkv * (1 + random.nextInt(3)), hkv, 1 + random.nextInt(90),
                    1 + random.nextInt(150), d, random.nextBoolean() ? d : 1 + random.nextInt(160),
                    random.nextBoolean(), windowed ? random.nextInt(40) : -1, windowed ? random.nextInt(40) : -1,
                    null, types[random.nextInt(3)], types[random.nextInt(3)], random.nextBoolean()));
        }
        return list.stream();
    }

    /** A host tensor of the given dtype filled with uniform values in [-range, range). */
    private static Tensor hostRandom(Arena arena, DType dtype, SplittableRandom random, double range, long... shape) {
        Tensor t = Tensor.allocate(arena, dtype, shape);
        long n = t.numel();
        for (long i = 0; i < n; i++) {
            t.writeFloat(i, (float) ((random.nextDouble() * 2 - 1) * range));
        }
        return t;
    }

    /** Uploads a contiguous host tensor into fresh device memory of the same dtype. */
    private Tensor upload(Arena arena, Tensor host) {
        Tensor dev = cuda.allocate(arena, host.dtype(), host.shape());
        cuda.copy(host, dev);
        return dev;
    }

    private Tensor download(Arena arena, Tensor dev) {
        Tensor host = Tensor.allocate(arena, dev.dtype(), dev.shape());
        cuda.copy(dev, host);
        return host;
    }

    private static void fill(Tensor host, float value) {
        for (long i = 0; i < host.numel(); i++) {
            host.writeFloat(i, value);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void denseMatchesTheReference(Case c) {
        SplittableRandom random = new SplittableRandom(c.toString().hashCode()); // reproducible across runs
        try (Arena arena = Arena.ofConfined()) {
            // q in [B,Hq,Nq,D], or in [B,Nq,Hq,D] viewed through transpose(1,2)
            Tensor qHost = c.flashLayout()
                    ? hostRandom(arena, c.qType(), random, 1.5, c.batch(), c.nq(), c.headsQ(), c.d())
                    : hostRandom(arena, c.qType(), random, 1.5, c.batch(), c.headsQ(), c.nq(), c.d());
            Tensor kHost = hostRandom(arena, c.kvType(), random, 1.5, c.batch(), c.headsKv(), c.nk(), c.d());
            Tensor vHost = hostRandom(arena, c.kvType(), random, 1.0, c.batch(), c.headsKv(), c.nk(), c.dv());
            Tensor qDev = upload(arena, qHost);
            Tensor kDev = upload(arena, kHost);
            Tensor vDev = upload(arena, vHost);
            Tensor q = c.flashLayout() ? qDev.transpose(1, 2) : qDev;
            Tensor qRef = c.flashLayout() ? qHost.transpose(1, 2) : qHost;

            // out in the flash layout too when q is, so strided writes are exercised; pre-filled with NaN so an
            // element the kernel forgets to write cannot pass
            long[] outShape = c.flashLayout() ? new long[] {c.batch(), c.nq(), c.headsQ(), c.dv()}
                    : new long[] {c.batch(), c.headsQ(), c.nq(), c.dv()};
            Tensor nanOut = Tensor.allocate(arena, DType.F32, outShape);
            fill(nanOut, Float.NaN);
            Tensor outDev = upload(arena, nanOut);
            Tensor out = c.flashLayout() ? outDev.transpose(1, 2) : outDev;
            Tensor nanLse = Tensor.allocate(arena, DType.F32, c.batch(), c.headsQ(), c.nq());
            fill(nanLse, Float.NaN);
            Tensor lseDev = upload(arena, nanLse);

            DenseSpec spec = new DenseSpec(c.scale(), c.causal(), c.windowLeft(), c.windowRight());
            cuda.dense().attention(q, kDev, vDev, out, lseDev, spec);

            Tensor refOut = Tensor.allocate(arena, DType.F32, c.batch(), c.headsQ(), c.nq(), c.dv());
            Tensor refLse = Tensor.allocate(arena, DType.F32, c.batch(), c.headsQ(), c.nq());
            Backend.reference().dense().attention(qRef, kHost, vHost, refOut, refLse, spec);

            Tensor gotOutRaw = download(arena, outDev);
            Tensor gotOut = c.flashLayout() ? gotOutRaw.transpose(1, 2) : gotOutRaw;
            Tensor gotLse = download(arena, lseDev);
            compare(c, "out", refOut, gotOut);
            compare(c, "lse", refLse, gotLse);
        }
    }

    private static void compare(Case c, String what, Tensor expected, Tensor actual) {
        long[] shape = expected.shape();
        long[] index = new long[shape.length];
        long n = expected.numel();
        for (long flat = 0; flat < n; flat++) {
            long rest = flat;
            for (int i = shape.length - 1; i >= 0; i--) {
                index[i] = rest % shape[i];
                rest /= shape[i];
            }
            float e = expected.getFloat(index);
            float a = actual.getFloat(index);
            boolean ok = e == a || (Float.isNaN(e) && Float.isNaN(a))
                    || Math.abs(e - a) <= ABS_TOLERANCE + REL_TOLERANCE * Math.abs(e);
            if (!ok) {
                throw new AssertionError(c + ": " + what + Arrays.toString(index) + " expected " + e + ", got " + a
                        + " (|diff| " + Math.abs(e - a) + ")");
            }
        }
    }

    @Test
    void convenienceOverloadAllocatesTheOutputOnTheDevice() {
        SplittableRandom random = new SplittableRandom(11);
        try (Arena arena = Arena.ofConfined()) {
            Tensor qHost = hostRandom(arena, DType.F32, random, 1, 1, 2, 9, 24);
            Tensor kHost = hostRandom(arena, DType.F32, random, 1, 1, 1, 13, 24);
            Tensor vHost = hostRandom(arena, DType.F32, random, 1, 1, 1, 13, 40);
            Tensor out = cuda.dense().attention(arena, upload(arena, qHost), upload(arena, kHost),
                    upload(arena, vHost), DenseSpec.causalDefaults());
            assertEquals(cuda.device(), out.device());
            assertArrayEquals(new long[] {1, 2, 9, 40}, out.shape());
            Tensor expected = Backend.reference().dense().attention(arena, qHost, kHost, vHost,
                    DenseSpec.causalDefaults());
            compare(new Case(1, 2, 1, 9, 13, 24, 40, true, -1, -1, null, DType.F32, DType.F32, false), "out",
                    expected, download(arena, out));
        }
    }

    @Test
    void concurrentCallsFromManyThreadsAgree() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        try (Arena arena = Arena.ofShared()) {
            Tensor q = upload(arena, hostRandom(arena, DType.BF16, random, 1, 2, 4, 50, 64));
            Tensor k = upload(arena, hostRandom(arena, DType.BF16, random, 1, 2, 2, 70, 64));
            Tensor v = upload(arena, hostRandom(arena, DType.BF16, random, 1, 2, 2, 70, 64));
            int threads = 6;
            Tensor[] outs = new Tensor[threads];
            for (int t = 0; t < threads; t++) {
                outs[t] = cuda.allocate(arena, DType.F32, 2, 4, 50, 64);
            }
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Tensor out = outs[t];
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            cuda.dense().attention(q, k, v, out, DenseSpec.causalDefaults());
                        }
                    }));
                }
                for (var f : done) {
                    f.get();
                }
            }
            Tensor first = download(arena, outs[0]);
            for (int t = 1; t < threads; t++) {
                assertEquals(-1L, first.segment().mismatch(download(arena, outs[t]).segment()),
                        "thread " + t + " computed a different output");
            }
        }
    }

    @Test
    void copiesRoundTripBitExactly() {
        SplittableRandom random = new SplittableRandom(7);
        try (Arena arena = Arena.ofConfined()) {
            for (DType dtype : new DType[] {DType.F32, DType.F16, DType.BF16, DType.I32}) {
                Tensor host = hostRandom(arena, dtype, random, 100, 3, 5, 7);
                Tensor dev = upload(arena, host);
                Tensor dev2 = cuda.allocate(arena, dtype, 3, 5, 7);
                cuda.copy(dev, dev2);
                Tensor back = download(arena, dev2);
                assertEquals(-1L, host.segment().mismatch(back.segment()), dtype + ": bytes differ after the round trip");
            }
            // heap segments (Java arrays) are staged through native memory
            float[] data = new float[64];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            Tensor dev = cuda.allocate(arena, DType.F32, 8, 8);
            cuda.copy(Tensor.of(data, 8, 8), dev);
            float[] back = new float[64];
            cuda.copy(dev, Tensor.of(back, 8, 8));
            assertArrayEquals(data, back);
            // a contiguous slice at an offset, both ways, through Tensor.copyTo
            Tensor host = hostRandom(arena, DType.F32, random, 1, 6, 4);
            Tensor rows = host.slice(0, 2, 5);
            Tensor devRows = cuda.allocate(arena, DType.F32, 3, 4);
            rows.copyTo(devRows);
            Tensor hostBack = Tensor.allocate(arena, DType.F32, 6, 4);
            devRows.copyTo(hostBack.slice(0, 1, 4));
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 4; col++) {
                    assertEquals(host.getFloat(r + 2, col), hostBack.getFloat(r + 1, col));
                }
            }
        }
    }

    @Test
    void allocateIsZeroFilled() {
        try (Arena arena = Arena.ofConfined()) {
            Tensor dev = cuda.allocate(arena, DType.F32, 1000);
            float[] back = new float[1000];
            Arrays.fill(back, 1f);
            cuda.copy(dev, Tensor.of(back, 1000));
            assertArrayEquals(new float[1000], back);
            Tensor empty = cuda.allocate(arena, DType.F32, 0, 4);
            assertEquals(0, empty.numel());
        }
    }

    @Test
    void badCopiesAreRejectedByName() {
        try (Arena arena = Arena.ofConfined()) {
            Tensor dev = cuda.allocate(arena, DType.F32, 4, 4);
            Tensor hostF16 = Tensor.allocate(arena, DType.F16, 4, 4);
            String m = assertThrows(IllegalArgumentException.class, () -> cuda.copy(hostF16, dev)).getMessage();
            assertTrue(m.startsWith("dst: expected dtype F16 (that of src; copies between devices do not convert)"), m);
            Tensor host = Tensor.allocate(arena, DType.F32, 4, 2, 4);
            Tensor dev3 = cuda.allocate(arena, DType.F32, 2, 4, 4);
            m = assertThrows(IllegalArgumentException.class, () -> cuda.copy(host.transpose(0, 1), dev3)).getMessage();
            assertTrue(m.startsWith("src: expected a contiguous tensor"), m);
            Tensor small = Tensor.allocate(arena, DType.F32, 2, 4);
            m = assertThrows(IllegalArgumentException.class, () -> cuda.copy(dev, small)).getMessage();
            assertEquals("dst: expected shape [4, 4] (that of src), got [2, 4]", m);
        }
    }

    @Test
    void badDenseCallsAreRejectedBeforeTheLaunch() {
        try (Arena arena = Arena.ofConfined()) {
            Tensor host = Tensor.allocate(arena, DType.F32, 1, 1, 4, 8);
            Tensor dev = cuda.allocate(arena, DType.F32, 1, 1, 4, 8);
            Tensor out = cuda.allocate(arena, DType.F32, 1, 1, 4, 8);
            String m = assertThrows(IllegalArgumentException.class,
                    () -> cuda.dense().attention(host, dev, dev, out, DenseSpec.defaults())).getMessage();
            assertTrue(m.startsWith("q: expected a tensor on cuda:0"), m);
            Tensor raw = cuda.allocate(arena, DType.F32, 64);
            Tensor misaligned = Tensor.wrap(raw.segment().asSlice(2), DType.F32, raw.device(),
                    new long[] {1, 1, 4, 8}, new long[] {32, 32, 8, 1}, 0);
            m = assertThrows(IllegalArgumentException.class,
                    () -> cuda.dense().attention(misaligned, dev, dev, out, DenseSpec.defaults())).getMessage();
            assertTrue(m.startsWith("q: expected a device address aligned to 4 bytes"), m);
        }
    }

    @Test
    void cudaFailuresNameTheCudaError() {
        try (Arena arena = Arena.ofConfined()) {
            // 4 TiB: more than any device has
            PanattnException e = assertThrows(PanattnException.class,
                    () -> cuda.allocate(arena, DType.F32, 1L << 40));
            assertTrue(e.getMessage().contains("cudaErrorMemoryAllocation"), e.getMessage());
            // the failure leaves the device usable, and is not reported again by the next launch
            Tensor t = cuda.allocate(arena, DType.F32, 1, 1, 4, 8);
            Tensor out = cuda.allocate(arena, DType.F32, 1, 1, 4, 8);
            cuda.dense().attention(t, t, t, out, DenseSpec.defaults());
            float[] back = new float[32];
            cuda.copy(out, Tensor.of(back, 1, 1, 4, 8));
            assertArrayEquals(new float[32], back, "attention over zeros averages zero values");
        }
    }

    @Test
    void memoryIsReturnedWhenTheArenaCloses() {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment free = scratch.allocate(8);
            MemorySegment total = scratch.allocate(8);
            long bytes = 256L << 20;
            org.panattn.bindings.cuda_runtime_h.cudaMemGetInfo(free, total);
            long before = free.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);
            for (int i = 0; i < 8; i++) { // 2 GiB in all, 256 MiB live at a time
                try (Arena arena = Arena.ofConfined()) {
                    cuda.allocate(arena, DType.I32, bytes / 4);
                }
            }
            org.panattn.bindings.cuda_runtime_h.cudaMemGetInfo(free, total);
            long after = free.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);
            assertTrue(after > before - bytes, "free device memory went from " + before + " to " + after);
        }
    }
}
