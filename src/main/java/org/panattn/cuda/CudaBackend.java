package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.PanattnException;
import org.panattn.Tensor;
import org.panattn.bindings.cuda_runtime_h;
import org.panattn.bindings.panattn_h;
import org.panattn.dense.DenseAttention;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.hybrid.HybridAttention;
import org.panattn.sae.SaeOps;
import org.panattn.topk.TopKAttention;
import org.panattn.internal.NativeLibraries;

/**
 * The CUDA kernels on one device. Reached by reflection from {@code org.panattn.CudaSupport} through
 * {@link #deviceCount()}, {@link #unavailableReason()} and {@link #open(int)}, so a build or a machine without
 * CUDA never loads this class's native side.
 *
 * <p>Device memory comes from cudaMalloc and is freed when the arena that owns the tensor closes. Every call
 * selects this backend's device on the calling thread first (the CUDA runtime's current device is per thread).
 */
public final class CudaBackend implements Backend {
    private static final System.Logger LOG = System.getLogger("org.panattn.cuda");

    /** Device discovery, once per process, on first use. */
    private static final class Discovery {
        static final int COUNT;
        static final String REASON;
        static final CudaBackend[] BACKENDS;

        static {
            int count = 0;
            String reason;
            if (!panattn_h.isAvailable()) {
                reason = NativeLibraries.panattnCudaUnavailableReason();
            } else {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment n = arena.allocate(panattn_h.C_INT);
                    int error = panattn_h.panattn_device_count(n);
                    if (error != 0) {
                        reason = "cudaGetDeviceCount: " + CudaErrors.describe(error);
                    } else {
                        count = n.get(panattn_h.C_INT, 0);
                        reason = count > 0 ? null : "cudaGetDeviceCount: no CUDA device (count 0)";
                    }
                } catch (RuntimeException | LinkageError e) {
                    reason = "cannot query CUDA devices through " + NativeLibraries.CUDA_LIBRARY + ": " + e;
                }
            }
            COUNT = count;
            REASON = reason;
            BACKENDS = new CudaBackend[count];
        }
    }

    private final int ordinal;
    private final Device device;
    private final String name;
    private final CudaDense dense;
    private final String setDeviceOperation;
    private final CudaKvCache kvcache;
    private final CudaHybrid hybrid;
    private final CudaSae sae;

    private CudaBackend(int ordinal) {
        this.ordinal = ordinal;
        this.device = Device.cuda(ordinal);
        this.name = "cuda:" + ordinal;
        this.setDeviceOperation = "cudaSetDevice(" + ordinal + ")";
        this.dense = new CudaDense(this);
        this.kvcache = new CudaKvCache(this);
        this.hybrid = new CudaHybrid(this);
        this.sae = new CudaSae(this);
    }

    /** Usable CUDA devices: 0 when the library is not built or loaded, or no device (or driver) is present. */
    public static int deviceCount() {
        return Discovery.COUNT;
    }

    /** Why no CUDA device is usable (naming the CUDA error where there is one), or null if one is. */
    public static String unavailableReason() {
        return Discovery.REASON;
    }

    /**
     * The backend of device {@code ordinal}.
     *
     * @throws IllegalArgumentException if ordinal is negative or not below {@link #deviceCount()}
     * @throws PanattnException         if no device is usable at all (the message gives the reason)
     */
    public static Backend open(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal: expected >= 0, got " + ordinal);
        }
        if (Discovery.COUNT == 0) {
            throw new PanattnException("CUDA backend unavailable: " + Discovery.REASON);
        }
        if (ordinal >= Discovery.COUNT) {
            throw new IllegalArgumentException("ordinal: expected a CUDA device in [0, " + Discovery.COUNT + "), got "
                    + ordinal);
        }
        synchronized (Discovery.BACKENDS) {
            CudaBackend b = Discovery.BACKENDS[ordinal];
            if (b == null) {
                b = new CudaBackend(ordinal);
                Discovery.BACKENDS[ordinal] = b;
            }
            return b;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public DenseAttention dense() {
        return dense;
    }

    /** Certified top-k on this device (kernels-cuda/topk_attention.cu); one instance, and one workspace, per device. */
    @Override
    public TopKAttention topk() {
        return CudaTopK.of(this);
    }

    @Override
    public KvCacheOps kvcache() {
        return kvcache;
    }

    @Override
    public HybridAttention hybrid() {
        return hybrid;
    }

    /** Created on first use (a benign race: CudaDit is immutable but for its backend, a final field). */
    private CudaDit dit;

    @Override
    public org.panattn.dit.DitAttention dit() {
        CudaDit d = dit;
        if (d == null) {
            d = new CudaDit(this);
            dit = d;
        }
        return d;
    }

    @Override
    public SaeOps sae() {
        return sae;
    }

    /** Makes this backend's device the calling thread's current CUDA device. */
    void makeCurrent() {
        CudaErrors.check(cuda_runtime_h.cudaSetDevice(ordinal), setDeviceOperation);
    }

    /** Waits for all work queued on the default stream of this device. */
    void synchronize(String operation) {
        CudaErrors.check(cuda_runtime_h.cudaStreamSynchronize(MemorySegment.NULL), operation);
    }

    /** A zero-filled contiguous tensor in this device's memory, freed (cudaFree) when {@code arena} closes. */
    // reinterpret: the device address is sized and tied to the caller's arena here, the one place that knows both
    @SuppressWarnings("restricted")
    @Override
    public Tensor allocate(Arena arena, DType dtype, long... shape) {
        if (arena == null) {
            throw new IllegalArgumentException("arena: expected an open arena, got null");
        }
        if (!arena.scope().isAlive()) {
            throw new IllegalArgumentException("arena: expected an open arena, got a closed one");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("dtype: expected a value, got null");
        }
        if (shape == null) {
            throw new IllegalArgumentException("shape: expected a value, got null");
        }
        long bytes = dtype.byteSize();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "]: expected >= 0, got " + shape[i]);
            }
            try {
                bytes = Math.multiplyExact(bytes, shape[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape: expected at most " + Long.MAX_VALUE + " bytes, got shape "
                        + Arrays.toString(shape) + " of " + dtype);
            }
        }
        long[] strides = contiguousStrides(shape);
        if (bytes == 0) {
            return Tensor.wrap(MemorySegment.NULL.reinterpret(0, arena, null), dtype, device, shape, strides, 0);
        }
        long address;
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment holder = scratch.allocate(ValueLayout.ADDRESS);
            makeCurrent();
            CudaErrors.check(cuda_runtime_h.cudaMalloc(holder, bytes), "cudaMalloc(" + bytes + " bytes) on " + name);
            address = holder.get(ValueLayout.ADDRESS, 0).address();
        }
        MemorySegment memory;
        try {
            CudaErrors.check(cuda_runtime_h.cudaMemset(MemorySegment.ofAddress(address), 0, bytes),
                    "cudaMemset(" + bytes + " bytes) on " + name);
            int owner = ordinal;
            memory = MemorySegment.ofAddress(address).reinterpret(bytes, arena, segment -> free(owner, address));
        } catch (RuntimeException e) {
            free(ordinal, address);
            throw e;
        }
        return Tensor.wrap(memory, dtype, device, shape, strides, 0);
    }

    /** Runs when the owning arena closes: it must not throw, so a failure is only logged. */
    private static void free(int ordinal, long address) {
        int error = cuda_runtime_h.cudaSetDevice(ordinal);
        if (error == 0) {
            error = cuda_runtime_h.cudaFree(MemorySegment.ofAddress(address));
        }
        if (error != 0) {
            LOG.log(System.Logger.Level.WARNING, "panattn: cudaFree(0x" + Long.toHexString(address) + ") on cuda:"
                    + ordinal + " failed: " + CudaErrors.describe(error));
        }
    }

    /**
     * Copies host to device, device to host or device to device (cudaMemcpy). Both tensors must have one shape
     * and one dtype and be contiguous; one of them must live on this backend's device. Returns when done.
     */
    @Override
    public void copy(Tensor src, Tensor dst) {
        if (src == null) {
            throw new IllegalArgumentException("src: expected a tensor, got null");
        }
        if (dst == null) {
            throw new IllegalArgumentException("dst: expected a tensor, got null");
        }
        if (!Arrays.equals(src.shape(), dst.shape())) {
            throw new IllegalArgumentException("dst: expected shape " + Arrays.toString(src.shape())
                    + " (that of src), got " + Arrays.toString(dst.shape()));
        }
        if (src.dtype() != dst.dtype()) {
            throw new IllegalArgumentException("dst: expected dtype " + src.dtype()
                    + " (that of src; copies between devices do not convert), got " + dst.dtype());
        }
        requireContiguous(src, "src");
        requireContiguous(dst, "dst");
        requireReachable(src, "src");
        requireReachable(dst, "dst");
        if (!src.device().equals(device) && !dst.device().equals(device)) {
            throw new IllegalArgumentException("src: backend " + name + " copies to or from " + device
                    + ", got " + src.device() + " -> " + dst.device());
        }
        src.checkAlive("src");
        dst.checkAlive("dst");
        dst.checkWritable("dst");
        if (src.overlaps(dst)) {
            throw new IllegalArgumentException("dst: expected memory disjoint from src, got overlapping ranges");
        }
        long bytes = src.numel() * src.dtype().byteSize();
        if (bytes == 0) {
            return;
        }
        MemorySegment from = src.segment().asSlice(src.byteOffset(), bytes);
        MemorySegment to = dst.segment().asSlice(dst.byteOffset(), bytes);
        int kind;
        if (src.device().isCpu()) {
            kind = cuda_runtime_h.cudaMemcpyHostToDevice();
        } else if (dst.device().isCpu()) {
            kind = cuda_runtime_h.cudaMemcpyDeviceToHost();
        } else if (src.device().equals(dst.device())) {
            kind = cuda_runtime_h.cudaMemcpyDeviceToDevice();
        } else {
            kind = cuda_runtime_h.cudaMemcpyDefault(); // two devices: unified addressing finds both
        }
        String operation = "cudaMemcpy(" + bytes + " bytes, " + src.device() + " -> " + dst.device() + ")";
        makeCurrent();
        if (from.isNative() && to.isNative()) {
            CudaErrors.check(cuda_runtime_h.cudaMemcpy(to, from, bytes, kind), operation);
            return;
        }
        // A heap segment (Tensor.of(float[])) has no stable address to hand to the driver: stage it off-heap.
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment staging = scratch.allocate(bytes, 64);
            if (!from.isNative()) {
                staging.copyFrom(from);
                CudaErrors.check(cuda_runtime_h.cudaMemcpy(to, staging, bytes, kind), operation);
            } else {
                CudaErrors.check(cuda_runtime_h.cudaMemcpy(staging, from, bytes, kind), operation);
                to.copyFrom(staging);
            }
        }
    }

    private static void requireContiguous(Tensor t, String name) {
        if (!t.isContiguous()) {
            throw new IllegalArgumentException(name + ": expected a contiguous tensor for a copy between devices, got "
                    + t.describe());
        }
    }

    private static void requireReachable(Tensor t, String name) {
        Device d = t.device();
        if (d.isCuda() && d.ordinal() >= Discovery.COUNT) {
            throw new IllegalArgumentException(name + ": expected a tensor on cpu or a CUDA device in [0, "
                    + Discovery.COUNT + "), got " + d);
        }
    }

    private static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    @Override
    public String toString() {
        return name;
    }
}
