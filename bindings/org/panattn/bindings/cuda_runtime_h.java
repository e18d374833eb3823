// The CUDA runtime subset panattn uses, in the shape jextract (JDK 22+) generates for cuda_runtime_api.h.
package org.panattn.bindings;

import java.lang.foreign.MemorySegment;

/**
 * The CUDA runtime functions and constants the CUDA backend needs, under their cudart names.
 *
 * <p>libpanattn_cuda.so links the CUDA runtime statically and that copy keeps its symbols hidden, so each
 * function here calls the exported {@code panattn_cuda_*} wrapper of {@link panattn_h}, which forwards to the
 * cudart function unchanged: the bindings need no libcudart.so on the machine, only the driver. Results are
 * cudaError_t values ({@link #cudaSuccess()} = 0).
 */
@SuppressWarnings({"unused", "restricted"})
public class cuda_runtime_h {

    cuda_runtime_h() {
        // static members only
    }

    private static final int cudaSuccess = 0;
    private static final int cudaErrorInvalidValue = 1;
    private static final int cudaErrorMemoryAllocation = 2;
    private static final int cudaErrorInitializationError = 3;
    private static final int cudaErrorInsufficientDriver = 35;
    private static final int cudaErrorNoDevice = 100;
    private static final int cudaErrorInvalidDevice = 101;
    private static final int cudaErrorIllegalAddress = 700;
    private static final int cudaErrorLaunchFailure = 719;

    private static final int cudaMemcpyHostToHost = 0;
    private static final int cudaMemcpyHostToDevice = 1;
    private static final int cudaMemcpyDeviceToHost = 2;
    private static final int cudaMemcpyDeviceToDevice = 3;
    private static final int cudaMemcpyDefault = 4;

    private static final int cudaDevAttrMultiProcessorCount = 16;
    private static final int cudaDevAttrComputeCapabilityMajor = 75;
    private static final int cudaDevAttrComputeCapabilityMinor = 76;
    private static final int cudaDevAttrMaxSharedMemoryPerBlockOptin = 97;

    /** {@snippet lang=c : cudaSuccess = 0 } */
    public static int cudaSuccess() {
        return cudaSuccess;
    }

    /** {@snippet lang=c : cudaErrorInvalidValue = 1 } */
    public static int cudaErrorInvalidValue() {
        return cudaErrorInvalidValue;
    }

    /** {@snippet lang=c : cudaErrorMemoryAllocation = 2 } */
    public static int cudaErrorMemoryAllocation() {
        return cudaErrorMemoryAllocation;
    }

    /** {@snippet lang=c : cudaErrorInitializationError = 3 } */
    public static int cudaErrorInitializationError() {
        return cudaErrorInitializationError;
    }

    /** {@snippet lang=c : cudaErrorInsufficientDriver = 35 } */
    public static int cudaErrorInsufficientDriver() {
        return cudaErrorInsufficientDriver;
    }

    /** {@snippet lang=c : cudaErrorNoDevice = 100 } */
    public static int cudaErrorNoDevice() {
        return cudaErrorNoDevice;
    }

    /** {@snippet lang=c : cudaErrorInvalidDevice = 101 } */
    public static int cudaErrorInvalidDevice() {
        return cudaErrorInvalidDevice;
    }

    /** {@snippet lang=c : cudaErrorIllegalAddress = 700 } */
    public static int cudaErrorIllegalAddress() {
        return cudaErrorIllegalAddress;
    }

    /** {@snippet lang=c : cudaErrorLaunchFailure = 719 } */
    public static int cudaErrorLaunchFailure() {
        return cudaErrorLaunchFailure;
    }

    /** {@snippet lang=c : cudaMemcpyHostToHost = 0 } */
    public static int cudaMemcpyHostToHost() {
        return cudaMemcpyHostToHost;
    }

    /** {@snippet lang=c : cudaMemcpyHostToDevice = 1 } */
    public static int cudaMemcpyHostToDevice() {
        return cudaMemcpyHostToDevice;
    }

    /** {@snippet lang=c : cudaMemcpyDeviceToHost = 2 } */
    public static int cudaMemcpyDeviceToHost() {
        return cudaMemcpyDeviceToHost;
    }

    /** {@snippet lang=c : cudaMemcpyDeviceToDevice = 3 } */
    public static int cudaMemcpyDeviceToDevice() {
        return cudaMemcpyDeviceToDevice;
    }

    /** {@snippet lang=c : cudaMemcpyDefault = 4 } */
    public static int cudaMemcpyDefault() {
        return cudaMemcpyDefault;
    }

    /** {@snippet lang=c : cudaDevAttrMultiProcessorCount = 16 } */
    public static int cudaDevAttrMultiProcessorCount() {
        return cudaDevAttrMultiProcessorCount;
    }

    /** {@snippet lang=c : cudaDevAttrComputeCapabilityMajor = 75 } */
    public static int cudaDevAttrComputeCapabilityMajor() {
        return cudaDevAttrComputeCapabilityMajor;
    }

    /** {@snippet lang=c : cudaDevAttrComputeCapabilityMinor = 76 } */
    public static int cudaDevAttrComputeCapabilityMinor() {
        return cudaDevAttrComputeCapabilityMinor;
    }

