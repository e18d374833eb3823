package org.panattn.dit;

import java.util.Arrays;

import org.panattn.Tensor;

/** The plan search's error metric. */
public final class DitMetrics {
    private DitMetrics() {
    }

    /**
     * DiTFastAttn's default loss: mean over elements of clip(|(o - o') / (max(o, o') + 1e-6)|, 0, 10), with the
     * signed elementwise max, in double. NaN anywhere gives NaN (which no threshold accepts).
     */
    public static double relativeError(Tensor reference, Tensor candidate) {
        if (reference == null || candidate == null) {
            throw new IllegalArgumentException((reference == null ? "reference" : "candidate")
                    + ": expected a tensor, got null");
        }
        if (!Arrays.equals(reference.shape(), candidate.shape())) {
            throw new IllegalArgumentException("candidate: expected shape " + Arrays.toString(reference.shape())
                    + " (that of reference), got " + Arrays.toString(candidate.shape()));
        }
        float[] a = reference.toFloatArray();
        float[] b = candidate.toFloatArray();
        return relativeError(a, b);
    }

    /** {@link #relativeError(Tensor, Tensor)} over two arrays of one length. */
    public static double relativeError(float[] reference, float[] candidate) {
        if (reference.length != candidate.length) {
            throw new IllegalArgumentException("candidate: expected " + reference.length + " elements, got "
                    + candidate.length);
        }
        if (reference.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            double o = reference[i];
            double p = candidate[i];
            double r = Math.abs((o - p) / (Math.max(o, p) + 1e-6));
            sum += Double.isNaN(r) ? Double.NaN : Math.min(r, 10.0);
        }
        return sum / reference.length;
    }
}
