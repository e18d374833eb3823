/*
 * Launchers of the SAE kernels (kernels in sae_kernel.cuh): every params block is checked before a launch, and a
 * bad one returns cudaErrorInvalidValue without touching memory.
 */
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <math.h>
#include <stdint.h>

#include "panattn.h"
#include "sae_kernel.cuh"

namespace {

using panattn_sae::kAccumulateRows;
using panattn_sae::kAccumulateThreads;
using panattn_sae::kActivateThreads;
using panattn_sae::kGemmThreads;
using panattn_sae::kSelectThreads;
using panattn_sae::kSharedFloats;
using panattn_sae::kSteerThreads;
using panattn_sae::kTileM;
using panattn_sae::kTileN;

bool float_dtype(int32_t dtype) {
    return dtype == PANATTN_DTYPE_F32 || dtype == PANATTN_DTYPE_F16 || dtype == PANATTN_DTYPE_BF16;
}

bool valid_activation(int32_t activation) {
    return activation == PANATTN_SAE_ACT_NONE || activation == PANATTN_SAE_ACT_RELU
           || activation == PANATTN_SAE_ACT_JUMP_RELU;
}

/* Checks shared by the GEMM and its epilogue; `reads_operands` adds the checks of a and b. */
bool valid_gemm(const panattn_sae_gemm_params& p, bool reads_operands) {
    if (p.rows < 0 || p.k < 0 || p.n < 0 || p.a_rows_per_batch < 1 || p.c_rows_per_batch < 1) {
        return false;
    }
    const int64_t strides[] = {p.a_stride_batch, p.a_stride_row, p.b_stride, p.bias_stride, p.threshold_stride,
                               p.center_stride, p.c_stride_batch, p.c_stride_row};
    for (int64_t s : strides) {
        if (s < 0) {
            return false;
        }
    }
    if (!valid_activation(p.activation) || p.c == nullptr) {
        return false;
    }
    if (p.bias != nullptr && !float_dtype(p.bias_dtype)) {
        return false;
    }
    if (p.activation == PANATTN_SAE_ACT_JUMP_RELU && (p.threshold == nullptr || !float_dtype(p.threshold_dtype))) {
        return false;
    }
    if (reads_operands) {
        if (p.k > 0 && (p.a == nullptr || p.b == nullptr || !float_dtype(p.a_dtype) || !float_dtype(p.b_dtype))) {
            return false;
        }
        if (p.center != nullptr && !float_dtype(p.center_dtype)) {
            return false;
        }
    }
    return true;
}

/* Checks shared by the feature-row kernels: the sizes and the feature rows every one of them reads. */
bool valid_feature_rows(const panattn_sae_features_params& p) {
    if (p.rows < 0 || p.d_sae < 1 || p.features_rows_per_batch < 1 || p.features_stride_batch < 0
        || p.features_stride_row < 0) {
        return false;
    }
    return p.rows == 0 || p.features != nullptr;
}

/* Token rows of width 1 or more: a pointer (when there are rows), rows per batch and strides. */
bool valid_token_rows(const void* base, int64_t rows, int64_t rows_per_batch, int64_t stride_batch,
                      int64_t stride_row) {
    return (rows == 0 || base != nullptr) && rows_per_batch >= 1 && stride_batch >= 0 && stride_row >= 0;
}

}  // namespace

