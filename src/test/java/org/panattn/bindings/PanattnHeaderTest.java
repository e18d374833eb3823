package org.panattn.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panattn.internal.NativeLibraries;

/** Every function of panattn.h is exported by the built library and bound, with its arity, in panattn_h. */
class PanattnHeaderTest {
    private static NativeHeader header;

    @BeforeAll
    static void readHeader() throws Exception {
        header = NativeHeader.read(NativeHeader.location());
    }

    private static void assumeLibraryBuilt() {
        assumeTrue(NativeLibraries.panattnCuda().isPresent(),
                () -> "skipped: " + NativeLibraries.panattnCudaUnavailableReason());
    }

    @Test
    void headerDeclaresTheDenseLauncherAndTheRuntimeSubset() {
        List<String> functions = header.functions();
        assertTrue(functions.contains("panattn_dense_attention"), "functions parsed from the header: " + functions);
        assertTrue(functions.contains("panattn_cuda_malloc"), "functions parsed from the header: " + functions);
        assertEquals(2, header.functionArity().get("panattn_dense_attention"));
        assertEquals(5, header.functionArity().get("panattn_cuda_memcpy_async"));
        assertEquals(0, header.functionArity().get("panattn_version"));
    }

    @Test
    void everyDeclaredFunctionResolvesInTheLibrary() {
        assumeLibraryBuilt();
        var lookup = NativeLibraries.panattnCuda().orElseThrow();
        List<String> missing = new ArrayList<>();
        for (String name : header.functions()) {
            if (lookup.find(name).isEmpty()) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "declared in panattn.h but not exported by "
                + NativeLibraries.panattnCudaPath().orElseThrow() + ": " + missing);
    }

    @Test
    void everyDeclaredFunctionIsBoundWithItsArity() throws Exception {
        assumeLibraryBuilt();
        for (Map.Entry<String, Integer> f : header.functionArity().entrySet()) {
            Method descriptor = panattn_h.class.getMethod(f.getKey() + "$descriptor");
            FunctionDescriptor d = (FunctionDescriptor) descriptor.invoke(null);
            assertEquals(f.getValue(), d.argumentLayouts().size(), "arguments of " + f.getKey());
            assertTrue(d.returnLayout().isPresent(), f.getKey() + " returns a value in the header");
            MemorySegment address = (MemorySegment) panattn_h.class.getMethod(f.getKey() + "$address").invoke(null);
            assertFalse(address.equals(MemorySegment.NULL), "address of " + f.getKey());
        }
    }

    @Test
    void versionMatchesTheHeaderMacro() {
        assumeLibraryBuilt();
        String macro = header.macros().get("PANATTN_VERSION");
        assertNotNull(macro, "PANATTN_VERSION in the header");
        assertEquals(macro.replace("\"", ""), panattn_h.panattn_version().getString(0));
    }

    @Test
    void errorNamesComeFromTheCudaRuntime() {
        assumeLibraryBuilt();
        assertEquals("cudaErrorNoDevice", cuda_runtime_h.cudaGetErrorName(cuda_runtime_h.cudaErrorNoDevice()).getString(0));
        assertEquals("cudaErrorInsufficientDriver",
                cuda_runtime_h.cudaGetErrorName(cuda_runtime_h.cudaErrorInsufficientDriver()).getString(0));
        assertEquals("cudaSuccess", cuda_runtime_h.cudaGetErrorName(cuda_runtime_h.cudaSuccess()).getString(0));
        assertEquals("cudaErrorMemoryAllocation",
                cuda_runtime_h.cudaGetErrorName(cuda_runtime_h.cudaErrorMemoryAllocation()).getString(0));
        assertFalse(panattn_h.panattn_error_string(cuda_runtime_h.cudaErrorInvalidValue()).getString(0).isBlank());
    }

