package org.panattn.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
import org.panattn.sae.PreparedSteering;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.Steering;
import org.panattn.sae.SyntheticSae;

/**
 * SAE kernels on a Gemma-Scope-sized synthetic SAE (d_in 2304, d_sae 16384), each against its yardstick in the
 * same run: steering against a plain copy of x (the memory traffic steering cannot beat), encode against
 * OpenBLAS sgemm of the same shape (which computes x W_enc only, without bias, activation or dtype handling).
 * GFLOP/s = 2 T d_in d_sae / time. Run, e.g.:
 * OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=2 java -jar target/benchmarks.jar SaeBenchmark -rf json
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SaeBenchmark {
    static final int D_IN = 2304;
    static final int D_SAE = 16384;

    /** Tokens per call of the encode benchmarks (the shape is 4096). */
    @Param({"4096"})
    int tokens;

    /** Tokens per call of the steering benchmarks. */
    @Param({"4096"})
    int steerTokens;

    /**
     * Threads of the cpu backend (0: every core). The copy runs on one thread, so threads=1 compares like with like
     * on a machine whose other core is busy.
     */
    @Param({"0"})
    int threads;

    private Arena arena;
    private Backend cpu;
    private SparseAutoencoder sae;
    private Tensor x;
    private Tensor features;
    private Tensor steerX;
    private Tensor steerOut;
    private Steering clamp;
    private PreparedSteering clampPrepared;
    private Steering add;
    /** A small step, so that millions of repeated in-place adds move x only a little. */
    private Steering addInPlace;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        cpu = threads == 0 ? Backend.cpu() : Backend.cpu(threads);
        sae = SyntheticSae.jumpRelu(arena, D_IN, D_SAE, 1);
        x = SyntheticSae.uniform(arena, 2, (float) Math.sqrt(3), 0f, tokens, D_IN);
        features = Tensor.allocate(arena, DType.F32, tokens, D_SAE);
        steerX = SyntheticSae.uniform(arena, 3, (float) Math.sqrt(3), 0f, steerTokens, D_IN);
        steerOut = Tensor.allocate(arena, DType.F32, steerTokens, D_IN);
        clamp = Steering.clamp(13458, 8f);
        clampPrepared = PreparedSteering.of(sae, clamp);
        add = Steering.add(13458, 8f);
        addInPlace = Steering.add(13458, 0.5f);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** The yardstick of steering: read x once and write it once. */
    @Benchmark
    public void steerBaselineCopy() {
        MemorySegment.copy(steerX.segment(), 0, steerOut.segment(), 0, steerX.segment().byteSize());
    }

    @Benchmark
    public void steerClamp() {
        cpu.sae().steer(sae, steerX, null, clamp, steerOut);
    }

    @Benchmark
    public void steerAdd() {
        cpu.sae().steer(sae, steerX, null, add, steerOut);
    }

    /** In place, as an engine edits its residual stream: x is read once and written once, like the copy. */
    @Benchmark
    public void steerClampInPlace() {
        cpu.sae().steer(sae, steerX, null, clamp, steerX);
    }

    @Benchmark
    public void steerAddInPlace() {
        cpu.sae().steer(sae, steerX, null, addInPlace, steerX);
    }

    /** Edit vectors prepared once, out of place: x read once and out written once, as by the copy. */
    @Benchmark
    public void steerClampPrepared() {
        cpu.sae().steer(clampPrepared, steerX, null, steerOut);
    }

    /** Edit vectors prepared once (a decode loop's form): each call touches only x. */
    @Benchmark
    public void steerClampPreparedInPlace() {
        cpu.sae().steer(clampPrepared, steerX, null, steerX);
    }

    /** JumpReLU encode: GEMM + bias + threshold, dense output. */
    @Benchmark
    public void encodePanattn() {
        cpu.sae().encode(sae, x, features);
    }

    /** The same GEMM by OpenBLAS (no bias, no activation). */
    @Benchmark
    public void encodeOpenBlasSgemm() {
        OpenBlas.sgemm(tokens, D_SAE, D_IN, x.segment(), sae.wEnc().segment(), features.segment());
    }
}
