package org.panattn.bench;

import java.lang.foreign.Arena;
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
import org.panattn.Tensor;
import org.panattn.dense.DenseSpec;

/**
 * The scalar double-precision oracle (Backend.reference(), single-threaded) at the smallest prefill shape only:
 * it takes seconds per call, so one timed call after one warm-up call is all it gets.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.NATIVE_ACCESS, JvmFlags.PRE_TOUCH, JvmFlags.HEAP_MIN,
        JvmFlags.HEAP_MAX})
@State(Scope.Benchmark)
public class ReferencePrefillBench {

    /** Fixed parameters, present so the JSON carries the shape like PrefillBench's. */
    @Param({"ref"})
    public String impl;

    @Param({"8"})
    public int heads;

    @Param({"1024"})
    public int n;

    @Param({"64"})
    public int d;

    @Param({"false", "true"})
    public boolean causal;

    @Param({"1"})
    public int threads;

    private Arena arena;
    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor out;
    private Backend backend;
    private DenseSpec spec;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        long[] shape = {1, heads, n, d};
        q = BenchData.random(arena, 1, shape).tensor();
        k = BenchData.random(arena, 2, shape).tensor();
        v = BenchData.random(arena, 3, shape).tensor();
        out = BenchData.zeros(arena, shape).tensor();
        backend = Backend.reference();
        spec = causal ? DenseSpec.causalDefaults() : DenseSpec.defaults();
    }

    @Benchmark
    public void attention() {
        backend.dense().attention(q, k, v, out, null, spec);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