    @Test
    void deviceCountWrapperAgreesWithTheRawRuntimeCall() {
        assumeLibraryBuilt();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment viaPanattn = arena.allocate(panattn_h.C_INT);
            MemorySegment viaRuntime = arena.allocate(panattn_h.C_INT);
            int a = panattn_h.panattn_device_count(viaPanattn);
            int b = cuda_runtime_h.cudaGetDeviceCount(viaRuntime);
            assertEquals(b, a, "cudaError_t of the two device-count calls");
            if (a == 0) {
                assertEquals(viaRuntime.get(panattn_h.C_INT, 0), viaPanattn.get(panattn_h.C_INT, 0));
            } else {
                assertEquals(0, viaPanattn.get(panattn_h.C_INT, 0), "count after an error");
            }
            assertEquals(cuda_runtime_h.cudaErrorInvalidValue(), panattn_h.panattn_device_count(MemorySegment.NULL),
                    "NULL count pointer");
        }
    }

    @Test
    void denseLauncherRejectsABadParamsBlockWithoutTouchingTheDevice() {
        assumeLibraryBuilt();
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(cuda_runtime_h.cudaErrorInvalidValue(),
                    panattn_h.panattn_dense_attention(MemorySegment.NULL, MemorySegment.NULL), "NULL params");
            MemorySegment p = panattn_dense_params.allocate(arena);
            panattn_dense_params.batch(p, 1);
            panattn_dense_params.heads_q(p, 3);
            panattn_dense_params.heads_kv(p, 2); // 3 is not a multiple of 2
            panattn_dense_params.n_q(p, 4);
            panattn_dense_params.n_k(p, 4);
            panattn_dense_params.head_dim(p, 8);
            panattn_dense_params.head_dim_v(p, 8);
            panattn_dense_params.scale(p, 1f);
            assertEquals(cuda_runtime_h.cudaErrorInvalidValue(), panattn_h.panattn_dense_attention(p, MemorySegment.NULL),
                    "heads_q not a multiple of heads_kv");
            panattn_dense_params.heads_kv(p, 1);
            panattn_dense_params.head_dim(p, panattn_h.PANATTN_DENSE_MAX_HEAD_DIM() + 1);
            assertEquals(cuda_runtime_h.cudaErrorInvalidValue(), panattn_h.panattn_dense_attention(p, MemorySegment.NULL),
                    "head_dim above the maximum");
            panattn_dense_params.head_dim(p, 8);
            panattn_dense_params.q_dtype(p, 7);
            assertEquals(cuda_runtime_h.cudaErrorInvalidValue(), panattn_h.panattn_dense_attention(p, MemorySegment.NULL),
                    "unknown dtype");
            panattn_dense_params.q_dtype(p, panattn_h.PANATTN_DTYPE_F32());
            assertEquals(cuda_runtime_h.cudaErrorInvalidValue(), panattn_h.panattn_dense_attention(p, MemorySegment.NULL),
                    "NULL tensors for a non-empty problem");
            panattn_dense_params.n_q(p, 0);
            assertEquals(cuda_runtime_h.cudaSuccess(), panattn_h.panattn_dense_attention(p, MemorySegment.NULL),
                    "an empty problem is a successful no-op");
        }
    }

    @Test
    void denseLauncherPassesAValidParamsBlockToTheLaunch() {
        assumeLibraryBuilt();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(panattn_h.C_INT);
            int deviceError = panattn_h.panattn_device_count(count);
            // with a device the kernel would run on these host addresses: only meaningful without one
            assumeTrue(deviceError != 0 || count.get(panattn_h.C_INT, 0) == 0, "skipped: a CUDA device is present");
            MemorySegment p = panattn_dense_params.allocate(arena);
            MemorySegment data = arena.allocate(4096, 256);
            panattn_dense_params.q(p, data);
            panattn_dense_params.k(p, data);
            panattn_dense_params.v(p, data);
            panattn_dense_params.out(p, data.asSlice(2048));
            panattn_dense_params.lse(p, data.asSlice(3072));
            panattn_dense_params.batch(p, 1);
            panattn_dense_params.heads_q(p, 2);
            panattn_dense_params.heads_kv(p, 1);
            panattn_dense_params.n_q(p, 3);
            panattn_dense_params.n_k(p, 5);
            panattn_dense_params.head_dim(p, 16);
            panattn_dense_params.head_dim_v(p, 16);
            panattn_dense_params.q_stride_n(p, 16);
            panattn_dense_params.q_stride_h(p, 48);
            panattn_dense_params.k_stride_n(p, 16);
            panattn_dense_params.v_stride_n(p, 16);
            panattn_dense_params.out_stride_n(p, 16);
            panattn_dense_params.out_stride_h(p, 48);
            panattn_dense_params.lse_stride_h(p, 3);
            panattn_dense_params.lse_stride_n(p, 1);
            panattn_dense_params.window_left(p, panattn_h.PANATTN_WINDOW_UNBOUNDED());
            panattn_dense_params.window_right(p, panattn_h.PANATTN_WINDOW_UNBOUNDED());
            panattn_dense_params.scale(p, 0.25f);
            int error = panattn_h.panattn_dense_attention(p, MemorySegment.NULL);
            assertTrue(error != cuda_runtime_h.cudaSuccess() && error != cuda_runtime_h.cudaErrorInvalidValue(),
                    "expected the launch itself to fail for lack of a device, got "
                            + panattn_h.panattn_error_name(error).getString(0) + " (" + error + ")");
        }
    }

    @Test
    void cublasIsLoadedOrSaysWhyNot() {
        if (cublas_h.isAvailable()) {
            assertEquals(null, cublas_h.unavailableReason());
            assertNotNull(cublas_h.cublasCreate_v2$address());
        } else {
            String reason = cublas_h.unavailableReason();
            assertNotNull(reason);
            assertTrue(reason.contains("libcublas.so"), reason);
            var e = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class,
                    () -> cublas_h.cublasCreate_v2(MemorySegment.NULL));
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root instanceof UnsatisfiedLinkError && root.getMessage().contains("cuBLAS not found"),
                    "expected an UnsatisfiedLinkError naming the reason, got " + e);
        }
    }
}
