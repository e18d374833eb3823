/*
 * OBCache kernels (see panattn.h): the score pass, the per-key finalisation (pooling, GQA aggregation) and the
 * eviction (segmented radix select, order-preserving compaction of the kept positions, staged gather).
 * Shared by the CUDA launcher (obcache.cu) and the host emulation (emulation/obcache_emulation.cpp), so the
 * kernel bodies use only what cuda_host_shim.h provides: threadIdx.x/blockIdx.x, __syncthreads, float shuffles.
 *
 * Score pass: one block per (batch, kv head, tile of kKeysPerBlock keys); its kThreads threads are kRowGroups
 * groups of kKeysPerBlock, thread (group g, key kk) scoring key kk against the window rows t = g, g + kRowGroups,
 * ... of each query head in turn. Those rows' q and o (the window output, from a dense-attention pass that also
 * gives each row's log-sum-exp) go through shared memory, K and V rows are read from global memory (they stay in
 * L1 across the rows). Distances ||v - o||^2 are summed directly, not expanded, so they do not cancel.
 */
#ifndef PANATTN_OBCACHE_KERNEL_CUH
#define PANATTN_OBCACHE_KERNEL_CUH

#include <stdint.h>

#include "panattn.h"

/* Block-shared arrays: __shared__ on the GPU; the emulation defines it as `static` (one block runs at a time). */
#ifndef PANATTN_BLOCK_SHARED
#define PANATTN_BLOCK_SHARED __shared__
#endif

