package org.panattn.bench;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtException;
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
 * Dense prefill attention, B=1 H=8 Nq=Nk=n, fp32, [B,H,N,D] layout: panattn's CPU backend against ONNX Runtime
 * (both graph forms) on the same inputs and thread count. GFLOP/s = 2*H*keys*(2D) / time, keys = n*n, or
 * n*(n+1)/2 when causal (DenseProblem.flops(); bench/render.py computes it from these parameters).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.NATIVE_ACCESS, JvmFlags.PRE_TOUCH, JvmFlags.HEAP_MIN,
        JvmFlags.HEAP_MAX})
@State(Scope.Benchmark)
public class PrefillBench {

    /**
     * panattn = Backend.cpu(threads); ort-attn23 / ort-graph / ort-mha = ORT on the ONNX Attention op / the plain
     * graph / com.microsoft.MultiHeadAttention (fed the same numbers in its [B,N,H*D] layout). Every ORT form
     * runs, since none was fastest at every shape, and the comparison is against ORT's best (render.py divides
     * by the fastest ORT form at each shape).
     */
    @Param({"panattn", "ort-attn23", "ort-graph", "ort-mha"})
    public String impl;

    /** Query (= K/V) heads; fixed by the committed ONNX models, a parameter so the JSON carries it. */
    @Param({"8"})
    public int heads;

    @Param({"1024", "4096"})
    public int n;

    @Param({"64", "128"})
    public int d;

    @Param({"false", "true"})
    public boolean causal;

    @Param({"1", "2"})
    public int threads;

    private Arena arena;
    private Tensor q;
    private Tensor k;
    private Tensor v;
    private Tensor out;
    private Backend backend;
    private DenseSpec spec;
    private OrtAttention ort;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        arena = Arena.ofShared();
        long[] shape = OrtModels.tokenMajor(impl) ? new long[] {1, n, (long) heads * d}
                : new long[] {1, heads, n, d};
        BenchData qData = BenchData.random(arena, 1, shape);
        BenchData kData = BenchData.random(arena, 2, shape);
        BenchData vData = BenchData.random(arena, 3, shape);
        BenchData outData = BenchData.zeros(arena, shape);
        if (impl.equals("panattn")) {
            backend = Backend.cpu(threads);
            spec = causal ? DenseSpec.causalDefaults() : DenseSpec.defaults();
            q = qData.tensor();
            k = kData.tensor();
            v = vData.tensor();
            out = outData.tensor();
            Environment.reportCpuBackend(backend);
        } else {
            ort = new OrtAttention(OrtModels.prefill(impl, heads, n, d, causal), threads, qData, kData, vData,
                    outData);
        }
    }

    @Benchmark
    public void attention() throws OrtException {
        if (ort != null) {
            ort.run();
        } else {
            backend.dense().attention(q, k, v, out, null, spec);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        if (ort != null) {
            ort.close();
        }
        arena.close();
    }
}
