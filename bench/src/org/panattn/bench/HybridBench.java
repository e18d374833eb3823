package org.panattn.bench;

import java.lang.foreign.Arena;
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
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridSpec;
import org.panattn.hybrid.HybridState;

/**
 * Hybrid attention (issue 5): prefill time against T (linear: 16k -> 64k within 4.6x), against dense causal
 * attention (>= 8x faster at 16k), and decode time per token against the prefix length (flat). B 1, H 8, D 64,
 * Hedgehog F 128, w 64, on the cpu backend. Run:
 * <pre>
 * java -jar target/benchmarks.jar HybridBench -rf json -rff hybrid.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
public class HybridBench {
    static final int HEADS = 8;
    static final int DIM = 64;
    static final int PROJECTED = 64;
    static final HybridSpec SPEC = HybridSpec.of(64, FeatureMap.HEDGEHOG);

    /** q, k, v [1, H, T, D] ~ N(0, 0.25) and Hedgehog weights [H, D, F/2] ~ N(0, 1/D). */
    static Tensor[] inputs(Arena arena, int tokens, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor[] t = {Tensor.allocate(arena, DType.F32, 1, HEADS, tokens, DIM),
            Tensor.allocate(arena, DType.F32, 1, HEADS, tokens, DIM),
            Tensor.allocate(arena, DType.F32, 1, HEADS, tokens, DIM),
            Tensor.allocate(arena, DType.F32, HEADS, DIM, PROJECTED)};
        for (int x = 0; x < t.length; x++) {
            double sigma = x == 3 ? 1 / Math.sqrt(DIM) : 0.5;
            for (long i = 0; i < t[x].numel(); i++) {
                t[x].writeFloat(i, (float) (r.nextGaussian() * sigma));
            }
        }
        return t;
    }

    /** Prefill of T tokens. */
    @State(Scope.Benchmark)
    public static class Prefill {
        @Param({"1024", "4096", "16384", "65536"})
        int tokens;

        Arena arena;
        Backend cpu;
        Tensor[] in;
        HybridOutputs out;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            cpu = Backend.cpu();
            in = inputs(arena, tokens, 1);
            out = HybridOutputs.of(Tensor.allocate(arena, DType.F32, 1, HEADS, tokens, DIM));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    /** A state holding T tokens, then one decode token. */
    @State(Scope.Benchmark)
    public static class Decode {
        @Param({"1024", "4096", "16384", "65536"})
        int tokens;

        Arena arena;
        Backend cpu;
        Tensor[] next;
        HybridParams params;
        HybridOutputs out;
        HybridState state;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            cpu = Backend.cpu();
            Tensor[] in = inputs(arena, tokens, 2);
            params = HybridParams.tied(in[3]);
            state = HybridState.forInputs(cpu, arena, in[0], in[1], in[2], params, SPEC);
            cpu.hybrid().prefill(in[0], in[1], in[2], params,
                    HybridOutputs.of(Tensor.allocate(arena, DType.F32, 1, HEADS, tokens, DIM)), SPEC, state);
            next = inputs(arena, 1, 3);
            out = HybridOutputs.of(Tensor.allocate(arena, DType.F32, 1, HEADS, 1, DIM));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    @Benchmark
    public Tensor hybridPrefill(Prefill s) {
        s.cpu.hybrid().prefill(s.in[0], s.in[1], s.in[2], HybridParams.tied(s.in[3]), s.out, SPEC);
        return s.out.out();
    }

    /** One token appended to a state of T tokens (the state grows by one token per call). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Tensor hybridDecodeToken(Decode s) {
        s.cpu.hybrid().decode(s.next[0], s.next[1], s.next[2], s.params, s.out, SPEC, s.state);
        return s.out.out();
    }

    /** Dense causal attention at the sizes where it finishes in seconds (64k would take about a minute per call). */
    @State(Scope.Benchmark)
    public static class Dense {
        @Param({"1024", "4096", "16384"})
        int tokens;

        Arena arena;
        Backend cpu;
        Tensor[] in;
        Tensor out;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            cpu = Backend.cpu();
            in = inputs(arena, tokens, 1);
            out = Tensor.allocate(arena, DType.F32, 1, HEADS, tokens, DIM);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    @Benchmark
    public Tensor denseCausalPrefill(Dense s) {
        s.cpu.dense().attention(s.in[0], s.in[1], s.in[2], s.out, DenseSpec.causalDefaults());
        return s.out;
    }

    /** The double-precision reference (naive O(T^2)) at a size it finishes: the scalar baseline of the run. */
    @State(Scope.Benchmark)
    public static class Reference {
        @Param({"256"})
        int tokens;

        Arena arena;
        Tensor[] in;
        HybridOutputs out;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            in = inputs(arena, tokens, 1);
            out = HybridOutputs.of(Tensor.allocate(arena, DType.F32, 1, HEADS, tokens, DIM));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    @Benchmark
    public Tensor referencePrefill(Reference s) {
        Backend.reference().hybrid().prefill(s.in[0], s.in[1], s.in[2], HybridParams.tied(s.in[3]), s.out, SPEC);
        return s.out.out();
    }
}
