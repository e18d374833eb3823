/*
 * SAE kernels (see sae.cu for the launchers), in a header so that nvcc compiles them for the device and, under
 * kernels-cuda/emulation/, a host C++ compiler runs them with one fiber per CUDA thread to check their logic
 * without a GPU. The includer provides the CUDA built-ins (threadIdx, blockIdx, __syncthreads, __shfl_xor_sync,
 * atomicAdd on unsigned, unsigned long long and double, __half/__nv_bfloat16 with their float conversions both
 * ways) and panattn.h.
 *
 * - sae_gemm_kernel: c = act(a b + bias) by 64 x 64 output tiles, 16-deep K slices staged in shared memory
 *   (widened to fp32 on load, centring subtracted there), 256 threads each owning a 4 x 4 register tile; the
 *   bias and activation are applied in the store. The fallback when cuBLAS is absent, and the only path for
 *   strided, centred or half-precision operands.
 * - sae_bias_activate_kernel: the same epilogue alone, after a cuBLAS GEMM.
 * - sae_steer_kernel: one block per token; per CLAMP edit a block-wide dot product with one W_enc column, then
 *   one pass out = x + sum_e delta_e W_dec[j_e] (x read, out written once, in place allowed).
 * - sae_topk_kernel, sae_sparse_kernel: one block per feature row; an 8-bit radix select (four passes over the
 *   row) finds the key of the k-th strongest entry, then each thread walks a contiguous share of the row, so that
 *   a block-wide scan numbers the kept entries (and the ties at the threshold) in index order. The sparse kernel
 *   compacts its kept entries into the output row and sorts them there with a bitonic network.
 * - sae_accumulate_kernel: one thread per feature over a slice of token rows, double sums added atomically.
 */
#ifndef PANATTN_SAE_KERNEL_CUH
#define PANATTN_SAE_KERNEL_CUH

#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace panattn_sae {

constexpr int kTileM = 64;
constexpr int kTileN = 64;
constexpr int kTileK = 16;
constexpr int kGemmThreads = 256;  // 16 x 16 threads, 4 x 4 outputs each
constexpr int kSteerThreads = 256;
constexpr int kActivateThreads = 256;
constexpr int kSelectThreads = 256;
constexpr int kAccumulateThreads = 256;
constexpr int kAccumulateRows = 64;  // token rows per accumulate block
constexpr int kWarp = 32;
constexpr unsigned kFullMask = 0xffffffffu;
// shared floats: the GEMM's A and B slices; the steering kernel's warp partials and deltas, and the row kernels'
// SelectShared, fit in the same size
constexpr size_t kSharedFloats = kTileK * kTileM + kTileK * kTileN;

__device__ __forceinline__ float load_as_float(const void* base, int32_t dtype, int64_t index) {
    switch (dtype) {
    case PANATTN_DTYPE_F16:
        return __half2float(static_cast<const __half*>(base)[index]);
    case PANATTN_DTYPE_BF16:
        return __bfloat162float(static_cast<const __nv_bfloat16*>(base)[index]);
    default:
        return static_cast<const float*>(base)[index];
    }
}

__device__ __forceinline__ void store_float(void* base, int32_t dtype, int64_t index, float value) {
    switch (dtype) {
    case PANATTN_DTYPE_F16:
        static_cast<__half*>(base)[index] = __float2half_rn(value);
        break;
    case PANATTN_DTYPE_BF16:
        static_cast<__nv_bfloat16*>(base)[index] = __float2bfloat16_rn(value);
        break;
    default:
        static_cast<float*>(base)[index] = value;
    }
}

__host__ __device__ __forceinline__ int64_t row_offset(int64_t row, int64_t per_batch, int64_t stride_batch,
                                                       int64_t stride_row) {
    return (row / per_batch) * stride_batch + (row % per_batch) * stride_row;
}