namespace panattn_obcache {

constexpr int kKeysPerBlock = 32;
constexpr int kRowGroups = 4;
constexpr int kThreads = kKeysPerBlock * kRowGroups;
constexpr int kMaxHeadDim = 256;
constexpr int kSelectThreads = 256;
constexpr int kGatherRows = 8;
constexpr int64_t kAlign = 256;

__host__ __device__ inline int64_t align_up(int64_t x) {
    return (x + kAlign - 1) / kAlign * kAlign;
}

__host__ __device__ inline int64_t element_bytes(int32_t dtype) {
    return dtype == PANATTN_DTYPE_F32 ? 4 : 2;
}

__host__ __device__ inline int64_t score_heads(const panattn_obcache_params& p) {
    return p.aggregation == PANATTN_OBCACHE_AGG_NONE ? p.heads_q : p.heads_kv;
}

/* Score workspace: window outputs O [B,Hq,w,Dv] F32, their lse [B,Hq,w] F32, raw scores [B,Hq,L] F32. */
struct ScoreWorkspace {
    int64_t outputs, lse, raw, bytes;
};

__host__ __device__ inline ScoreWorkspace score_workspace(const panattn_obcache_params& p) {
    ScoreWorkspace w;
    const int64_t rows = p.batch * p.heads_q * p.window;
    w.outputs = 0;
    w.lse = align_up(w.outputs + rows * p.head_dim_v * 4);
    w.raw = align_up(w.lse + rows * 4);
    w.bytes = align_up(w.raw + p.batch * p.heads_q * p.n_k * 4);
    return w;
}

/* Evict workspace: per segment a threshold key (u64), then staged scores, K rows and V rows of the kept tokens. */
struct EvictWorkspace {
    int64_t thresholds, scores, keys, values, bytes;
};

__host__ __device__ inline EvictWorkspace evict_workspace(const panattn_obcache_params& p) {
    EvictWorkspace w;
    const int64_t segments = p.batch * p.heads_kv;
    const int64_t rows = segments * p.budget;
    w.thresholds = 0;
    w.scores = align_up(segments * 8);
    w.keys = align_up(w.scores + rows * 4);
    w.values = align_up(w.keys + rows * p.head_dim * element_bytes(p.k_dtype));
    w.bytes = align_up(w.values + rows * p.head_dim_v * element_bytes(p.v_dtype));
    return w;
}

__device__ inline float load(const void* base, int32_t dtype, int64_t index) {
    if (dtype == PANATTN_DTYPE_F32) {
        return static_cast<const float*>(base)[index];
    }
    if (dtype == PANATTN_DTYPE_F16) {
        return __half2float(static_cast<const __half*>(base)[index]);
    }
    return __bfloat162float(static_cast<const __nv_bfloat16*>(base)[index]);
}

/* max that returns NaN when either argument is NaN (as Java's Math.max and the reference). */
__device__ inline float nan_max(float a, float b) {
    return (a != a || b != b) ? a + b : (a > b ? a : b);
}

__device__ inline int64_t visible_keys(const panattn_obcache_params& p, int64_t query) {
    if (!p.causal) {
        return p.n_k;
    }
    const int64_t end = query + p.n_k - p.n_q + 1;
    return end < 0 ? 0 : (end > p.n_k ? p.n_k : end);
}

/*
 * Grid: (key tiles) * batch * heads_kv blocks of kThreads. Writes raw[b, h, j] (per query head, unpooled) for
 * the block's keys. `outputs` and `lse` hold each window row's output and natural-log log-sum-exp.
 */
__global__ void __launch_bounds__(kThreads) obcache_score_kernel(panattn_obcache_params p, const float* outputs,
                                                                 const float* lse, float* raw, int64_t key_tiles) {
    PANATTN_BLOCK_SHARED float rows_q[kRowGroups][kMaxHeadDim];
    PANATTN_BLOCK_SHARED float rows_o[kRowGroups][kMaxHeadDim];
    PANATTN_BLOCK_SHARED float rows_lse[kRowGroups];
    PANATTN_BLOCK_SHARED float partial[kRowGroups][kKeysPerBlock];

    const int64_t block = blockIdx.x;
    const int64_t tile = block % key_tiles;
    const int64_t bh = block / key_tiles;
    const int64_t b = bh / p.heads_kv;
    const int64_t hk = bh % p.heads_kv;
    const int tid = static_cast<int>(threadIdx.x);
    const int kk = tid % kKeysPerBlock;
    const int group_row = tid / kKeysPerBlock;
    const int64_t j = tile * kKeysPerBlock + kk;
    const bool has_key = j < p.n_k;
    const int64_t group = p.heads_q / p.heads_kv;
    const int64_t first_query = p.n_q - p.window;

    const void* k_row = static_cast<const char*>(p.k)
        + (b * p.k_stride_b + hk * p.k_stride_h + (has_key ? j : 0) * p.k_stride_n) * element_bytes(p.k_dtype);
    const void* v_row = static_cast<const char*>(p.v)
        + (b * p.v_stride_b + hk * p.v_stride_h + (has_key ? j : 0) * p.v_stride_n) * element_bytes(p.v_dtype);
    float value_norm2 = 0.0f;
    if (has_key) {
        for (int64_t c = 0; c < p.head_dim_v; ++c) {
            const float x = load(v_row, p.v_dtype, c);
            value_norm2 += x * x;
        }
    }

    for (int64_t g = 0; g < group; ++g) {
        const int64_t h = hk * group + g;
        float acc = 0.0f;
        for (int64_t t0 = 0; t0 < p.window; t0 += kRowGroups) {
            __syncthreads();  // the previous rows are no longer read
            for (int x = tid; x < kRowGroups * (p.head_dim + p.head_dim_v); x += kThreads) {
                const int row = x / static_cast<int>(p.head_dim + p.head_dim_v);
                const int64_t c = x % (p.head_dim + p.head_dim_v);
                const int64_t t = t0 + row;
                if (t >= p.window) {
                    continue;
                }
                const int64_t i = first_query + t;
                if (c < p.head_dim) {
                    const void* q_row = static_cast<const char*>(p.q)
                        + (b * p.q_stride_b + h * p.q_stride_h + i * p.q_stride_n) * element_bytes(p.q_dtype);
                    rows_q[row][c] = load(q_row, p.q_dtype, c);
                } else {
                    rows_o[row][c - p.head_dim] = outputs[((b * p.heads_q + h) * p.window + t) * p.head_dim_v
                                                          + (c - p.head_dim)];
                }
            }
            if (tid < kRowGroups && t0 + tid < p.window) {
                rows_lse[tid] = lse[(b * p.heads_q + h) * p.window + t0 + tid];
            }
            __syncthreads();
            const int64_t t = t0 + group_row;
            if (!has_key || t >= p.window || j >= visible_keys(p, first_query + t)) {
                continue;
            }
            float dot = 0.0f;
            for (int64_t c = 0; c < p.head_dim; ++c) {
                dot += rows_q[group_row][c] * load(k_row, p.k_dtype, c);
            }
            const float z = dot * p.scale;
            const float a = expf(z - rows_lse[group_row]);
            if (p.score == PANATTN_OBCACHE_SCORE_ACCUMULATED) {
                acc += a;
                continue;
            }
            const float a2 = a * a;
            if (p.score == PANATTN_OBCACHE_SCORE_VALUE) {
                acc += a2 * value_norm2;
                continue;
            }
            float distance2 = 0.0f;
            float value_dot_output = 0.0f;
            for (int64_t c = 0; c < p.head_dim_v; ++c) {
                const float x = load(v_row, p.v_dtype, c);
                const float o = rows_o[group_row][c];
                distance2 += (x - o) * (x - o);
                value_dot_output += x * o;
            }
            const float key_term = a2 * z * z * distance2;
            if (p.score == PANATTN_OBCACHE_SCORE_KEY) {
                acc += key_term;
            } else {
                acc += a2 * value_norm2 + key_term + 2.0f * a2 * z * (value_norm2 - value_dot_output);
            }
        }
        __syncthreads();
        partial[group_row][kk] = acc;
        __syncthreads();
        if (group_row == 0 && has_key) {
            float sum = 0.0f;
            for (int r = 0; r < kRowGroups; ++r) {
                sum += partial[r][kk];
            }
            raw[(b * p.heads_q + h) * p.n_k + j] = sum;
        }
    }
}

/* One thread per (batch, score head, key): pooling over keys, then GQA aggregation; writes or adds the score. */
__global__ void obcache_finalize_kernel(panattn_obcache_params p, const float* raw, int64_t total) {
    const int64_t index = static_cast<int64_t>(blockIdx.x) * kThreads + threadIdx.x;
    if (index >= total) {
        return;
    }
    const int64_t heads = score_heads(p);
    const int64_t j = index % p.n_k;
    const int64_t bh = index / p.n_k;
    const int64_t b = bh / heads;
    const int64_t h = bh % heads;
    const int64_t group = p.heads_q / p.heads_kv;
    const int64_t first_head = p.aggregation == PANATTN_OBCACHE_AGG_NONE ? h : h * group;
    const int64_t count = p.aggregation == PANATTN_OBCACHE_AGG_NONE ? 1 : group;
    const int64_t lo = j - p.pool_radius < 0 ? 0 : j - p.pool_radius;
    const int64_t hi = j + p.pool_radius >= p.n_k ? p.n_k - 1 : j + p.pool_radius;
    float result = 0.0f;
    for (int64_t g = 0; g < count; ++g) {
        const float* row = raw + (b * p.heads_q + first_head + g) * p.n_k;
        float pooled = row[lo];
        for (int64_t t = lo + 1; t <= hi; ++t) {
            pooled = nan_max(pooled, row[t]);
        }
        if (g == 0) {
            result = pooled;
        } else if (p.aggregation == PANATTN_OBCACHE_AGG_MAX) {
            result = nan_max(result, pooled);
        } else {
            result += pooled;
        }
    }
    if (p.aggregation == PANATTN_OBCACHE_AGG_MEAN) {
        result /= static_cast<float>(group);
    }
    float* out = p.scores + b * p.scores_stride_b + h * p.scores_stride_h + j * p.scores_stride_n;
    *out = p.accumulate ? *out + result : result;
}

/*
 * The selection key: ascending order = (score descending, position ascending), NaN after every number, -0 = +0.
 */
__device__ inline uint64_t rank_key(float score, int64_t position) {
    uint32_t rank;
    if (score != score) {
        rank = 0xffffffffu;
    } else {
        float s = score + 0.0f;
        uint32_t bits;
        memcpy(&bits, &s, sizeof bits);
        const uint32_t ascending = (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
        rank = ~ascending;
    }
    return (static_cast<uint64_t>(rank) << 32) | static_cast<uint32_t>(position);
}

/*
 * One block of kSelectThreads per (batch, kv head): finds the key of rank heavy - 1 among the candidates
 * [sink, n_k - recent) by an 8-bit radix select, then writes the kept positions in order (a block-wide scan per
 * chunk of keys) and stores the threshold.
 */
__global__ void __launch_bounds__(kSelectThreads) obcache_select_kernel(panattn_obcache_params p,
                                                                        uint64_t* thresholds) {
    PANATTN_BLOCK_SHARED unsigned histogram[256];
    PANATTN_BLOCK_SHARED uint64_t prefix_shared;
    PANATTN_BLOCK_SHARED int64_t rank_shared;
    PANATTN_BLOCK_SHARED int scan[kSelectThreads];
    PANATTN_BLOCK_SHARED int64_t base_shared;

    const int64_t segment = blockIdx.x;
    const int64_t b = segment / p.heads_kv;
    const int64_t h = segment % p.heads_kv;
    const int tid = static_cast<int>(threadIdx.x);
    const float* scores = p.scores + b * p.scores_stride_b + h * p.scores_stride_h;
    const int64_t lo = p.sink;
    const int64_t hi = p.n_k - p.recent;
    const int64_t heavy = p.budget - p.sink - p.recent;

    uint64_t threshold;
    if (heavy >= hi - lo) {
        threshold = ~static_cast<uint64_t>(0);  // every candidate is kept
    } else if (heavy == 0) {
        threshold = 0;  // none is (no key is 0: positions are below 2^32 and ranks of numbers are below ~0)
    } else {
        if (tid == 0) {
            prefix_shared = 0;
            rank_shared = heavy - 1;
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            for (int x = tid; x < 256; x += kSelectThreads) {
                histogram[x] = 0;
            }
            __syncthreads();
            const uint64_t prefix = prefix_shared;
            const uint64_t high_mask = shift == 56 ? 0 : (~static_cast<uint64_t>(0) << (shift + 8));
            for (int64_t j = lo + tid; j < hi; j += kSelectThreads) {
                const uint64_t key = rank_key(scores[j * p.scores_stride_n], j);
                if ((key & high_mask) == prefix) {
                    atomicAdd(&histogram[(key >> shift) & 0xff], 1u);
                }
            }
            __syncthreads();
            if (tid == 0) {
                int64_t rank = rank_shared;
                int digit = 0;
                while (rank >= static_cast<int64_t>(histogram[digit])) {
                    rank -= histogram[digit];
                    ++digit;
                }
                rank_shared = rank;
                prefix_shared = prefix | (static_cast<uint64_t>(digit) << shift);
            }
            __syncthreads();
        }
        threshold = prefix_shared;
    }
    if (tid == 0) {
        thresholds[segment] = threshold;
        base_shared = 0;
    }
    __syncthreads();
    int32_t* kept = p.kept + b * p.kept_stride_b + h * p.kept_stride_h;
    for (int64_t chunk = 0; chunk < p.n_k; chunk += kSelectThreads) {
        const int64_t j = chunk + tid;
        int keep = 0;
        if (j < p.n_k) {
            keep = j < lo || j >= hi || rank_key(scores[j * p.scores_stride_n], j) <= threshold;
        }
        scan[tid] = keep;
        __syncthreads();
        for (int offset = 1; offset < kSelectThreads; offset <<= 1) {  // inclusive Hillis-Steele scan
            const int add = tid >= offset ? scan[tid - offset] : 0;
            __syncthreads();
            scan[tid] += add;
            __syncthreads();
        }
        const int64_t base = base_shared;
        if (keep) {
            kept[(base + scan[tid] - 1) * p.kept_stride_n] = static_cast<int32_t>(j);
        }
        __syncthreads();
        if (tid == kSelectThreads - 1) {
            base_shared = base + scan[tid];
        }
        __syncthreads();
    }
}

__device__ inline void copy_bytes(char* dst, const char* src, int64_t bytes, int lane, int lanes) {
    if (bytes % 4 == 0 && reinterpret_cast<uintptr_t>(dst) % 4 == 0 && reinterpret_cast<uintptr_t>(src) % 4 == 0) {
        for (int64_t x = lane; x < bytes / 4; x += lanes) {
            reinterpret_cast<uint32_t*>(dst)[x] = reinterpret_cast<const uint32_t*>(src)[x];
        }
    } else {
        for (int64_t x = lane; x < bytes / 2; x += lanes) {
            reinterpret_cast<uint16_t*>(dst)[x] = reinterpret_cast<const uint16_t*>(src)[x];
        }
    }
}

/*
 * Moves kGatherRows kept rows per block between the cache and the workspace: to_workspace = 1 stages row kept[t]
 * of k, v and scores in slot t; 0 writes slot t back to row t. Two launches, so no row is overwritten before it
 * has been read.
 */
__global__ void obcache_gather_kernel(panattn_obcache_params p, char* workspace, int to_workspace,
                                      int64_t row_tiles) {
    const EvictWorkspace w = evict_workspace(p);
    const int64_t segment = blockIdx.x / row_tiles;
    const int64_t tile = blockIdx.x % row_tiles;
    const int64_t b = segment / p.heads_kv;
    const int64_t h = segment % p.heads_kv;
    const int tid = static_cast<int>(threadIdx.x);
    const int lanes = kThreads / kGatherRows;
    const int64_t t = tile * kGatherRows + tid / lanes;
    const int lane = tid % lanes;
    if (t >= p.budget) {
        return;
    }
    const int64_t source = p.kept[b * p.kept_stride_b + h * p.kept_stride_h + t * p.kept_stride_n];
    const int64_t slot = segment * p.budget + t;
    const int64_t ek = element_bytes(p.k_dtype);
    const int64_t ev = element_bytes(p.v_dtype);
    char* k_base = static_cast<char*>(p.k) + (b * p.k_stride_b + h * p.k_stride_h) * ek;
    char* v_base = static_cast<char*>(p.v) + (b * p.v_stride_b + h * p.v_stride_h) * ev;
    float* score_row = p.scores + b * p.scores_stride_b + h * p.scores_stride_h;
    char* staged_k = workspace + w.keys + slot * p.head_dim * ek;
    char* staged_v = workspace + w.values + slot * p.head_dim_v * ev;
    float* staged_score = reinterpret_cast<float*>(workspace + w.scores) + slot;
    if (to_workspace) {
        copy_bytes(staged_k, k_base + source * p.k_stride_n * ek, p.head_dim * ek, lane, lanes);
        copy_bytes(staged_v, v_base + source * p.v_stride_n * ev, p.head_dim_v * ev, lane, lanes);
        if (lane == 0) {
            *staged_score = score_row[source * p.scores_stride_n];
        }
    } else {
        copy_bytes(k_base + t * p.k_stride_n * ek, staged_k, p.head_dim * ek, lane, lanes);
        copy_bytes(v_base + t * p.v_stride_n * ev, staged_v, p.head_dim_v * ev, lane, lanes);
        if (lane == 0) {
            score_row[t * p.scores_stride_n] = *staged_score;
        }
    }
}

}  // namespace panattn_obcache

#endif  // PANATTN_OBCACHE_KERNEL_CUH
