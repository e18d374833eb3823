/*
 * Host-side entry points of libpanattn_cuda.so that are not kernel launchers: version, device discovery and
 * error descriptions. The launchers live next to their kernels in kernels-cuda/.
 */
#include <cuda_runtime_api.h>

#include "panattn.h"

const char* panattn_version(void) {
    return PANATTN_VERSION;
}

int panattn_device_count(int* count) {
    if (count == NULL) {
        return (int)cudaErrorInvalidValue;
    }
    int n = 0;
    cudaError_t err = cudaGetDeviceCount(&n);
    if (err != cudaSuccess) {
        /* cudaGetDeviceCount leaves a sticky "last error"; clear it so later calls do not report it again */
        (void)cudaGetLastError();
        *count = 0;
        return (int)err;
    }
    *count = n;
    return (int)cudaSuccess;
}

const char* panattn_error_name(int error) {
    const char* name = cudaGetErrorName((cudaError_t)error);
    return name != NULL ? name : "unknown cudaError_t";
}

const char* panattn_error_string(int error) {
    const char* text = cudaGetErrorString((cudaError_t)error);
    return text != NULL ? text : "unknown cudaError_t";
}
