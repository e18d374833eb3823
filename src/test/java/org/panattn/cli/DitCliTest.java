package org.panattn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dit.DitSpec;
import org.panattn.io.Npy;

/** `panattn dit window|residual`: results equal the library call, exit codes and one-line errors. */
class DitCliTest {
    @TempDir
    Path dir;

    private Tensor random(String name, long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.allocate(Arena.ofAuto(), DType.F32, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) r.nextGaussian());
        }
        Npy.write(dir.resolve(name), t);
        return t;
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void windowAndResidualMatchTheLibrary() {
        Tensor q = random("q.npy", 1, 1, 4, 77, 16);
        Tensor k = random("k.npy", 2, 1, 2, 77, 16);
        Tensor v = random("v.npy", 3, 1, 2, 77, 8);
        for (String backend : new String[] {"ref", "cpu"}) {
            CliTest.Result r = CliTest.run("dit", "window", "--q", path("q.npy"), "--k", path("k.npy"), "--v",
                    path("v.npy"), "--window", "9", "--out", path("w.npy"), "--backend", backend);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("dit window: backend " + backend), r.out());
            Tensor expected = Backend.reference().dit().window(Arena.ofAuto(), q, k, v, DitSpec.window(9));
            assertClose(expected, Npy.read(dir.resolve("w.npy"), Arena.ofAuto()));

            r = CliTest.run("dit", "residual", "--q", path("q.npy"), "--k", path("k.npy"), "--v", path("v.npy"),
                    "--window", "9", "--out-full", path("o.npy"), "--out-window", path("wn.npy"), "--out-residual",
                    path("r.npy"), "--backend", backend);
            assertEquals(0, r.code(), r.err());
            Tensor o = Npy.read(dir.resolve("o.npy"), Arena.ofAuto());
            Tensor wn = Npy.read(dir.resolve("wn.npy"), Arena.ofAuto());
            Tensor res = Npy.read(dir.resolve("r.npy"), Arena.ofAuto());
            assertClose(expected, wn);
            float[] of = o.toFloatArray();
            float[] wf = wn.toFloatArray();
            float[] rf = res.toFloatArray();
            for (int i = 0; i < of.length; i++) {
                assertEquals(Float.floatToRawIntBits(of[i]), Float.floatToRawIntBits(wf[i] + rf[i]),
                        backend + ": W + R = O at element " + i);
            }
        }
    }

    @Test
    void badInputsExitTwoWithOneLine() {
        random("q.npy", 1, 1, 2, 30, 8);
        random("k.npy", 2, 1, 2, 31, 8);
        random("v.npy", 3, 1, 2, 31, 8);
        CliTest.Result r = CliTest.run("dit", "window", "--q", path("q.npy"), "--k", path("k.npy"), "--v",
                path("v.npy"), "--window", "3", "--out", path("w.npy"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("k: expected N = 30 tokens (self-attention, as q), got 31"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        r = CliTest.run("dit", "window", "--q", path("q.npy"), "--k", path("q.npy"), "--v", path("q.npy"),
                "--window", "-2", "--out", path("w.npy"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--window: expected >= 0, got -2"), r.err());
        r = CliTest.run("dit", "residual", "--q", path("q.npy"), "--k", path("q.npy"), "--v", path("q.npy"),
                "--window", "2", "--out-full", path("o.npy"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--out-residual"), r.err());
        r = CliTest.run("dit");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("expected a subcommand: window or residual"), r.err());
        r = CliTest.run("dit", "window", "--q", path("missing.npy"), "--k", path("q.npy"), "--v", path("q.npy"),
                "--window", "2", "--out", path("w.npy"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing.npy"), r.err());
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 2e-5, "element " + i);
        }
    }
}
