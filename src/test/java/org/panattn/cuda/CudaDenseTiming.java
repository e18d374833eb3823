package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.util.Locale;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;

/**
 * A short timing of CUDA dense attention for the GPU check (scripts/gpu-check.sh): one line per shape with the
 * mean time and GFLOP/s. Not a benchmark (no JMH, few iterations); the figures are for a quick sanity look.
 */
public final class CudaDenseTiming {
    private CudaDenseTiming() {
    }

    public static void main(String[] args) {
        if (CudaBackend.deviceCount() == 0) {
            System.out.println("timing skipped: no CUDA device: " + CudaBackend.unavailableReason());
            return;
        }
        Backend cuda = Backend.cuda(0);
        int[][] shapes = {{1, 16, 2048, 64}, {1, 16, 2048, 128}, {4, 32, 1024, 128}};
        for (int[] s : shapes) {
            for (DType dtype : new DType[] {DType.F32, DType.BF16}) {
                for (boolean causal : new boolean[] {false, true}) {
                    time(cuda, s[0], s[1], s[2], s[3], dtype, causal);
                }
            }
        }
    }

    private static void time(Backend cuda, int b, int h, int n, int d, DType dtype, boolean causal) {
        try (Arena arena = Arena.ofConfined()) {
            Tensor q = cuda.allocate(arena, dtype, b, h, n, d);
            Tensor k = cuda.allocate(arena, dtype, b, h, n, d);
            Tensor v = cuda.allocate(arena, dtype, b, h, n, d);
            Tensor out = cuda.allocate(arena, DType.F32, b, h, n, d);
            Tensor lse = cuda.allocate(arena, DType.F32, b, h, n);
            DenseSpec spec = causal ? DenseSpec.causalDefaults() : DenseSpec.defaults();
            for (int i = 0; i < 3; i++) {
                cuda.dense().attention(q, k, v, out, lse, spec);
            }
            int iterations = 10;
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                cuda.dense().attention(q, k, v, out, lse, spec);
            }
            double seconds = (System.nanoTime() - start) / 1e9 / iterations;
            double flops = DenseProblem.of(q, k, v, out, lse, spec).flops();
            System.out.println(String.format(Locale.ROOT,
                    "dense cuda B=%d H=%d N=%d D=%d %-4s causal=%-5b  %8.3f ms  %8.1f GFLOP/s",
                    b, h, n, d, dtype, causal, seconds * 1e3, flops / seconds / 1e9));
        }
    }
}
