package org.panattn.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

import org.panattn.DType;
import org.panattn.Tensor;

/**
 * One off-heap float buffer seen two ways without copies: as a panattn {@link Tensor} and as the direct
 * {@link FloatBuffer} ONNX Runtime wraps, so both libraries read (or write) the very same bytes.
 */
record BenchData(MemorySegment segment, long[] shape) {
    /** Cache-line alignment, as both libraries' vector loads prefer. */
    private static final long ALIGNMENT = 64;

    /** Zero-filled (the OS hands out zero pages; touching them now keeps first-touch cost out of timing). */
    static BenchData zeros(Arena arena, long... shape) {
        long floats = 1;
        for (long s : shape) {
            floats = Math.multiplyExact(floats, s);
        }
        MemorySegment segment = arena.allocate(floats * Float.BYTES, ALIGNMENT);
        segment.fill((byte) 0);
        return new BenchData(segment, shape.clone());
    }

    /** Uniform in [-1, 1), reproducible from {@code seed}. */
    static BenchData random(Arena arena, long seed, long... shape) {
        BenchData data = zeros(arena, shape);
        SplittableRandom random = new SplittableRandom(seed);
        long floats = data.floats();
        for (long i = 0; i < floats; i++) {
            data.segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (random.nextDouble() * 2.0 - 1.0));
        }
        return data;
    }

    long floats() {
        return segment.byteSize() / Float.BYTES;
    }

    Tensor tensor() {
        return Tensor.wrap(segment, DType.F32, shape);
    }

    /** A direct buffer over the same memory: ORT then uses it in place instead of copying it. */
    FloatBuffer floatBuffer() {
        return segment.asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Largest |a - b| over all elements (NaN if either holds a NaN). */
    static double maxAbsDiff(BenchData a, BenchData b) {
        if (a.floats() != b.floats()) {
            throw new IllegalArgumentException("b: expected " + a.floats() + " floats, got " + b.floats());
        }
        double max = 0;
        for (long i = 0; i < a.floats(); i++) {
            double diff = Math.abs((double) a.segment.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                    - b.segment.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            if (!(diff <= max)) {
                max = diff;
            }
        }
        return max;
    }
}
