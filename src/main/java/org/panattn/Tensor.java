package org.panattn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable strided view over a {@link MemorySegment}: dtype, shape, strides (in elements) and device.
 * The last dimension is always contiguous (stride 1); the other strides are free, so [B,H,N,D] and the
 * flash layout [B,N,H,D] viewed as [B,H,N,D] are both used without copies. A CUDA tensor's segment holds a
 * device address and is never dereferenced on the host.
 */
public final class Tensor {
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;

    private final MemorySegment segment;
    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long offset;
    private final Device device;

    private Tensor(MemorySegment segment, DType dtype, long[] shape, long[] strides, long offset, Device device) {
        this.segment = segment;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.device = device;
    }

    // ---------------------------------------------------------------- factories

    /** A new zero-filled contiguous CPU tensor whose memory belongs to {@code arena}. */
    public static Tensor allocate(Arena arena, DType dtype, long... shape) {
        requireNonNull(arena, "arena");
        requireNonNull(dtype, "dtype");
        long n = checkShape(shape);
        long bytes = Math.multiplyExact(n, dtype.byteSize());
        MemorySegment seg = arena.allocate(Math.max(bytes, 1), 64).asSlice(0, bytes);
        return new Tensor(seg, dtype, shape.clone(), contiguousStrides(shape), 0, Device.CPU);
    }

    /** A contiguous view of {@code segment} (zero-copy); the segment must hold at least shape's elements. */
    public static Tensor wrap(MemorySegment segment, DType dtype, long... shape) {
        checkShape(shape);
        return wrap(segment, dtype, Device.CPU, shape, contiguousStrides(shape), 0);
    }

    /**
     * A strided view of {@code segment} on {@code device}; {@code offset} and {@code strides} are in elements.
     * Every addressed element must lie inside the segment.
     */
    public static Tensor wrap(MemorySegment segment, DType dtype, Device device, long[] shape, long[] strides,
                              long offset) {
        requireNonNull(segment, "segment");
        requireNonNull(dtype, "dtype");
        requireNonNull(device, "device");
        checkShape(shape);
        requireNonNull(strides, "strides");
        if (strides.length != shape.length) {
            throw new IllegalArgumentException("strides: expected " + shape.length + " entries (one per dimension), got "
                    + strides.length);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: expected >= 0, got " + offset);
        }
        for (int i = 0; i < strides.length; i++) {
            if (strides[i] < 0) {
                throw new IllegalArgumentException("strides[" + i + "]: expected >= 0, got " + strides[i]);
            }
        }
        if (shape.length > 0 && shape[shape.length - 1] > 1 && strides[shape.length - 1] != 1) {
            throw new IllegalArgumentException("strides[" + (shape.length - 1)
                    + "]: the last dimension must be contiguous (stride 1), got " + strides[shape.length - 1]);
        }
        Tensor t = new Tensor(segment, dtype, shape.clone(), strides.clone(), offset, device);
        long needed = t.extentBytes();
        if (needed > segment.byteSize()) {
            throw new IllegalArgumentException("segment: too small for shape " + Arrays.toString(shape) + " strides "
                    + Arrays.toString(strides) + " offset " + offset + " of " + dtype + ": expected at least "
                    + needed + " bytes, got " + segment.byteSize());
        }
        return t;
    }

    /** A contiguous F32 view of a Java array (zero-copy: the tensor reads and writes {@code data}). */
    public static Tensor of(float[] data, long... shape) {
        requireNonNull(data, "data");
        long n = checkShape(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("data: expected " + n + " floats for shape " + Arrays.toString(shape)
                    + ", got " + data.length);
        }
        return new Tensor(MemorySegment.ofArray(data), DType.F32, shape.clone(), contiguousStrides(shape), 0,
                Device.CPU);
    }

    /** A contiguous I32 view of a Java array (zero-copy). */
    public static Tensor of(int[] data, long... shape) {
        requireNonNull(data, "data");
        long n = checkShape(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("data: expected " + n + " ints for shape " + Arrays.toString(shape)
                    + ", got " + data.length);
        }
        return new Tensor(MemorySegment.ofArray(data), DType.I32, shape.clone(), contiguousStrides(shape), 0,
                Device.CPU);
    }

    /**
     * A contiguous view of a buffer's remaining bytes (zero-copy; direct buffers from other frameworks work).
     * The buffer must be in native byte order, since the kernels read native-order values.
     */
    public static Tensor wrap(ByteBuffer buffer, DType dtype, long... shape) {
        requireNonNull(buffer, "buffer");
        if (buffer.order() != ByteOrder.nativeOrder() && buffer.remaining() > 1) {
            throw new IllegalArgumentException("buffer: expected native byte order " + ByteOrder.nativeOrder()
                    + ", got " + buffer.order() + " (call buffer.order(ByteOrder.nativeOrder()))");
        }
        return wrap(MemorySegment.ofBuffer(buffer), dtype, shape);
    }

