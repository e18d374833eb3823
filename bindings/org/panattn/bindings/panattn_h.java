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
@SuppressWarnings("unused")
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
}
