/*
 * Dense (flash-style) attention: one block computes kBlockM query rows of one (batch, query head); K and V
 * stream through shared memory kBlockN keys at a time; an online softmax in fp32 (in the log2 domain, so that
 * exp2f replaces expf) keeps the running maximum, normaliser and output per row in registers.
 *
 * Work split inside a block: each warp owns kRowsPerWarp query rows. For the logits, lane j scores key j of the
 * tile against all of the warp's rows (the K row is read once per row group, the query element is a shared
 * memory broadcast). For P.V, the lanes own output columns (lane, lane + 32, ...) and the probabilities are
 * broadcast with shuffles. Shared-memory reads of Q and K are float4 wide. Every input is widened to fp32 when it enters shared memory, so the per-input
 * dtype costs one warp-uniform branch per loaded element and nothing in the inner loops.
 *
 * Head dims are compile-time constants where it pays (64 and 128 with head_dim == head_dim_v); any other size up
 * to PANATTN_DENSE_MAX_HEAD_DIM runs a kernel whose capacity (64, 128 or 256) is constant and whose loop bounds
 * are not. Five instantiations in all, to keep CI builds short.
 */
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <math.h>
#include <stdint.h>

#include "panattn.h"
#include "dense_attention_kernel.cuh"

namespace {

using panattn_dense::dense_attention_kernel;
using panattn_dense::kBlockM;
using panattn_dense::kDefaultSharedLimit;
using panattn_dense::kThreads;
using panattn_dense::shared_bytes;

static_assert(kBlockM == PANATTN_DENSE_ROWS_PER_BLOCK, "panattn.h must state the kernel's rows per block");

template <int DIM, bool EXACT>
cudaError_t launch(const panattn_dense_params& p, int64_t m_tiles, int64_t blocks, cudaStream_t stream) {
    constexpr size_t kShared = shared_bytes(DIM);
    if (kShared > kDefaultSharedLimit) {
        cudaError_t err = cudaFuncSetAttribute(dense_attention_kernel<DIM, EXACT>,
                                               cudaFuncAttributeMaxDynamicSharedMemorySize,
                                               static_cast<int>(kShared));
        if (err != cudaSuccess) {
            return err;
        }
    }
    dense_attention_kernel<DIM, EXACT><<<static_cast<unsigned>(blocks), kThreads, kShared, stream>>>(p, m_tiles);
    return cudaGetLastError();
}

bool valid_dtype(int32_t dtype) {
    return dtype == PANATTN_DTYPE_F32 || dtype == PANATTN_DTYPE_F16 || dtype == PANATTN_DTYPE_BF16;
}

bool valid_params(const panattn_dense_params& p) {
    if (p.batch < 0 || p.heads_q < 0 || p.heads_kv < 0 || p.n_q < 0 || p.n_k < 0 || p.head_dim < 0
        || p.head_dim_v < 0) {
        return false;
    }
    if (p.head_dim > PANATTN_DENSE_MAX_HEAD_DIM || p.head_dim_v > PANATTN_DENSE_MAX_HEAD_DIM) {
        return false;
    }
    if (p.heads_q > 0 && (p.heads_kv == 0 || p.heads_q % p.heads_kv != 0)) {
        return false;
    }
    const int64_t strides[] = {p.q_stride_b,   p.q_stride_h,   p.q_stride_n,   p.k_stride_b,   p.k_stride_h,
                               p.k_stride_n,   p.v_stride_b,   p.v_stride_h,   p.v_stride_n,   p.out_stride_b,
                               p.out_stride_h, p.out_stride_n, p.lse_stride_b, p.lse_stride_h, p.lse_stride_n};
    for (int64_t s : strides) {
        if (s < 0) {
            return false;
        }
    }
    if (!valid_dtype(p.q_dtype) || !valid_dtype(p.k_dtype) || !valid_dtype(p.v_dtype)) {
        return false;
    }
    if (p.window_left < PANATTN_WINDOW_UNBOUNDED || p.window_right < PANATTN_WINDOW_UNBOUNDED) {
        return false;
    }
    return isfinite(p.scale);
}

}  // namespace

extern "C" int panattn_dense_attention(const panattn_dense_params* params, void* stream) {
    if (params == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_dense_params& p = *params;
    if (!valid_params(p)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    if (p.batch == 0 || p.heads_q == 0 || p.n_q == 0) {
        return static_cast<int>(cudaSuccess);  // no row to write
    }
    // Only memory the kernel actually reads or writes must be present.
    const bool reads_keys = p.n_k > 0;
    if ((p.head_dim > 0 && p.q == nullptr) || (reads_keys && p.head_dim > 0 && p.k == nullptr)
        || (reads_keys && p.head_dim_v > 0 && p.v == nullptr) || (p.head_dim_v > 0 && p.out == nullptr)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const int64_t m_tiles = (p.n_q + kBlockM - 1) / kBlockM;
    int64_t blocks = 0;
    if (__builtin_mul_overflow(m_tiles, p.heads_q, &blocks) || __builtin_mul_overflow(blocks, p.batch, &blocks)
        || blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    cudaStream_t s = static_cast<cudaStream_t>(stream);
    // The launch is checked with cudaGetLastError, which would also report an earlier, unrelated failure (say a
    // cudaMalloc that ran out of memory): clear that first. Sticky errors cannot be cleared and are still reported.
    (void)cudaGetLastError();
    cudaError_t err;
    if (p.head_dim == p.head_dim_v && p.head_dim == 64) {
        err = launch<64, true>(p, m_tiles, blocks, s);
    } else if (p.head_dim == p.head_dim_v && p.head_dim == 128) {
        err = launch<128, true>(p, m_tiles, blocks, s);
    } else {
        const int64_t widest = p.head_dim > p.head_dim_v ? p.head_dim : p.head_dim_v;
        if (widest <= 64) {
            err = launch<64, false>(p, m_tiles, blocks, s);
        } else if (widest <= 128) {
            err = launch<128, false>(p, m_tiles, blocks, s);
        } else {
            err = launch<256, false>(p, m_tiles, blocks, s);
        }
    }
    return static_cast<int>(err);
}
