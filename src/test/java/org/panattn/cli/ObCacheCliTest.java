package org.panattn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.io.Npy;
import org.panattn.kvcache.EvictionPolicy;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.GroupAggregation;
import org.panattn.kvcache.KeyPooling;
import org.panattn.kvcache.SaliencyScore;
import org.panattn.kvcache.ScoreSpec;

/** `panattn obcache score|evict`: outputs equal the library calls; bad input exits 2 with one line. */
class ObCacheCliTest {
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

    private Tensor random(Arena arena, long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.allocate(arena, DType.F32, shape);
        for (long i = 0; i < t.numel(); i++) {
            t.writeFloat(i, (float) r.nextGaussian());
        }
        return t;
    }

    private Path save(String name, Tensor t) {
        Path p = dir.resolve(name);
        Npy.write(p, t);
        return p;
    }

    @Test
    void scoreMatchesTheLibraryCall() {
        try (Arena arena = Arena.ofShared()) {
            Tensor q = random(arena, 1, 1, 4, 10, 8);
            Tensor k = random(arena, 2, 1, 2, 30, 8);
            Tensor v = random(arena, 3, 1, 2, 30, 6);
            Path out = dir.resolve("s.npy");
            for (String backend : new String[] {"ref", "cpu"}) {
                Result r = run("obcache", "score", "--q", save("q.npy", q).toString(), "--k",
                        save("k.npy", k).toString(), "--v", save("v.npy", v).toString(), "--window", "4",
                        "--score", "joint", "--causal", "--scale", "0.4", "--group-agg", "max", "--pool", "max7",
                        "--out", out.toString(), "--backend", backend);
                assertEquals(0, r.code, r.err);
                Tensor want = Tensor.allocate(arena, DType.F32, 1, 2, 30);
                Backend.reference().kvcache().scores(q, k, v, want, ScoreSpec.of(SaliencyScore.JOINT, 4)
                        .withCausal(true).withScale(0.4f).withAggregation(GroupAggregation.MAX)
                        .withPooling(KeyPooling.MAX7));
                float[] got = Npy.read(out, arena).toFloatArray();
                float[] w = want.toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    assertEquals(w[i], got[i], 1e-4 * (1 + Math.abs(w[i])), backend + " score " + i);
                }
            }
            Result none = run("obcache", "score", "--q", dir.resolve("q.npy").toString(), "--k",
                    dir.resolve("k.npy").toString(), "--v", dir.resolve("v.npy").toString(), "--window", "2",
                    "--score", "value", "--group-agg", "none", "--out", out.toString());
            assertEquals(0, none.code, none.err);
            assertArrayEquals(new long[] {1, 4, 30}, Npy.read(out, arena).shape());
        }
    }

    @Test
    void evictWritesTheCompactedCacheAndKeptPositions() {
        try (Arena arena = Arena.ofShared()) {
            Tensor q = random(arena, 4, 2, 2, 6, 8);
            Tensor k = random(arena, 5, 2, 1, 40, 8);
            Tensor v = random(arena, 6, 2, 1, 40, 4);
            Path outK = dir.resolve("k2.npy");
            Path outV = dir.resolve("v2.npy");
            Path kept = dir.resolve("idx.npy");
            Result r = run("obcache", "evict", "--q", save("q.npy", q).toString(), "--k", save("k.npy", k).toString(),
                    "--v", save("v.npy", v).toString(), "--window", "6", "--causal", "--policy", "snapkv",
                    "--score", "key", "--budget", "12", "--recent", "4", "--sink", "2", "--out-k", outK.toString(),
                    "--out-v", outV.toString(), "--kept", kept.toString());
            assertEquals(0, r.code, r.err);
            ScoreSpec spec = EvictionPolicy.SNAPKV.scoreSpec(ScoreSpec.of(SaliencyScore.KEY, 6).withCausal(true));
            Tensor scores = Tensor.allocate(arena, DType.F32, 2, 1, 40);
            Backend.cpu().kvcache().scores(q, k, v, scores, spec);
            Tensor idx = Tensor.allocate(arena, DType.I32, 2, 1, 12);
            Backend.cpu().kvcache().evict(k, v, scores, idx, new EvictionSpec(12, 4, 2));
            assertArrayEquals(idx.toFloatArray(), Npy.read(kept, arena).toFloatArray());
            assertArrayEquals(k.slice(2, 0, 12).toFloatArray(), Npy.read(outK, arena).toFloatArray());
            assertArrayEquals(v.slice(2, 0, 12).toFloatArray(), Npy.read(outV, arena).toFloatArray());
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        try (Arena arena = Arena.ofShared()) {
            String q = save("q.npy", random(arena, 1, 1, 4, 5, 8)).toString();
            String k = save("k.npy", random(arena, 2, 1, 2, 9, 8)).toString();
            String v = save("v.npy", random(arena, 3, 1, 2, 9, 8)).toString();
            String o = dir.resolve("o.npy").toString();
            String[][] calls = {
                {"obcache", "score", "--q", q, "--k", k, "--v", v, "--window", "6", "--score", "value", "--out", o},
                {"obcache", "score", "--q", q, "--k", k, "--v", v, "--window", "2", "--score", "vnorm", "--out", o},
                {"obcache", "score", "--q", q, "--k", k, "--v", v, "--window", "2", "--score", "key", "--pool", "avg5",
                    "--out", o},
                {"obcache", "evict", "--q", q, "--k", k, "--v", v, "--window", "2", "--score", "key", "--policy",
                    "h2o", "--budget", "10", "--out-k", o, "--out-v", o, "--kept", o},
                {"obcache", "evict", "--q", q, "--k", k, "--v", v, "--window", "2", "--score", "key", "--policy",
                    "h2o", "--budget", "3", "--recent", "2", "--sink", "2", "--out-k", o, "--out-v", o, "--kept", o},
                {"obcache", "evict", "--q", q, "--k", k, "--v", v, "--score", "key", "--policy", "tova", "--budget",
                    "3", "--recent", "1", "--out-k", o, "--out-v", o, "--kept", o},
                {"obcache", "evict", "--q", q, "--k", k, "--v", v, "--window", "2", "--score", "key", "--policy",
                    "h2o", "--group-agg", "none", "--budget", "3", "--out-k", o, "--out-v", o, "--kept", o},
                {"obcache", "score", "--q", dir.resolve("missing.npy").toString(), "--k", k, "--v", v, "--window",
                    "2", "--score", "key", "--out", o},
            };
            String[] expected = {"--window: window: expected <= Nq = 5", "--score: expected value, key, joint",
                "--pool: expected none or max7, got avg5", "--budget: expected <= L = 9",
                "--budget: expected >= sink + recent = 4", "--recent: expected 0 with policy tova",
                "--group-agg: none gives per-query-head scores", "missing.npy"};
            for (int i = 0; i < calls.length; i++) {
                Result r = run(calls[i]);
                assertEquals(2, r.code, String.join(" ", calls[i]) + "\n" + r.err);
                assertTrue(r.err.contains(expected[i]), r.err);
                assertEquals(1, r.err.strip().lines().count(), r.err);
            }
        }
    }
}
