package org.panattn.bench;

import java.lang.foreign.Arena;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
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
import org.panattn.dit.DitSpec;
import org.panattn.dit.ResidualOutputs;

/**
 * DiTFastAttn kernels against dense full attention in the same run: window attention with w = N/8 (the paper's
 * image-model window), the fused full + window + residual pass of a caching step, and a WA-RS step (window plus
 * residual add). B = 1, H = 16, D = 72 (DiT/PixArt) or 64. Compare ratios within one run:
 * window / full (ideal (2w+1)/N ~ 1/4) and fullWithResidual / full (target <= 1.35).
 *
 * <p>With {@code -p threads=1} the kernels run on the benchmark thread only, and the secondary results
 * {@code cpuNanos} / {@code calls} give its CPU time per call: a figure that other processes on a shared machine
 * do not inflate (wall-clock scores there measure the machine's load as much as the kernel).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class DitBenchmark {

    @Param({"1024", "4096", "16384"})
    int tokens;

    @Param({"72", "64"})
    int headDim;

    @Param({"16"})
    int heads;

    /** cpu (Vector API), ref (the double-precision oracle: small N only) or cuda (device 0). */
    @Param({"cpu"})
    String backend;

    /** CPU threads of the cpu backend: 0 = the shared pool (all cores), 1 = the benchmark thread only. */
    @Param({"0"})
    int threads;

    /** CPU time of the benchmark thread, per iteration: divide cpuNanos by calls (meaningful with threads = 1). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public long cpuNanos;
        public long calls;

        long start() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void stop(long start) {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
            calls++;
        }
    }

    private Arena arena;
    private Backend kernels;
    private DitSpec spec;
    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor out;
    private ResidualOutputs residualOutputs;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = switch (backend) {
            case "cuda" -> Backend.cuda(0);
            case "ref" -> Backend.reference();
            default -> threads == 0 ? Backend.cpu() : Backend.cpu(threads);
        };
        arena = Arena.ofShared();
        spec = DitSpec.eighthOf(tokens);
        q = input(1);
        k = input(2);
        v = input(3);
        out = kernels.allocate(arena, DType.F32, 1, heads, tokens, headDim);
        residualOutputs = ResidualOutputs.of(kernels.allocate(arena, DType.F32, 1, heads, tokens, headDim),
                kernels.allocate(arena, DType.F32, 1, heads, tokens, headDim));
        kernels.dit().fullWithResidual(q, k, v, residualOutputs, spec);
    }

    private Tensor input(long seed) {
        Tensor host = Tensor.allocate(arena, DType.F32, 1, heads, tokens, headDim);
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < host.numel(); i++) {
            host.writeFloat(i, (float) r.nextGaussian());
        }
        if (kernels.device().isCpu()) {
            return host;
        }
        Tensor device = kernels.allocate(arena, DType.F32, host.shape());
        kernels.copy(host, device);
        return device;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** The baseline: dense full attention. */
    @Benchmark
    public Tensor full(CpuTime cpu) {
        long t = cpu.start();
        kernels.dense().attention(q, k, v, out, spec.toDenseFull());
        cpu.stop(t);
        return out;
    }

    /** Window attention, band |i - j| <= N/8. */
    @Benchmark
    public Tensor window(CpuTime cpu) {
        long t = cpu.start();
        kernels.dit().window(q, k, v, out, spec);
        cpu.stop(t);
        return out;
    }

    /** A caching step: full and window attention in one pass, writing O and R = O - W. */
    @Benchmark
    public ResidualOutputs fullWithResidual(CpuTime cpu) {
        long t = cpu.start();
        kernels.dit().fullWithResidual(q, k, v, residualOutputs, spec);
        cpu.stop(t);
        return residualOutputs;
    }

    /** A WA-RS step: window attention plus the cached residual. */
    @Benchmark
    public Tensor windowPlusResidual(CpuTime cpu) {
        long t = cpu.start();
        kernels.dit().window(q, k, v, out, spec);
        kernels.dit().addResidual(out, residualOutputs.residual(), out);
        cpu.stop(t);
        return out;
    }
}
