package org.panattn.dense;

import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * One dense-attention conformance case: shapes, spec, input dtype and layout, plus the machinery to build its
 * inputs, run a backend, and judge the result against the double-precision reference with a tolerance derived
 * from a plain fp32 computation's own error.
 *
 * @param flashLayout q, k, v and out stored as [B,N,H,D] and viewed as [B,H,N,D] (strided views)
 * @param withLse     also request and check the log-sum-exp
 * @param magnitude   inputs are uniform in [-magnitude, magnitude]
 * @param confined    tensors in a confined arena (else a shared one, which worker threads may read)
 */
record DenseCase(int batch, int headsQ, int headsKv, int nq, int nk, int headDim, int headDimV, DenseSpec spec,
                 DType dtype, boolean flashLayout, boolean withLse, float magnitude, long seed, boolean confined) {

    DenseCase(int batch, int headsQ, int headsKv, int nq, int nk, int headDim, int headDimV, DenseSpec spec,
              DType dtype, boolean flashLayout, boolean withLse, float magnitude, long seed) {
        this(batch, headsQ, headsKv, nq, nk, headDim, headDimV, spec, dtype, flashLayout, withLse, magnitude, seed,
                false);
    }

    /** Inputs and outputs in a confined arena: only the calling thread may touch them. */
    DenseCase confinedArena() {
        return new DenseCase(batch, headsQ, headsKv, nq, nk, headDim, headDimV, spec, dtype, flashLayout, withLse,
                magnitude, seed, true);
    }

    static DenseCase of(int batch, int headsQ, int headsKv, int nq, int nk, int headDim, int headDimV,
                        DenseSpec spec) {
        return new DenseCase(batch, headsQ, headsKv, nq, nk, headDim, headDimV, spec, DType.F32, false, true, 1f,
                42);
    }

    DenseCase dtype(DType t) {
        return new DenseCase(batch, headsQ, headsKv, nq, nk, headDim, headDimV, spec, t, flashLayout, withLse,
                magnitude, seed);
    }

    DenseCase flash() {
        return new DenseCase(batch, headsQ, headsKv, nq, nk, headDim, headDimV, spec, dtype, true, withLse,
                magnitude, seed);
    }

    DenseCase noLse() {
        return new DenseCase(batch, headsQ, headsKv, nq, nk, headDim, headDimV, spec, dtype, flashLayout, false,
                magnitude, seed);
    }

    DenseCase magnitude(float m) {
        return new DenseCase(batch, headsQ, headsKv, nq, nk, headDim, headDimV, spec, dtype, flashLayout, withLse,
                m, seed);
    }

    @Override
    public String toString() {
        return "B" + batch + " Hq" + headsQ + " Hkv" + headsKv + " Nq" + nq + " Nk" + nk + " D" + headDim + " Dv"
                + headDimV + " " + dtype + (flashLayout ? " [B,N,H,D]" : "") + " causal=" + spec.causal()
                + " window=(" + spec.windowLeft() + "," + spec.windowRight() + ")"
                + (spec.scale() == null ? "" : " scale=" + spec.scale()) + (withLse ? " lse" : "")
                + (magnitude != 1f ? " |x|<=" + magnitude : "") + (confined ? " confined" : "");
    }

    /** The inputs of one case, in their own arena. */
    final class Inputs implements AutoCloseable {
        final Arena arena = confined ? Arena.ofConfined() : Arena.ofShared();
        final Tensor q = tensor(batch, headsQ, nq, headDim, dtype);
        final Tensor k = tensor(batch, headsKv, nk, headDim, dtype);
        final Tensor v = tensor(batch, headsKv, nk, headDimV, dtype);

        Inputs() {
            SplittableRandom random = new SplittableRandom(seed);
            fill(q, random);
            fill(k, random);
            fill(v, random);
        }

        Tensor newOut() {
            return tensor(batch, headsQ, nq, headDimV, DType.F32);
        }

        Tensor newLse() {
            return withLse ? Tensor.allocate(arena, DType.F32, batch, headsQ, nq) : null;
        }

        private Tensor tensor(long b, long h, long n, long d, DType type) {
            if (flashLayout) {
                return Tensor.allocate(arena, type, b, n, h, d).transpose(1, 2);
            }
            return Tensor.allocate(arena, type, b, h, n, d);
        }

        private void fill(Tensor t, SplittableRandom random) {
            for (long b = 0; b < t.dim(0); b++) {
                for (long h = 0; h < t.dim(1); h++) {
                    for (long n = 0; n < t.dim(2); n++) {
                        for (long c = 0; c < t.dim(3); c++) {
                            t.setFloat((float) ((2 * random.nextDouble() - 1) * magnitude), b, h, n, c);
                        }
                    }
                }
            }
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    /** The outputs of one backend run, as flat [B,Hq,Nq,Dv] and [B,Hq,Nq] arrays. */
    record Result(float[] out, float[] lse) {
    }

    Result run(Backend backend, Inputs in) {
        Tensor out = in.newOut();
        Tensor lse = in.newLse();
        // poison the outputs so that an unwritten element cannot pass for a correct one
        for (long b = 0; b < out.dim(0); b++) {
            for (long h = 0; h < out.dim(1); h++) {
                for (long i = 0; i < out.dim(2); i++) {
                    for (long c = 0; c < out.dim(3); c++) {
                        out.setFloat(12345f, b, h, i, c);
                    }
                    if (lse != null) {
                        lse.setFloat(12345f, b, h, i);
                    }
                }
            }
        }
        backend.dense().attention(in.q, in.k, in.v, out, lse, spec);
        return new Result(out.toFloatArray(), lse == null ? null : lse.toFloatArray());
    }

    /**
     * The plain fp32 computation the tolerance is derived from: per row, fp32 dot products, fp32 max, fp32 exp
     * and sums, sequential over the keys; the same semantics as the reference otherwise.
     */
    Result plainFloat(Inputs in) {
        float[] q = in.q.toFloatArray();
        float[] k = in.k.toFloatArray();
        float[] v = in.v.toFloatArray();
        DenseProblem p = DenseProblem.of(in.q, in.k, in.v, null, null, spec);
        float scale = p.scale();
        float[] out = new float[batch * headsQ * nq * headDimV];
        float[] lse = new float[batch * headsQ * nq];
        float[] logits = new float[Math.max(nk, 1)];
        float[] acc = new float[headDimV];
        int group = headsQ / Math.max(headsKv, 1);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < headsQ; h++) {
                int hk = h / group;
                for (int i = 0; i < nq; i++) {
                    int row = (b * headsQ + h) * nq + i;
                    int lo = (int) p.firstKey(i);
                    int hi = (int) p.endKey(i);
                    Arrays.fill(acc, 0f);
                    if (lo >= hi) {
                        lse[row] = Float.NEGATIVE_INFINITY;
                        continue;
                    }
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = lo; j < hi; j++) {
                        float dot = 0;
                        int qi = row * headDim;
                        int ki = ((b * headsKv + hk) * nk + j) * headDim;
                        for (int c = 0; c < headDim; c++) {
                            dot += q[qi + c] * k[ki + c];
                        }
                        logits[j] = dot * scale;
                        if (logits[j] > max || Float.isNaN(logits[j])) {
                            max = Float.isNaN(max) ? max : logits[j];
                        }
                    }
                    float base = max == Float.NEGATIVE_INFINITY ? 0 : max;
                    float sum = 0;
                    for (int j = lo; j < hi; j++) {
                        float w = (float) Math.exp(logits[j] - base);
                        sum += w;
                        int vi = ((b * headsKv + hk) * nk + j) * headDimV;
                        for (int c = 0; c < headDimV; c++) {
                            acc[c] += w * v[vi + c];
                        }
                    }
                    for (int c = 0; c < headDimV; c++) {
                        out[row * headDimV + c] = acc[c] / sum;
                    }
                    lse[row] = base + (float) Math.log(sum);
                }
            }
        }
        return new Result(out, lse);
    }

    /**
     * Fails unless {@code actual} is within twice the plain fp32 computation's worst error (plus a floor of a few
     * ulp of the output scale) everywhere; non-finite reference values must be matched exactly.
     */
    void check(String backend, Result expected, Result plain, Result actual) {
        compare(backend, "out", expected.out(), plain.out(), actual.out(), headDimV);
        if (withLse) {
            compare(backend, "lse", expected.lse(), plain.lse(), actual.lse(), 1);
        }
    }

    private void compare(String backend, String what, float[] expected, float[] plain, float[] actual, int inner) {
        double scaleOfValues = 0;
        double plainError = 0;
        for (int i = 0; i < expected.length; i++) {
            if (Float.isFinite(expected[i])) {
                scaleOfValues = Math.max(scaleOfValues, Math.abs(expected[i]));
                plainError = Math.max(plainError, Math.abs((double) plain[i] - expected[i]));
            }
        }
        double tolerance = 2 * plainError + 8 * Math.ulp((float) Math.max(scaleOfValues, 1e-3));
        int worst = -1;
        double worstError = -1;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (!Float.isFinite(e) || !Float.isFinite(a)) {
                if (Float.compare(e, a) != 0 && !(Float.isNaN(e) && Float.isNaN(a))) {
                    throw new AssertionError(failure(backend, what, i, inner, e, a, tolerance, plainError));
                }
                continue;
            }
            double err = Math.abs((double) a - e);
            if (err > worstError) {
                worstError = err;
                worst = i;
            }
        }
        if (worstError > tolerance) {
            throw new AssertionError(failure(backend, what, worst, inner, expected[worst], actual[worst], tolerance,
                    plainError));
        }
    }

    private String failure(String backend, String what, int flat, int inner, float expected, float actual,
                           double tolerance, double plainError) {
        int c = flat % inner;
        int row = flat / inner;
        int i = row % nq;
        int h = (row / nq) % headsQ;
        int b = row / nq / headsQ;
        String index = inner == 1 ? "[" + b + "," + h + "," + i + "]" : "[" + b + "," + h + "," + i + "," + c + "]";
        return "backend " + backend + ", case " + this + ": " + what + index + " = " + actual + ", reference "
                + expected + " (|error| " + Math.abs((double) actual - expected) + ", tolerance " + tolerance
                + " = 2 x plain fp32 error " + plainError + " + floor)";
    }
}
