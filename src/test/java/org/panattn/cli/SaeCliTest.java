package org.panattn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.io.Npy;
import org.panattn.io.SafeTensors;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.Steering;
import org.panattn.sae.SyntheticSae;

/** {@code panattn sae encode|steer|select}: results equal the library's, bad input exits 2 with one line. */
class SaeCliTest {
    private static final int D_IN = 24;
    private static final int D_SAE = 40;

    @TempDir
    Path dir;
    Path saeFile;
    Path xFile;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void files() {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SyntheticSae.jumpRelu(arena, D_IN, D_SAE, 3);
            // lower thresholds so that a 24-dim input fires a few features
            for (int j = 0; j < D_SAE; j++) {
                sae.threshold().setFloat(0.2f + 0.01f * j, j);
            }
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("W_enc", sae.wEnc());
            m.put("b_enc", sae.bEnc());
            m.put("threshold", sae.threshold());
            m.put("W_dec", sae.wDec());
            m.put("b_dec", sae.bDec());
            saeFile = dir.resolve("sae.safetensors");
            SafeTensors.write(saeFile, m);
            xFile = dir.resolve("x.npy");
            Npy.write(xFile, SyntheticSae.uniform(arena, 5, 1.7f, 0f, 2, 6, D_IN));
        }
    }

    @Test
    void encodeWritesTheLibraryFeatures() {
        Path f = dir.resolve("f.npy");
        Result r = run("sae", "encode", "--sae", saeFile.toString(), "--x", xFile.toString(), "--out", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sae encode"), r.out());
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SparseAutoencoder.load(saeFile, arena);
            Tensor expected = Tensor.allocate(arena, DType.F32, 2, 6, D_SAE);
            Backend.reference().sae().encode(sae, Npy.read(xFile, arena), expected);
            Tensor actual = Npy.read(f, arena);
            assertArrayEquals(expected.shape(), actual.shape());
            float[] e = expected.toFloatArray();
            float[] a = actual.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 1e-4f, "feature element " + i);
            }
        }
    }

    @Test
    void steerClampsAndAddsOnTheMaskedPositions() {
        try (Arena arena = Arena.ofConfined()) {
            Path mask = dir.resolve("mask.npy");
            Tensor m = Tensor.of(new int[] {1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1}, 2, 6);
            Npy.write(mask, m);
            SparseAutoencoder sae = SparseAutoencoder.load(saeFile, arena);
            Tensor x = Npy.read(xFile, arena);
            for (String[] mode : new String[][] {{"--clamp", "2.5"}, {"--add", "-1.25"}}) {
                Path out = dir.resolve("x2" + mode[0] + ".npy");
                Result r = run("sae", "steer", "--sae", saeFile.toString(), "--x", xFile.toString(), "--feature", "7",
                        mode[0], mode[1], "--positions", mask.toString(), "--out", out.toString());
                assertEquals(0, r.code(), r.err());
                Steering s = mode[0].equals("--clamp") ? Steering.clamp(7, 2.5f) : Steering.add(7, -1.25f);
                Tensor expected = Tensor.allocate(arena, DType.F32, 2, 6, D_IN);
                Backend.reference().sae().steer(sae, x, m, s, expected);
                float[] e = expected.toFloatArray();
                float[] a = Npy.read(out, arena).toFloatArray();
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], a[i], 1e-5f, mode[0] + " element " + i);
                }
            }
        }
    }

    @Test
    void selectWritesRankedJson() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            SparseAutoencoder sae = SparseAutoencoder.load(saeFile, arena);
            Tensor xb = SyntheticSae.uniform(arena, 9, 1.7f, 0f, 40, D_IN);
            Backend.cpu().sae().steer(sae, xb, null, Steering.add(11, 6f), xb);
            Path b = dir.resolve("xb.npy");
            Npy.write(b, xb);
            Path a = dir.resolve("xa.npy");
            Npy.write(a, SyntheticSae.uniform(arena, 8, 1.7f, 0f, 40, D_IN));
            Path sel = dir.resolve("sel.json");
            Result r = run("sae", "select", "--sae", saeFile.toString(), "--x-a", a.toString(), "--x-b", b.toString(),
                    "--top", "3", "--out", sel.toString());
            assertEquals(0, r.code(), r.err());
            String json = Files.readString(sel);
            assertTrue(json.contains("\"features\""), json);
            assertTrue(json.indexOf("\"feature\": 11,") == json.indexOf("\"feature\""), "planted feature first: " + json);
            assertEquals(3, json.split("\"feature\":").length - 1, json);
        }
    }

    @Test
    void badInputExitsTwoWithOneLineNamingTheArgument() throws IOException {
        Path out = dir.resolve("o.npy");
        try (Arena arena = Arena.ofConfined()) {
            Path wrong = dir.resolve("wrong.npy");
            Npy.write(wrong, Tensor.allocate(arena, DType.F32, 3, D_IN + 1));
            assertUsage(run("sae", "encode", "--sae", saeFile.toString(), "--x", wrong.toString(), "--out",
                    out.toString()), "--x", "wrong.npy", "last dim 24");
        }
        assertUsage(run("sae", "steer", "--sae", saeFile.toString(), "--x", xFile.toString(), "--feature", "40",
                "--add", "1", "--out", out.toString()), "--feature", "[0, 40)", "40");
        assertUsage(run("sae", "steer", "--sae", saeFile.toString(), "--x", xFile.toString(), "--feature", "3",
                "--clamp", "NaN", "--out", out.toString()), "--clamp", "NaN");
        assertUsage(run("sae", "steer", "--sae", saeFile.toString(), "--x", xFile.toString(), "--feature", "3",
                "--clamp", "1", "--add", "2", "--out", out.toString()), "mutually exclusive");
        Path garbage = dir.resolve("garbage.safetensors");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertUsage(run("sae", "encode", "--sae", garbage.toString(), "--x", xFile.toString(), "--out",
                out.toString()), "--sae", "garbage.safetensors");
        assertUsage(run("sae", "encode", "--sae", dir.resolve("missing.npz").toString(), "--x", xFile.toString(),
                "--out", out.toString()), "missing.npz");
        assertUsage(run("sae", "select", "--sae", saeFile.toString(), "--x-a", xFile.toString(), "--x-b",
                xFile.toString(), "--top", "0", "--out", dir.resolve("s.json").toString()), "--top");
    }

    private static void assertUsage(Result r, String... fragments) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line on stderr: " + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + r.err().strip() + "' should contain '" + f + "'");
        }
    }
}
