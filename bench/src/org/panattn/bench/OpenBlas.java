package org.panattn.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * cblas_sgemm of the system OpenBLAS (Debian: libopenblas0-pthread), bound through FFM for side-by-side runs.
 * Thread count and kernel choice come from OpenBLAS's environment (OPENBLAS_NUM_THREADS, OPENBLAS_CORETYPE).
 */
final class OpenBlas {
    static final int ROW_MAJOR = 101;
    static final int NO_TRANS = 111;
    private static final String[] NAMES = {"libopenblas.so.0", "libopenblas.so"};
    private static final MethodHandle SGEMM;
    private static final String UNAVAILABLE;

    static {
        MethodHandle handle = null;
        String reason = null;
        for (String name : NAMES) {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
                MemorySegment symbol = lib.find("cblas_sgemm").orElseThrow();
                handle = Linker.nativeLinker().downcallHandle(symbol, FunctionDescriptor.ofVoid(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_FLOAT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                reason = null;
                break;
            } catch (RuntimeException e) {
                reason = "OpenBLAS not found (" + e.getMessage() + "): apt-get install -y libopenblas0-pthread";
            }
        }
        SGEMM = handle;
        UNAVAILABLE = reason;
    }

    private OpenBlas() {
    }

    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** C[m, n] = A[m, k] B[k, n], row-major, contiguous native segments. */
    static void sgemm(int m, int n, int k, MemorySegment a, MemorySegment b, MemorySegment c) {
        if (SGEMM == null) {
            throw new IllegalStateException(UNAVAILABLE);
        }
        try {
            SGEMM.invokeExact(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, a, k, b, n, 0f, c, n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
