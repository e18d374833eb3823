package org.panattn.cuda;

import org.panattn.PanattnException;
import org.panattn.bindings.panattn_h;

/** Turns cudaError_t values into messages and exceptions. */
final class CudaErrors {
    private CudaErrors() {
    }

    /** "cudaErrorNoDevice (100): no CUDA-capable device is detected". */
    static String describe(int error) {
        return panattn_h.panattn_error_name(error).getString(0) + " (" + error + "): "
                + panattn_h.panattn_error_string(error).getString(0);
    }

    /** Throws a PanattnException naming the operation and the CUDA error unless {@code error} is cudaSuccess. */
    static void check(int error, String operation) {
        if (error != 0) {
            throw new PanattnException(operation + " failed: " + describe(error));
        }
    }
}