    // ---------------------------------------------------------------- accessors

    public MemorySegment segment() {
        return segment;
    }

    public DType dtype() {
        return dtype;
    }

    public Device device() {
        return device;
    }

    public int rank() {
        return shape.length;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long[] strides() {
        return strides.clone();
    }

    public long dim(int i) {
        return shape[axis(i)];
    }

    public long stride(int i) {
        return strides[axis(i)];
    }

    /** Offset of element [0,...,0] from the segment start, in elements. */
    public long offset() {
        return offset;
    }

    /** Offset of element [0,...,0] from the segment start, in bytes. */
    public long byteOffset() {
        return offset * dtype.byteSize();
    }

    public long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Bytes from the segment start to one past the last addressed element (0 for an empty tensor). */
    public long extentBytes() {
        if (numel() == 0) {
            return 0;
        }
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, strides[i]));
        }
        return Math.multiplyExact(last + 1, dtype.byteSize());
    }

    public boolean isContiguous() {
        return Arrays.equals(strides, contiguousStrides(shape)) || numel() <= 1;
    }

    public String describe() {
        return dtype + Arrays.toString(shape) + (isContiguous() ? "" : " strides " + Arrays.toString(strides))
                + (device.isCpu() ? "" : " on " + device);
    }

    @Override
    public String toString() {
        return "Tensor(" + describe() + ")";
    }

    // ---------------------------------------------------------------- views (no copies)

    /** Elements [start, end) along {@code dim}. */
    public Tensor slice(int dim, long start, long end) {
        int d = axis(dim);
        if (start < 0 || end < start || end > shape[d]) {
            throw new IllegalArgumentException("slice of dim " + d + ": expected 0 <= start <= end <= " + shape[d]
                    + ", got [" + start + ", " + end + ")");
        }
        long[] s = shape.clone();
        s[d] = end - start;
        return new Tensor(segment, dtype, s, strides, offset + start * strides[d], device);
    }

    /** Index {@code index} along {@code dim}, dropping that dimension. */
    public Tensor select(int dim, long index) {
        int d = axis(dim);
        if (index < 0 || index >= shape[d]) {
            throw new IllegalArgumentException("select of dim " + d + ": expected index in [0, " + shape[d]
                    + "), got " + index);
        }
        long[] s = new long[shape.length - 1];
        long[] st = new long[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                s[j] = shape[i];
                st[j++] = strides[i];
            }
        }
        return new Tensor(segment, dtype, s, st, offset + index * strides[d], device);
    }

    /** Swaps two dimensions; the last dimension must stay contiguous, so it cannot take part. */
    public Tensor transpose(int a, int b) {
        int x = axis(a);
        int y = axis(b);
        int last = shape.length - 1;
        if ((x == last || y == last) && x != y) {
            throw new IllegalArgumentException("transpose(" + a + ", " + b
                    + "): the last dimension must stay contiguous, so it cannot be swapped");
        }
        long[] s = shape.clone();
        long[] st = strides.clone();
        s[x] = shape[y];
        s[y] = shape[x];
        st[x] = strides[y];
        st[y] = strides[x];
        return new Tensor(segment, dtype, s, st, offset, device);
    }

    /** Same elements with a new shape; only for contiguous tensors. */
    public Tensor reshape(long... newShape) {
        long n = checkShape(newShape);
        if (n != numel()) {
            throw new IllegalArgumentException("reshape: expected " + numel() + " elements, got shape "
                    + Arrays.toString(newShape) + " with " + n);
        }
        if (!isContiguous()) {
            throw new IllegalArgumentException("reshape: expected a contiguous tensor, got " + describe());
        }
        return new Tensor(segment, dtype, newShape.clone(), contiguousStrides(newShape), offset, device);
    }

    // ---------------------------------------------------------------- element access (CPU, convenience; kernels use the segment)

    /** Element offset (from the segment start) of an index. */
    public long elementOffset(long... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index: expected " + shape.length + " coordinates, got " + index.length);
        }
        long off = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index[" + i + "]: expected in [0, " + shape[i] + "), got "
                        + index[i]);
            }
            off += index[i] * strides[i];
        }
        return off;
    }

    public float getFloat(long... index) {
        return readFloat(elementOffset(index));
    }

    public void setFloat(float value, long... index) {
        writeFloat(elementOffset(index), value);
    }

    public int getInt(long... index) {
        requireHost("getInt");
        if (dtype != DType.I32) {
            throw new IllegalArgumentException("getInt: expected an I32 tensor, got " + dtype);
        }
        return segment.getAtIndex(I32, elementOffset(index));
    }

    public void setInt(int value, long... index) {
        requireHost("setInt");
        if (dtype != DType.I32) {
            throw new IllegalArgumentException("setInt: expected an I32 tensor, got " + dtype);
        }
        segment.setAtIndex(I32, elementOffset(index), value);
    }

    /** Reads the element at an absolute element offset, widened to fp32. */
    public float readFloat(long elementOffset) {
        requireHost("readFloat");
        return switch (dtype) {
            case F32 -> segment.getAtIndex(F32, elementOffset);
            case F16 -> Float.float16ToFloat(segment.getAtIndex(F16, elementOffset));
            case BF16 -> DType.bf16ToFloat(segment.getAtIndex(F16, elementOffset));
            case I32 -> segment.getAtIndex(I32, elementOffset);
        };
    }

    /** Writes the element at an absolute element offset, narrowed from fp32 (round to nearest even). */
    public void writeFloat(long elementOffset, float value) {
        requireHost("writeFloat");
        switch (dtype) {
            case F32 -> segment.setAtIndex(F32, elementOffset, value);
            case F16 -> segment.setAtIndex(F16, elementOffset, Float.floatToFloat16(value));
            case BF16 -> segment.setAtIndex(F16, elementOffset, DType.floatToBf16(value));
            case I32 -> segment.setAtIndex(I32, elementOffset, (int) value);
        }
    }

    /** All elements in row-major order, widened to fp32 (a copy, for tests and I/O). */
    public float[] toFloatArray() {
        requireHost("toFloatArray");
        long n = numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("toFloatArray: tensor too large for a Java array: " + n + " elements");
        }
        float[] out = new float[(int) n];
        int[] pos = {0};
        forEachOffset((off) -> out[pos[0]++] = readFloat(off));
        return out;
    }

    /**
     * Copies every element into {@code dst} (same shape), converting dtypes on the host; crossing devices is
     * delegated to the CUDA backend and needs contiguous tensors of one dtype.
     */
    public void copyTo(Tensor dst) {
        requireNonNull(dst, "dst");
        if (!Arrays.equals(shape, dst.shape)) {
            throw new IllegalArgumentException("dst: expected shape " + Arrays.toString(shape) + ", got "
                    + Arrays.toString(dst.shape));
        }
        checkAlive("src");
        dst.checkAlive("dst");
        dst.checkWritable("dst");
        if (device.isCpu() && dst.device.isCpu()) {
            if (dtype == dst.dtype && isContiguous() && dst.isContiguous()) {
                MemorySegment.copy(segment, byteOffset(), dst.segment, dst.byteOffset(), numel() * dtype.byteSize());
                return;
            }
            TensorIteration.forEachPair(this, dst, (so, dOff) -> dst.writeFloat(dOff, readFloat(so)));
            return;
        }
        Device cuda = device.isCuda() ? device : dst.device;
        Backend.cuda(cuda.ordinal()).copy(this, dst);
    }

    /** Throws if the segment's arena was closed (or the thread may not access it). */
    public void checkAlive(String name) {
        if (!segment.scope().isAlive()) {
            throw new IllegalArgumentException(name + ": expected a live segment, got one whose arena is closed");
        }
    }

    public void checkWritable(String name) {
        if (segment.isReadOnly()) {
            throw new IllegalArgumentException(name + ": expected a writable tensor, got a read-only segment");
        }
    }

    /** Whether the byte ranges of the two tensors' extents overlap (possible aliasing). */
    public boolean overlaps(Tensor other) {
        if (numel() == 0 || other.numel() == 0) {
            return false;
        }
        long a0 = segment.address() + byteOffset();
        long a1 = segment.address() + extentBytes();
        long b0 = other.segment.address() + other.byteOffset();
        long b1 = other.segment.address() + other.extentBytes();
        boolean sameHeap = segment.heapBase().isPresent() && other.segment.heapBase().isPresent()
                && segment.heapBase().get() == other.segment.heapBase().get();
        boolean bothNative = segment.isNative() && other.segment.isNative();
        if (!(sameHeap || bothNative) || !device.equals(other.device)) {
            return false;
        }
        return a0 < b1 && b0 < a1;
    }

    void forEachOffset(TensorIteration.OffsetConsumer consumer) {
        TensorIteration.forEach(this, consumer);
    }

    private void requireHost(String op) {
        if (!device.isCpu()) {
            throw new IllegalArgumentException(op + ": expected a CPU tensor, got one on " + device
                    + " (copyTo a CPU tensor first)");
        }
    }

    private int axis(int i) {
        if (i < 0 || i >= shape.length) {
            throw new IllegalArgumentException("dim: expected in [0, " + shape.length + "), got " + i);
        }
        return i;
    }

    static long[] contiguousStrides(long[] shape) {
        long[] st = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    private static long checkShape(long[] shape) {
        requireNonNull(shape, "shape");
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "]: expected >= 0, got " + shape[i]);
            }
            n = Math.multiplyExact(n, shape[i]);
        }
        return n;
    }

    private static void requireNonNull(Object o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + ": expected a value, got null");
        }
    }
}
