package org.panattn.bench;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import ai.onnxruntime.OrtException;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/**
 * Checks that the benchmarks compare one computation: on the same inputs, every ORT graph form gives panattn's
 * output (max |difference| within {@link #TOLERANCE}) at the smallest prefill shapes and the smallest decode
 * shape. Prints one line per case; exits 1 if any differs.
 * <pre>java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp target/benchmarks.jar org.panattn.bench.OrtAgreement [threads]</pre>
 */
public final class OrtAgreement {
    /** fp32 sums over ~1e3..1e4 terms of size <= 1 in different orders: a few 1e-6 apart is normal. */
    static final double TOLERANCE = 1e-4;
    private static final String[] PREFILL_ORT_IMPLS = {"ort-graph", "ort-attn23", "ort-mha"};
    private static final String[] DECODE_ORT_IMPLS = {"ort-graph", "ort-attn23"};

    private OrtAgreement() {
    }

    public static void main(String[] args) throws OrtException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Backend panattn = Backend.cpu(threads);
        Environment.reportCpuBackend(panattn);
        boolean allAgree = true;
        for (boolean causal : new boolean[] {false, true}) {
            long[] shape = {1, 8, 1024, 64};
            allAgree &= compare("prefill n=1024 d=64 " + (causal ? "causal" : "full"), panattn, threads,
                    causal ? DenseSpec.causalDefaults() : DenseSpec.defaults(), shape, shape, PREFILL_ORT_IMPLS,
                    impl -> OrtModels.prefill(impl, 8, 1024, 64, causal));
        }
        int nk = 4096;
        allAgree &= compare("decode nk=" + nk + " hq=32 hkv=4 d=128", panattn, threads, DenseSpec.defaults(),
                new long[] {1, 32, 1, 128}, new long[] {1, 4, nk, 128}, DECODE_ORT_IMPLS,
                impl -> OrtModels.decode(impl, 32, 4, nk, 128));
        System.out.println(allAgree ? "OK: ORT and panattn agree" : "FAILED: ORT and panattn differ");
        if (!allAgree) {
            System.exit(1);
        }
    }

    private static boolean compare(String label, Backend panattn, int threads, DenseSpec spec, long[] qShape,
                                   long[] kvShape, String[] ortImpls,
                                   Function<String, Path> modelFor) throws OrtException {
        boolean agree = true;
        try (Arena arena = Arena.ofConfined()) {
            BenchData q = BenchData.random(arena, 1, qShape);
            BenchData k = BenchData.random(arena, 2, kvShape);
            BenchData v = BenchData.random(arena, 3, kvShape);
            BenchData expected = BenchData.zeros(arena, qShape);
            panattn.dense().attention(q.tensor(), k.tensor(), v.tensor(), expected.tensor(), null, spec);
            double flops = DenseProblem.of(q.tensor(), k.tensor(), v.tensor(), null, null, spec).flops();
            for (String impl : ortImpls) {
                BenchData actual = BenchData.zeros(arena, qShape);
                if (OrtModels.tokenMajor(impl)) {
                    BenchData qTokens = tokenMajorCopy(arena, q);
                    BenchData kTokens = tokenMajorCopy(arena, k);
                    BenchData vTokens = tokenMajorCopy(arena, v);
                    BenchData outTokens = tokenMajorCopy(arena, actual);
                    try (OrtAttention ort = new OrtAttention(modelFor.apply(impl), threads, qTokens, kTokens, vTokens,
                            outTokens)) {
                        ort.run();
                    }
                    headMajorView(outTokens, qShape).copyTo(actual.tensor());
                } else {
                    try (OrtAttention ort = new OrtAttention(modelFor.apply(impl), threads, q, k, v, actual)) {
                        ort.run();
                    }
                }
                double diff = BenchData.maxAbsDiff(expected, actual);
                boolean ok = diff <= TOLERANCE;
                agree &= ok;
                System.out.printf(Locale.ROOT, "%-4s %-36s %-10s max|ort - panattn| = %.3g  (%.4g FLOP/call)%n",
                        ok ? "ok" : "DIFF", label, impl, diff, flops);
            }
        }
        return agree;
    }

    /** The [B,H,N,D] data of {@code data} rearranged into a new [B,N,H*D] buffer. */
    private static BenchData tokenMajorCopy(Arena arena, BenchData data) {
        long[] s = data.shape();
        BenchData tokens = BenchData.zeros(arena, s[0], s[2], s[1] * s[3]);
        data.tensor().copyTo(headMajorView(tokens, s));
        return tokens;
    }

    /** A [B,N,H*D] buffer seen as the [B,H,N,D] tensor {@code headMajorShape} (a strided view, no copy). */
    private static Tensor headMajorView(BenchData tokens, long[] headMajorShape) {
        long[] s = headMajorShape;
        return Tensor.wrap(tokens.segment(), DType.F32, s[0], s[2], s[1], s[3]).transpose(1, 2);
    }
}
