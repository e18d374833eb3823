package org.panattn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector math the kernels need, written out because {@code lanewise(EXP)} calls a slow out-of-line routine.
 * Public so that the test suite can measure its accuracy lane by lane.
 */
public final class VectorMath {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Adding 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer kept in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    /** (bits of ROUND_MAGIC + n) + this, shifted left by 23, is the exponent field of 2^n (bias 127). */
    private static final int EXPONENT_FROM_ROUNDED = 127 - Float.floatToRawIntBits(ROUND_MAGIC);
    private static final float LOWEST_EXPONENT = -127f;

    // 2^f on [-0.5, 0.5]: degree-6 polynomial fitted for least maximum relative error (truncation < 0.05 ulp).
    private static final float C1 = 0.6931471824645996f;
    private static final float C2 = 0.24022647738456726f;
    private static final float C3 = 0.055503323674201965f;
    private static final float C4 = 0.00961843691766262f;
    private static final float C5 = 0.0013398875016719103f;
    private static final float C6 = 0.00015353361959569156f;

    private VectorMath() {
    }

    /**
     * 2^x lane by lane (any species), within about 1 ulp for x in [-126, 127]. Results below 2^-126 (x < -126, -inf) flush to
     * +0, NaN stays NaN; x above 127.5 gives +inf. Softmax only ever passes x <= 0.
     */
    public static FloatVector exp2(FloatVector x) {
        FloatVector clamped = x.blend(LOWEST_EXPONENT, x.compare(VectorOperators.LT, LOWEST_EXPONENT));
        FloatVector rounded = clamped.add(ROUND_MAGIC);
        FloatVector n = rounded.sub(ROUND_MAGIC);
        FloatVector f = clamped.sub(n);
        FloatVector p = f.fma(C6, C5);
        p = p.fma(f, x.broadcast(C4));
        p = p.fma(f, x.broadcast(C3));
        p = p.fma(f, x.broadcast(C2));
        p = p.fma(f, x.broadcast(C1));
        p = p.fma(f, x.broadcast(1f));
        // n = -127 gives an exponent field of 0, i.e. the factor +0: the flush to zero of tiny results and -inf
        IntVector scaleBits = rounded.reinterpretAsInts().add(EXPONENT_FROM_ROUNDED).lanewise(VectorOperators.LSHL, 23);
        return p.mul(scaleBits.reinterpretAsFloats());
    }

    /** {@link #exp2(FloatVector)} over an array (a tail shorter than a vector is done through a padded copy). */
    public static void exp2(float[] in, float[] out) {
        if (out.length < in.length) {
            throw new IllegalArgumentException("out: expected at least " + in.length + " elements, got " + out.length);
        }
        int lanes = SPECIES.length();
        int i = 0;
        for (; i <= in.length - lanes; i += lanes) {
            exp2(FloatVector.fromArray(SPECIES, in, i)).intoArray(out, i);
        }
        if (i < in.length) {
            float[] tail = new float[lanes];
            System.arraycopy(in, i, tail, 0, in.length - i);
            float[] res = new float[lanes];
            exp2(FloatVector.fromArray(SPECIES, tail, 0)).intoArray(res, 0);
            System.arraycopy(res, 0, out, i, in.length - i);
        }
    }
}
