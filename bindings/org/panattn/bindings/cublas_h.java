// The cuBLAS subset panattn may use, in the shape jextract (JDK 22+) generates for cublas_api.h.
package org.panattn.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cuBLAS (handle management, SGEMM, GemmEx), loaded at run time from the first of {@link #LIBRARY_NAMES} that the
 * dynamic linker finds; panattn never links against it, so a machine without cuBLAS only loses what needs it.
 * {@link #isAvailable()} and {@link #unavailableReason()} say whether it was found; calling a function without it
 * throws an {@link UnsatisfiedLinkError} naming the reason. Results are cublasStatus_t values.
 */
@SuppressWarnings({"unused", "restricted"})
public class cublas_h {

    cublas_h() {
        // static members only
    }

    /** Sonames tried in order (newest CUDA major first). */
    public static final List<String> LIBRARY_NAMES = List.of("libcublas.so.13", "libcublas.so.12", "libcublas.so.11",
            "libcublas.so");

    private static final class Library {
        static final SymbolLookup LOOKUP;
        static final String REASON;

        static {
            SymbolLookup found = null;
            List<String> failures = new ArrayList<>();
            for (String name : LIBRARY_NAMES) {
                try {
                    found = SymbolLookup.libraryLookup(name, Arena.global());
                    break;
                } catch (IllegalArgumentException | IllegalCallerException e) {
                    failures.add(name + ": " + e.getMessage());
                }
            }
            LOOKUP = found;
            REASON = found != null ? null : "cuBLAS not found (tried " + String.join("; ", failures) + ")";
        }
    }

    /** Whether a cuBLAS library was found and loaded. */
    public static boolean isAvailable() {
        return Library.LOOKUP != null;
    }

    /** Why cuBLAS is unusable, or null if it was loaded. */
    public static String unavailableReason() {
        return Library.REASON;
    }

    static final SymbolLookup SYMBOL_LOOKUP = name -> Library.LOOKUP == null ? Optional.empty()
            : Library.LOOKUP.find(name);

    static MemorySegment findOrThrow(String symbol) {
        return SYMBOL_LOOKUP.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol
                + " (" + (Library.REASON != null ? Library.REASON : "not exported by the loaded cuBLAS") + ")"));
    }

    private static final int CUBLAS_STATUS_SUCCESS = 0;

    /** {@snippet lang=c : CUBLAS_STATUS_SUCCESS = 0 } */
    public static int CUBLAS_STATUS_SUCCESS() {
        return CUBLAS_STATUS_SUCCESS;
    }

    private static final int CUBLAS_STATUS_NOT_INITIALIZED = 1;

    /** {@snippet lang=c : CUBLAS_STATUS_NOT_INITIALIZED = 1 } */
    public static int CUBLAS_STATUS_NOT_INITIALIZED() {
        return CUBLAS_STATUS_NOT_INITIALIZED;
    }

    private static final int CUBLAS_STATUS_ALLOC_FAILED = 3;

    /** {@snippet lang=c : CUBLAS_STATUS_ALLOC_FAILED = 3 } */
    public static int CUBLAS_STATUS_ALLOC_FAILED() {
        return CUBLAS_STATUS_ALLOC_FAILED;
    }

    private static final int CUBLAS_STATUS_INVALID_VALUE = 7;

    /** {@snippet lang=c : CUBLAS_STATUS_INVALID_VALUE = 7 } */
    public static int CUBLAS_STATUS_INVALID_VALUE() {
        return CUBLAS_STATUS_INVALID_VALUE;
    }

    private static final int CUBLAS_OP_N = 0;

    /** {@snippet lang=c : CUBLAS_OP_N = 0 } */
    public static int CUBLAS_OP_N() {
        return CUBLAS_OP_N;
    }

    private static final int CUBLAS_OP_T = 1;

    /** {@snippet lang=c : CUBLAS_OP_T = 1 } */
    public static int CUBLAS_OP_T() {
        return CUBLAS_OP_T;
    }

    private static final int CUDA_R_32F = 0;

    /** {@snippet lang=c : CUDA_R_32F = 0 } */
    public static int CUDA_R_32F() {
        return CUDA_R_32F;
    }

    private static final int CUDA_R_16F = 2;

    /** {@snippet lang=c : CUDA_R_16F = 2 } */
    public static int CUDA_R_16F() {
        return CUDA_R_16F;
    }

    private static final int CUDA_R_16BF = 14;

    /** {@snippet lang=c : CUDA_R_16BF = 14 } */
    public static int CUDA_R_16BF() {
        return CUDA_R_16BF;
    }

    private static final int CUBLAS_COMPUTE_32F = 68;

    /** {@snippet lang=c : CUBLAS_COMPUTE_32F = 68 } */
    public static int CUBLAS_COMPUTE_32F() {
        return CUBLAS_COMPUTE_32F;
    }

    private static final int CUBLAS_GEMM_DEFAULT = -1;

    /** {@snippet lang=c : CUBLAS_GEMM_DEFAULT = -1 } */
    public static int CUBLAS_GEMM_DEFAULT() {
        return CUBLAS_GEMM_DEFAULT;
    }

    private static class cublasCreate_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = cublas_h.findOrThrow("cublasCreate_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of cublasCreate_v2. */
    public static FunctionDescriptor cublasCreate_v2$descriptor() {
        return cublasCreate_v2.DESC;
    }

    /** Downcall method handle of cublasCreate_v2. */
    public static MethodHandle cublasCreate_v2$handle() {
        return cublasCreate_v2.HANDLE;
    }

    /** Address of cublasCreate_v2. */
    public static MemorySegment cublasCreate_v2$address() {
        return cublasCreate_v2.ADDR;
    }

    /**
     * {@snippet lang=c :
     * cublasStatus_t cublasCreate_v2(cublasHandle_t *handle)
     * }
     */
    public static int cublasCreate_v2(MemorySegment handle) {
        var mh$ = cublasCreate_v2.HANDLE;
        try {
            return (int) mh$.invokeExact(handle);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cublasDestroy_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = cublas_h.findOrThrow("cublasDestroy_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of cublasDestroy_v2. */
    public static FunctionDescriptor cublasDestroy_v2$descriptor() {
        return cublasDestroy_v2.DESC;
    }

    /** Downcall method handle of cublasDestroy_v2. */
    public static MethodHandle cublasDestroy_v2$handle() {
        return cublasDestroy_v2.HANDLE;
    }

    /** Address of cublasDestroy_v2. */
    public static MemorySegment cublasDestroy_v2$address() {
        return cublasDestroy_v2.ADDR;
    }

    /**
     * {@snippet lang=c :
     * cublasStatus_t cublasDestroy_v2(cublasHandle_t handle)
     * }
     */
    public static int cublasDestroy_v2(MemorySegment handle) {
        var mh$ = cublasDestroy_v2.HANDLE;
        try {
            return (int) mh$.invokeExact(handle);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cublasSetStream_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER);

        public static final MemorySegment ADDR = cublas_h.findOrThrow("cublasSetStream_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of cublasSetStream_v2. */
    public static FunctionDescriptor cublasSetStream_v2$descriptor() {
        return cublasSetStream_v2.DESC;
    }

    /** Downcall method handle of cublasSetStream_v2. */
    public static MethodHandle cublasSetStream_v2$handle() {
        return cublasSetStream_v2.HANDLE;
    }

    /** Address of cublasSetStream_v2. */
    public static MemorySegment cublasSetStream_v2$address() {
        return cublasSetStream_v2.ADDR;
    }

    /**
     * {@snippet lang=c :
     * cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, cudaStream_t streamId)
     * }
     */
    public static int cublasSetStream_v2(MemorySegment handle, MemorySegment streamId) {
        var mh$ = cublasSetStream_v2.HANDLE;
        try {
            return (int) mh$.invokeExact(handle, streamId);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cublasSgemm_v2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = cublas_h.findOrThrow("cublasSgemm_v2");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of cublasSgemm_v2. */
    public static FunctionDescriptor cublasSgemm_v2$descriptor() {
        return cublasSgemm_v2.DESC;
    }

    /** Downcall method handle of cublasSgemm_v2. */
    public static MethodHandle cublasSgemm_v2$handle() {
        return cublasSgemm_v2.HANDLE;
    }

    /** Address of cublasSgemm_v2. */
    public static MemorySegment cublasSgemm_v2$address() {
        return cublasSgemm_v2.ADDR;
    }

    /**
     * {@snippet lang=c :
     * cublasStatus_t cublasSgemm_v2(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const float *alpha, const float *A, int lda, const float *B, int ldb, const float *beta, float *C, int ldc)
     * }
     */
    public static int cublasSgemm_v2(MemorySegment handle, int transa, int transb, int m, int n, int k, MemorySegment alpha, MemorySegment A, int lda, MemorySegment B, int ldb, MemorySegment beta, MemorySegment C, int ldc) {
        var mh$ = cublasSgemm_v2.HANDLE;
        try {
            return (int) mh$.invokeExact(handle, transa, transb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cublasGemmEx {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_POINTER,
                panattn_h.C_POINTER,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = cublas_h.findOrThrow("cublasGemmEx");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of cublasGemmEx. */
    public static FunctionDescriptor cublasGemmEx$descriptor() {
        return cublasGemmEx.DESC;
    }

    /** Downcall method handle of cublasGemmEx. */
    public static MethodHandle cublasGemmEx$handle() {
        return cublasGemmEx.HANDLE;
    }

    /** Address of cublasGemmEx. */
    public static MemorySegment cublasGemmEx$address() {
        return cublasGemmEx.ADDR;
    }

    /**
     * {@snippet lang=c :
     * cublasStatus_t cublasGemmEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const void *alpha, const void *A, cudaDataType Atype, int lda, const void *B, cudaDataType Btype, int ldb, const void *beta, void *C, cudaDataType Ctype, int ldc, cublasComputeType_t computeType, cublasGemmAlgo_t algo)
     * }
     */
    public static int cublasGemmEx(MemorySegment handle, int transa, int transb, int m, int n, int k, MemorySegment alpha, MemorySegment A, int Atype, int lda, MemorySegment B, int Btype, int ldb, MemorySegment beta, MemorySegment C, int Ctype, int ldc, int computeType, int algo) {
        var mh$ = cublasGemmEx.HANDLE;
        try {
            return (int) mh$.invokeExact(handle, transa, transb, m, n, k, alpha, A, Atype, lda, B, Btype, ldb, beta, C, Ctype, ldc, computeType, algo);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cublasGetStatusName {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_POINTER,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = cublas_h.findOrThrow("cublasGetStatusName");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of cublasGetStatusName. */
    public static FunctionDescriptor cublasGetStatusName$descriptor() {
        return cublasGetStatusName.DESC;
    }

    /** Downcall method handle of cublasGetStatusName. */
    public static MethodHandle cublasGetStatusName$handle() {
        return cublasGetStatusName.HANDLE;
    }

    /** Address of cublasGetStatusName. */
    public static MemorySegment cublasGetStatusName$address() {
        return cublasGetStatusName.ADDR;
    }

    /**
     * {@snippet lang=c :
     * const char *cublasGetStatusName(cublasStatus_t status)
     * }
     */
    public static MemorySegment cublasGetStatusName(int status) {
        var mh$ = cublasGetStatusName.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(status);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class cublasGetStatusString {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(
                panattn_h.C_POINTER,
                panattn_h.C_INT);

        public static final MemorySegment ADDR = cublas_h.findOrThrow("cublasGetStatusString");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /** Function descriptor of cublasGetStatusString. */
    public static FunctionDescriptor cublasGetStatusString$descriptor() {
        return cublasGetStatusString.DESC;
    }

    /** Downcall method handle of cublasGetStatusString. */
    public static MethodHandle cublasGetStatusString$handle() {
        return cublasGetStatusString.HANDLE;
    }

    /** Address of cublasGetStatusString. */
    public static MemorySegment cublasGetStatusString$address() {
        return cublasGetStatusString.ADDR;
    }

    /**
     * {@snippet lang=c :
     * const char *cublasGetStatusString(cublasStatus_t status)
     * }
     */
    public static MemorySegment cublasGetStatusString(int status) {
        var mh$ = cublasGetStatusString.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(status);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
