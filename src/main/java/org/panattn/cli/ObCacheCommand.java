package org.panattn.cli;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.io.Npy;
import org.panattn.kvcache.EvictionPolicy;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.GroupAggregation;
import org.panattn.kvcache.KeyPooling;
import org.panattn.kvcache.SaliencyScore;
import org.panattn.kvcache.ScoreProblem;
import org.panattn.kvcache.ScoreSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code obcache score|evict}: OBCache saliency scores and KV-cache eviction on .npy tensors. */
@Command(name = "obcache", mixinStandardHelpOptions = true,
        description = "OBCache: output-aware KV-cache saliency scores (value, key, joint) or accumulated attention, "
                + "and eviction under the H2O, TOVA or SnapKV policy.",
        subcommands = {ObCacheCommand.Score.class, ObCacheCommand.Evict.class, CommandLine.HelpCommand.class})
final class ObCacheCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageException("obcache: expected a subcommand: score or evict (see 'panattn obcache --help')");
    }

    /** The inputs and score options both subcommands share. */
    static final class ScoreOptions {
        @Option(names = "--q", required = true, paramLabel = "Q.npy", description = "Queries [B,Hq,Nq,D]; the "
                + "window is the last W queries.")
        Path q;

        @Option(names = "--k", required = true, paramLabel = "K.npy", description = "Keys [B,Hkv,L,D].")
        Path k;

        @Option(names = "--v", required = true, paramLabel = "V.npy", description = "Values [B,Hkv,L,Dv].")
        Path v;

        @Option(names = "--window", paramLabel = "W", description = "Observation window: the last W queries "
                + "(1 <= W <= Nq; evict with --policy tova uses 1).")
        Integer window;

        @Option(names = "--score", required = true, paramLabel = "value|key|joint|accumulated",
                description = "value: (sum A^2)||v||^2; key: sum A^2 z^2 ||v - o||^2; joint: both with the cross "
                        + "term; accumulated: sum A (H2O/TOVA/SnapKV's own score).")
        String score;

        @Option(names = "--causal", description = "Window query i sees keys j <= i + L - Nq (bottom-right aligned).")
        boolean causal;

        @Option(names = "--scale", paramLabel = "S", description = "Logit scale (default 1/sqrt(D)).")
        Float scale;

        @Option(names = "--group-agg", paramLabel = "mean|max|none", defaultValue = "mean",
                description = "Query heads of a GQA group to their KV head: mean (default), max, or none (scores "
                        + "per query head).")
        String groupAgg;

        ScoreSpec spec(int defaultWindow, KeyPooling pooling) {
            SaliencyScore s = parse(() -> SaliencyScore.parse(score.trim().toLowerCase(Locale.ROOT), "--score"));
            GroupAggregation g = parse(() -> GroupAggregation.parse(groupAgg.trim().toLowerCase(Locale.ROOT),
                    "--group-agg"));
            int w = window != null ? window : defaultWindow;
            if (w < 1) {
                throw new UsageException("--window: expected >= 1 query, got " + w);
            }
            if (scale != null && !Float.isFinite(scale)) {
                throw new UsageException("--scale: expected a finite number, got " + scale);
            }
            return new ScoreSpec(s, w, scale, causal, g, pooling);
        }
    }

    static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Reads Q, K, V, validates the score call and returns {q, k, v} on the host. */
    static Tensor[] readInputs(Arena arena, ScoreOptions o) {
        return new Tensor[] {AttendCommand.readAttention(arena, o.q, "--q"),
            AttendCommand.readAttention(arena, o.k, "--k"), AttendCommand.readAttention(arena, o.v, "--v")};
    }

    static ScoreProblem validate(ScoreOptions o, Tensor[] qkv, Tensor scores, ScoreSpec spec) {
        try {
            return ScoreProblem.of(qkv[0], qkv[1], qkv[2], scores, spec);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            String name = m.startsWith("window") ? "--window" : "inputs " + o.q.getFileName() + ", "
                    + o.k.getFileName() + ", " + o.v.getFileName();
            throw new UsageException(name + ": " + m);
        }
    }

    static long scoreHeads(Tensor q, Tensor k, ScoreSpec spec) {
        return spec.aggregation() == GroupAggregation.NONE ? q.dim(1) : k.dim(1);
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Per-token saliency over the last W queries: writes scores [B,Hkv,L] float32, or [B,Hq,L] "
                    + "with --group-agg none.")
    static final class Score implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ScoreOptions options;

        @Option(names = "--pool", paramLabel = "none|max7", defaultValue = "none",
                description = "Smooth each query head's scores along keys: none (default) or SnapKV's max over 7.")
        String pool;

        @Option(names = "--out", required = true, paramLabel = "S.npy", description = "Scores, float32.")
        Path out;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() {
            if (options.window == null) {
                throw new UsageException("--window: expected the observation window W (>= 1), got none");
            }
            KeyPooling pooling = parse(() -> KeyPooling.parse(pool.trim().toLowerCase(Locale.ROOT), "--pool"));
            ScoreSpec scoreSpec = options.spec(1, pooling);
            Backend backend = backendOptions.resolve();
            try (Arena arena = Arena.ofShared()) {
                Tensor[] qkv = readInputs(arena, options);
                long[] shape = {qkv[0].dim(0), scoreHeads(qkv[0], qkv[1], scoreSpec), qkv[1].dim(2)};
                Tensor hostScores = Tensor.allocate(arena, DType.F32, shape);
                ScoreProblem p = validate(options, qkv, hostScores, scoreSpec);
                Tensor scores = backend.device().isCpu() ? hostScores : backend.allocate(arena, DType.F32, shape);
                long t0 = System.nanoTime();
                backend.kvcache().scores(BackendOptions.onDevice(backend, arena, qkv[0]),
                        BackendOptions.onDevice(backend, arena, qkv[1]), BackendOptions.onDevice(backend, arena, qkv[2]),
                        scores, scoreSpec);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Npy.write(out, BackendOptions.onHost(arena, scores));
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "obcache score: backend %s, %s score, window %d, %s aggregation, pool %s, scores %s, "
                                + "%.3f ms, %.2f GFLOP/s -> %s%n", backend.name(), scoreSpec.score().cliName(),
                        scoreSpec.window(), scoreSpec.aggregation().cliName(), scoreSpec.pooling().cliName(),
                        Arrays.toString(shape), seconds * 1e3, p.flops() / seconds / 1e9, out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "evict", mixinStandardHelpOptions = true,
            description = "Scores the cache, then keeps per (batch, KV head) the --sink first tokens, the --recent last "
                    + "ones and the top-scoring rest up to --budget, in order; writes the compacted K, V and the kept "
                    + "positions.")
    static final class Evict implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ScoreOptions options;

        @Option(names = "--policy", required = true, paramLabel = "h2o|tova|snapkv",
                description = "h2o: window score; tova: last query only, no recent window; snapkv: window score "
                        + "max-pooled over 7 keys.")
        String policy;

        @Option(names = "--pool", paramLabel = "none|max7",
                description = "Pooling for h2o and tova (default none); snapkv always uses max7.")
        String pool;

        @Option(names = "--budget", required = true, paramLabel = "N", description = "Tokens kept per head.")
        Long budget;

        @Option(names = "--recent", paramLabel = "R", defaultValue = "0",
                description = "Newest tokens always kept (default 0; must be 0 with tova).")
        long recent;

        @Option(names = "--sink", paramLabel = "S", defaultValue = "0",
                description = "First tokens always kept (default 0).")
        long sink;

        @Option(names = "--out-k", required = true, paramLabel = "K2.npy", description = "Kept keys [B,Hkv,N,D].")
        Path outK;

        @Option(names = "--out-v", required = true, paramLabel = "V2.npy", description = "Kept values [B,Hkv,N,Dv].")
        Path outV;

        @Option(names = "--kept", required = true, paramLabel = "IDX.npy",
                description = "Kept positions [B,Hkv,N] int32, ascending.")
        Path kept;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() {
            EvictionPolicy p = parse(() -> EvictionPolicy.parse(policy.trim().toLowerCase(Locale.ROOT), "--policy"));
            KeyPooling pooling = pool == null ? KeyPooling.NONE
                    : parse(() -> KeyPooling.parse(pool.trim().toLowerCase(Locale.ROOT), "--pool"));
            if (p == EvictionPolicy.SNAPKV && pool != null && pooling != KeyPooling.MAX7) {
                throw new UsageException("--pool: policy snapkv max-pools over 7 keys, got " + pool);
            }
            if (p == EvictionPolicy.TOVA && options.window != null && options.window != 1) {
                throw new UsageException("--window: policy tova scores with the last query only (1), got "
                        + options.window);
            }
            if (p != EvictionPolicy.TOVA && options.window == null) {
                throw new UsageException("--window: expected the observation window W (>= 1) for policy "
                        + p.cliName() + ", got none");
            }
            if (p == EvictionPolicy.TOVA && recent != 0) {
                throw new UsageException("--recent: expected 0 with policy tova (TOVA keeps no recent window), got "
                        + recent);
            }
            EvictionSpec eviction;
            try {
                eviction = new EvictionSpec(budget, recent, sink);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + e.getMessage());
            }
            ScoreSpec scoreSpec = p.scoreSpec(options.spec(1, pooling));
            Backend backend = backendOptions.resolve();
            try (Arena arena = Arena.ofShared()) {
                Tensor[] qkv = readInputs(arena, options);
                long[] shape = {qkv[0].dim(0), scoreHeads(qkv[0], qkv[1], scoreSpec), qkv[1].dim(2)};
                ScoreProblem problem = validate(options, qkv, Tensor.allocate(arena, DType.F32, shape), scoreSpec);
                if (shape[1] != qkv[1].dim(1)) {
                    throw new UsageException("--group-agg: none gives per-query-head scores (" + shape[1]
                            + " heads), but " + options.k.getFileName() + " has " + qkv[1].dim(1)
                            + " KV heads: evicting needs one score per KV head (mean or max)");
                }
                if (budget > problem.dense().nk()) {
                    throw new UsageException("--budget: expected <= L = " + problem.dense().nk()
                            + " (the tokens of " + options.k.getFileName() + "), got " + budget);
                }
                // the eviction compacts in place: work on copies, never on the (memory-mapped) input files
                Tensor k = backend.allocate(arena, qkv[1].dtype(), qkv[1].shape());
                Tensor v = backend.allocate(arena, qkv[2].dtype(), qkv[2].shape());
                qkv[1].copyTo(k);
                qkv[2].copyTo(v);
                Tensor scores = backend.allocate(arena, DType.F32, shape);
                Tensor keptIdx = backend.allocate(arena, DType.I32, shape[0], shape[1], budget);
                long t0 = System.nanoTime();
                backend.kvcache().scores(BackendOptions.onDevice(backend, arena, qkv[0]), k, v, scores, scoreSpec);
                long t1 = System.nanoTime();
                backend.kvcache().evict(k, v, scores, keptIdx, eviction);
                long t2 = System.nanoTime();
                Npy.write(outK, BackendOptions.onHost(arena, k).slice(2, 0, budget));
                Npy.write(outV, BackendOptions.onHost(arena, v).slice(2, 0, budget));
                Npy.write(kept, BackendOptions.onHost(arena, keptIdx));
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "obcache evict: backend %s, policy %s, %s score, window %d, kept %d of %d per head "
                                + "(sink %d, recent %d), score %.3f ms, evict %.3f ms -> %s, %s, %s%n",
                        backend.name(), p.cliName(), scoreSpec.score().cliName(), scoreSpec.window(), budget,
                        problem.dense().nk(), sink, recent, (t1 - t0) / 1e6, (t2 - t1) / 1e6, outK, outV, kept);
            }
            return ExitCodes.OK;
        }
    }
}
