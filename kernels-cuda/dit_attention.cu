/*
 * DiTFastAttn kernels: non-causal window attention, the fused full + window + residual pass of a WA-RS caching
 * step, and the residual add (the kernels are in dit_attention_kernel.cuh, on the dense kernel's tiling).
 *
 * One block computes kBlockM query rows of one (batch, query head), K and V stream through shared memory kBlockN
 * keys at a time, online softmax in fp32 in the log2 domain, as the dense kernel. The window pass visits only
 * the tiles of a fixed global grid that meet the block's band (cost ~ (2w + kBlockM + kBlockN) N instead of N^2);
 * the fused pass visits every tile once and feeds each logit to both softmaxes, so the window output costs only
 * its own softmax and P.V work on top of full attention. Capacities 64, 128 and 256 for the head dims, two modes:
 * six instantiations.
 */
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <math.h>
#include <stdint.h>

#include "panattn.h"
#include "dense_attention_kernel.cuh"
#include "dit_attention_kernel.cuh"

namespace {

using panattn_dense::kDefaultSharedLimit;
using panattn_dit::dit_attention_kernel;
using panattn_dit::dit_residual_add_kernel;
using panattn_dit::kAddThreads;
using panattn_dit::kBlockM;
using panattn_dit::kThreads;
using panattn_dit::shared_bytes;

template <int DIM, bool FUSED>
cudaError_t launch(const panattn_dit_params& p, int64_t m_tiles, int64_t blocks, cudaStream_t stream) {
    constexpr size_t kShared = shared_bytes(DIM);
    if (kShared > kDefaultSharedLimit) {
        cudaError_t err = cudaFuncSetAttribute(dit_attention_kernel<DIM, FUSED>,
                                               cudaFuncAttributeMaxDynamicSharedMemorySize,
                                               static_cast<int>(kShared));
        if (err != cudaSuccess) {
            return err;
        }
    }
    dit_attention_kernel<DIM, FUSED><<<static_cast<unsigned>(blocks), kThreads, kShared, stream>>>(p, m_tiles);
    return cudaGetLastError();
}

bool valid_dtype(int32_t dtype) {
    return dtype == PANATTN_DTYPE_F32 || dtype == PANATTN_DTYPE_F16 || dtype == PANATTN_DTYPE_BF16;
}

bool valid_params(const panattn_dit_params& p) {
    if (p.batch < 0 || p.heads_q < 0 || p.heads_kv < 0 || p.n < 0 || p.head_dim < 0 || p.head_dim_v < 0
        || p.window < 0) {
        return false;
    }
    if (p.head_dim > PANATTN_DIT_MAX_HEAD_DIM || p.head_dim_v > PANATTN_DIT_MAX_HEAD_DIM) {
        return false;
    }
    if (p.heads_q > 0 && (p.heads_kv == 0 || p.heads_q % p.heads_kv != 0)) {
        return false;
    }
    const int64_t strides[] = {p.q_stride_b,        p.q_stride_h,        p.q_stride_n,        p.k_stride_b,
                               p.k_stride_h,        p.k_stride_n,        p.v_stride_b,        p.v_stride_h,
                               p.v_stride_n,        p.window_stride_b,   p.window_stride_h,   p.window_stride_n,
                               p.full_stride_b,     p.full_stride_h,     p.full_stride_n,     p.residual_stride_b,
                               p.residual_stride_h, p.residual_stride_n};
    for (int64_t s : strides) {
        if (s < 0) {
            return false;
        }
    }
    if (!valid_dtype(p.q_dtype) || !valid_dtype(p.k_dtype) || !valid_dtype(p.v_dtype)) {
        return false;
    }
    return isfinite(p.scale);
}

template <bool FUSED>
int dispatch(const panattn_dit_params* params, void* stream) {
    if (params == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_dit_params& p = *params;
    if (!valid_params(p)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    if (p.batch == 0 || p.heads_q == 0 || p.n == 0) {
        return static_cast<int>(cudaSuccess);  // no row to write
    }
    const bool outputs = p.head_dim_v == 0
                         || (FUSED ? p.full_out != nullptr && p.residual_out != nullptr : p.window_out != nullptr);
    if ((p.head_dim > 0 && (p.q == nullptr || p.k == nullptr)) || (p.head_dim_v > 0 && p.v == nullptr) || !outputs) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const int64_t m_tiles = (p.n + kBlockM - 1) / kBlockM;
    int64_t blocks = 0;
    if (__builtin_mul_overflow(m_tiles, p.heads_q, &blocks) || __builtin_mul_overflow(blocks, p.batch, &blocks)
        || blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    cudaStream_t s = static_cast<cudaStream_t>(stream);
    const int64_t widest = p.head_dim > p.head_dim_v ? p.head_dim : p.head_dim_v;
    cudaError_t err;
    if (widest <= 64) {
        err = launch<64, FUSED>(p, m_tiles, blocks, s);
    } else if (widest <= 128) {
        err = launch<128, FUSED>(p, m_tiles, blocks, s);
    } else {
        err = launch<256, FUSED>(p, m_tiles, blocks, s);
    }
    return static_cast<int>(err);
}

}  // namespace

extern "C" int panattn_dit_window(const panattn_dit_params* params, void* stream) {
    return dispatch<false>(params, stream);
}

extern "C" int panattn_dit_full_window_residual(const panattn_dit_params* params, void* stream) {
    return dispatch<true>(params, stream);
}

extern "C" int panattn_dit_residual_add(const panattn_dit_residual_add_params* params, void* stream) {
    if (params == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_dit_residual_add_params& p = *params;
    if (p.batch < 0 || p.heads < 0 || p.n < 0 || p.head_dim_v < 0) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const int64_t strides[] = {p.window_stride_b,   p.window_stride_h,   p.window_stride_n, p.residual_stride_b,
                               p.residual_stride_h, p.residual_stride_n, p.out_stride_b,    p.out_stride_h,
                               p.out_stride_n};
    for (int64_t s : strides) {
        if (s < 0) {
            return static_cast<int>(cudaErrorInvalidValue);
        }
    }
    int64_t total = 0;
    if (__builtin_mul_overflow(p.batch, p.heads, &total) || __builtin_mul_overflow(total, p.n, &total)
        || __builtin_mul_overflow(total, p.head_dim_v, &total)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    if (total == 0) {
        return static_cast<int>(cudaSuccess);
    }
    if (p.window == nullptr || p.residual == nullptr || p.out == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const int64_t blocks = (total + kAddThreads - 1) / kAddThreads;
    if (blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    dit_residual_add_kernel<<<static_cast<unsigned>(blocks), kAddThreads, 0, static_cast<cudaStream_t>(stream)>>>(p);
    return static_cast<int>(cudaGetLastError());
}
