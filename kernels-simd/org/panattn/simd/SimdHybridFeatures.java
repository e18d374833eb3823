package org.panattn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import org.panattn.hybrid.FeatureMap;

/**
 * The feature maps on transposed tiles: x^T [D][stride] with rows in lanes, so the per-row max, min and sums of
 * the exponential maps are lane-wise and need no horizontal reduction; and on single rows for decode.
 */
final class SimdHybridFeatures {
    private static final int LANES = TileKernels.LANES;
    private static final float LOG2E = (float) (1.0 / Math.log(2.0));

    private SimdHybridFeatures() {
    }

    /**
     * phi^T [F][stride] of the rows in lanes [0, width) of x^T [D][stride]: u^T = W^T x^T when weights [D][P] are
     * given (else u = x, P = D), then the map. width is a multiple of the vector length.
     */
    static void tile(FeatureMap map, float[] weights, int dim, int projected, float[] xT, int stride, int width,
                     float[] projectedT, float[] out) {
        float[] u = xT;
        if (weights != null) {
            TileKernels.multiply(weights, 0, 1, projected, projected, dim, xT, stride, projectedT, stride, width,
                    false);
            u = projectedT;
        }
        for (int lv = 0; lv < width; lv += LANES) {
            switch (map) {
                case RELU -> {
                    for (int a = 0, t = lv; a < projected; a++, t += stride) {
                        FloatVector.fromArray(TileKernels.SPECIES, u, t).max(0f).intoArray(out, t);
                    }
                }
                case ELU1 -> {
                    for (int a = 0, t = lv; a < projected; a++, t += stride) {
                        FloatVector x = FloatVector.fromArray(TileKernels.SPECIES, u, t);
                        FloatVector negative = VectorMath.exp2(x.mul(LOG2E));
                        x.add(1f).blend(negative, x.compare(VectorOperators.GT, 0f).not()).intoArray(out, t);
                    }
                }
                case HEDGEHOG, EXP -> exponential(map == FeatureMap.HEDGEHOG, u, projected, stride, lv, out);
            }
        }
    }

    /** [exp(u - max), exp(min - u)] per lane, normalised per half for Hedgehog. */
    private static void exponential(boolean normalise, float[] u, int projected, int stride, int lv, float[] out) {
        FloatVector max = FloatVector.broadcast(TileKernels.SPECIES, Float.NEGATIVE_INFINITY);
        FloatVector min = FloatVector.broadcast(TileKernels.SPECIES, Float.POSITIVE_INFINITY);
        for (int a = 0, t = lv; a < projected; a++, t += stride) {
            FloatVector x = FloatVector.fromArray(TileKernels.SPECIES, u, t);
            max = max.blend(x, x.compare(VectorOperators.GT, max));
            min = min.blend(x, x.compare(VectorOperators.LT, min));
        }
        // a row of only +-inf: shift by 0 instead (its NaN or inf then propagates as IEEE says)
        max = max.blend(0f, max.test(VectorOperators.IS_INFINITE));
        min = min.blend(0f, min.test(VectorOperators.IS_INFINITE));
        FloatVector sumPositive = FloatVector.zero(TileKernels.SPECIES);
        FloatVector sumNegative = sumPositive;
        int negativeHalf = projected * stride;
        for (int a = 0, t = lv; a < projected; a++, t += stride) {
            FloatVector x = FloatVector.fromArray(TileKernels.SPECIES, u, t);
            FloatVector positive = VectorMath.exp2(x.sub(max).mul(LOG2E));
            FloatVector negative = VectorMath.exp2(min.sub(x).mul(LOG2E));
            positive.intoArray(out, t);
            negative.intoArray(out, negativeHalf + t);
            sumPositive = sumPositive.add(positive);
            sumNegative = sumNegative.add(negative);
        }
        if (normalise) {
            FloatVector inversePositive = FloatVector.broadcast(TileKernels.SPECIES, 1f).div(sumPositive);
            FloatVector inverseNegative = FloatVector.broadcast(TileKernels.SPECIES, 1f).div(sumNegative);
            for (int a = 0, t = lv; a < projected; a++, t += stride) {
                FloatVector.fromArray(TileKernels.SPECIES, out, t).mul(inversePositive).intoArray(out, t);
                FloatVector.fromArray(TileKernels.SPECIES, out, negativeHalf + t).mul(inverseNegative)
                        .intoArray(out, negativeHalf + t);
            }
        }
    }

