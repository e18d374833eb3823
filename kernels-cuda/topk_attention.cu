/*
 * Certified top-k attention: the launcher and the workspace queries of panattn.h. The kernel and its design are in
 * topk_attention_kernel.cuh.
 *
 * One kernel serves every head dim up to PANATTN_TOPK_MAX_HEAD_DIM and every dtype (the loops have runtime bounds
 * and each lane keeps up to eight output columns), which keeps CI builds short; the cost is in pass 1's dot
 * products, not in the memory traffic that bounds decode.
 */
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <math.h>
#include <stdint.h>

#include "panattn.h"
#include "topk_attention_kernel.cuh"

namespace {

using panattn_topk::Geometry;
using panattn_topk::kMaxCtas;
using panattn_topk::kNoOverflow;
using panattn_topk::kRecommendedWorkspaceBytes;
using panattn_topk::kStatusBytes;
using panattn_topk::kThreads;
using panattn_topk::make_geometry;
using panattn_topk::shared_bytes;
using panattn_topk::topk_attention_kernel;

constexpr size_t kDefaultSharedLimit = 48 * 1024;  // above this, dynamic shared memory needs an explicit opt-in

bool valid_dtype(int32_t dtype) {
    return dtype == PANATTN_DTYPE_F32 || dtype == PANATTN_DTYPE_F16 || dtype == PANATTN_DTYPE_BF16;
}

/** Everything but the pointers and the scratch size. */
bool valid_shape(const panattn_topk_params& p) {
    if (p.batch < 0 || p.heads_q < 0 || p.heads_kv < 0 || p.n_q < 0 || p.n_k < 0 || p.head_dim < 0
        || p.head_dim_v < 0 || p.index_capacity < 0) {
        return false;
    }
    if (p.head_dim > PANATTN_TOPK_MAX_HEAD_DIM || p.head_dim_v > PANATTN_TOPK_MAX_HEAD_DIM) {
        return false;
    }
    if (p.heads_q > 0 && (p.heads_kv == 0 || p.heads_q % p.heads_kv != 0)) {
        return false;
    }
    // key indices are int32 (the indices output) and row ids must fit the 32 high bits of the status word
    if (p.n_k > INT32_MAX) {
        return false;
    }
    int64_t rows = 0;
    if (__builtin_mul_overflow(p.batch, p.heads_q, &rows) || __builtin_mul_overflow(rows, p.n_q, &rows)
        || rows > INT32_MAX) {
        return false;
    }
    const int64_t strides[] = {
        p.q_stride_b,           p.q_stride_h,           p.q_stride_n,           p.k_stride_b,
        p.k_stride_h,           p.k_stride_n,           p.v_stride_b,           p.v_stride_h,
        p.v_stride_n,           p.value_norms_stride_b, p.value_norms_stride_h, p.value_norms_stride_n,
        p.out_stride_b,         p.out_stride_h,         p.out_stride_n,         p.kept_count_stride_b,
        p.kept_count_stride_h,  p.kept_count_stride_n,  p.tail_stride_b,        p.tail_stride_h,
        p.tail_stride_n,        p.certificate_stride_b, p.certificate_stride_h, p.certificate_stride_n,
        p.exact_error_stride_b, p.exact_error_stride_h, p.exact_error_stride_n, p.indices_stride_b,
        p.indices_stride_h,     p.indices_stride_n};
    for (int64_t s : strides) {
        if (s < 0) {
            return false;
        }
    }
    if (!valid_dtype(p.q_dtype) || !valid_dtype(p.k_dtype) || !valid_dtype(p.v_dtype)) {
        return false;
    }
    if (p.certify != PANATTN_TOPK_CERTIFY_EXACT && p.certify != PANATTN_TOPK_CERTIFY_BOUND) {
        return false;
    }
    if (p.k_fixed < 0 || (p.k_fixed == 0 && !(p.epsilon > 0.0 && p.epsilon < 1.0))) {
        return false;
    }
    if (!isfinite(p.scale)) {
        return false;
    }
    // the units and every slot's byte count must be representable (checked without overflowing)
    const Geometry g = make_geometry(p);
    int64_t bytes = 0;
    return !__builtin_mul_overflow(g.rows_per_unit * g.blocks_per_row, panattn_topk::kBytesPerBlockRow, &bytes)
           && bytes < (INT64_MAX >> 12);
}

/** CTAs a launch runs at once with `scratch_bytes` of workspace (0 if too little). */
int64_t concurrent_units(const Geometry& g, int64_t scratch_bytes) {
    int64_t slots = g.units < kMaxCtas ? g.units : kMaxCtas;
    if (g.slot_bytes > 0) {
        const int64_t fit = scratch_bytes < kStatusBytes ? 0 : (scratch_bytes - kStatusBytes) / g.slot_bytes;
        slots = slots < fit ? slots : fit;
    } else if (scratch_bytes < kStatusBytes) {
        slots = 0;
    }
    return slots;
}

}  // namespace

extern "C" int64_t panattn_topk_min_workspace_bytes(const panattn_topk_params* params) {
    if (params == nullptr || !valid_shape(*params)) {
        return 0;
    }
    return kStatusBytes + make_geometry(*params).slot_bytes;
}

extern "C" int64_t panattn_topk_workspace_bytes(const panattn_topk_params* params) {
    if (params == nullptr || !valid_shape(*params)) {
        return 0;
    }
    const Geometry g = make_geometry(*params);
    int64_t slots = g.units < kMaxCtas ? g.units : kMaxCtas;
    // beyond the recommended budget, fewer blocks run at once rather than the workspace growing without bound
    if (g.slot_bytes > 0 && slots > 1 && slots * g.slot_bytes > kRecommendedWorkspaceBytes) {
        slots = kRecommendedWorkspaceBytes / g.slot_bytes;
        slots = slots < 1 ? 1 : slots;
    }
    return kStatusBytes + slots * g.slot_bytes;
}

extern "C" int panattn_topk_attention(const panattn_topk_params* params, void* stream) {
    if (params == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_topk_params& p = *params;
    if (!valid_shape(p) || p.scratch == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const Geometry g = make_geometry(p);
    const int64_t slots = concurrent_units(g, p.scratch_bytes);
    if (p.batch > 0 && p.heads_q > 0 && p.n_q > 0 && slots < 1) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    // Only memory the kernel reads or writes must be present.
    const bool rows = p.batch > 0 && p.heads_q > 0 && p.n_q > 0;
    const bool keys = rows && p.n_k > 0;
    if ((rows && p.head_dim_v > 0 && p.out == nullptr) || (keys && p.head_dim > 0 && (p.q == nullptr || p.k == nullptr))
        || (keys && p.head_dim_v > 0 && p.v == nullptr)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    cudaStream_t s = static_cast<cudaStream_t>(stream);
    // the status word says "no overflow" until a row reports one
    cudaError_t err = cudaMemsetAsync(p.scratch, 0xff, sizeof(kNoOverflow), s);
    if (err != cudaSuccess || !rows) {
        return static_cast<int>(err);
    }
    const size_t shared = shared_bytes(p, g);
    if (shared > kDefaultSharedLimit) {
        err = cudaFuncSetAttribute(topk_attention_kernel, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                   static_cast<int>(shared));
        if (err != cudaSuccess) {
            return static_cast<int>(err);
        }
    }
    topk_attention_kernel<<<static_cast<unsigned>(slots), kThreads, shared, s>>>(p, g, slots);
    return static_cast<int>(cudaGetLastError());
}
