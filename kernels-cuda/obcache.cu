/*
 * Launchers of the OBCache kernels (obcache_kernel.cuh). Scores: dense attention on the window rows (for their
 * outputs and log-sum-exp, into the workspace), the score pass, the finalisation. Eviction: the select kernel,
 * then the gather into the workspace and back. Every launch goes on the caller's stream.
 */
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "panattn.h"
#include "obcache_kernel.cuh"

namespace {

using namespace panattn_obcache;

bool valid_dtype(int32_t dtype) {
    return dtype == PANATTN_DTYPE_F32 || dtype == PANATTN_DTYPE_F16 || dtype == PANATTN_DTYPE_BF16;
}

bool valid_common(const panattn_obcache_params& p) {
    if (p.batch < 0 || p.heads_q < 0 || p.heads_kv < 1 || p.n_q < 0 || p.n_k < 0 || p.head_dim < 0
        || p.head_dim_v < 0 || p.head_dim > kMaxHeadDim || p.head_dim_v > kMaxHeadDim || p.n_k > INT32_MAX) {
        return false;
    }
    const int64_t strides[] = {p.q_stride_b, p.q_stride_h, p.q_stride_n, p.k_stride_b, p.k_stride_h,
                               p.k_stride_n, p.v_stride_b, p.v_stride_h, p.v_stride_n, p.scores_stride_b,
                               p.scores_stride_h, p.scores_stride_n, p.kept_stride_b, p.kept_stride_h,
                               p.kept_stride_n};
    for (int64_t s : strides) {
        if (s < 0) {
            return false;
        }
    }
    return valid_dtype(p.k_dtype) && valid_dtype(p.v_dtype);
}

bool valid_scores(const panattn_obcache_params& p) {
    return valid_common(p) && valid_dtype(p.q_dtype) && p.heads_q % p.heads_kv == 0 && p.window >= 1
           && p.window <= p.n_q && p.score >= PANATTN_OBCACHE_SCORE_VALUE
           && p.score <= PANATTN_OBCACHE_SCORE_ACCUMULATED && p.aggregation >= PANATTN_OBCACHE_AGG_MEAN
           && p.aggregation <= PANATTN_OBCACHE_AGG_NONE && p.pool_radius >= 0 && isfinite(p.scale);
}

bool valid_evict(const panattn_obcache_params& p) {
    return valid_common(p) && p.sink >= 0 && p.recent >= 0 && p.budget >= p.sink + p.recent && p.budget <= p.n_k;
}

int64_t blocks_or_zero(int64_t a, int64_t b) {
    int64_t n = 0;
    if (__builtin_mul_overflow(a, b, &n) || n > INT32_MAX) {
        return 0;
    }
    return n;
}

}  // namespace

extern "C" int64_t panattn_obcache_workspace_bytes(const panattn_obcache_params* params, int operation) {
    if (params == nullptr) {
        return -1;
    }
    if (operation == PANATTN_OBCACHE_OP_SCORES) {
        return valid_scores(*params) ? score_workspace(*params).bytes : -1;
    }
    if (operation == PANATTN_OBCACHE_OP_EVICT) {
        return valid_evict(*params) ? evict_workspace(*params).bytes : -1;
    }
    return -1;
}

