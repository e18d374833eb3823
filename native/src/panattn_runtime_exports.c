/*
 * Exported wrappers of the CUDA runtime subset declared in panattn.h. The statically linked cudart keeps its own
 * symbols hidden, so these are the only way the Java bindings (which load nothing but libpanattn_cuda.so) reach
 * it. Each forwards its arguments unchanged.
 */
#include <cuda_runtime_api.h>

#include "panattn.h"

_Static_assert(PANATTN_CUDA_MEMCPY_HOST_TO_HOST == cudaMemcpyHostToHost, "cudaMemcpyKind mismatch");
_Static_assert(PANATTN_CUDA_MEMCPY_HOST_TO_DEVICE == cudaMemcpyHostToDevice, "cudaMemcpyKind mismatch");
_Static_assert(PANATTN_CUDA_MEMCPY_DEVICE_TO_HOST == cudaMemcpyDeviceToHost, "cudaMemcpyKind mismatch");
_Static_assert(PANATTN_CUDA_MEMCPY_DEVICE_TO_DEVICE == cudaMemcpyDeviceToDevice, "cudaMemcpyKind mismatch");
_Static_assert(PANATTN_CUDA_MEMCPY_DEFAULT == cudaMemcpyDefault, "cudaMemcpyKind mismatch");

int panattn_cuda_get_device_count(int* count) {
    return (int)cudaGetDeviceCount(count);
}

int panattn_cuda_set_device(int device) {
    return (int)cudaSetDevice(device);
}

int panattn_cuda_get_device(int* device) {
    return (int)cudaGetDevice(device);
}

int panattn_cuda_device_get_attribute(int* value, int attribute, int device) {
    return (int)cudaDeviceGetAttribute(value, (enum cudaDeviceAttr)attribute, device);
}

int panattn_cuda_device_synchronize(void) {
    return (int)cudaDeviceSynchronize();
}

int panattn_cuda_get_last_error(void) {
    return (int)cudaGetLastError();
}

int panattn_cuda_runtime_get_version(int* version) {
    return (int)cudaRuntimeGetVersion(version);
}

int panattn_cuda_driver_get_version(int* version) {
    return (int)cudaDriverGetVersion(version);
}

int panattn_cuda_mem_get_info(size_t* free_bytes, size_t* total_bytes) {
    return (int)cudaMemGetInfo(free_bytes, total_bytes);
}

int panattn_cuda_malloc(void** pointer, size_t bytes) {
    return (int)cudaMalloc(pointer, bytes);
}

int panattn_cuda_free(void* pointer) {
    return (int)cudaFree(pointer);
}

int panattn_cuda_memset(void* pointer, int value, size_t bytes) {
    return (int)cudaMemset(pointer, value, bytes);
}

int panattn_cuda_memcpy(void* dst, const void* src, size_t bytes, int kind) {
    return (int)cudaMemcpy(dst, src, bytes, (enum cudaMemcpyKind)kind);
}

int panattn_cuda_memcpy_async(void* dst, const void* src, size_t bytes, int kind, void* stream) {
    return (int)cudaMemcpyAsync(dst, src, bytes, (enum cudaMemcpyKind)kind, (cudaStream_t)stream);
}

int panattn_cuda_stream_create(void** stream) {
    return (int)cudaStreamCreate((cudaStream_t*)stream);
}

int panattn_cuda_stream_synchronize(void* stream) {
    return (int)cudaStreamSynchronize((cudaStream_t)stream);
}

int panattn_cuda_stream_destroy(void* stream) {
    return (int)cudaStreamDestroy((cudaStream_t)stream);
}
