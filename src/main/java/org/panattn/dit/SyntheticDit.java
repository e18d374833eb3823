package org.panattn.dit;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * A small DiT-like transformer with seeded random weights and an Euler sampler with classifier-free guidance:
 * a workload for the plan search, the demo and the benchmarks, with the shape of the real thing (adaLN-style
 * conditioning on timestep and class, 2-D positional embedding on a g × g token grid, pre-norm attention + MLP
 * blocks, the CFG batch [conditional, unconditional]) and none of its size. The state is the latent [2, N, C]
 * (both halves equal); the prediction is the noise estimate of each half; the sampler moves the latent by the
 * guided estimate. Attention tensors are [B,N,H,D] arrays seen as [B,H,N,D] views (the flash layout, zero copy).
 * Not thread-safe (it reuses its scratch arrays).
 */
public final class SyntheticDit implements DitModel {

    /**
     * @param grid     tokens per side (N = grid²)
     * @param channels model width C
     * @param heads    attention heads (C must be a multiple)
     * @param layers   transformer blocks
     * @param steps    sampling steps
     * @param cfgScale guidance scale
     * @param label    the class the conditional half is conditioned on
     * @param seed     weights seed
     */
    public record Config(int grid, int channels, int heads, int layers, int steps, double cfgScale, int label,
                         long seed) {
        public Config {
            if (grid < 1 || channels < 1 || heads < 1 || layers < 1 || steps < 1) {
                throw new IllegalArgumentException("config: expected positive grid, channels, heads, layers and steps, "
                        + "got " + grid + ", " + channels + ", " + heads + ", " + layers + ", " + steps);
            }
            if (channels % heads != 0) {
                throw new IllegalArgumentException("heads: expected a divisor of channels " + channels + ", got "
                        + heads);
            }
            if (label < 0) {
                throw new IllegalArgumentException("label: expected >= 0, got " + label);
            }
        }

        /** The demo's size: a 16 × 16 grid (256 tokens), width 32, 2 heads of 16, 3 blocks, 20 steps, CFG 4. */
        public static Config demo() {
            return new Config(16, 32, 2, 3, 20, 4.0, 7, 2024);
        }

        public int tokens() {
            return grid * grid;
        }

        public int headDim() {
            return channels / heads;
        }
    }

    private static final int BATCH = 2;
    private static final int CLASSES = 16;

    private final Config config;
    private final int n;
    private final int c;
    private final int hidden;
    private final float[] inputWeight;
    private final float[] position;
    private final float[] classEmbedding;
    private final float[] nullEmbedding;
    private final float[][] modulation;
    private final float[][] wq;
    private final float[][] wk;
    private final float[][] wv;
    private final float[][] wo;
    private final float[][] w1;
    private final float[][] w2;
    private final float[] outputWeight;

    // scratch, reused by every call
    private final float[] stateValues;
    private final float[] x;
    private final float[] h;
    private final float[] mlp;
    private final float[] q;
    private final float[] k;
    private final float[] v;
    private final float[] o;
    private final float[] cond;
    private final float[] mods;
    private final Tensor qView;
    private final Tensor kView;
    private final Tensor vView;
    private final Tensor oView;

    public SyntheticDit(Config config) {
        this.config = config;
        this.n = config.tokens();
        this.c = config.channels();
        this.hidden = 2 * c;
        SplittableRandom r = new SplittableRandom(config.seed());
        double unit = 1.0 / Math.sqrt(c);
        inputWeight = gaussian(r, c * c, unit);
        position = positions(config.grid(), c);
        classEmbedding = gaussian(r, CLASSES * c, 0.3);
        nullEmbedding = gaussian(r, c, 0.3);
        int layers = config.layers();
        modulation = new float[layers][];
        wq = new float[layers][];
        wk = new float[layers][];
        wv = new float[layers][];
        wo = new float[layers][];
        w1 = new float[layers][];
        w2 = new float[layers][];
        for (int l = 0; l < layers; l++) {
            modulation[l] = gaussian(r, c * 4 * c, unit);
            // keys share most of the queries' projection: tokens with close positional codes attend to each other,
            // which makes attention mostly local, as in image DiTs
            wq[l] = gaussian(r, c * c, 2.2 * unit);
            wk[l] = wq[l].clone();
            float[] noise = gaussian(r, c * c, 1.0 * unit);
            for (int i = 0; i < wk[l].length; i++) {
                wk[l][i] += noise[i];
            }
            wv[l] = gaussian(r, c * c, unit);
            wo[l] = gaussian(r, c * c, 0.5 * unit);
            w1[l] = gaussian(r, c * hidden, unit);
            w2[l] = gaussian(r, hidden * c, 0.5 / Math.sqrt(hidden));
        }
        outputWeight = gaussian(r, c * c, unit);
        stateValues = new float[BATCH * n * c];
        x = new float[BATCH * n * c];
        h = new float[BATCH * n * c];
        mlp = new float[BATCH * n * hidden];
        q = new float[BATCH * n * c];
        k = new float[BATCH * n * c];
        v = new float[BATCH * n * c];
        o = new float[BATCH * n * c];
        cond = new float[c];
        mods = new float[4 * c];
        int heads = config.heads();
        int d = config.headDim();
        qView = Tensor.of(q, BATCH, n, heads, d).transpose(1, 2);
        kView = Tensor.of(k, BATCH, n, heads, d).transpose(1, 2);
        vView = Tensor.of(v, BATCH, n, heads, d).transpose(1, 2);
        oView = Tensor.of(o, BATCH, n, heads, d).transpose(1, 2);
    }