    /**
     * phi of one row x [D] into out [F]: u = x W (W [D][P] row-major, or u = x), then the map. {@code u} is
     * scratch of at least P floats.
     */
    static void row(FeatureMap map, float[] weights, int weightsAt, int dim, int projected, float[] x, float[] u,
                    float[] out) {
        if (weights != null) {
            int bound = TileKernels.SPECIES.loopBound(projected);
            for (int a = 0; a < bound; a += LANES) {
                FloatVector acc0 = FloatVector.zero(TileKernels.SPECIES);
                FloatVector acc1 = acc0;
                int d = 0;
                for (; d + 1 < dim; d += 2) {
                    acc0 = FloatVector.fromArray(TileKernels.SPECIES, weights, weightsAt + d * projected + a)
                            .fma(FloatVector.broadcast(TileKernels.SPECIES, x[d]), acc0);
                    acc1 = FloatVector.fromArray(TileKernels.SPECIES, weights, weightsAt + (d + 1) * projected + a)
                            .fma(FloatVector.broadcast(TileKernels.SPECIES, x[d + 1]), acc1);
                }
                if (d < dim) {
                    acc0 = FloatVector.fromArray(TileKernels.SPECIES, weights, weightsAt + d * projected + a)
                            .fma(FloatVector.broadcast(TileKernels.SPECIES, x[d]), acc0);
                }
                acc0.add(acc1).intoArray(u, a);
            }
            for (int a = bound; a < projected; a++) {
                float s = 0;
                for (int d = 0; d < dim; d++) {
                    s += x[d] * weights[weightsAt + d * projected + a];
                }
                u[a] = s;
            }
        } else {
            System.arraycopy(x, 0, u, 0, projected);
        }
        switch (map) {
            case RELU -> {
                for (int a = 0; a < projected; a++) {
                    out[a] = u[a] > 0 || Float.isNaN(u[a]) ? u[a] : 0f;
                }
            }
            case ELU1 -> {
                for (int a = 0; a < projected; a++) {
                    out[a] = u[a] > 0 ? u[a] + 1f : (float) Math.exp(u[a]);
                }
            }
            case HEDGEHOG, EXP -> {
                float max = Float.NEGATIVE_INFINITY;
                float min = Float.POSITIVE_INFINITY;
                for (int a = 0; a < projected; a++) {
                    max = u[a] > max ? u[a] : max;
                    min = u[a] < min ? u[a] : min;
                }
                max = Float.isInfinite(max) ? 0f : max;
                min = Float.isInfinite(min) ? 0f : min;
                int bound = TileKernels.SPECIES.loopBound(projected);
                FloatVector sumP = FloatVector.zero(TileKernels.SPECIES);
                FloatVector sumN = sumP;
                for (int a = 0; a < bound; a += LANES) {
                    FloatVector x0 = FloatVector.fromArray(TileKernels.SPECIES, u, a);
                    FloatVector p = VectorMath.exp2(x0.sub(max).mul(LOG2E));
                    FloatVector n = VectorMath.exp2(x0.neg().add(min).mul(LOG2E));
                    p.intoArray(out, a);
                    n.intoArray(out, projected + a);
                    sumP = sumP.add(p);
                    sumN = sumN.add(n);
                }
                float sp = sumP.reduceLanes(VectorOperators.ADD);
                float sn = sumN.reduceLanes(VectorOperators.ADD);
                for (int a = bound; a < projected; a++) {
                    out[a] = (float) Math.exp(u[a] - max);
                    out[projected + a] = (float) Math.exp(min - u[a]);
                    sp += out[a];
                    sn += out[projected + a];
                }
                if (map == FeatureMap.HEDGEHOG) {
                    float ip = 1f / sp;
                    float in = 1f / sn;
                    for (int a = 0; a < projected; a++) {
                        out[a] *= ip;
                        out[projected + a] *= in;
                    }
                }
            }
        }
    }
}
