package org.panattn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridMode;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridSpec;
import org.panattn.io.Npy;

/** `panattn hybrid` with the flags: results equal the library call; bad input exits 2 naming the culprit. */
class HybridCliTest {
    @TempDir
    Path dir;

    private Path random(String name, long seed, double sigma, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.allocate(Arena.ofAuto(), DType.F32, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) (r.nextGaussian() * sigma));
        }
        Path p = dir.resolve(name);
        Npy.write(p, t);
        return p;
    }

    @Test
    void hybridMatchesTheLibraryCallAndWritesDiagnostics() throws IOException {
        Path q = random("q.npy", 1, 0.5, 1, 4, 70, 16);
        Path k = random("k.npy", 2, 0.5, 1, 2, 70, 16);
        Path v = random("v.npy", 3, 1, 1, 2, 70, 8);
        Path wq = random("wq.npy", 4, 0.3, 4, 16, 6);
        Path wk = random("wk.npy", 5, 0.3, 4, 16, 6);
        Path gh = dir.resolve("gh.npy");
        Npy.write(gh, Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 4));
        Path o = dir.resolve("o.npy");
        Path d = dir.resolve("d.json");
        for (String backend : new String[] {"ref", "cpu"}) {
            CliTest.Result r = CliTest.run("hybrid", "--q", q.toString(), "--k", k.toString(), "--v", v.toString(),
                    "--window", "7", "--feature-map", "hedgehog", "--fm-weights-q", wq.toString(), "--fm-weights-k",
                    wk.toString(), "--window-factor", gh.toString(), "--affine", "--mode", "hybrid", "--scale", "0.3",
                    "--out", o.toString(), "--diagnostics", d.toString(), "--backend", backend);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("hybrid: backend " + backend), r.out());
            try (Arena arena = Arena.ofConfined()) {
                Tensor out = Npy.read(o, arena);
                assertArrayEquals(new long[] {1, 4, 70, 8}, out.shape());
                Tensor expected = Tensor.allocate(arena, DType.F32, 1, 4, 70, 8);
                Backend.reference().hybrid().prefill(Npy.read(q, arena), Npy.read(k, arena), Npy.read(v, arena),
                        HybridParams.untied(Npy.read(wq, arena), Npy.read(wk, arena))
                                .withWindowFactor(Npy.read(gh, arena)),
                        HybridOutputs.of(expected),
                        HybridSpec.of(7, FeatureMap.HEDGEHOG).withAffine(true).withScale(0.3f));
                float[] a = out.toFloatArray();
                float[] b = expected.toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(b[i], a[i], 2e-4 * (1 + Math.abs(b[i])), backend + " element " + i);
                }
            }
            String json = Files.readString(d);
            assertTrue(json.contains("\"denominator_share\"") && json.contains("\"head\": 3")
                    && json.contains("\"window_factor\": 0.4"), json);
        }
    }

    @Test
    void everyModeRunsAndSinksOnlyNeedsSinks() {
        Path q = random("q.npy", 1, 0.5, 1, 2, 20, 8);
        Path o = dir.resolve("o.npy");
        for (HybridMode mode : HybridMode.values()) {
            CliTest.Result r = CliTest.run("hybrid", "--q", q.toString(), "--k", q.toString(), "--v", q.toString(),
                    "--window", "4", "--feature-map", "elu1", "--mode", mode.cliName(), "--sinks", "2", "--gamma",
                    "0.5", "--out", o.toString());
            assertEquals(0, r.code(), mode + ": " + r.err());
        }
        CliTest.Result r = CliTest.run("hybrid", "--q", q.toString(), "--k", q.toString(), "--v", q.toString(),
                "--window", "4", "--feature-map", "relu", "--mode", "sinks-only", "--out", o.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--sinks: expected >= 1 with --mode sinks-only, got 0"), r.err());
    }

    @Test
    void inputErrorsExitTwoWithOneLine() {
        Path q = random("q.npy", 1, 0.5, 1, 2, 10, 8);
        Path badWeights = random("w.npy", 2, 0.3, 2, 7, 4);
        Path o = dir.resolve("o.npy");
        String[][] cases = {
            {"--window: expected >= 1, got 0", "--window", "0", "--feature-map", "elu1"},
            {"--feature-map: expected hedgehog, elu1, relu or exp, got gelu", "--window", "4", "--feature-map", "gelu"},
            {"--gamma: expected a finite window factor >= 0, got -0.5", "--window", "4", "--feature-map", "elu1",
                "--gamma", "-0.5"},
            {"--mode: expected hybrid, window-only, linear-only, sinks-only or zero, got all", "--window", "4",
                "--feature-map", "elu1", "--mode", "all"},
            {"w.npy: featureQ: expected shape [2, 8, P] (Hq, D of q), got [2, 7, 4]", "--window", "4",
                "--feature-map", "hedgehog", "--fm-weights-q", badWeights.toString()},
            {"featureQ: expected Hedgehog weights", "--window", "4", "--feature-map", "hedgehog"},
            {"mutually exclusive", "--window", "4", "--feature-map", "elu1", "--gamma", "0.1", "--window-factor",
                badWeights.toString()},
        };
        for (String[] c : cases) {
            String[] base = {"hybrid", "--q", q.toString(), "--k", q.toString(), "--v", q.toString(), "--out"};
            String[] full = new String[base.length + 1 + c.length - 1];
            System.arraycopy(base, 0, full, 0, base.length);
            full[base.length] = o.toString();
            System.arraycopy(c, 1, full, base.length + 1, c.length - 1);
            CliTest.Result r = CliTest.run(full);
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[0]), "expected '" + c[0] + "' in: " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
