package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.cuda.TopKCases.Case;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKSpec;
import org.panattn.topk.ValueNorms;

/**
 * Runs the certified top-k CUDA kernel's source as host code (kernels-cuda/emulation/topk_attention_emulation.cpp,
 * built by CMake next to the layout probe, one fiber per CUDA thread) on problems written here, and compares what it
 * computes with {@code org.panattn.ref.ReferenceTopK}, so the kernel's selection, certificates, indices and index
 * status are checked on machines without a GPU. The emulator itself checks that every output element is written and
 * no gap or guard is.
 *
 * <p>The cases cover the kernel's paths rather than sizes (the emulation switches fibers at every shuffle, so rows are
 * expensive): sorted candidates and the tie path, both certification modes, fixed k below and above n, empty and NaN
 * rows, causal masks, GQA, strided q, f16/bf16 storage, the widest head dims, the value-norm cache, a persistent grid
 * with fewer CTAs than units, absent optional outputs and an indices buffer that is too small; plus a few small
 * random problems.
 */
class TopKKernelEmulationTest {
    private static final long NO_OVERFLOW = -1L;

    @TempDir
    Path work;

    private static Path emulator() {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        Path emulation = probe.resolveSibling("panattn_topk_emulation");
        assumeTrue(Files.isExecutable(emulation), () -> "skipped: " + emulation
                + " not built (native build skipped, or no C++ compiler)");
        return emulation;
    }

    static List<Case> cases() {
        TopKSpec.Certify exact = TopKSpec.Certify.EXACT;
        TopKSpec.Certify bound = TopKSpec.Certify.BOUND;
        return List.of(
                new Case("decode GQA 4:1", 1, 4, 1, 1, 500, 64, 64, TopKSpec.tvBudget(0.05), 2, "gauss"),
                new Case("decode GQA 4:1", 1, 4, 1, 1, 500, 64, 64, TopKSpec.tvBudget(0.05).withCertify(bound), 2,
                        "gauss"),
                new Case("prefill causal tails", 1, 2, 1, 19, 53, 3, 5,
                        TopKSpec.tvBudget(0.1).withCausal(true), 3, "gauss").withFlashLayout()
                        .withTypes(DType.F32, DType.F16),
                new Case("prefill causal tails", 1, 2, 1, 19, 53, 3, 5,
                        TopKSpec.tvBudget(0.1).withCausal(true).withCertify(bound), 3, "gauss")
                        .withTypes(DType.BF16, DType.F32),
                new Case("GQA 20:1, two head slices", 1, 20, 1, 1, 100, 8, 8, TopKSpec.tvBudget(0.1), 2, "gauss"),
                new Case("fixed k, Nq > Nk causal", 1, 2, 2, 7, 6, 8, 8,
                        TopKSpec.fixedK(3).withCausal(true).withCertify(bound), 2, "gauss"),
                new Case("fixed k below n", 1, 2, 1, 1, 300, 16, 16, TopKSpec.fixedK(40).withCertify(exact), 2,
                        "gauss"),
                new Case("fixed k larger than n", 1, 2, 1, 2, 70, 16, 16, TopKSpec.fixedK(500), 2, "gauss"),
                new Case("all-equal logits", 1, 1, 1, 2, 130, 4, 4, TopKSpec.tvBudget(0.3), 0, "equal"),
                new Case("all-equal logits", 1, 1, 1, 2, 130, 4, 4, TopKSpec.tvBudget(0.3).withCertify(bound), 0,
                        "equal"),
                new Case("ties at the threshold", 1, 1, 1, 2, 200, 4, 4, TopKSpec.tvBudget(0.2), 1, "ties"),
                new Case("ties at the threshold", 1, 1, 1, 2, 200, 4, 4, TopKSpec.tvBudget(0.2).withCertify(bound),
                        1, "ties"),
                new Case("huge logit range", 1, 1, 1, 2, 300, 4, 8, TopKSpec.tvBudget(0.01), 1e4, "gauss"),
                new Case("n = 1", 1, 1, 1, 1, 1, 8, 8, TopKSpec.tvBudget(0.5), 1, "gauss"),
                new Case("eps near 0", 1, 1, 1, 2, 300, 32, 16, TopKSpec.tvBudget(1e-9), 2, "gauss"),
                new Case("eps near 1", 1, 1, 1, 2, 300, 32, 16, TopKSpec.tvBudget(0.999), 2, "gauss"),
                new Case("D=80 long row", 1, 1, 1, 1, 1500, 80, 80, TopKSpec.tvBudget(0.02).withCertify(bound), 2.5,
                        "gauss"),
                new Case("widest head dims", 1, 1, 1, 1, 150, 256, 256, TopKSpec.tvBudget(0.05), 2, "gauss")
                        .withTypes(DType.BF16, DType.BF16),
                new Case("value-norm cache", 1, 4, 2, 2, 300, 16, 8, TopKSpec.tvBudget(0.05), 2, "gauss").withNorms(),
                new Case("NaN row", 1, 1, 1, 2, 10, 4, 4, TopKSpec.tvBudget(0.1), 1, "gauss").withNanQuery(0),
                new Case("no keys", 1, 1, 1, 3, 0, 4, 4, TopKSpec.tvBudget(0.1), 1, "gauss"));
    }