    public Config config() {
        return config;
    }

    /** The CFG layout of the batch. */
    public CfgOrder cfgOrder() {
        return CfgOrder.COND_FIRST;
    }

    @Override
    public int layers() {
        return config.layers();
    }

    @Override
    public int steps() {
        return config.steps();
    }

    /** A fresh latent [2, N, C]: seeded Gaussian noise, the same in both halves. */
    public Tensor initialState(Arena arena, long seed) {
        Tensor state = Tensor.allocate(arena, DType.F32, BATCH, n, c);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n * c; i++) {
            float value = (float) r.nextGaussian();
            state.writeFloat(i, value);
            state.writeFloat(n * c + i, value);
        }
        return state;
    }

    @Override
    public void predict(int step, Tensor state, LayerAttention attention, Tensor prediction) {
        requireState(state, "state");
        requireState(prediction, "prediction");
        float[] s = stateValues;
        MemorySegment.copy(state.segment(), ValueLayout.JAVA_FLOAT_UNALIGNED, state.byteOffset(), s, 0, s.length);
        for (int b = 0; b < BATCH; b++) {
            matmul(s, b * n * c, n, c, inputWeight, c, x, b * n * c, false);
            for (int i = 0; i < n * c; i++) {
                x[b * n * c + i] += position[i];
            }
        }
        for (int l = 0; l < config.layers(); l++) {
            for (int b = 0; b < BATCH; b++) {
                conditioning(step, b, l);
                normalise(x, h, b, mods, 0);
                matmul(h, b * n * c, n, c, wq[l], c, q, b * n * c, false);
                matmul(h, b * n * c, n, c, wk[l], c, k, b * n * c, false);
                matmul(h, b * n * c, n, c, wv[l], c, v, b * n * c, false);
            }
            attention.attend(l, qView, kView, vView, oView);
            for (int b = 0; b < BATCH; b++) {
                conditioning(step, b, l);
                matmul(o, b * n * c, n, c, wo[l], c, x, b * n * c, true);
                normalise(x, h, b, mods, 2 * c);
                matmul(h, b * n * c, n, c, w1[l], hidden, mlp, b * n * hidden, false);
                for (int i = b * n * hidden; i < (b + 1) * n * hidden; i++) {
                    float z = mlp[i];
                    mlp[i] = z > 0 ? z : 0.1f * z; // leaky ReLU: a GELU's shape without its exp
                }
                matmul(mlp, b * n * hidden, n, hidden, w2[l], c, x, b * n * c, true);
            }
        }
        for (int b = 0; b < BATCH; b++) {
            normalise(x, h, b, null, 0);
            matmul(h, b * n * c, n, c, outputWeight, c, o, b * n * c, false);
        }
        MemorySegment.copy(o, 0, prediction.segment(), ValueLayout.JAVA_FLOAT_UNALIGNED, prediction.byteOffset(),
                BATCH * n * c);
    }

    /** Euler step on the guided estimate eps_u + s (eps_c - eps_u), written to both halves. */
    @Override
    public void advance(int step, Tensor state, Tensor prediction) {
        requireState(state, "state");
        requireState(prediction, "prediction");
        float dt = 0.5f / config.steps();
        float scale = (float) config.cfgScale();
        for (int i = 0; i < n * c; i++) {
            float conditional = prediction.readFloat(i);
            float unconditional = prediction.readFloat(n * c + i);
            float guided = unconditional + scale * (conditional - unconditional);
            float next = state.readFloat(i) - dt * guided;
            state.writeFloat(i, next);
            state.writeFloat(n * c + i, next);
        }
    }

    private void requireState(Tensor t, String name) {
        if (t == null || t.dtype() != DType.F32 || t.rank() != 3 || t.dim(0) != BATCH || t.dim(1) != n
                || t.dim(2) != c || !t.isContiguous() || !t.device().isCpu()) {
            throw new IllegalArgumentException(name + ": expected a contiguous F32 host tensor [2, " + n + ", " + c
                    + "], got " + (t == null ? "null" : t.describe()));
        }
    }

    /** mods = 0.2 tanh(M_l cond) with cond = timestep code + class (or null-class) embedding. */
    private void conditioning(int step, int b, int layer) {
        double t = 1.0 - (double) step / config.steps();
        for (int i = 0; i < c; i++) {
            double freq = Math.pow(100.0, -(double) (i / 2) / (c / 2.0));
            double code = (i % 2 == 0) ? Math.sin(3 * t * freq) : Math.cos(3 * t * freq);
            float embedding = b == 0 ? classEmbedding[(config.label() % CLASSES) * c + i] : nullEmbedding[i];
            cond[i] = (float) code + embedding;
        }
        float[] m = modulation[layer];
        for (int j = 0; j < 4 * c; j++) {
            float sum = 0;
            for (int i = 0; i < c; i++) {
                sum += cond[i] * m[i * 4 * c + j];
            }
            mods[j] = 0.2f * (float) Math.tanh(sum);
        }
    }

    /** dst rows = LayerNorm(src rows) * (1 + mods[at..]) + mods[at + C..] (no modulation when mods is null). */
    private void normalise(float[] src, float[] dst, int b, float[] modulationValues, int at) {
        for (int row = 0; row < n; row++) {
            int base = (b * n + row) * c;
            double mean = 0;
            for (int i = 0; i < c; i++) {
                mean += src[base + i];
            }
            mean /= c;
            double var = 0;
            for (int i = 0; i < c; i++) {
                double dlt = src[base + i] - mean;
                var += dlt * dlt;
            }
            float inv = (float) (1.0 / Math.sqrt(var / c + 1e-6));
            float mu = (float) mean;
            for (int i = 0; i < c; i++) {
                float y = (src[base + i] - mu) * inv;
                if (modulationValues != null) {
                    y = y * (1f + modulationValues[at + i]) + modulationValues[at + c + i];
                }
                dst[base + i] = y;
            }
        }
    }

    /** y[r][:] (+)= sum_i a[r][i] w[i][:]; the innermost loop is contiguous, which the JIT vectorises. */
    private static void matmul(float[] a, int aOff, int rows, int in, float[] w, int out, float[] y, int yOff,
                               boolean accumulate) {
        for (int r = 0; r < rows; r++) {
            int yr = yOff + r * out;
            if (!accumulate) {
                java.util.Arrays.fill(y, yr, yr + out, 0f);
            }
            int ar = aOff + r * in;
            for (int i = 0; i < in; i++) {
                float s = a[ar + i];
                int wi = i * out;
                for (int j = 0; j < out; j++) {
                    y[yr + j] += s * w[wi + j];
                }
            }
        }
    }

    private static float[] gaussian(SplittableRandom r, int count, double std) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) (r.nextGaussian() * std);
        }
        return a;
    }

    /** 2-D sinusoidal positional codes on a grid × grid raster: half the channels per axis. */
    private static float[] positions(int grid, int c) {
        float[] p = new float[grid * grid * c];
        int half = c / 2;
        for (int y = 0; y < grid; y++) {
            for (int xx = 0; xx < grid; xx++) {
                int token = y * grid + xx;
                for (int i = 0; i < c; i++) {
                    int axis = i < half ? y : xx;
                    int j = i < half ? i : i - half;
                    int width = i < half ? half : c - half;
                    double freq = Math.pow(grid, -(double) (j / 2) / Math.max(1, width / 2.0)) * 0.8;
                    p[token * c + i] = (float) (j % 2 == 0 ? Math.sin(axis * freq) : Math.cos(axis * freq)) * 1.5f;
                }
            }
        }
        return p;
    }
}
