/*
 * Launcher of hybrid attention (see hybrid_kernel.cuh for the kernel and panattn.h for the parameters): checks the
 * parameter block, sizes the dynamic shared memory and launches one block per (batch, kv head).
 */
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <math.h>
#include <stdint.h>

#include "panattn.h"
#include "hybrid_kernel.cuh"

namespace {

constexpr size_t kDefaultSharedLimit = 48 * 1024;  // above this, dynamic shared memory needs an explicit opt-in

bool valid_dtype(int32_t dtype) {
    return dtype == PANATTN_DTYPE_F32 || dtype == PANATTN_DTYPE_F16 || dtype == PANATTN_DTYPE_BF16;
}

bool valid_params(const panattn_hybrid_params& p) {
    const int64_t sizes[] = {p.batch, p.heads_q, p.heads_kv, p.n, p.head_dim, p.head_dim_v, p.projected, p.features,
                             p.start};
    for (int64_t s : sizes) {
        if (s < 0) {
            return false;
        }
    }
    const int64_t strides[] = {p.q_stride_b, p.q_stride_h, p.q_stride_n, p.k_stride_b,   p.k_stride_h,   p.k_stride_n,
                               p.v_stride_b, p.v_stride_h, p.v_stride_n, p.out_stride_b, p.out_stride_h, p.out_stride_n};
    for (int64_t s : strides) {
        if (s < 0) {
            return false;
        }
    }
    if (p.heads_kv == 0 || p.heads_q % p.heads_kv != 0) {
        return false;
    }
    if (p.head_dim > PANATTN_HYBRID_MAX_DIM || p.head_dim_v > PANATTN_HYBRID_MAX_DIM || p.projected > PANATTN_HYBRID_MAX_DIM
        || p.features > PANATTN_HYBRID_MAX_FEATURES || p.projected < 1) {
        return false;
    }
    if ((p.weights_q == nullptr && p.projected != p.head_dim)
        || (p.feature_map == PANATTN_HYBRID_MAP_HEDGEHOG && p.weights_q == nullptr)) {
        return false;
    }
    const bool doubles = p.feature_map == PANATTN_HYBRID_MAP_HEDGEHOG || p.feature_map == PANATTN_HYBRID_MAP_EXP;
    if (p.feature_map < PANATTN_HYBRID_MAP_HEDGEHOG || p.feature_map > PANATTN_HYBRID_MAP_EXP
        || p.features != (doubles ? 2 * p.projected : p.projected)) {
        return false;
    }
    if (p.mode < PANATTN_HYBRID_MODE_HYBRID || p.mode > PANATTN_HYBRID_MODE_ZERO) {
        return false;
    }
    if (p.window < 1 || p.window > PANATTN_HYBRID_MAX_WINDOW || p.sinks < 0 || p.sinks > PANATTN_HYBRID_MAX_WINDOW
        || (p.mode == PANATTN_HYBRID_MODE_SINKS_ONLY && p.sinks == 0)) {
        return false;
    }
    if (!valid_dtype(p.q_dtype) || !valid_dtype(p.k_dtype) || !valid_dtype(p.v_dtype)) {
        return false;
    }
    if (p.window_factor == nullptr || p.key_ring == nullptr || p.value_ring == nullptr || p.kv_state == nullptr
        || p.z_state == nullptr || (p.sinks > 0 && (p.sink_keys == nullptr || p.sink_values == nullptr))) {
        return false;
    }
    if (p.n > 0 && (p.q == nullptr || p.k == nullptr || p.v == nullptr || p.out == nullptr)) {
        return false;
    }
    return isfinite(p.scale);
}

}  // namespace

extern "C" int panattn_hybrid_attention(const panattn_hybrid_params* params, void* stream) {
    if (params == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_hybrid_params& p = *params;
    if (p.batch == 0 || p.heads_q == 0) {
        return static_cast<int>(cudaSuccess);  // nothing to read or write
    }
    if (!valid_params(p)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    int64_t blocks = 0;
    if (__builtin_mul_overflow(p.batch, p.heads_kv, &blocks) || blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const size_t shared = sizeof(float) * static_cast<size_t>(panattn_hybrid::shared_floats(p));
    if (shared > kDefaultSharedLimit) {
        cudaError_t err = cudaFuncSetAttribute(panattn_hybrid::hybrid_recurrent_kernel,
                                               cudaFuncAttributeMaxDynamicSharedMemorySize, static_cast<int>(shared));
        if (err != cudaSuccess) {
            return static_cast<int>(err);
        }
    }
    panattn_hybrid::hybrid_recurrent_kernel<<<static_cast<unsigned>(blocks), panattn_hybrid::kThreads, shared,
                                              static_cast<cudaStream_t>(stream)>>>(p);
    return static_cast<int>(cudaGetLastError());
}