    /** {@snippet lang=c : cudaDevAttrMaxSharedMemoryPerBlockOptin = 97 } */
    public static int cudaDevAttrMaxSharedMemoryPerBlockOptin() {
        return cudaDevAttrMaxSharedMemoryPerBlockOptin;
    }

    /** {@snippet lang=c : cudaError_t cudaGetDeviceCount(int *count) } */
    public static int cudaGetDeviceCount(MemorySegment count) {
        return panattn_h.panattn_cuda_get_device_count(count);
    }

    /** {@snippet lang=c : cudaError_t cudaSetDevice(int device) } */
    public static int cudaSetDevice(int device) {
        return panattn_h.panattn_cuda_set_device(device);
    }

    /** {@snippet lang=c : cudaError_t cudaGetDevice(int *device) } */
    public static int cudaGetDevice(MemorySegment device) {
        return panattn_h.panattn_cuda_get_device(device);
    }

    /** {@snippet lang=c : cudaError_t cudaDeviceGetAttribute(int *value, enum cudaDeviceAttr attr, int device) } */
    public static int cudaDeviceGetAttribute(MemorySegment value, int attr, int device) {
        return panattn_h.panattn_cuda_device_get_attribute(value, attr, device);
    }

    /** {@snippet lang=c : cudaError_t cudaDeviceSynchronize(void) } */
    public static int cudaDeviceSynchronize() {
        return panattn_h.panattn_cuda_device_synchronize();
    }

    /** {@snippet lang=c : cudaError_t cudaGetLastError(void) } */
    public static int cudaGetLastError() {
        return panattn_h.panattn_cuda_get_last_error();
    }

    /** {@snippet lang=c : cudaError_t cudaRuntimeGetVersion(int *runtimeVersion) } */
    public static int cudaRuntimeGetVersion(MemorySegment runtimeVersion) {
        return panattn_h.panattn_cuda_runtime_get_version(runtimeVersion);
    }

    /** {@snippet lang=c : cudaError_t cudaDriverGetVersion(int *driverVersion) } */
    public static int cudaDriverGetVersion(MemorySegment driverVersion) {
        return panattn_h.panattn_cuda_driver_get_version(driverVersion);
    }

    /** {@snippet lang=c : cudaError_t cudaMemGetInfo(size_t *free, size_t *total) } */
    public static int cudaMemGetInfo(MemorySegment free, MemorySegment total) {
        return panattn_h.panattn_cuda_mem_get_info(free, total);
    }

    /** {@snippet lang=c : cudaError_t cudaMalloc(void **devPtr, size_t size) } */
    public static int cudaMalloc(MemorySegment devPtr, long size) {
        return panattn_h.panattn_cuda_malloc(devPtr, size);
    }

    /** {@snippet lang=c : cudaError_t cudaFree(void *devPtr) } */
    public static int cudaFree(MemorySegment devPtr) {
        return panattn_h.panattn_cuda_free(devPtr);
    }

    /** {@snippet lang=c : cudaError_t cudaMemset(void *devPtr, int value, size_t count) } */
    public static int cudaMemset(MemorySegment devPtr, int value, long count) {
        return panattn_h.panattn_cuda_memset(devPtr, value, count);
    }

    /** {@snippet lang=c : cudaError_t cudaMemcpy(void *dst, const void *src, size_t count, enum cudaMemcpyKind kind) } */
    public static int cudaMemcpy(MemorySegment dst, MemorySegment src, long count, int kind) {
        return panattn_h.panattn_cuda_memcpy(dst, src, count, kind);
    }

    /**
     * {@snippet lang=c :
     * cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t count, enum cudaMemcpyKind kind, cudaStream_t stream)
     * }
     */
    public static int cudaMemcpyAsync(MemorySegment dst, MemorySegment src, long count, int kind,
                                      MemorySegment stream) {
        return panattn_h.panattn_cuda_memcpy_async(dst, src, count, kind, stream);
    }

    /** {@snippet lang=c : cudaError_t cudaStreamCreate(cudaStream_t *pStream) } */
    public static int cudaStreamCreate(MemorySegment pStream) {
        return panattn_h.panattn_cuda_stream_create(pStream);
    }

    /** {@snippet lang=c : cudaError_t cudaStreamSynchronize(cudaStream_t stream) } */
    public static int cudaStreamSynchronize(MemorySegment stream) {
        return panattn_h.panattn_cuda_stream_synchronize(stream);
    }

    /** {@snippet lang=c : cudaError_t cudaStreamDestroy(cudaStream_t stream) } */
    public static int cudaStreamDestroy(MemorySegment stream) {
        return panattn_h.panattn_cuda_stream_destroy(stream);
    }

    /** {@snippet lang=c : const char* cudaGetErrorName(cudaError_t error) } */
    public static MemorySegment cudaGetErrorName(int error) {
        return panattn_h.panattn_error_name(error);
    }

    /** {@snippet lang=c : const char* cudaGetErrorString(cudaError_t error) } */
    public static MemorySegment cudaGetErrorString(int error) {
        return panattn_h.panattn_error_string(error);
    }
}
