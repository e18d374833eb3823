package org.panattn.topk;

import java.util.Arrays;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * The cache of value-row norms ||v_j||_2 [B,Hkv,Nk] that lets a top-k certificate bound the discarded rows without
 * reading them. Compute once per cache (or append per decoded token) and pass it to every top-k call.
 */
public final class ValueNorms {
    private ValueNorms() {
    }

    /** norms[b,h,j] = ||v[b,h,j,:]||_2, accumulated in double (host tensors). */
    public static void compute(Tensor v, Tensor norms) {
        if (v == null || norms == null) {
            throw new IllegalArgumentException((v == null ? "v" : "norms") + ": expected a tensor, got null");
        }
        if (v.rank() != 4) {
            throw new IllegalArgumentException("v: expected rank 4 [B,Hkv,Nk,Dv], got shape "
                    + Arrays.toString(v.shape()));
        }
        long[] expected = {v.dim(0), v.dim(1), v.dim(2)};
        if (norms.dtype() != DType.F32 || !Arrays.equals(norms.shape(), expected)) {
            throw new IllegalArgumentException("norms: expected F32 " + Arrays.toString(expected) + ", got "
                    + norms.dtype() + Arrays.toString(norms.shape()));
        }
        if (!v.device().isCpu() || !norms.device().isCpu()) {
            throw new IllegalArgumentException("v: expected CPU tensors, got " + v.device() + " / " + norms.device());
        }
        v.checkAlive("v");
        norms.checkAlive("norms");
        norms.checkWritable("norms");
        for (long b = 0; b < expected[0]; b++) {
            for (long h = 0; h < expected[1]; h++) {
                for (long j = 0; j < expected[2]; j++) {
                    double s = 0;
                    for (long c = 0; c < v.dim(3); c++) {
                        double x = v.getFloat(b, h, j, c);
                        s += x * x;
                    }
                    // rounded up: a norm that feeds a certificate must never be underestimated
                    norms.setFloat(UpperBound.toFloat(Math.sqrt(s)), b, h, j);
                }
            }
        }
    }
}