extern "C" int panattn_obcache_scores(const panattn_obcache_params* params, void* stream) {
    if (params == nullptr || !valid_scores(*params)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_obcache_params& p = *params;
    if (p.batch == 0 || p.heads_q == 0 || p.n_k == 0) {
        return static_cast<int>(cudaSuccess);  // no score to write
    }
    if (p.workspace == nullptr || p.scores == nullptr || p.q == nullptr || p.k == nullptr || p.v == nullptr) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const ScoreWorkspace w = score_workspace(p);
    char* ws = static_cast<char*>(p.workspace);
    cudaStream_t s = static_cast<cudaStream_t>(stream);

    const bool given = p.window_outputs != nullptr && p.window_lse != nullptr;
    if ((p.window_outputs != nullptr) != (p.window_lse != nullptr)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    panattn_dense_params d;
    memset(&d, 0, sizeof d);
    const int64_t first_query = p.n_q - p.window;
    d.q = static_cast<const char*>(p.q) + first_query * p.q_stride_n * element_bytes(p.q_dtype);
    d.k = p.k;
    d.v = p.v;
    d.out = reinterpret_cast<float*>(ws + w.outputs);
    d.lse = reinterpret_cast<float*>(ws + w.lse);
    d.batch = p.batch;
    d.heads_q = p.heads_q;
    d.heads_kv = p.heads_kv;
    d.n_q = p.window;
    d.n_k = p.n_k;
    d.head_dim = p.head_dim;
    d.head_dim_v = p.head_dim_v;
    d.q_stride_b = p.q_stride_b;
    d.q_stride_h = p.q_stride_h;
    d.q_stride_n = p.q_stride_n;
    d.k_stride_b = p.k_stride_b;
    d.k_stride_h = p.k_stride_h;
    d.k_stride_n = p.k_stride_n;
    d.v_stride_b = p.v_stride_b;
    d.v_stride_h = p.v_stride_h;
    d.v_stride_n = p.v_stride_n;
    d.out_stride_b = p.heads_q * p.window * p.head_dim_v;
    d.out_stride_h = p.window * p.head_dim_v;
    d.out_stride_n = p.head_dim_v;
    d.lse_stride_b = p.heads_q * p.window;
    d.lse_stride_h = p.window;
    d.lse_stride_n = 1;
    d.q_dtype = p.q_dtype;
    d.k_dtype = p.k_dtype;
    d.v_dtype = p.v_dtype;
    d.causal = p.causal;
    d.window_left = PANATTN_WINDOW_UNBOUNDED;
    d.window_right = PANATTN_WINDOW_UNBOUNDED;
    d.scale = p.scale;
    if (!given) {
        const int err = panattn_dense_attention(&d, stream);
        if (err != 0) {
            return err;
        }
    }
    const float* outputs = given ? p.window_outputs : reinterpret_cast<const float*>(ws + w.outputs);
    const float* lse = given ? p.window_lse : reinterpret_cast<const float*>(ws + w.lse);
    const int64_t key_tiles = (p.n_k + kKeysPerBlock - 1) / kKeysPerBlock;
    const int64_t score_blocks = blocks_or_zero(key_tiles, p.batch * p.heads_kv);
    const int64_t total = p.batch * score_heads(p) * p.n_k;
    const int64_t finalize_blocks = (total + kThreads - 1) / kThreads;
    if (score_blocks == 0 || finalize_blocks > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    obcache_score_kernel<<<static_cast<unsigned>(score_blocks), kThreads, 0, s>>>(
        p, outputs, lse, reinterpret_cast<float*>(ws + w.raw), key_tiles);
    cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess) {
        return static_cast<int>(e);
    }
    obcache_finalize_kernel<<<static_cast<unsigned>(finalize_blocks), kThreads, 0, s>>>(
        p, reinterpret_cast<const float*>(ws + w.raw), total);
    return static_cast<int>(cudaGetLastError());
}

extern "C" int panattn_obcache_evict(const panattn_obcache_params* params, void* stream) {
    if (params == nullptr || !valid_evict(*params)) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const panattn_obcache_params& p = *params;
    const int64_t segments = p.batch * p.heads_kv;
    if (segments == 0 || p.budget == 0) {
        return static_cast<int>(cudaSuccess);
    }
    if (p.workspace == nullptr || p.scores == nullptr || p.kept == nullptr
        || (p.head_dim > 0 && p.k == nullptr) || (p.head_dim_v > 0 && p.v == nullptr) || segments > INT32_MAX) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const EvictWorkspace w = evict_workspace(p);
    char* ws = static_cast<char*>(p.workspace);
    cudaStream_t s = static_cast<cudaStream_t>(stream);
    obcache_select_kernel<<<static_cast<unsigned>(segments), kSelectThreads, 0, s>>>(
        p, reinterpret_cast<uint64_t*>(ws + w.thresholds));
    cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess) {
        return static_cast<int>(e);
    }
    const int64_t row_tiles = (p.budget + kGatherRows - 1) / kGatherRows;
    const int64_t blocks = blocks_or_zero(row_tiles, segments);
    if (blocks == 0) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    for (int to_workspace = 1; to_workspace >= 0; --to_workspace) {
        obcache_gather_kernel<<<static_cast<unsigned>(blocks), kThreads, 0, s>>>(p, ws, to_workspace, row_tiles);
        e = cudaGetLastError();
        if (e != cudaSuccess) {
            return static_cast<int>(e);
        }
    }
    return static_cast<int>(cudaSuccess);
}
