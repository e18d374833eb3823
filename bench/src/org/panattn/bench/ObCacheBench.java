package org.panattn.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;
import org.panattn.kvcache.EvictionSpec;
import org.panattn.kvcache.SaliencyScore;
import org.panattn.kvcache.ScoreSpec;
import org.panattn.kvcache.WindowAttention;

/**
 * OBCache on the CPU: the fused score pass (self-contained, and given the window's attention as a prefill has it)
 * against dense attention of the same window queries over the same cache (the target: at most 1.5x), the
 * scalar reference on the smallest shape, and eviction/compaction against a plain copy of the bytes it moves.
 *
 * <pre>
 * ./mvnw -Pbench -DskipTests package
 * java -jar target/benchmarks.jar ObCacheBench -rf json -rff obcache.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-XX:+AlwaysPreTouch"})
public class ObCacheBench {
    static final int HEADS = 8;
    static final int DIM = 128;

    static Tensor gaussian(Arena arena, long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.allocate(arena, DType.F32, shape);
        MemorySegment s = t.segment();
        for (long i = 0; i < t.numel(); i++) {
            s.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
        }
        return t;
    }

    /** A cache of L tokens and a prompt whose last w queries form the window (B 1, 8 heads, D 128, causal). */
    @State(Scope.Benchmark)
    public static class Scoring {
        @Param({"16", "64"})
        int window;

        @Param({"4096", "32768"})
        int length;

        @Param({"joint", "accumulated"})
        String score;

        Arena arena;
        Tensor q;
        Tensor k;
        Tensor v;
        Tensor scores;
        Tensor out;
        Tensor denseOut;
        Tensor lse;
        WindowAttention windowAttention;
        ScoreSpec spec;
        DenseSpec dense;
        Backend cpu;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            cpu = Backend.cpu();
            q = gaussian(arena, 1, 1, HEADS, window, DIM);
            k = gaussian(arena, 2, 1, HEADS, length, DIM);
            v = gaussian(arena, 3, 1, HEADS, length, DIM);
            scores = Tensor.allocate(arena, DType.F32, 1, HEADS, length);
            out = Tensor.allocate(arena, DType.F32, 1, HEADS, window, DIM);
            denseOut = Tensor.allocate(arena, DType.F32, 1, HEADS, window, DIM);
            spec = ScoreSpec.of(SaliencyScore.parse(score, "score"), window).withCausal(true);
            dense = DenseSpec.causalDefaults();
            // the window's attention as a prefill has it (the dense kernel's output and log-sum-exp)
            lse = Tensor.allocate(arena, DType.F32, 1, HEADS, window);
            cpu.dense().attention(q, k, v, out, lse, dense);
            windowAttention = new WindowAttention(out, lse);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    @Benchmark
    public Tensor scoreCpu(Scoring s) {
        s.cpu.kvcache().scores(s.q, s.k, s.v, s.scores, s.spec);
        return s.scores;
    }

    /** The score pass given the window's attention (as an engine's prefill has it): no attention pass of its own. */
    @Benchmark
    public Tensor scoreGivenWindowCpu(Scoring s) {
        s.cpu.kvcache().scores(s.q, s.k, s.v, s.windowAttention, s.scores, s.spec, false);
        return s.scores;
    }

    /** The baseline: dense attention of the same window queries over the same cache. */
    @Benchmark
    public Tensor denseWindowCpu(Scoring s) {
        s.cpu.dense().attention(s.q, s.k, s.v, s.denseOut, s.dense);
        return s.denseOut;
    }

    /** The scalar double-precision reference, on one small shape only (it is ~100x slower). */
    @State(Scope.Benchmark)
    public static class ReferenceScoring {
        Arena arena;
        Tensor q;
        Tensor k;
        Tensor v;
        Tensor scores;
        ScoreSpec spec;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            q = gaussian(arena, 1, 1, 2, 16, DIM);
            k = gaussian(arena, 2, 1, 2, 1024, DIM);
            v = gaussian(arena, 3, 1, 2, 1024, DIM);
            scores = Tensor.allocate(arena, DType.F32, 1, 2, 1024);
            spec = ScoreSpec.of(SaliencyScore.JOINT, 16).withCausal(true);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    @Benchmark
    public Tensor scoreReferenceH2L1024W16(ReferenceScoring s) {
        Backend.reference().kvcache().scores(s.q, s.k, s.v, s.scores, s.spec);
        return s.scores;
    }

    @Benchmark
    public Tensor scoreCpuH2L1024W16(ReferenceScoring s) {
        Backend.cpu().kvcache().scores(s.q, s.k, s.v, s.scores, s.spec);
        return s.scores;
    }

    /** A 32k-token cache evicted to 20% (sink 4, recent 64); restored from a pristine copy before each call. */
    @State(Scope.Benchmark)
    public static class Eviction {
        static final int LENGTH = 32768;
        static final int BUDGET = LENGTH / 5;

        Arena arena;
        Tensor k;
        Tensor v;
        Tensor scores;
        Tensor kept;
        Tensor pristineK;
        Tensor pristineV;
        Tensor pristineScores;
        Tensor copyK;
        Tensor copyV;
        EvictionSpec spec;
        Backend oneThread;
        /** The kept positions of each head (the eviction's own, from one untimed run). */
        int[][] keptRows;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            oneThread = Backend.cpu(1);
            pristineK = gaussian(arena, 4, 1, HEADS, LENGTH, DIM);
            pristineV = gaussian(arena, 5, 1, HEADS, LENGTH, DIM);
            pristineScores = gaussian(arena, 6, 1, HEADS, LENGTH);
            k = Tensor.allocate(arena, DType.F32, 1, HEADS, LENGTH, DIM);
            v = Tensor.allocate(arena, DType.F32, 1, HEADS, LENGTH, DIM);
            scores = Tensor.allocate(arena, DType.F32, 1, HEADS, LENGTH);
            kept = Tensor.allocate(arena, DType.I32, 1, HEADS, BUDGET);
            copyK = Tensor.allocate(arena, DType.F32, 1, HEADS, BUDGET, DIM);
            copyV = Tensor.allocate(arena, DType.F32, 1, HEADS, BUDGET, DIM);
            spec = new EvictionSpec(BUDGET, 64, 4);
            restore();
            Backend.cpu().kvcache().evict(k, v, scores, kept, spec);
            keptRows = new int[HEADS][BUDGET];
            for (int h = 0; h < HEADS; h++) {
                for (int t = 0; t < BUDGET; t++) {
                    keptRows[h][t] = kept.select(0, 0).select(0, h).getInt(t);
                }
            }
        }

        @Setup(Level.Invocation)
        public void restore() {
            pristineK.copyTo(k);
            pristineV.copyTo(v);
            pristineScores.copyTo(scores);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    /**
     * Selection + in-place compaction of K, V and scores: 2 x 8 x 6553 rows of 512 bytes gathered. More warmup
     * than the rest: each call is preceded by a (untimed) restore, so few calls fit in a warmup second.
     */
    @Benchmark
    @Warmup(iterations = 10, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Tensor evictCpu(Eviction e) {
        Backend.cpu().kvcache().evict(e.k, e.v, e.scores, e.kept, e.spec);
        return e.kept;
    }

    /** The same eviction on the caller's thread only (the copy baseline below is single-threaded too). */
    @Benchmark
    @Warmup(iterations = 10, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Tensor evictCpuOneThread(Eviction e) {
        e.oneThread.kvcache().evict(e.k, e.v, e.scores, e.kept, e.spec);
        return e.kept;
    }

    /**
     * The ceiling of the compaction alone: the eviction's own row moves (row kept[t] to row t, in place, K then V
     * of each head, one MemorySegment.copy per moved row), with no selection; single-threaded, as the copy below.
     */
    @Benchmark
    @Warmup(iterations = 10, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Tensor scatteredRowMoves(Eviction e) {
        long rowBytes = (long) DIM * Float.BYTES;
        for (int h = 0; h < HEADS; h++) {
            for (Tensor t : new Tensor[] {e.k, e.v}) {
                MemorySegment seg = t.segment();
                long base = (t.offset() + h * t.stride(1)) * Float.BYTES;
                int[] rows = e.keptRows[h];
                for (int i = 0; i < rows.length; i++) {
                    if (rows[i] != i) {
                        MemorySegment.copy(seg, base + rows[i] * rowBytes, seg, base + i * rowBytes, rowBytes);
                    }
                }
            }
        }
        return e.k;
    }

    /** The copy-bandwidth baseline: the same kept bytes of K and V moved by one contiguous copy per head. */
    @Benchmark
    @Warmup(iterations = 10, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Tensor copyKeptBytes(Eviction e) {
        for (int h = 0; h < HEADS; h++) {
            e.k.select(0, 0).select(0, h).slice(0, 0, Eviction.BUDGET).copyTo(e.copyK.select(0, 0).select(0, h));
            e.v.select(0, 0).select(0, h).slice(0, 0, Eviction.BUDGET).copyTo(e.copyV.select(0, 0).select(0, h));
        }
        return e.copyV;
    }
}