/* act(h) with the conventions of org.panattn.ref.ReferenceSae: a NaN h stays NaN. */
__device__ __forceinline__ float activate(float h, int32_t activation, float threshold) {
    if (h != h) {
        return h;
    }
    if (activation == PANATTN_SAE_ACT_JUMP_RELU) {
        return h > threshold ? h : 0.0f;
    }
    if (activation == PANATTN_SAE_ACT_RELU) {
        return h > 0.0f ? h : 0.0f;
    }
    return h;
}

__device__ __forceinline__ float epilogue(const panattn_sae_gemm_params& p, int64_t col, float h) {
    if (p.bias != nullptr) {
        h += load_as_float(p.bias, p.bias_dtype, col * p.bias_stride);
    }
    const float theta = p.activation == PANATTN_SAE_ACT_JUMP_RELU
            ? load_as_float(p.threshold, p.threshold_dtype, col * p.threshold_stride) : 0.0f;
    return activate(h, p.activation, theta);
}

__global__ void __launch_bounds__(kGemmThreads) sae_gemm_kernel(panattn_sae_gemm_params p, int64_t col_tiles) {
    extern __shared__ float sae_shared[];
    float* a_tile = sae_shared;                    // [kTileK][kTileM]: k-major so a thread's 4 rows are adjacent
    float* b_tile = sae_shared + kTileK * kTileM;  // [kTileK][kTileN]
    const int64_t tile = blockIdx.x;
    const int64_t row0 = (tile / col_tiles) * kTileM;
    const int64_t col0 = (tile % col_tiles) * kTileN;
    const int tid = threadIdx.x;
    const int ty = tid / 16;
    const int tx = tid % 16;
    float acc[4][4];
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 4; ++j) {
            acc[i][j] = 0.0f;
        }
    }
    for (int64_t k0 = 0; k0 < p.k; k0 += kTileK) {
        for (int i = tid; i < kTileM * kTileK; i += kGemmThreads) {
            const int m = i / kTileK;
            const int kk = i % kTileK;
            const int64_t row = row0 + m;
            const int64_t kidx = k0 + kk;
            float v = 0.0f;
            if (row < p.rows && kidx < p.k) {
                v = load_as_float(p.a, p.a_dtype,
                                  row_offset(row, p.a_rows_per_batch, p.a_stride_batch, p.a_stride_row) + kidx);
                if (p.center != nullptr) {
                    v -= load_as_float(p.center, p.center_dtype, kidx * p.center_stride);
                }
            }
            a_tile[kk * kTileM + m] = v;
        }
        for (int i = tid; i < kTileK * kTileN; i += kGemmThreads) {
            const int kk = i / kTileN;
            const int nn = i % kTileN;
            const int64_t kidx = k0 + kk;
            const int64_t col = col0 + nn;
            b_tile[kk * kTileN + nn] = (kidx < p.k && col < p.n)
                    ? load_as_float(p.b, p.b_dtype, kidx * p.b_stride + col) : 0.0f;
        }
        __syncthreads();
        for (int kk = 0; kk < kTileK; ++kk) {
            float a_frag[4];
            float b_frag[4];
            for (int i = 0; i < 4; ++i) {
                a_frag[i] = a_tile[kk * kTileM + ty * 4 + i];
                b_frag[i] = b_tile[kk * kTileN + tx * 4 + i];
            }
            for (int i = 0; i < 4; ++i) {
                for (int j = 0; j < 4; ++j) {
                    acc[i][j] = fmaf(a_frag[i], b_frag[j], acc[i][j]);
                }
            }
        }
        __syncthreads();
    }
    for (int i = 0; i < 4; ++i) {
        const int64_t row = row0 + ty * 4 + i;
        if (row >= p.rows) {
            continue;
        }
        const int64_t out = row_offset(row, p.c_rows_per_batch, p.c_stride_batch, p.c_stride_row);
        for (int j = 0; j < 4; ++j) {
            const int64_t col = col0 + tx * 4 + j;
            if (col < p.n) {
                p.c[out + col] = epilogue(p, col, acc[i][j]);
            }
        }
    }
}

