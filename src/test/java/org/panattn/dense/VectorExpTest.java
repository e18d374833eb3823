package org.panattn.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.panattn.simd.VectorMath;

/** The CPU kernels' own exp2 (softmax weights): within 1 ulp lane by lane, and right on the special values. */
class VectorExpTest {

    @Test
    void exp2IsWithinOneUlpOverTheSoftmaxRange() {
        int n = 2_000_003;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -126f + 253f * i / (n - 1); // [-126, 127]
        }
        float[] y = new float[n];
        VectorMath.exp2(x, y);
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.pow(2.0, x[i]);
            double ulps = Math.abs(y[i] - exact) / Math.ulp((float) exact);
            if (ulps > worst) {
                worst = ulps;
                worstAt = i;
            }
        }
        assertTrue(worst <= 1.0, "exp2(" + x[worstAt] + ") = " + y[worstAt] + ", exact "
                + Math.pow(2.0, x[worstAt]) + ": " + worst + " ulp");
    }

    @Test
    void exp2SpecialValues() {
        float[] x = {0f, -0f, 1f, -1f, Float.NEGATIVE_INFINITY, -127f, -150f, -1e30f, Float.NaN, 10f, -0.5f, 0.5f,
            -126f, 127f, Float.intBitsToFloat(0xffc00001), -3e-8f, 3e-8f};
        float[] y = new float[x.length];
        VectorMath.exp2(x, y);
        assertEquals(1f, y[0]);
        assertEquals(1f, y[1]);
        assertEquals(2f, y[2]);
        assertEquals(0.5f, y[3]);
        assertEquals(0f, y[4]);
        assertEquals(0f, y[5]);
        assertEquals(0f, y[6]);
        assertEquals(0f, y[7]);
        assertTrue(Float.isNaN(y[8]), "exp2(NaN) = " + y[8]);
        assertEquals(1024f, y[9]);
        assertEquals((float) Math.sqrt(0.5), y[10], Math.ulp(0.7f));
        assertEquals((float) Math.sqrt(2), y[11], Math.ulp(1.4f));
        assertEquals(0x1p-126f, y[12]);
        assertEquals(0x1p127f, y[13]);
        assertTrue(Float.isNaN(y[14]), "exp2(NaN) = " + y[14]);
        assertEquals(1f, y[15], Math.ulp(1f));
        assertEquals(1f, y[16], Math.ulp(1f));
    }
}
