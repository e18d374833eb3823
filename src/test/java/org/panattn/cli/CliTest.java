package org.panattn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;
import org.panattn.io.Npy;

class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path random(String name, long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.allocate(Arena.ofAuto(), DType.F32, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) r.nextGaussian());
        }
        Path p = dir.resolve(name);
        Npy.write(p, t);
        return p;
    }

    @Test
    void attendMatchesTheLibraryCall() {
        Path q = random("q.npy", 1, 1, 4, 9, 16);
        Path k = random("k.npy", 2, 1, 2, 13, 16);
        Path v = random("v.npy", 3, 1, 2, 13, 5);
        Path o = dir.resolve("o.npy");
        Path l = dir.resolve("l.npy");
        for (String backend : new String[] {"ref", "cpu"}) {
            Result r = run("attend", "--q", q.toString(), "--k", k.toString(), "--v", v.toString(), "--causal",
                    "--window", "4,-1", "--scale", "0.3", "--out", o.toString(), "--lse", l.toString(),
                    "--backend", backend);
            assertEquals(0, r.code, r.err);
            try (Arena arena = Arena.ofConfined()) {
                Tensor out = Npy.read(o, arena);
                Tensor lse = Npy.read(l, arena);
                assertArrayEquals(new long[] {1, 4, 9, 5}, out.shape());
                assertArrayEquals(new long[] {1, 4, 9}, lse.shape());
                Tensor expected = Tensor.allocate(arena, DType.F32, 1, 4, 9, 5);
                Backend.reference().dense().attention(Npy.read(q, arena), Npy.read(k, arena), Npy.read(v, arena),
                        expected, null, new DenseSpec(0.3f, true, 4, -1));
                float[] a = out.toFloatArray();
                float[] b = expected.toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(b[i], a[i], 1e-5, backend + " element " + i);
                }
            }
        }
    }

    @Test
    void inputErrorsExitTwoWithOneLine() throws IOException {
        Path q = random("q.npy", 1, 1, 2, 3, 8);
        Path k = random("k.npy", 2, 1, 2, 5, 8);
        Path v = random("v.npy", 3, 1, 2, 5, 8);
        Path o = dir.resolve("o.npy");
        Path k3 = random("k3.npy", 4, 2, 5, 8);
        Path kBadD = random("kd.npy", 5, 1, 2, 5, 7);
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "not numpy at all");
        String[][] cases = {
            {"missing option", "attend", "--q", q.toString(), "--k", k.toString(), "--out", o.toString()},
            {"k3.npy", "attend", "--q", q.toString(), "--k", k3.toString(), "--v", v.toString(), "--out",
                o.toString()},
            {"junk.npy", "attend", "--q", q.toString(), "--k", junk.toString(), "--v", v.toString(), "--out",
                o.toString()},
            {"k: expected shape", "attend", "--q", q.toString(), "--k", kBadD.toString(), "--v", v.toString(),
                "--out", o.toString()},
            {"--window", "attend", "--q", q.toString(), "--k", k.toString(), "--v", v.toString(), "--out",
                o.toString(), "--window", "-2,1"},
            {"--window", "attend", "--q", q.toString(), "--k", k.toString(), "--v", v.toString(), "--out",
                o.toString(), "--window", "a,b"},
            {"--scale", "attend", "--q", q.toString(), "--k", k.toString(), "--v", v.toString(), "--out",
                o.toString(), "--scale", "NaN"},
            {"--backend", "attend", "--q", q.toString(), "--k", k.toString(), "--v", v.toString(), "--out",
                o.toString(), "--backend", "tpu"},
            {"--threads", "attend", "--q", q.toString(), "--k", k.toString(), "--v", v.toString(), "--out",
                o.toString(), "--threads", "0"},
            {"no such file", "attend", "--q", dir.resolve("nope.npy").toString(), "--k", k.toString(), "--v",
                v.toString(), "--out", o.toString()},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Result r = run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.code, what + " -> " + r.err);
            String line = r.err.strip();
            assertFalse(line.contains("\n"), "one line expected for " + what + ": " + r.err);
            assertFalse(line.contains("\tat "), "no stack trace for " + what);
            if (!c[0].equals("missing option")) {
                assertTrue(line.contains(c[0]), "'" + line + "' should mention " + c[0]);
            }
        }
        assertFalse(Files.exists(o), "no output file is written by a rejected call");
    }

    @Test
    void cudaBackendWithoutDeviceIsAUsageError() {
        if (Backend.cudaUnavailableReason() == null) {
            return; // a GPU machine: covered by the GPU tests
        }
        Path q = random("q.npy", 1, 1, 1, 2, 4);
        Result r = run("attend", "--q", q.toString(), "--k", q.toString(), "--v", q.toString(), "--out",
                dir.resolve("o.npy").toString(), "--backend", "cuda");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("--backend cuda"), r.err);
    }

    @Test
    void infoListsBackends() {
        Result r = run("info");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("backends:") && r.out.contains("ref"), r.out);
        assertTrue(r.out.contains("CUDA:"), r.out);
    }

    @Test
    void unknownSubcommandIsUsageError() {
        Result r = run("frobnicate");
        assertEquals(2, r.code);
    }
}
