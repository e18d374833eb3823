package org.panattn.dit;

import java.lang.foreign.Arena;
import java.util.Arrays;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * One layer's DiTFastAttn state: the WA-RS residual R = O - W of its last full step that cached one, and its
 * output of its last computed step (for AST). Both are contiguous F32 [B,H,N,Dv] tensors on the backend's device,
 * allocated on first use in the owner's arena and reused by every later step.
 */
public final class AttentionCache {
    private final Backend backend;
    private final Arena arena;
    private final int layer;
    private long[] shape;
    private Tensor residual;
    private Tensor output;
    private int residualStep = -1;
    private int outputStep = -1;

    AttentionCache(Backend backend, Arena arena, int layer) {
        this.backend = backend;
        this.arena = arena;
        this.layer = layer;
    }

    public int layer() {
        return layer;
    }

    /** Step whose full pass cached the residual, or -1. */
    public int residualStep() {
        return residualStep;
    }

    /** Step whose output is cached, or -1. */
    public int outputStep() {
        return outputStep;
    }

    public boolean hasResidual() {
        return residualStep >= 0;
    }

    public boolean hasOutput() {
        return outputStep >= 0;
    }

    /** The cached residual (valid when {@link #hasResidual()}), or null before the first allocation. */
    public Tensor residual() {
        return residual;
    }

    /** The cached output (valid when {@link #hasOutput()}), or null before the first allocation. */
    public Tensor output() {
        return output;
    }

    /** Off-heap bytes held (on the backend's device). */
    public long bytes() {
        return (residual == null ? 0 : residual.numel() * 4) + (output == null ? 0 : output.numel() * 4);
    }

    /** Forgets what is cached (a new sample); the memory stays for reuse. */
    public void invalidate() {
        residualStep = -1;
        outputStep = -1;
    }

    Tensor residualBuffer(long[] outShape) {
        requireShape(outShape);
        if (residual == null) {
            residual = backend.allocate(arena, DType.F32, shape);
        }
        return residual;
    }

    Tensor outputBuffer(long[] outShape) {
        requireShape(outShape);
        if (output == null) {
            output = backend.allocate(arena, DType.F32, shape);
        }
        return output;
    }

    void markResidual(int step) {
        residualStep = step;
    }

    void markOutput(int step) {
        outputStep = step;
    }

    /** The shape is fixed by the first cached tensor: a layer's output does not change shape between steps. */
    void requireShape(long[] outShape) {
        checkShape(outShape);
        if (shape == null) {
            shape = outShape.clone();
        }
    }

    /** Throws if a shape is fixed and {@code outShape} differs (fixes nothing). */
    void checkShape(long[] outShape) {
        if (shape != null && !Arrays.equals(shape, outShape)) {
            throw new IllegalArgumentException("out: expected shape " + Arrays.toString(shape) + " (layer " + layer
                    + "'s cached shape), got " + Arrays.toString(outShape));
        }
    }
}
