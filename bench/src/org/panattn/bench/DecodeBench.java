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
 * One decode step with grouped-query attention: 1 query, Hq=32 query heads over Hkv=4 K/V heads (8:1), D=128,
 * nk cached keys. Memory-bound: effective GB/s = K+V bytes (2*Hkv*nk*D*4) / time, quoted as a ratio to
 * {@link ReadBandwidthBench} over a buffer of the same size in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.NATIVE_ACCESS, JvmFlags.PRE_TOUCH, JvmFlags.HEAP_MIN,
        JvmFlags.HEAP_MAX})
@State(Scope.Benchmark)
public class DecodeBench {

    /**
     * panattn = Backend.cpu(threads); ort-graph / ort-attn23 = ORT on the grouped plain graph / the Attention op.
     * The suite runs ort-graph only: it was 3-5x faster than ort-attn23 at every nk in a first run on this
     * machine (ORT 1.23.2); pass -p impl=panattn,ort-graph,ort-attn23 to measure both.
     */
    @Param({"panattn", "ort-graph"})
    public String impl;

    /** Sizes fixed by the committed ONNX models; parameters so the JSON carries them. */
    @Param({"32"})
    public int headsQ;

    @Param({"4"})
    public int headsKv;

    @Param({"128"})
    public int headDim;

    @Param({"4096", "16384", "32768"})
    public int nk;

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
        long[] qShape = {1, headsQ, 1, headDim};
        long[] kvShape = {1, headsKv, nk, headDim};
        BenchData qData = BenchData.random(arena, 1, qShape);
        BenchData kData = BenchData.random(arena, 2, kvShape);
        BenchData vData = BenchData.random(arena, 3, kvShape);
        BenchData outData = BenchData.zeros(arena, qShape);
        if (impl.equals("panattn")) {
            backend = Backend.cpu(threads);
            spec = DenseSpec.defaults();
            q = qData.tensor();
            k = kData.tensor();
            v = vData.tensor();
            out = outData.tensor();
            Environment.reportCpuBackend(backend);
        } else {
            ort = new OrtAttention(OrtModels.decode(impl, headsQ, headsKv, nk, headDim), threads, qData, kData,
                    vData, outData);
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