    /** Small random problems: any mode, mask, grouping, dtype and layout, with a seed that fixes them. */
    static List<Case> randomCases() {
        SplittableRandom random = new SplittableRandom(20261129L);
        DType[] types = {DType.F32, DType.F16, DType.BF16};
        List<Case> list = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            int hkv = 1 + random.nextInt(2);
            int nk = 1 + random.nextInt(260);
            TopKSpec spec = random.nextBoolean() ? TopKSpec.fixedK(1 + random.nextInt(80))
                    : TopKSpec.tvBudget(0.005 + 0.3 * random.nextDouble());
            spec = spec.withCausal(random.nextBoolean())
                    .withCertify(random.nextBoolean() ? TopKSpec.Certify.EXACT : TopKSpec.Certify.BOUND);
            Case c = new Case("random " + n, 1, hkv * (1 + random.nextInt(3)), hkv, 1 + random.nextInt(4), nk,
                    1 + random.nextInt(96), 1 + random.nextInt(96), spec, 0.5 + 3 * random.nextDouble(), "gauss")
                    .withTypes(types[random.nextInt(3)], types[random.nextInt(3)]);
            list.add(random.nextBoolean() ? c.withFlashLayout() : c);
        }
        return list;
    }

    static List<Case> allCases() {
        List<Case> list = new ArrayList<>(cases());
        list.addAll(randomCases());
        return list;
    }

    /** What one emulator run wrote back. */
    private record Emulated(TopKOutputs outputs, long status, String log) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void kernelMatchesTheReference(Case c) throws Exception {
        Path emulator = emulator();
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, c.label().hashCode());
            Tensor norms = norms(arena, c, qkv[2]);
            TopKOutputs want = TopKCases.outputs(arena, c, c.nk());
            Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], norms, want, c.spec());
            Emulated got = emulate(emulator, c, qkv, norms, c.nk(), true, 2);
            assertEquals(NO_OVERFLOW, got.status(), "index status; " + got.log());
            TopKCases.checkAllRows(c, got.outputs(), want, "emulation");
        }
    }

    @Test
    void optionalOutputsMayBeAbsentAndFewerCtasChangeNothing() throws Exception {
        Path emulator = emulator();
        Case c = new Case("prefill", 1, 4, 2, 3, 150, 8, 8, TopKSpec.tvBudget(0.05).withCausal(true), 2, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 7);
            Emulated all = emulate(emulator, c, qkv, null, c.nk(), true, 3);
            Emulated some = emulate(emulator, c, qkv, null, c.nk(), false, 1);
            assertArrayEquals(all.outputs().out().toFloatArray(), some.outputs().out().toFloatArray(),
                    "out does not depend on the other outputs or on how many CTAs share the units");
            assertArrayEquals(all.outputs().tail().toFloatArray(), some.outputs().tail().toFloatArray(), "tail");
            assertNull(some.outputs().keptCount());
            assertNull(some.outputs().indices());
        }
    }

    @Test
    void aTooSmallIndicesBufferIsReportedForTheLowestRow() throws Exception {
        Path emulator = emulator();
        Case c = new Case("overflow", 1, 2, 1, 3, 200, 8, 8, TopKSpec.tvBudget(0.5), 0.5, "gauss");
        try (Arena arena = Arena.ofConfined()) {
            Tensor[] qkv = TopKCases.inputs(arena, c, 3);
            TopKOutputs roomy = TopKCases.outputs(arena, c, c.nk());
            Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], roomy, c.spec());
            int capacity = 4;
            long expectedRow = -1;
            int expectedKept = 0;
            for (long row = 0; row < (long) c.hq() * c.nq() && expectedRow < 0; row++) {
                int kept = roomy.keptCount().getInt(0, row / c.nq(), row % c.nq());
                if (kept > capacity) {
                    expectedRow = row;
                    expectedKept = kept;
                }
            }
            assertTrue(expectedRow >= 0, "the case must overflow a buffer of " + capacity);
            TopKOutputs small = TopKCases.outputs(arena, c, capacity);
            String message = assertThrows(IllegalArgumentException.class,
                    () -> Backend.reference().topk().attention(qkv[0], qkv[1], qkv[2], small, c.spec())).getMessage();
            assertTrue(message.startsWith("indices: buffer too small"), message);
            Emulated got = emulate(emulator, c, qkv, null, capacity, true, 3);
            assertEquals(expectedRow, got.status() >>> 32, "row of the status word; " + got.log());
            assertEquals(expectedKept, got.status() & 0xffff_ffffL, "kept count of the status word");
        }
    }

    private static Tensor norms(Arena arena, Case c, Tensor v) {
        if (!c.norms()) {
            return null;
        }
        Tensor norms = Tensor.allocate(arena, DType.F32, c.b(), c.hkv(), c.nk());
        ValueNorms.compute(v, norms);
        return norms;
    }

    /** Writes the problem, runs the emulator on it, and reads back its outputs as host tensors. */
    private Emulated emulate(Path emulator, Case c, Tensor[] qkv, Tensor norms, long capacity, boolean everyOutput,
                             int maxSlots) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "case");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("batch", c.b());
        params.put("heads_q", c.hq());
        params.put("heads_kv", c.hkv());
        params.put("n_q", c.nq());
        params.put("n_k", c.nk());
        params.put("head_dim", c.d());
        params.put("head_dim_v", c.dv());
        String[] names = {"q", "k", "v"};
        for (int t = 0; t < 3; t++) {
            Tensor x = qkv[t];
            params.put(names[t] + "_stride_b", x.stride(0));
            params.put(names[t] + "_stride_h", x.stride(1));
            params.put(names[t] + "_stride_n", x.stride(2));
            params.put(names[t] + "_dtype", dtypeCode(x.dtype()));
            Files.write(dir.resolve(names[t] + ".bin"), bytes(x));
        }
        params.put("has_norms", norms != null ? 1 : 0);
        if (norms != null) {
            params.put("norms_stride_b", norms.stride(0));
            params.put("norms_stride_h", norms.stride(1));
            params.put("norms_stride_n", norms.stride(2));
            Files.write(dir.resolve("norms.bin"), bytes(norms));
        }
        TopKSpec spec = c.spec();
        params.put("causal", spec.causal() ? 1 : 0);
        params.put("certify", spec.certify() == TopKSpec.Certify.BOUND ? 1 : 0);
        params.put("k_fixed", spec.isFixedK() ? spec.kFixed() : 0);
        params.put("epsilon", spec.isFixedK() ? 0.0 : spec.epsilon());
        params.put("scale", spec.resolvedScale(c.d()));
        params.put("index_capacity", everyOutput ? capacity : 0);
        params.put("want_kept", everyOutput ? 1 : 0);
        params.put("want_tail", 1);
        params.put("want_certificate", everyOutput ? 1 : 0);
        params.put("want_exact_error", everyOutput ? 1 : 0);
        params.put("want_indices", everyOutput ? 1 : 0);
        params.put("out_pad", 3);
        params.put("row_pad", 1);
        params.put("max_slots", maxSlots);
        StringBuilder text = new StringBuilder();
        params.forEach((key, value) -> text.append(key).append(' ').append(value).append('\n'));
        Files.writeString(dir.resolve("case.txt"), text);

        Process process = new ProcessBuilder(emulator.toString(), dir.toString()).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "emulation did not finish: " + c);
        assertEquals(0, process.exitValue(), c + ": " + log);
        assertTrue(log.startsWith("PASS topk emulation"), log);

        long[] rows = {c.b(), c.hq(), c.nq()};
        TopKOutputs outputs = TopKOutputs.of(Tensor.of(floats(dir.resolve("out.bin")), c.b(), c.hq(), c.nq(), c.dv()))
                .withTail(Tensor.of(floats(dir.resolve("tail.bin")), rows));
        if (everyOutput) {
            outputs = outputs.withKeptCount(Tensor.of(ints(dir.resolve("kept.bin")), rows))
                    .withCertificate(Tensor.of(floats(dir.resolve("certificate.bin")), rows))
                    .withExactError(Tensor.of(floats(dir.resolve("exact_error.bin")), rows))
                    .withIndices(Tensor.of(ints(dir.resolve("indices.bin")), c.b(), c.hq(), c.nq(), capacity));
        }
        String status = Files.readString(dir.resolve("status.txt")).trim();
        assertTrue(status.startsWith("status "), status);
        return new Emulated(outputs, Long.parseUnsignedLong(status.substring(7)), log);
    }

    private static int dtypeCode(DType dtype) {
        return switch (dtype) {
            case F32 -> 0;
            case F16 -> 1;
            case BF16 -> 2;
            case I32 -> throw new IllegalArgumentException("dtype: expected a floating dtype, got I32");
        };
    }

    /** The tensor's whole buffer from its first element (strided views keep their strides in case.txt). */
    private static byte[] bytes(Tensor t) {
        return t.segment().asSlice(t.byteOffset()).toArray(ValueLayout.JAVA_BYTE);
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    private static int[] ints(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int[] values = new int[buffer.remaining() / Integer.BYTES];
        buffer.asIntBuffer().get(values);
        return values;
    }
}