extern "C" int panattn_sae_gemm(const panattn_sae_gemm_params* params, void* stream) {
    if (params == nullptr || !valid_gemm(*params, true)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_sae_gemm_params& p = *params;
    if (p.rows == 0 || p.n == 0) {
        return static_cast<int>(cudaSuccess);
    }
    const int64_t row_tiles = (p.rows + kTileM - 1) / kTileM;
    const int64_t col_tiles = (p.n + kTileN - 1) / kTileN;
    int64_t blocks = 0;
    if (__builtin_mul_overflow(row_tiles, col_tiles, &blocks) || blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    panattn_sae::sae_gemm_kernel<<<static_cast<unsigned>(blocks), kGemmThreads, kSharedFloats * sizeof(float),
                                   static_cast<cudaStream_t>(stream)>>>(p, col_tiles);
    return static_cast<int>(cudaGetLastError());
}

extern "C" int panattn_sae_bias_activate(const panattn_sae_gemm_params* params, void* stream) {
    if (params == nullptr || !valid_gemm(*params, false)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_sae_gemm_params& p = *params;
    int64_t elements = 0;
    if (__builtin_mul_overflow(p.rows, p.n, &elements)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    if (elements == 0) {
        return static_cast<int>(cudaSuccess);
    }
    const int64_t blocks = (elements + kActivateThreads - 1) / kActivateThreads;
    if (blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    panattn_sae::sae_bias_activate_kernel<<<static_cast<unsigned>(blocks), kActivateThreads, 0,
                                            static_cast<cudaStream_t>(stream)>>>(p);
    return static_cast<int>(cudaGetLastError());
}

extern "C" int panattn_sae_steer(const panattn_sae_steer_params* params, void* stream) {
    if (params == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_sae_steer_params& p = *params;
    if (p.tokens < 0 || p.d_in < 0 || p.d_sae < 1 || p.edits < 1 || p.edits > PANATTN_SAE_MAX_EDITS
        || p.x_rows_per_batch < 1 || p.out_rows_per_batch < 1 || (p.mask != nullptr && p.mask_rows_per_batch < 1)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const int64_t strides[] = {p.x_stride_batch,   p.x_stride_row,    p.out_stride_batch, p.out_stride_row,
                               p.mask_stride_batch, p.mask_stride_row, p.w_enc_stride,     p.b_enc_stride,
                               p.threshold_stride,  p.center_stride,   p.w_dec_stride};
    for (int64_t s : strides) {
        if (s < 0) {
            return static_cast<int>(cudaErrorInvalidValue);
        }
    }
    if (!valid_activation(p.activation) || !float_dtype(p.x_dtype) || !float_dtype(p.out_dtype)
        || !float_dtype(p.w_dec_dtype) || p.x == nullptr || p.out == nullptr || p.w_dec == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    if (p.mask != nullptr && !float_dtype(p.mask_dtype) && p.mask_dtype != PANATTN_SAE_MASK_I32) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    bool clamps = false;
    for (int e = 0; e < p.edits; ++e) {
        if (p.feature[e] < 0 || p.feature[e] >= p.d_sae || !isfinite(p.value[e])
            || (p.mode[e] != PANATTN_SAE_CLAMP && p.mode[e] != PANATTN_SAE_ADD)) {
            return static_cast<int>(cudaErrorInvalidValue);
        }
        clamps = clamps || p.mode[e] == PANATTN_SAE_CLAMP;
    }
    if (clamps) {
        if (p.w_enc == nullptr || p.b_enc == nullptr || !float_dtype(p.w_enc_dtype) || !float_dtype(p.b_enc_dtype)
            || p.activation == PANATTN_SAE_ACT_NONE
            || (p.activation == PANATTN_SAE_ACT_JUMP_RELU
                && (p.threshold == nullptr || !float_dtype(p.threshold_dtype)))
            || (p.center != nullptr && !float_dtype(p.center_dtype))) {
            return static_cast<int>(cudaErrorInvalidValue);
        }
    }
    if (p.tokens == 0) {
        return static_cast<int>(cudaSuccess);
    }
    if (p.tokens > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    panattn_sae::sae_steer_kernel<<<static_cast<unsigned>(p.tokens), kSteerThreads, kSharedFloats * sizeof(float),
                                    static_cast<cudaStream_t>(stream)>>>(p);
    return static_cast<int>(cudaGetLastError());
}

extern "C" int panattn_sae_topk(const panattn_sae_features_params* params, void* stream) {
    if (params == nullptr || !valid_feature_rows(*params) || params->k < 1 || params->rows > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_sae_features_params& p = *params;
    if (p.rows == 0) {
        return static_cast<int>(cudaSuccess);
    }
    panattn_sae::sae_topk_kernel<<<static_cast<unsigned>(p.rows), kSelectThreads, kSharedFloats * sizeof(float),
                                   static_cast<cudaStream_t>(stream)>>>(p);
    return static_cast<int>(cudaGetLastError());
}

extern "C" int panattn_sae_sparse(const panattn_sae_features_params* params, void* stream) {
    if (params == nullptr || !valid_feature_rows(*params) || params->capacity < 1 || params->d_sae > INT32_MAX
        || params->rows > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_sae_features_params& p = *params;
    if (!valid_token_rows(p.indices, p.rows, p.indices_rows_per_batch, p.indices_stride_batch, p.indices_stride_row)
        || !valid_token_rows(p.values, p.rows, p.values_rows_per_batch, p.values_stride_batch, p.values_stride_row)
        || !valid_token_rows(p.active_count, p.rows, p.count_rows_per_batch, p.count_stride_batch,
                             p.count_stride_row)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    if (p.rows == 0) {
        return static_cast<int>(cudaSuccess);
    }
    panattn_sae::sae_sparse_kernel<<<static_cast<unsigned>(p.rows), kSelectThreads, kSharedFloats * sizeof(float),
                                     static_cast<cudaStream_t>(stream)>>>(p);
    return static_cast<int>(cudaGetLastError());
}

extern "C" int panattn_sae_accumulate(const panattn_sae_features_params* params, void* stream) {
    if (params == nullptr || !valid_feature_rows(*params) || params->sums == nullptr || params->active == nullptr
        || params->tokens == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_sae_features_params& p = *params;
    if (p.mask != nullptr
        && (!valid_token_rows(p.mask, p.rows, p.mask_rows_per_batch, p.mask_stride_batch, p.mask_stride_row)
            || (!float_dtype(p.mask_dtype) && p.mask_dtype != PANATTN_SAE_MASK_I32))) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    if (p.rows == 0) {
        return static_cast<int>(cudaSuccess);
    }
    const int64_t column_blocks = (p.d_sae + kAccumulateThreads - 1) / kAccumulateThreads;
    const int64_t row_slices = (p.rows + kAccumulateRows - 1) / kAccumulateRows;
    int64_t blocks = 0;
    if (__builtin_mul_overflow(column_blocks, row_slices, &blocks) || blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    panattn_sae::sae_accumulate_kernel<<<static_cast<unsigned>(blocks), kAccumulateThreads, 0,
                                         static_cast<cudaStream_t>(stream)>>>(p, column_blocks);
    return static_cast<int>(cudaGetLastError());
}