__global__ void __launch_bounds__(kActivateThreads) sae_bias_activate_kernel(panattn_sae_gemm_params p) {
    const int64_t index = static_cast<int64_t>(blockIdx.x) * kActivateThreads + threadIdx.x;
    if (index >= p.rows * p.n) {
        return;
    }
    const int64_t row = index / p.n;
    const int64_t col = index % p.n;
    float* c = p.c + row_offset(row, p.c_rows_per_batch, p.c_stride_batch, p.c_stride_row) + col;
    *c = epilogue(p, col, *c);
}

/* A token mask entry: I32 nonzero, or a float that is not 0 (NaN selects, as in org.panattn.sae.SaeProblem). */
__device__ __forceinline__ bool mask_selected(const void* mask, int32_t dtype, int64_t index) {
    return dtype == PANATTN_SAE_MASK_I32 ? static_cast<const int32_t*>(mask)[index] != 0
                                         : load_as_float(mask, dtype, index) != 0.0f;
}

__device__ __forceinline__ float warp_sum(float x) {
    for (int offset = kWarp / 2; offset > 0; offset >>= 1) {
        x += __shfl_xor_sync(kFullMask, x, offset);
    }
    return x;
}

__global__ void __launch_bounds__(kSteerThreads) sae_steer_kernel(panattn_sae_steer_params p) {
    extern __shared__ float sae_shared[];
    float* partial = sae_shared;                    // one per warp
    float* delta = sae_shared + kSteerThreads / kWarp;  // one per edit
    const int64_t token = blockIdx.x;
    const int tid = threadIdx.x;
    const int64_t x_at = row_offset(token, p.x_rows_per_batch, p.x_stride_batch, p.x_stride_row);
    const int64_t out_at = row_offset(token, p.out_rows_per_batch, p.out_stride_batch, p.out_stride_row);
    const bool selected = p.mask == nullptr
            || mask_selected(p.mask, p.mask_dtype,
                             row_offset(token, p.mask_rows_per_batch, p.mask_stride_batch, p.mask_stride_row));
    if (!selected) {  // uniform over the block
        if (p.out != p.x || x_at != out_at) {
            for (int64_t i = tid; i < p.d_in; i += kSteerThreads) {
                store_float(p.out, p.out_dtype, out_at + i, load_as_float(p.x, p.x_dtype, x_at + i));
            }
        }
        return;
    }
    for (int e = 0; e < p.edits; ++e) {
        const int64_t j = p.feature[e];
        if (p.mode[e] == PANATTN_SAE_CLAMP) {
            float sum = 0.0f;
            for (int64_t i = tid; i < p.d_in; i += kSteerThreads) {
                float xi = load_as_float(p.x, p.x_dtype, x_at + i);
                if (p.center != nullptr) {
                    xi -= load_as_float(p.center, p.center_dtype, i * p.center_stride);
                }
                sum = fmaf(xi, load_as_float(p.w_enc, p.w_enc_dtype, i * p.w_enc_stride + j), sum);
            }
            sum = warp_sum(sum);
            if (tid % kWarp == 0) {
                partial[tid / kWarp] = sum;
            }
            __syncthreads();
            if (tid == 0) {
                float h = load_as_float(p.b_enc, p.b_enc_dtype, j * p.b_enc_stride);
                for (int w = 0; w < kSteerThreads / kWarp; ++w) {
                    h += partial[w];
                }
                const float theta = p.activation == PANATTN_SAE_ACT_JUMP_RELU
                        ? load_as_float(p.threshold, p.threshold_dtype, j * p.threshold_stride) : 0.0f;
                delta[e] = p.value[e] - activate(h, p.activation, theta);
            }
            __syncthreads();  // partial is reused by the next edit
        } else if (tid == 0) {
            delta[e] = p.value[e];
        }
    }
    __syncthreads();
    for (int64_t i = tid; i < p.d_in; i += kSteerThreads) {
        float v = load_as_float(p.x, p.x_dtype, x_at + i);
        for (int e = 0; e < p.edits; ++e) {
            v = fmaf(delta[e], load_as_float(p.w_dec, p.w_dec_dtype, p.feature[e] * p.w_dec_stride + i), v);
        }
        store_float(p.out, p.out_dtype, out_at + i, v);
    }
}

