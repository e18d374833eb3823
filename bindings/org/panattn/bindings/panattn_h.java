// Bindings of native/include/panattn.h, written in the shape jextract (JDK 22+) generates. Keep in step with
// the header: PanattnHeaderTest resolves every declared function and compares arities, PanattnLayoutTest compares
// constants and struct layouts with native/probe/panattn_probe.
package org.panattn.bindings;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import org.panattn.internal.NativeLibraries;

/**
 * The functions and constants of panattn.h, bound to libpanattn_cuda.so as found by {@link NativeLibraries}.
 * Each function's method handle is created when first used (in a holder class), so this class loads on any
 * machine; calling a function when the library is missing throws an {@link UnsatisfiedLinkError} naming why.
 */
@SuppressWarnings({"unused", "restricted"})
public class panattn_h {

    panattn_h() {
        // static members only
    }

    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));
    /** long, int64_t and size_t on LP64 Linux. */
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;

    static final SymbolLookup SYMBOL_LOOKUP = name -> NativeLibraries.panattnCuda().flatMap(lookup -> lookup.find(name));

    static MemorySegment findOrThrow(String symbol) {
        return SYMBOL_LOOKUP.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol
                + (NativeLibraries.panattnCuda().isEmpty() ? " (" + NativeLibraries.panattnCudaUnavailableReason() + ")"
                        : " (not exported by " + NativeLibraries.CUDA_LIBRARY + ")")));
    }

    /** Whether libpanattn_cuda.so was found and loaded. */
    public static boolean isAvailable() {
        return NativeLibraries.panattnCuda().isPresent();
    }

    private static final int PANATTN_DTYPE_F32 = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_DTYPE_F32 0 } */
    public static int PANATTN_DTYPE_F32() {
        return PANATTN_DTYPE_F32;
    }

    private static final int PANATTN_DTYPE_F16 = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_DTYPE_F16 1 } */
    public static int PANATTN_DTYPE_F16() {
        return PANATTN_DTYPE_F16;
    }

    private static final int PANATTN_DTYPE_BF16 = (int) 2L;

    /** {@snippet lang=c : #define PANATTN_DTYPE_BF16 2 } */
    public static int PANATTN_DTYPE_BF16() {
        return PANATTN_DTYPE_BF16;
    }

    private static final int PANATTN_DENSE_MAX_HEAD_DIM = (int) 256L;

    /** {@snippet lang=c : #define PANATTN_DENSE_MAX_HEAD_DIM 256 } */
    public static int PANATTN_DENSE_MAX_HEAD_DIM() {
        return PANATTN_DENSE_MAX_HEAD_DIM;
    }

    private static final int PANATTN_DENSE_ROWS_PER_BLOCK = (int) 16L;

    /** {@snippet lang=c : #define PANATTN_DENSE_ROWS_PER_BLOCK 16 } */
    public static int PANATTN_DENSE_ROWS_PER_BLOCK() {
        return PANATTN_DENSE_ROWS_PER_BLOCK;
    }

    private static final int PANATTN_WINDOW_UNBOUNDED = (int) -1L;

    /** {@snippet lang=c : #define PANATTN_WINDOW_UNBOUNDED -1 } */
    public static int PANATTN_WINDOW_UNBOUNDED() {
        return PANATTN_WINDOW_UNBOUNDED;
    }

    private static final int PANATTN_CUDA_MEMCPY_HOST_TO_HOST = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_CUDA_MEMCPY_HOST_TO_HOST 0 } */
    public static int PANATTN_CUDA_MEMCPY_HOST_TO_HOST() {
        return PANATTN_CUDA_MEMCPY_HOST_TO_HOST;
    }

    private static final int PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE 1 } */
    public static int PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE() {
        return PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE;
    }

    private static final int PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST = (int) 2L;

    /** {@snippet lang=c : #define PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST 2 } */
    public static int PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST() {
        return PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST;
    }

    private static final int PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE = (int) 3L;

    /** {@snippet lang=c : #define PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE 3 } */
    public static int PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE() {
        return PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE;
    }

    private static final int PANATTN_CUDA_MEMCPY_DEFAULT = (int) 4L;

    /** {@snippet lang=c : #define PANATTN_CUDA_MEMCPY_DEFAULT 4 } */
    public static int PANATTN_CUDA_MEMCPY_DEFAULT() {
        return PANATTN_CUDA_MEMCPY_DEFAULT;
    }

    private static class panattn_version {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_version");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_version: The library version string (a static C string). */
    public static FunctionDescriptor panattn_version$descriptor() {
        return panattn_version.DESC;
    }

    /** Downcall method handle of panattn_version. */
    public static MethodHandle panattn_version$handle() {
        return panattn_version.HANDLE;
    }

    /** Address of panattn_version. */
    public static MemorySegment panattn_version$address() {
        return panattn_version.ADDR;
    }

    /** The library version string (a static C string). */
    public static MemorySegment panattn_version() {
        var mh$ = panattn_version.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_device_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_device_count");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_device_count: cudaGetDeviceCount with the sticky error cleared; *count = 0 on failure. */
    public static FunctionDescriptor panattn_device_count$descriptor() {
        return panattn_device_count.DESC;
    }

    /** Downcall method handle of panattn_device_count. */
    public static MethodHandle panattn_device_count$handle() {
        return panattn_device_count.HANDLE;
    }

    /** Address of panattn_device_count. */
    public static MemorySegment panattn_device_count$address() {
        return panattn_device_count.ADDR;
    }

    /** cudaGetDeviceCount with the sticky error cleared; *count = 0 on failure. */
    public static int panattn_device_count(MemorySegment count) {
        var mh$ = panattn_device_count.HANDLE;
        try {
            return (int) mh$.invokeExact(count);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_error_name {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_POINTER,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_error_name");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_error_name: The symbolic name of a cudaError_t (a static C string). */
    public static FunctionDescriptor panattn_error_name$descriptor() {
        return panattn_error_name.DESC;
    }

    /** Downcall method handle of panattn_error_name. */
    public static MethodHandle panattn_error_name$handle() {
        return panattn_error_name.HANDLE;
    }

    /** Address of panattn_error_name. */
    public static MemorySegment panattn_error_name$address() {
        return panattn_error_name.ADDR;
    }

    /** The symbolic name of a cudaError_t (a static C string). */
    public static MemorySegment panattn_error_name(int error) {
        var mh$ = panattn_error_name.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(error);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_error_string {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_POINTER,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_error_string");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_error_string: The description of a cudaError_t (a static C string). */
    public static FunctionDescriptor panattn_error_string$descriptor() {
        return panattn_error_string.DESC;
    }

    /** Downcall method handle of panattn_error_string. */
    public static MethodHandle panattn_error_string$handle() {
        return panattn_error_string.HANDLE;
    }

    /** Address of panattn_error_string. */
    public static MemorySegment panattn_error_string$address() {
        return panattn_error_string.ADDR;
    }

    /** The description of a cudaError_t (a static C string). */
    public static MemorySegment panattn_error_string(int error) {
        var mh$ = panattn_error_string.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(error);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_dense_attention {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_dense_attention");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_dense_attention: Launches dense attention (see panattn_dense_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_dense_attention$descriptor() {
        return panattn_dense_attention.DESC;
    }

    /** Downcall method handle of panattn_dense_attention. */
    public static MethodHandle panattn_dense_attention$handle() {
        return panattn_dense_attention.HANDLE;
    }

    /** Address of panattn_dense_attention. */
    public static MemorySegment panattn_dense_attention$address() {
        return panattn_dense_attention.ADDR;
    }

    /** Launches dense attention (see panattn_dense_params) on a stream; returns the cudaError_t. */
    public static int panattn_dense_attention(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_dense_attention.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final int PANATTN_TOPK_BLOCK = (int) 64L;

    /** {@snippet lang=c : #define PANATTN_TOPK_BLOCK 64 } Keys per block of the blockwise bound and the kernel. */
    public static int PANATTN_TOPK_BLOCK() {
        return PANATTN_TOPK_BLOCK;
    }

    private static final int PANATTN_TOPK_MAX_HEAD_DIM = (int) 256L;

    /** {@snippet lang=c : #define PANATTN_TOPK_MAX_HEAD_DIM 256 } Largest head_dim and head_dim_v of the top-k kernel. */
    public static int PANATTN_TOPK_MAX_HEAD_DIM() {
        return PANATTN_TOPK_MAX_HEAD_DIM;
    }

    private static final int PANATTN_TOPK_CERTIFY_EXACT = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_TOPK_CERTIFY_EXACT 0 } tau from the exact log-sum-exp. */
    public static int PANATTN_TOPK_CERTIFY_EXACT() {
        return PANATTN_TOPK_CERTIFY_EXACT;
    }

    private static final int PANATTN_TOPK_CERTIFY_BOUND = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_TOPK_CERTIFY_BOUND 1 } k and tau from the blockwise bound. */
    public static int PANATTN_TOPK_CERTIFY_BOUND() {
        return PANATTN_TOPK_CERTIFY_BOUND;
    }

    private static class panattn_topk_workspace_bytes {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_LONG_LONG,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_topk_workspace_bytes");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_topk_workspace_bytes: Workspace bytes that run the most thread blocks of a top-k launch at once (0: invalid params). */
    public static FunctionDescriptor panattn_topk_workspace_bytes$descriptor() {
        return panattn_topk_workspace_bytes.DESC;
    }

    /** Downcall method handle of panattn_topk_workspace_bytes. */
    public static MethodHandle panattn_topk_workspace_bytes$handle() {
        return panattn_topk_workspace_bytes.HANDLE;
    }

    /** Address of panattn_topk_workspace_bytes. */
    public static MemorySegment panattn_topk_workspace_bytes$address() {
        return panattn_topk_workspace_bytes.ADDR;
    }

    /** Workspace bytes that run the most thread blocks of a top-k launch at once (0: invalid params). */
    public static long panattn_topk_workspace_bytes(MemorySegment params) {
        var mh$ = panattn_topk_workspace_bytes.HANDLE;
        try {
            return (long) mh$.invokeExact(params);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_topk_min_workspace_bytes {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_LONG_LONG,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_topk_min_workspace_bytes");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_topk_min_workspace_bytes: The least workspace a top-k launch runs with (0: invalid params). */
    public static FunctionDescriptor panattn_topk_min_workspace_bytes$descriptor() {
        return panattn_topk_min_workspace_bytes.DESC;
    }

    /** Downcall method handle of panattn_topk_min_workspace_bytes. */
    public static MethodHandle panattn_topk_min_workspace_bytes$handle() {
        return panattn_topk_min_workspace_bytes.HANDLE;
    }

    /** Address of panattn_topk_min_workspace_bytes. */
    public static MemorySegment panattn_topk_min_workspace_bytes$address() {
        return panattn_topk_min_workspace_bytes.ADDR;
    }

    /** The least workspace a top-k launch runs with (0: invalid params). */
    public static long panattn_topk_min_workspace_bytes(MemorySegment params) {
        var mh$ = panattn_topk_min_workspace_bytes.HANDLE;
        try {
            return (long) mh$.invokeExact(params);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_topk_attention {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_topk_attention");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_topk_attention: Launches certified top-k attention (see panattn_topk_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_topk_attention$descriptor() {
        return panattn_topk_attention.DESC;
    }

    /** Downcall method handle of panattn_topk_attention. */
    public static MethodHandle panattn_topk_attention$handle() {
        return panattn_topk_attention.HANDLE;
    }

    /** Address of panattn_topk_attention. */
    public static MemorySegment panattn_topk_attention$address() {
        return panattn_topk_attention.ADDR;
    }

    /** Launches certified top-k attention (see panattn_topk_params) on a stream; returns the cudaError_t. */
    public static int panattn_topk_attention(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_topk_attention.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- hybrid attention (issue 5)

    private static final int PANATTN_HYBRID_MAX_DIM = (int) 256L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MAX_DIM 256 } */
    public static int PANATTN_HYBRID_MAX_DIM() {
        return PANATTN_HYBRID_MAX_DIM;
    }

    private static final int PANATTN_HYBRID_MAX_FEATURES = (int) 512L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MAX_FEATURES 512 } */
    public static int PANATTN_HYBRID_MAX_FEATURES() {
        return PANATTN_HYBRID_MAX_FEATURES;
    }

    private static final int PANATTN_HYBRID_MAX_WINDOW = (int) 4096L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MAX_WINDOW 4096 } */
    public static int PANATTN_HYBRID_MAX_WINDOW() {
        return PANATTN_HYBRID_MAX_WINDOW;
    }

    private static final int PANATTN_HYBRID_MAP_HEDGEHOG = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MAP_HEDGEHOG 0 } */
    public static int PANATTN_HYBRID_MAP_HEDGEHOG() {
        return PANATTN_HYBRID_MAP_HEDGEHOG;
    }

    private static final int PANATTN_HYBRID_MAP_ELU1 = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MAP_ELU1 1 } */
    public static int PANATTN_HYBRID_MAP_ELU1() {
        return PANATTN_HYBRID_MAP_ELU1;
    }

    private static final int PANATTN_HYBRID_MAP_RELU = (int) 2L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MAP_RELU 2 } */
    public static int PANATTN_HYBRID_MAP_RELU() {
        return PANATTN_HYBRID_MAP_RELU;
    }

    private static final int PANATTN_HYBRID_MAP_EXP = (int) 3L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MAP_EXP 3 } */
    public static int PANATTN_HYBRID_MAP_EXP() {
        return PANATTN_HYBRID_MAP_EXP;
    }

    private static final int PANATTN_HYBRID_MODE_HYBRID = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MODE_HYBRID 0 } */
    public static int PANATTN_HYBRID_MODE_HYBRID() {
        return PANATTN_HYBRID_MODE_HYBRID;
    }

    private static final int PANATTN_HYBRID_MODE_WINDOW_ONLY = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MODE_WINDOW_ONLY 1 } */
    public static int PANATTN_HYBRID_MODE_WINDOW_ONLY() {
        return PANATTN_HYBRID_MODE_WINDOW_ONLY;
    }

    private static final int PANATTN_HYBRID_MODE_LINEAR_ONLY = (int) 2L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MODE_LINEAR_ONLY 2 } */
    public static int PANATTN_HYBRID_MODE_LINEAR_ONLY() {
        return PANATTN_HYBRID_MODE_LINEAR_ONLY;
    }

    private static final int PANATTN_HYBRID_MODE_SINKS_ONLY = (int) 3L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MODE_SINKS_ONLY 3 } */
    public static int PANATTN_HYBRID_MODE_SINKS_ONLY() {
        return PANATTN_HYBRID_MODE_SINKS_ONLY;
    }

    private static final int PANATTN_HYBRID_MODE_ZERO = (int) 4L;

    /** {@snippet lang=c : #define PANATTN_HYBRID_MODE_ZERO 4 } */
    public static int PANATTN_HYBRID_MODE_ZERO() {
        return PANATTN_HYBRID_MODE_ZERO;
    }

    private static class panattn_hybrid_attention {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_hybrid_attention");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_hybrid_attention: Launches hybrid attention (see panattn_hybrid_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_hybrid_attention$descriptor() {
        return panattn_hybrid_attention.DESC;
    }

    /** Downcall method handle of panattn_hybrid_attention. */
    public static MethodHandle panattn_hybrid_attention$handle() {
        return panattn_hybrid_attention.HANDLE;
    }

    /** Address of panattn_hybrid_attention. */
    public static MemorySegment panattn_hybrid_attention$address() {
        return panattn_hybrid_attention.ADDR;
    }

    /** Launches hybrid attention (see panattn_hybrid_params) on a stream; returns the cudaError_t. */
    public static int panattn_hybrid_attention(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_hybrid_attention.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
    // ---- end of hybrid attention

    private static class panattn_cuda_get_device_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_get_device_count");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_get_device_count: cudaGetDeviceCount */
    public static FunctionDescriptor panattn_cuda_get_device_count$descriptor() {
        return panattn_cuda_get_device_count.DESC;
    }

    /** Downcall method handle of panattn_cuda_get_device_count. */
    public static MethodHandle panattn_cuda_get_device_count$handle() {
        return panattn_cuda_get_device_count.HANDLE;
    }

    /** Address of panattn_cuda_get_device_count. */
    public static MemorySegment panattn_cuda_get_device_count$address() {
        return panattn_cuda_get_device_count.ADDR;
    }

    /** cudaGetDeviceCount */
    public static int panattn_cuda_get_device_count(MemorySegment count) {
        var mh$ = panattn_cuda_get_device_count.HANDLE;
        try {
            return (int) mh$.invokeExact(count);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_set_device {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_set_device");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_set_device: cudaSetDevice */
    public static FunctionDescriptor panattn_cuda_set_device$descriptor() {
        return panattn_cuda_set_device.DESC;
    }

    /** Downcall method handle of panattn_cuda_set_device. */
    public static MethodHandle panattn_cuda_set_device$handle() {
        return panattn_cuda_set_device.HANDLE;
    }

    /** Address of panattn_cuda_set_device. */
    public static MemorySegment panattn_cuda_set_device$address() {
        return panattn_cuda_set_device.ADDR;
    }

    /** cudaSetDevice */
    public static int panattn_cuda_set_device(int device) {
        var mh$ = panattn_cuda_set_device.HANDLE;
        try {
            return (int) mh$.invokeExact(device);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_get_device {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_get_device");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_get_device: cudaGetDevice */
    public static FunctionDescriptor panattn_cuda_get_device$descriptor() {
        return panattn_cuda_get_device.DESC;
    }

    /** Downcall method handle of panattn_cuda_get_device. */
    public static MethodHandle panattn_cuda_get_device$handle() {
        return panattn_cuda_get_device.HANDLE;
    }

    /** Address of panattn_cuda_get_device. */
    public static MemorySegment panattn_cuda_get_device$address() {
        return panattn_cuda_get_device.ADDR;
    }

    /** cudaGetDevice */
    public static int panattn_cuda_get_device(MemorySegment device) {
        var mh$ = panattn_cuda_get_device.HANDLE;
        try {
            return (int) mh$.invokeExact(device);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_device_get_attribute {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_device_get_attribute");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_device_get_attribute: cudaDeviceGetAttribute */
    public static FunctionDescriptor panattn_cuda_device_get_attribute$descriptor() {
        return panattn_cuda_device_get_attribute.DESC;
    }

    /** Downcall method handle of panattn_cuda_device_get_attribute. */
    public static MethodHandle panattn_cuda_device_get_attribute$handle() {
        return panattn_cuda_device_get_attribute.HANDLE;
    }

    /** Address of panattn_cuda_device_get_attribute. */
    public static MemorySegment panattn_cuda_device_get_attribute$address() {
        return panattn_cuda_device_get_attribute.ADDR;
    }

    /** cudaDeviceGetAttribute */
    public static int panattn_cuda_device_get_attribute(MemorySegment value, int attribute, int device) {
        var mh$ = panattn_cuda_device_get_attribute.HANDLE;
        try {
            return (int) mh$.invokeExact(value, attribute, device);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_device_synchronize {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_device_synchronize");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_device_synchronize: cudaDeviceSynchronize */
    public static FunctionDescriptor panattn_cuda_device_synchronize$descriptor() {
        return panattn_cuda_device_synchronize.DESC;
    }

    /** Downcall method handle of panattn_cuda_device_synchronize. */
    public static MethodHandle panattn_cuda_device_synchronize$handle() {
        return panattn_cuda_device_synchronize.HANDLE;
    }

    /** Address of panattn_cuda_device_synchronize. */
    public static MemorySegment panattn_cuda_device_synchronize$address() {
        return panattn_cuda_device_synchronize.ADDR;
    }

    /** cudaDeviceSynchronize */
    public static int panattn_cuda_device_synchronize() {
        var mh$ = panattn_cuda_device_synchronize.HANDLE;
        try {
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_get_last_error {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_get_last_error");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_get_last_error: cudaGetLastError */
    public static FunctionDescriptor panattn_cuda_get_last_error$descriptor() {
        return panattn_cuda_get_last_error.DESC;
    }

    /** Downcall method handle of panattn_cuda_get_last_error. */
    public static MethodHandle panattn_cuda_get_last_error$handle() {
        return panattn_cuda_get_last_error.HANDLE;
    }

    /** Address of panattn_cuda_get_last_error. */
    public static MemorySegment panattn_cuda_get_last_error$address() {
        return panattn_cuda_get_last_error.ADDR;
    }

    /** cudaGetLastError */
    public static int panattn_cuda_get_last_error() {
        var mh$ = panattn_cuda_get_last_error.HANDLE;
        try {
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_runtime_get_version {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_runtime_get_version");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_runtime_get_version: cudaRuntimeGetVersion */
    public static FunctionDescriptor panattn_cuda_runtime_get_version$descriptor() {
        return panattn_cuda_runtime_get_version.DESC;
    }

    /** Downcall method handle of panattn_cuda_runtime_get_version. */
    public static MethodHandle panattn_cuda_runtime_get_version$handle() {
        return panattn_cuda_runtime_get_version.HANDLE;
    }

    /** Address of panattn_cuda_runtime_get_version. */
    public static MemorySegment panattn_cuda_runtime_get_version$address() {
        return panattn_cuda_runtime_get_version.ADDR;
    }

    /** cudaRuntimeGetVersion */
    public static int panattn_cuda_runtime_get_version(MemorySegment version) {
        var mh$ = panattn_cuda_runtime_get_version.HANDLE;
        try {
            return (int) mh$.invokeExact(version);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_driver_get_version {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_driver_get_version");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_driver_get_version: cudaDriverGetVersion */
    public static FunctionDescriptor panattn_cuda_driver_get_version$descriptor() {
        return panattn_cuda_driver_get_version.DESC;
    }

    /** Downcall method handle of panattn_cuda_driver_get_version. */
    public static MethodHandle panattn_cuda_driver_get_version$handle() {
        return panattn_cuda_driver_get_version.HANDLE;
    }

    /** Address of panattn_cuda_driver_get_version. */
    public static MemorySegment panattn_cuda_driver_get_version$address() {
        return panattn_cuda_driver_get_version.ADDR;
    }

    /** cudaDriverGetVersion */
    public static int panattn_cuda_driver_get_version(MemorySegment version) {
        var mh$ = panattn_cuda_driver_get_version.HANDLE;
        try {
            return (int) mh$.invokeExact(version);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_mem_get_info {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_mem_get_info");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_mem_get_info: cudaMemGetInfo */
    public static FunctionDescriptor panattn_cuda_mem_get_info$descriptor() {
        return panattn_cuda_mem_get_info.DESC;
    }

    /** Downcall method handle of panattn_cuda_mem_get_info. */
    public static MethodHandle panattn_cuda_mem_get_info$handle() {
        return panattn_cuda_mem_get_info.HANDLE;
    }

    /** Address of panattn_cuda_mem_get_info. */
    public static MemorySegment panattn_cuda_mem_get_info$address() {
        return panattn_cuda_mem_get_info.ADDR;
    }

    /** cudaMemGetInfo */
    public static int panattn_cuda_mem_get_info(MemorySegment free_bytes, MemorySegment total_bytes) {
        var mh$ = panattn_cuda_mem_get_info.HANDLE;
        try {
            return (int) mh$.invokeExact(free_bytes, total_bytes);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_malloc {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_LONG);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_malloc");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_malloc: cudaMalloc */
    public static FunctionDescriptor panattn_cuda_malloc$descriptor() {
        return panattn_cuda_malloc.DESC;
    }

    /** Downcall method handle of panattn_cuda_malloc. */
    public static MethodHandle panattn_cuda_malloc$handle() {
        return panattn_cuda_malloc.HANDLE;
    }

    /** Address of panattn_cuda_malloc. */
    public static MemorySegment panattn_cuda_malloc$address() {
        return panattn_cuda_malloc.ADDR;
    }

    /** cudaMalloc */
    public static int panattn_cuda_malloc(MemorySegment pointer, long bytes) {
        var mh$ = panattn_cuda_malloc.HANDLE;
        try {
            return (int) mh$.invokeExact(pointer, bytes);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_free {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_free");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_free: cudaFree */
    public static FunctionDescriptor panattn_cuda_free$descriptor() {
        return panattn_cuda_free.DESC;
    }

    /** Downcall method handle of panattn_cuda_free. */
    public static MethodHandle panattn_cuda_free$handle() {
        return panattn_cuda_free.HANDLE;
    }

    /** Address of panattn_cuda_free. */
    public static MemorySegment panattn_cuda_free$address() {
        return panattn_cuda_free.ADDR;
    }

    /** cudaFree */
    public static int panattn_cuda_free(MemorySegment pointer) {
        var mh$ = panattn_cuda_free.HANDLE;
        try {
            return (int) mh$.invokeExact(pointer);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_memset {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_LONG);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_memset");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_memset: cudaMemset */
    public static FunctionDescriptor panattn_cuda_memset$descriptor() {
        return panattn_cuda_memset.DESC;
    }

    /** Downcall method handle of panattn_cuda_memset. */
    public static MethodHandle panattn_cuda_memset$handle() {
        return panattn_cuda_memset.HANDLE;
    }

    /** Address of panattn_cuda_memset. */
    public static MemorySegment panattn_cuda_memset$address() {
        return panattn_cuda_memset.ADDR;
    }

    /** cudaMemset */
    public static int panattn_cuda_memset(MemorySegment pointer, int value, long bytes) {
        var mh$ = panattn_cuda_memset.HANDLE;
        try {
            return (int) mh$.invokeExact(pointer, value, bytes);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_memcpy {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER,
                panattn_h.C_LONG,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_memcpy");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_memcpy: cudaMemcpy */
    public static FunctionDescriptor panattn_cuda_memcpy$descriptor() {
        return panattn_cuda_memcpy.DESC;
    }

    /** Downcall method handle of panattn_cuda_memcpy. */
    public static MethodHandle panattn_cuda_memcpy$handle() {
        return panattn_cuda_memcpy.HANDLE;
    }

    /** Address of panattn_cuda_memcpy. */
    public static MemorySegment panattn_cuda_memcpy$address() {
        return panattn_cuda_memcpy.ADDR;
    }

    /** cudaMemcpy */
    public static int panattn_cuda_memcpy(MemorySegment dst, MemorySegment src, long bytes, int kind) {
        var mh$ = panattn_cuda_memcpy.HANDLE;
        try {
            return (int) mh$.invokeExact(dst, src, bytes, kind);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_memcpy_async {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER,
                panattn_h.C_LONG,
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_memcpy_async");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_memcpy_async: cudaMemcpyAsync */
    public static FunctionDescriptor panattn_cuda_memcpy_async$descriptor() {
        return panattn_cuda_memcpy_async.DESC;
    }

    /** Downcall method handle of panattn_cuda_memcpy_async. */
    public static MethodHandle panattn_cuda_memcpy_async$handle() {
        return panattn_cuda_memcpy_async.HANDLE;
    }

    /** Address of panattn_cuda_memcpy_async. */
    public static MemorySegment panattn_cuda_memcpy_async$address() {
        return panattn_cuda_memcpy_async.ADDR;
    }

    /** cudaMemcpyAsync */
    public static int panattn_cuda_memcpy_async(MemorySegment dst, MemorySegment src, long bytes, int kind, MemorySegment stream) {
        var mh$ = panattn_cuda_memcpy_async.HANDLE;
        try {
            return (int) mh$.invokeExact(dst, src, bytes, kind, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_stream_create {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_stream_create");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_stream_create: cudaStreamCreate */
    public static FunctionDescriptor panattn_cuda_stream_create$descriptor() {
        return panattn_cuda_stream_create.DESC;
    }

    /** Downcall method handle of panattn_cuda_stream_create. */
    public static MethodHandle panattn_cuda_stream_create$handle() {
        return panattn_cuda_stream_create.HANDLE;
    }

    /** Address of panattn_cuda_stream_create. */
    public static MemorySegment panattn_cuda_stream_create$address() {
        return panattn_cuda_stream_create.ADDR;
    }

    /** cudaStreamCreate */
    public static int panattn_cuda_stream_create(MemorySegment stream) {
        var mh$ = panattn_cuda_stream_create.HANDLE;
        try {
            return (int) mh$.invokeExact(stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_stream_synchronize {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_stream_synchronize");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_stream_synchronize: cudaStreamSynchronize */
    public static FunctionDescriptor panattn_cuda_stream_synchronize$descriptor() {
        return panattn_cuda_stream_synchronize.DESC;
    }

    /** Downcall method handle of panattn_cuda_stream_synchronize. */
    public static MethodHandle panattn_cuda_stream_synchronize$handle() {
        return panattn_cuda_stream_synchronize.HANDLE;
    }

    /** Address of panattn_cuda_stream_synchronize. */
    public static MemorySegment panattn_cuda_stream_synchronize$address() {
        return panattn_cuda_stream_synchronize.ADDR;
    }

    /** cudaStreamSynchronize */
    public static int panattn_cuda_stream_synchronize(MemorySegment stream) {
        var mh$ = panattn_cuda_stream_synchronize.HANDLE;
        try {
            return (int) mh$.invokeExact(stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_cuda_stream_destroy {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_cuda_stream_destroy");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_cuda_stream_destroy: cudaStreamDestroy */
    public static FunctionDescriptor panattn_cuda_stream_destroy$descriptor() {
        return panattn_cuda_stream_destroy.DESC;
    }

    /** Downcall method handle of panattn_cuda_stream_destroy. */
    public static MethodHandle panattn_cuda_stream_destroy$handle() {
        return panattn_cuda_stream_destroy.HANDLE;
    }

    /** Address of panattn_cuda_stream_destroy. */
    public static MemorySegment panattn_cuda_stream_destroy$address() {
        return panattn_cuda_stream_destroy.ADDR;
    }

    /** cudaStreamDestroy */
    public static int panattn_cuda_stream_destroy(MemorySegment stream) {
        var mh$ = panattn_cuda_stream_destroy.HANDLE;
        try {
            return (int) mh$.invokeExact(stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- OBCache (panattn_obcache_params): constants and launchers

    private static final int PANATTN_OBCACHE_SCORE_VALUE = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_SCORE_VALUE 0 } */
    public static int PANATTN_OBCACHE_SCORE_VALUE() {
        return PANATTN_OBCACHE_SCORE_VALUE;
    }

    private static final int PANATTN_OBCACHE_SCORE_KEY = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_SCORE_KEY 1 } */
    public static int PANATTN_OBCACHE_SCORE_KEY() {
        return PANATTN_OBCACHE_SCORE_KEY;
    }

    private static final int PANATTN_OBCACHE_SCORE_JOINT = (int) 2L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_SCORE_JOINT 2 } */
    public static int PANATTN_OBCACHE_SCORE_JOINT() {
        return PANATTN_OBCACHE_SCORE_JOINT;
    }

    private static final int PANATTN_OBCACHE_SCORE_ACCUMULATED = (int) 3L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_SCORE_ACCUMULATED 3 } */
    public static int PANATTN_OBCACHE_SCORE_ACCUMULATED() {
        return PANATTN_OBCACHE_SCORE_ACCUMULATED;
    }

    private static final int PANATTN_OBCACHE_AGG_MEAN = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_AGG_MEAN 0 } */
    public static int PANATTN_OBCACHE_AGG_MEAN() {
        return PANATTN_OBCACHE_AGG_MEAN;
    }

    private static final int PANATTN_OBCACHE_AGG_MAX = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_AGG_MAX 1 } */
    public static int PANATTN_OBCACHE_AGG_MAX() {
        return PANATTN_OBCACHE_AGG_MAX;
    }

    private static final int PANATTN_OBCACHE_AGG_NONE = (int) 2L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_AGG_NONE 2 } */
    public static int PANATTN_OBCACHE_AGG_NONE() {
        return PANATTN_OBCACHE_AGG_NONE;
    }

    private static final int PANATTN_OBCACHE_OP_SCORES = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_OP_SCORES 0 } */
    public static int PANATTN_OBCACHE_OP_SCORES() {
        return PANATTN_OBCACHE_OP_SCORES;
    }

    private static final int PANATTN_OBCACHE_OP_EVICT = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_OBCACHE_OP_EVICT 1 } */
    public static int PANATTN_OBCACHE_OP_EVICT() {
        return PANATTN_OBCACHE_OP_EVICT;
    }

    private static class panattn_obcache_workspace_bytes {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_LONG_LONG,
                panattn_h.C_POINTER,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_obcache_workspace_bytes");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_obcache_workspace_bytes: Workspace bytes an OBCache operation needs for a params block, or -1 if it is invalid. */
    public static FunctionDescriptor panattn_obcache_workspace_bytes$descriptor() {
        return panattn_obcache_workspace_bytes.DESC;
    }

    /** Downcall method handle of panattn_obcache_workspace_bytes. */
    public static MethodHandle panattn_obcache_workspace_bytes$handle() {
        return panattn_obcache_workspace_bytes.HANDLE;
    }

    /** Address of panattn_obcache_workspace_bytes. */
    public static MemorySegment panattn_obcache_workspace_bytes$address() {
        return panattn_obcache_workspace_bytes.ADDR;
    }

    /** Workspace bytes an OBCache operation needs for a params block, or -1 if it is invalid. */
    public static long panattn_obcache_workspace_bytes(MemorySegment params, int operation) {
        var mh$ = panattn_obcache_workspace_bytes.HANDLE;
        try {
            return (long) mh$.invokeExact(params, operation);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_obcache_scores {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_obcache_scores");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_obcache_scores: Launches the OBCache score pass (see panattn_obcache_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_obcache_scores$descriptor() {
        return panattn_obcache_scores.DESC;
    }

    /** Downcall method handle of panattn_obcache_scores. */
    public static MethodHandle panattn_obcache_scores$handle() {
        return panattn_obcache_scores.HANDLE;
    }

    /** Address of panattn_obcache_scores. */
    public static MemorySegment panattn_obcache_scores$address() {
        return panattn_obcache_scores.ADDR;
    }

    /** Launches the OBCache score pass (see panattn_obcache_params) on a stream; returns the cudaError_t. */
    public static int panattn_obcache_scores(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_obcache_scores.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_obcache_evict {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_obcache_evict");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_obcache_evict: Launches the OBCache eviction and in-place compaction on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_obcache_evict$descriptor() {
        return panattn_obcache_evict.DESC;
    }

    /** Downcall method handle of panattn_obcache_evict. */
    public static MethodHandle panattn_obcache_evict$handle() {
        return panattn_obcache_evict.HANDLE;
    }

    /** Address of panattn_obcache_evict. */
    public static MemorySegment panattn_obcache_evict$address() {
        return panattn_obcache_evict.ADDR;
    }

    /** Launches the OBCache eviction and in-place compaction on a stream; returns the cudaError_t. */
    public static int panattn_obcache_evict(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_obcache_evict.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---- DiTFastAttn (issue 6) ----

    private static final int PANATTN_DIT_MAX_HEAD_DIM = (int) 256L;

    /** {@snippet lang=c : #define PANATTN_DIT_MAX_HEAD_DIM 256 } */
    public static int PANATTN_DIT_MAX_HEAD_DIM() {
        return PANATTN_DIT_MAX_HEAD_DIM;
    }

    private static class panattn_dit_window {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_dit_window");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_dit_window: Launches DiT window attention (see panattn_dit_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_dit_window$descriptor() {
        return panattn_dit_window.DESC;
    }

    /** Downcall method handle of panattn_dit_window. */
    public static MethodHandle panattn_dit_window$handle() {
        return panattn_dit_window.HANDLE;
    }

    /** Address of panattn_dit_window. */
    public static MemorySegment panattn_dit_window$address() {
        return panattn_dit_window.ADDR;
    }

    /** Launches DiT window attention (see panattn_dit_params) on a stream; returns the cudaError_t. */
    public static int panattn_dit_window(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_dit_window.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_dit_full_window_residual {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_dit_full_window_residual");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_dit_full_window_residual: Launches the fused full + window + residual pass (see panattn_dit_params); returns the cudaError_t. */
    public static FunctionDescriptor panattn_dit_full_window_residual$descriptor() {
        return panattn_dit_full_window_residual.DESC;
    }

    /** Downcall method handle of panattn_dit_full_window_residual. */
    public static MethodHandle panattn_dit_full_window_residual$handle() {
        return panattn_dit_full_window_residual.HANDLE;
    }

    /** Address of panattn_dit_full_window_residual. */
    public static MemorySegment panattn_dit_full_window_residual$address() {
        return panattn_dit_full_window_residual.ADDR;
    }

    /** Launches the fused full + window + residual pass (see panattn_dit_params); returns the cudaError_t. */
    public static int panattn_dit_full_window_residual(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_dit_full_window_residual.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_dit_residual_add {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_dit_residual_add");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_dit_residual_add: Launches out = window + residual (see panattn_dit_residual_add_params); returns the cudaError_t. */
    public static FunctionDescriptor panattn_dit_residual_add$descriptor() {
        return panattn_dit_residual_add.DESC;
    }

    /** Downcall method handle of panattn_dit_residual_add. */
    public static MethodHandle panattn_dit_residual_add$handle() {
        return panattn_dit_residual_add.HANDLE;
    }

    /** Address of panattn_dit_residual_add. */
    public static MemorySegment panattn_dit_residual_add$address() {
        return panattn_dit_residual_add.ADDR;
    }

    /** Launches out = window + residual (see panattn_dit_residual_add_params); returns the cudaError_t. */
    public static int panattn_dit_residual_add(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_dit_residual_add.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    // ---------------------------------------------------------------- SAE kernels (org.panattn.sae)

    private static final int PANATTN_SAE_ACT_NONE = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_SAE_ACT_NONE 0 } */
    public static int PANATTN_SAE_ACT_NONE() {
        return PANATTN_SAE_ACT_NONE;
    }

    private static final int PANATTN_SAE_ACT_RELU = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_SAE_ACT_RELU 1 } */
    public static int PANATTN_SAE_ACT_RELU() {
        return PANATTN_SAE_ACT_RELU;
    }

    private static final int PANATTN_SAE_ACT_JUMP_RELU = (int) 2L;

    /** {@snippet lang=c : #define PANATTN_SAE_ACT_JUMP_RELU 2 } */
    public static int PANATTN_SAE_ACT_JUMP_RELU() {
        return PANATTN_SAE_ACT_JUMP_RELU;
    }

    private static final int PANATTN_SAE_MASK_I32 = (int) 3L;

    /** {@snippet lang=c : #define PANATTN_SAE_MASK_I32 3 } */
    public static int PANATTN_SAE_MASK_I32() {
        return PANATTN_SAE_MASK_I32;
    }

    private static final int PANATTN_SAE_MAX_EDITS = (int) 8L;

    /** {@snippet lang=c : #define PANATTN_SAE_MAX_EDITS 8 } */
    public static int PANATTN_SAE_MAX_EDITS() {
        return PANATTN_SAE_MAX_EDITS;
    }

    private static final int PANATTN_SAE_CLAMP = (int) 0L;

    /** {@snippet lang=c : #define PANATTN_SAE_CLAMP 0 } */
    public static int PANATTN_SAE_CLAMP() {
        return PANATTN_SAE_CLAMP;
    }

    private static final int PANATTN_SAE_ADD = (int) 1L;

    /** {@snippet lang=c : #define PANATTN_SAE_ADD 1 } */
    public static int PANATTN_SAE_ADD() {
        return PANATTN_SAE_ADD;
    }

    private static class panattn_sae_gemm {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_sae_gemm");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_sae_gemm: Launches the SAE GEMM with its fused epilogue (see panattn_sae_gemm_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_sae_gemm$descriptor() {
        return panattn_sae_gemm.DESC;
    }

    /** Downcall method handle of panattn_sae_gemm. */
    public static MethodHandle panattn_sae_gemm$handle() {
        return panattn_sae_gemm.HANDLE;
    }

    /** Address of panattn_sae_gemm. */
    public static MemorySegment panattn_sae_gemm$address() {
        return panattn_sae_gemm.ADDR;
    }

    /** Launches the SAE GEMM with its fused epilogue (see panattn_sae_gemm_params) on a stream; returns the cudaError_t. */
    public static int panattn_sae_gemm(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_sae_gemm.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_sae_bias_activate {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_sae_bias_activate");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_sae_bias_activate: Applies the SAE epilogue c = act(c + bias) in place on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_sae_bias_activate$descriptor() {
        return panattn_sae_bias_activate.DESC;
    }

    /** Downcall method handle of panattn_sae_bias_activate. */
    public static MethodHandle panattn_sae_bias_activate$handle() {
        return panattn_sae_bias_activate.HANDLE;
    }

    /** Address of panattn_sae_bias_activate. */
    public static MemorySegment panattn_sae_bias_activate$address() {
        return panattn_sae_bias_activate.ADDR;
    }

    /** Applies the SAE epilogue c = act(c + bias) in place on a stream; returns the cudaError_t. */
    public static int panattn_sae_bias_activate(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_sae_bias_activate.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_sae_steer {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_sae_steer");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_sae_steer: Launches SAE steering (see panattn_sae_steer_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_sae_steer$descriptor() {
        return panattn_sae_steer.DESC;
    }

    /** Downcall method handle of panattn_sae_steer. */
    public static MethodHandle panattn_sae_steer$handle() {
        return panattn_sae_steer.HANDLE;
    }

    /** Address of panattn_sae_steer. */
    public static MemorySegment panattn_sae_steer$address() {
        return panattn_sae_steer.ADDR;
    }

    /** Launches SAE steering (see panattn_sae_steer_params) on a stream; returns the cudaError_t. */
    public static int panattn_sae_steer(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_sae_steer.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_sae_topk {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_sae_topk");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_sae_topk: Launches the SAE TopK selection, in place on feature rows (see panattn_sae_features_params), on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_sae_topk$descriptor() {
        return panattn_sae_topk.DESC;
    }

    /** Downcall method handle of panattn_sae_topk. */
    public static MethodHandle panattn_sae_topk$handle() {
        return panattn_sae_topk.HANDLE;
    }

    /** Address of panattn_sae_topk. */
    public static MemorySegment panattn_sae_topk$address() {
        return panattn_sae_topk.ADDR;
    }

    /** Launches the SAE TopK selection, in place on feature rows (see panattn_sae_features_params), on a stream; returns the cudaError_t. */
    public static int panattn_sae_topk(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_sae_topk.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_sae_sparse {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_sae_sparse");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_sae_sparse: Launches the SAE sparse output of feature rows (see panattn_sae_features_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_sae_sparse$descriptor() {
        return panattn_sae_sparse.DESC;
    }

    /** Downcall method handle of panattn_sae_sparse. */
    public static MethodHandle panattn_sae_sparse$handle() {
        return panattn_sae_sparse.HANDLE;
    }

    /** Address of panattn_sae_sparse. */
    public static MemorySegment panattn_sae_sparse$address() {
        return panattn_sae_sparse.ADDR;
    }

    /** Launches the SAE sparse output of feature rows (see panattn_sae_features_params) on a stream; returns the cudaError_t. */
    public static int panattn_sae_sparse(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_sae_sparse.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class panattn_sae_accumulate {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = panattn_h.findOrThrow("panattn_sae_accumulate");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of panattn_sae_accumulate: Launches the SAE feature statistics of feature rows (see panattn_sae_features_params) on a stream; returns the cudaError_t. */
    public static FunctionDescriptor panattn_sae_accumulate$descriptor() {
        return panattn_sae_accumulate.DESC;
    }

    /** Downcall method handle of panattn_sae_accumulate. */
    public static MethodHandle panattn_sae_accumulate$handle() {
        return panattn_sae_accumulate.HANDLE;
    }

    /** Address of panattn_sae_accumulate. */
    public static MemorySegment panattn_sae_accumulate$address() {
        return panattn_sae_accumulate.ADDR;
    }

    /** Launches the SAE feature statistics of feature rows (see panattn_sae_features_params) on a stream; returns the cudaError_t. */
    public static int panattn_sae_accumulate(MemorySegment params, MemorySegment stream) {
        var mh$ = panattn_sae_accumulate.HANDLE;
        try {
            return (int) mh$.invokeExact(params, stream);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