/*
 * The ranking of ReferenceSae as an unsigned key: a larger value has a larger key, every NaN the largest (Java's
 * Float.compare puts NaN above +inf and -0 below +0).
 */
__device__ __forceinline__ uint32_t rank_key(float value) {
    if (value != value) {
        return 0xffffffffu;
    }
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

/* Whether entry (a, ia) ranks before (b, ib): a larger key, or the same key and a lower index. */
__device__ __forceinline__ bool stronger(float a, int64_t ia, float b, int64_t ib) {
    const uint32_t ka = rank_key(a);
    const uint32_t kb = rank_key(b);
    return ka > kb || (ka == kb && ia < ib);
}

/* Block-shared state of the row kernels, carved from sae_shared. */
struct SelectShared {
    int64_t scan[kSelectThreads];
    unsigned histogram[256];
    int64_t rank;
    uint32_t prefix;
};
static_assert(sizeof(SelectShared) <= kSharedFloats * sizeof(float), "SelectShared fits the shared buffer");

/*
 * The entries of a row kept by a top-k selection: every (eligible) entry whose key is above `threshold`, and the
 * first `ties` entries in index order whose key equals it. {0, 0} keeps every eligible entry: no float has key 0.
 */
struct TopSelection {
    uint32_t threshold;
    int64_t ties;
};

/* Whether an eligible entry with `key` is kept; `ties_seen` counts the threshold ties met so far in index order. */
__device__ __forceinline__ bool kept_by(const TopSelection& top, uint32_t key, int64_t& ties_seen) {
    if (key != top.threshold) {
        return key > top.threshold;
    }
    return ties_seen++ < top.ties;
}

__device__ __forceinline__ bool eligible(float value, bool nonzero_only) {
    return !nonzero_only || value != 0.0f;  // NaN != 0: a NaN feature is active
}

/* This thread's contiguous share [*begin, *end) of n entries: shares follow thread order, and so does a scan. */
__device__ __forceinline__ void thread_share(int64_t n, int64_t* begin, int64_t* end) {
    const int64_t per_thread = (n + kSelectThreads - 1) / kSelectThreads;
    *begin = min(n, per_thread * static_cast<int64_t>(threadIdx.x));
    *end = min(n, *begin + per_thread);
}

/* Exclusive prefix sum over the block of one value per thread (thread order); *total gets the sum of all. */
__device__ inline int64_t block_exclusive_scan(int64_t value, SelectShared& s, int64_t* total) {
    const int tid = threadIdx.x;
    s.scan[tid] = value;
    __syncthreads();
    for (int offset = 1; offset < kSelectThreads; offset <<= 1) {  // inclusive Hillis-Steele scan
        const int64_t add = tid >= offset ? s.scan[tid - offset] : 0;
        __syncthreads();
        s.scan[tid] += add;
        __syncthreads();
    }
    const int64_t inclusive = s.scan[tid];
    *total = s.scan[kSelectThreads - 1];
    __syncthreads();  // the next scan may overwrite s.scan
    return inclusive - value;
}

/*
 * The top k of the eligible entries of row[0, n) by an 8-bit radix select of the key of rank k - 1 (0 = the
 * strongest), from the most significant digit down. Needs 1 <= k <= the number of eligible entries.
 */
__device__ inline TopSelection select_top(const float* row, int64_t n, int64_t k, bool nonzero_only, SelectShared& s) {
    const int tid = threadIdx.x;
    if (tid == 0) {
        s.prefix = 0;
        s.rank = k - 1;
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
        for (int d = tid; d < 256; d += kSelectThreads) {
            s.histogram[d] = 0;
        }
        __syncthreads();
        const uint32_t prefix = s.prefix;
        const uint32_t high_mask = shift == 24 ? 0u : (0xffffffffu << (shift + 8));
        for (int64_t j = tid; j < n; j += kSelectThreads) {  // strided: coalesced, and the order does not matter
            const float v = row[j];
            const uint32_t key = rank_key(v);
            if (eligible(v, nonzero_only) && (key & high_mask) == prefix) {
                atomicAdd(&s.histogram[(key >> shift) & 0xffu], 1u);
            }
        }
        __syncthreads();
        if (tid == 0) {
            int64_t rank = s.rank;
            int digit = 255;
            while (rank >= static_cast<int64_t>(s.histogram[digit])) {  // strongest digits first
                rank -= s.histogram[digit];
                --digit;
            }
            s.rank = rank;
            s.prefix = prefix | (static_cast<uint32_t>(digit) << shift);
        }
        __syncthreads();
    }
    const TopSelection top{s.prefix, s.rank + 1};
    __syncthreads();  // s is free again
    return top;
}

/*
 * The exclusive scan of this thread's kept threshold ties (where its share starts counting them), for the kept_by
 * walk over the share.
 */
__device__ inline int64_t ties_before_share(const float* row, int64_t begin, int64_t end, const TopSelection& top,
                                            bool nonzero_only, SelectShared& s) {
    int64_t ties = 0;
    for (int64_t j = begin; j < end; ++j) {
        const float v = row[j];
        ties += eligible(v, nonzero_only) && rank_key(v) == top.threshold;
    }
    int64_t total;
    return block_exclusive_scan(ties, s, &total);
}

/* In place: the k strongest pre-activations of each row through ReLU (NaN stays), every other entry 0. */
__global__ void __launch_bounds__(kSelectThreads) sae_topk_kernel(panattn_sae_features_params p) {
    extern __shared__ float sae_shared[];
    SelectShared& s = *static_cast<SelectShared*>(static_cast<void*>(sae_shared));
    float* row = p.features + row_offset(blockIdx.x, p.features_rows_per_batch, p.features_stride_batch,
                                         p.features_stride_row);
    int64_t begin;
    int64_t end;
    thread_share(p.d_sae, &begin, &end);
    TopSelection top{0u, 0};
    int64_t ties_seen = 0;
    if (p.k < p.d_sae) {  // uniform over the block
        top = select_top(row, p.d_sae, p.k, false, s);
        ties_seen = ties_before_share(row, begin, end, top, false, s);
    }
    for (int64_t j = begin; j < end; ++j) {
        const float h = row[j];
        row[j] = kept_by(top, rank_key(h), ties_seen) ? activate(h, PANATTN_SAE_ACT_RELU, 0.0f) : 0.0f;
    }
}

/*
 * Sorts (values, indices)[0, n) strongest first, in place, with the bitonic network of the next power of two in
 * its flip form (every comparator sends the weaker entry up). Comparators that reach n or beyond are skipped: the
 * padding entries there would be weaker than every real one, so no comparator would move them.
 */
__device__ inline void sort_strongest_first(float* values, int32_t* indices, int64_t n) {
    int64_t padded = 1;
    while (padded < n) {
        padded <<= 1;
    }
    for (int64_t size = 2; size <= padded; size <<= 1) {
        for (int64_t half = size / 2; half > 0; half /= 2) {
            for (int64_t c = threadIdx.x; c < padded / 2; c += kSelectThreads) {
                const int64_t base = c / half * (2 * half);
                const int64_t lo = base + c % half;
                const int64_t hi = half == size / 2 ? base + 2 * half - 1 - c % half : lo + half;
                if (hi < n && stronger(values[hi], indices[hi], values[lo], indices[lo])) {
                    const float v = values[lo];
                    const int32_t i = indices[lo];
                    values[lo] = values[hi];
                    indices[lo] = indices[hi];
                    values[hi] = v;
                    indices[hi] = i;
                }
            }
            __syncthreads();
        }
    }
}

/* Per row: the active count and the capacity strongest nonzero features, strongest first, padded with -1 / 0. */
__global__ void __launch_bounds__(kSelectThreads) sae_sparse_kernel(panattn_sae_features_params p) {
    extern __shared__ float sae_shared[];
    SelectShared& s = *static_cast<SelectShared*>(static_cast<void*>(sae_shared));
    const int64_t token = blockIdx.x;
    const float* row = p.features + row_offset(token, p.features_rows_per_batch, p.features_stride_batch,
                                               p.features_stride_row);
    int32_t* indices = p.indices + row_offset(token, p.indices_rows_per_batch, p.indices_stride_batch,
                                              p.indices_stride_row);
    float* values = p.values + row_offset(token, p.values_rows_per_batch, p.values_stride_batch,
                                          p.values_stride_row);
    int64_t begin;
    int64_t end;
    thread_share(p.d_sae, &begin, &end);
    int64_t active_here = 0;
    for (int64_t j = begin; j < end; ++j) {
        active_here += row[j] != 0.0f;
    }
    int64_t active;
    int64_t slot = block_exclusive_scan(active_here, s, &active);
    int64_t kept = active;
    TopSelection top{0u, 0};
    int64_t ties_seen = 0;
    if (active > p.capacity) {  // uniform over the block
        top = select_top(row, p.d_sae, p.capacity, true, s);
        ties_seen = ties_before_share(row, begin, end, top, true, s);
        int64_t kept_here = 0;
        for (int64_t j = begin, ties = ties_seen; j < end; ++j) {
            const float v = row[j];
            kept_here += eligible(v, true) && kept_by(top, rank_key(v), ties);
        }
        slot = block_exclusive_scan(kept_here, s, &kept);
    }
    for (int64_t j = begin; j < end; ++j) {  // compaction in index order
        const float v = row[j];
        if (eligible(v, true) && kept_by(top, rank_key(v), ties_seen)) {
            indices[slot] = static_cast<int32_t>(j);
            values[slot] = v;
            ++slot;
        }
    }
    __syncthreads();
    sort_strongest_first(values, indices, kept);
    for (int64_t c = kept + threadIdx.x; c < p.capacity; c += kSelectThreads) {
        indices[c] = -1;
        values[c] = 0.0f;
    }
    if (threadIdx.x == 0) {
        p.active_count[row_offset(token, p.count_rows_per_batch, p.count_stride_batch, p.count_stride_row)] =
                static_cast<int32_t>(active);
    }
}

/* Block (column block, row slice): per feature j of the column block, the sums over the slice's selected rows. */
__global__ void __launch_bounds__(kAccumulateThreads) sae_accumulate_kernel(panattn_sae_features_params p,
                                                                           int64_t column_blocks) {
    const int64_t column_block = blockIdx.x % column_blocks;
    const int64_t first = blockIdx.x / column_blocks * kAccumulateRows;
    const int64_t last = min(p.rows, first + kAccumulateRows);
    const int64_t j = column_block * kAccumulateThreads + threadIdx.x;
    double sum = 0.0;
    unsigned long long active = 0;
    unsigned long long tokens = 0;
    for (int64_t r = first; r < last; ++r) {
        if (p.mask != nullptr
            && !mask_selected(p.mask, p.mask_dtype,
                              row_offset(r, p.mask_rows_per_batch, p.mask_stride_batch, p.mask_stride_row))) {
            continue;
        }
        ++tokens;
        if (j < p.d_sae) {
            const float f = p.features[row_offset(r, p.features_rows_per_batch, p.features_stride_batch,
                                                  p.features_stride_row) + j];
            if (f != 0.0f) {
                sum += f;
                ++active;
            }
        }
    }
    if (j < p.d_sae && active > 0) {
        atomicAdd(&p.sums[j], sum);
        atomicAdd(reinterpret_cast<unsigned long long*>(&p.active[j]), active);
    }
    if (column_block == 0 && threadIdx.x == 0 && tokens > 0) {
        atomicAdd(reinterpret_cast<unsigned long long*>(p.tokens), tokens);
    }
}

}  // namespace panattn_sae

#endif  // PANATTN_SAE_KERNEL_CUH
