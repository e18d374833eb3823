/*
 * The dense-attention kernel itself (see dense_attention.cu for the design), kept in a header so that the same
 * source is compiled by nvcc for the device and, under kernels-cuda/emulation/, by a host C++ compiler that runs
 * it with one fiber per CUDA thread to check its logic on machines without a GPU.
 *
 * The includer provides the CUDA built-ins (threadIdx, blockIdx, __syncthreads, __shfl_*_sync, float4, __half,
 * __nv_bfloat16 and their float conversions) and panattn.h.
 */
#ifndef PANATTN_DENSE_ATTENTION_KERNEL_CUH
#define PANATTN_DENSE_ATTENTION_KERNEL_CUH

#include <stddef.h>
#include <stdint.h>

namespace panattn_dense {

constexpr int kWarpSize = 32;
constexpr int kWarps = 4;
constexpr int kRowsPerWarp = 4;
constexpr int kBlockM = kWarps * kRowsPerWarp;  // query rows per block
constexpr int kBlockN = kWarpSize;              // keys per tile: lane j scores key j
constexpr int kThreads = kWarps * kWarpSize;
constexpr unsigned kFullMask = 0xffffffffu;
constexpr float kLog2e = 1.4426950408889634f;
constexpr float kLn2 = 0.6931471805599453f;
constexpr size_t kDefaultSharedLimit = 48 * 1024;  // above this, dynamic shared memory needs an explicit opt-in

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

__device__ __forceinline__ float warp_max(float x) {
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset >>= 1) {
        x = fmaxf(x, __shfl_xor_sync(kFullMask, x, offset));
    }
    return x;
}

__device__ __forceinline__ float warp_sum(float x) {
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset >>= 1) {
        x += __shfl_xor_sync(kFullMask, x, offset);
    }
    return x;
}

// First key row i may see (bottom-right aligned masks, see panattn.h); may be >= end_key for an empty row.
__host__ __device__ __forceinline__ int64_t first_key(const panattn_dense_params& p, int64_t i) {
    const int64_t pos = i + p.n_k - p.n_q;
    if (p.window_left < 0) {
        return 0;
    }
    const int64_t lo = pos - p.window_left;
    return lo > 0 ? lo : 0;
}

// One past the last key row i may see.
__host__ __device__ __forceinline__ int64_t end_key(const panattn_dense_params& p, int64_t i) {
    const int64_t pos = i + p.n_k - p.n_q;
    int64_t hi = p.n_k - 1;
    if (p.causal && pos < hi) {
        hi = pos;
    }
    if (p.window_right >= 0 && pos + p.window_right < hi) {
        hi = pos + p.window_right;
    }
    return hi + 1 > 0 ? hi + 1 : 0;
}

__device__ __forceinline__ int clamp_to_tile(int64_t x) {
    return x < 0 ? 0 : (x > kBlockN ? kBlockN : static_cast<int>(x));
}

// Row pitch of the K tile: 4 floats of padding keep every row 16-byte aligned for float4 reads, and make the
// 8 lanes of each quarter-warp phase (lane j reads row j) start 4 banks apart, so the reads never conflict.
__host__ __device__ constexpr int key_stride(int dim) {
    return dim + 4;
}

constexpr size_t shared_bytes(int dim) {
    return sizeof(float) * (static_cast<size_t>(kBlockM) * dim + static_cast<size_t>(kBlockN) * key_stride(dim)
                            + static_cast<size_t>(kBlockN) * dim);
}

// DIM: capacity for head_dim and head_dim_v (a multiple of 32). EXACT: head_dim == head_dim_v == DIM, so every
// loop bound is a compile-time constant.
template <int DIM, bool EXACT>
__global__ void __launch_bounds__(kThreads) dense_attention_kernel(const panattn_dense_params p, int64_t m_tiles) {
    static_assert(DIM % kWarpSize == 0, "DIM must be a multiple of the warp size");
    constexpr int kColumnsPerLane = DIM / kWarpSize;
    constexpr int kKeyStride = key_stride(DIM);

    extern __shared__ float4 shared[];  // float4: the dynamic shared memory is 16-byte aligned
    float* q_tile = reinterpret_cast<float*>(shared);  // [kBlockM][DIM], pre-scaled by scale * log2(e)
    float* k_tile = q_tile + kBlockM * DIM;      // [kBlockN][kKeyStride]
    float* v_tile = k_tile + kBlockN * kKeyStride;  // [kBlockN][DIM]

    const int d_qk = EXACT ? DIM : static_cast<int>(p.head_dim);
    // q and k tiles are zero from d_qk up to DIM, so the dot product may run over whole float4s
    const int d_qk_vectors = EXACT ? DIM / 4 : (d_qk + 3) / 4;
    const int d_v = EXACT ? DIM : static_cast<int>(p.head_dim_v);
    const int lane = threadIdx.x % kWarpSize;
    const int warp = threadIdx.x / kWarpSize;

    int64_t block = blockIdx.x;
    const int64_t m_tile = block % m_tiles;
    block /= m_tiles;
    const int64_t h = block % p.heads_q;
    const int64_t b = block / p.heads_q;
    const int64_t hk = h / (p.heads_q / p.heads_kv);
    const int64_t row0 = m_tile * kBlockM;

    const int64_t q_base = b * p.q_stride_b + h * p.q_stride_h;
    const int64_t k_base = b * p.k_stride_b + hk * p.k_stride_h;
    const int64_t v_base = b * p.v_stride_b + hk * p.v_stride_h;

    const float q_scale = p.scale * kLog2e;
    for (int r = warp; r < kBlockM; r += kWarps) {
        const int64_t i = row0 + r;
        for (int d = lane; d < DIM; d += kWarpSize) {
            float x = 0.0f;
            if (i < p.n_q && d < d_qk) {
                x = load_as_float(p.q, p.q_dtype, q_base + i * p.q_stride_n + d) * q_scale;
            }
            q_tile[r * DIM + d] = x;
        }
    }

    const int first_row = warp * kRowsPerWarp;
    int64_t row_first[kRowsPerWarp];
    int64_t row_end[kRowsPerWarp];
    float row_max[kRowsPerWarp];
    float row_sum[kRowsPerWarp];
    float acc[kRowsPerWarp][kColumnsPerLane];
#pragma unroll
    for (int r = 0; r < kRowsPerWarp; ++r) {
        const int64_t i = row0 + first_row + r;
        row_first[r] = i < p.n_q ? first_key(p, i) : 0;
        row_end[r] = i < p.n_q ? end_key(p, i) : 0;
        row_max[r] = -INFINITY;
        row_sum[r] = 0.0f;
#pragma unroll
        for (int c = 0; c < kColumnsPerLane; ++c) {
            acc[r][c] = 0.0f;
        }
    }

    // first_key and end_key never decrease with the row, so the block's keys are [first of row0, end of last row)
    const int64_t last_row = (row0 + kBlockM < p.n_q ? row0 + kBlockM : p.n_q) - 1;
    const int64_t block_first = first_key(p, row0);
    const int64_t block_end = end_key(p, last_row);

    for (int64_t tile = block_first; tile < block_end; tile += kBlockN) {
        __syncthreads();  // every warp is done with the previous tile (and, the first time, with nothing)
        for (int j = warp; j < kBlockN; j += kWarps) {
            const int64_t key = tile + j;
            const bool present = key < block_end;
            for (int d = lane; d < DIM; d += kWarpSize) {
                k_tile[j * kKeyStride + d] =
                    present && d < d_qk ? load_as_float(p.k, p.k_dtype, k_base + key * p.k_stride_n + d) : 0.0f;
                v_tile[j * DIM + d] =
                    present && d < d_v ? load_as_float(p.v, p.v_dtype, v_base + key * p.v_stride_n + d) : 0.0f;
            }
        }
        __syncthreads();

        // The keys of this tile each row sees, as lane bounds (warp-uniform).
        int lo[kRowsPerWarp];
        int hi[kRowsPerWarp];
        int span_lo = kBlockN;
        int span_hi = 0;
#pragma unroll
        for (int r = 0; r < kRowsPerWarp; ++r) {
            lo[r] = clamp_to_tile(row_first[r] - tile);
            hi[r] = clamp_to_tile(row_end[r] - tile);
            if (lo[r] < hi[r]) {
                span_lo = min(span_lo, lo[r]);
                span_hi = max(span_hi, hi[r]);
            }
        }
        if (span_lo >= span_hi) {
            continue;
        }

        float score[kRowsPerWarp];
#pragma unroll
        for (int r = 0; r < kRowsPerWarp; ++r) {
            score[r] = 0.0f;
        }
        const float4* key_row = reinterpret_cast<const float4*>(k_tile + lane * kKeyStride);
#pragma unroll 4
        for (int d4 = 0; d4 < d_qk_vectors; ++d4) {
            const float4 key = key_row[d4];
#pragma unroll
            for (int r = 0; r < kRowsPerWarp; ++r) {
                // every lane reads the same query element: a shared-memory broadcast
                const float4 query = reinterpret_cast<const float4*>(q_tile + (first_row + r) * DIM)[d4];
                score[r] = fmaf(query.x, key.x, score[r]);
                score[r] = fmaf(query.y, key.y, score[r]);
                score[r] = fmaf(query.z, key.z, score[r]);
                score[r] = fmaf(query.w, key.w, score[r]);
            }
        }

        // Online softmax: rescale what was accumulated under the old maximum. A maximum of -inf (no finite
        // logit yet) is replaced by 0 so that exp2f gives 0, never inf - inf.
#pragma unroll
        for (int r = 0; r < kRowsPerWarp; ++r) {
            if (lo[r] >= hi[r]) {
                score[r] = 0.0f;
                continue;
            }
            const bool visible = lane >= lo[r] && lane < hi[r];
            const float logit = visible ? score[r] : -INFINITY;
            const float new_max = fmaxf(row_max[r], warp_max(logit));
            const float shift = new_max == -INFINITY ? 0.0f : new_max;
            const float prob = visible ? exp2f(logit - shift) : 0.0f;
            const float rescale = exp2f(row_max[r] - shift);
            row_sum[r] = row_sum[r] * rescale + warp_sum(prob);
#pragma unroll
            for (int c = 0; c < kColumnsPerLane; ++c) {
                acc[r][c] *= rescale;
            }
            row_max[r] = new_max;
            score[r] = prob;
        }

        // P.V over the tile's keys some row of this warp sees; a key a row does not see never touches its
        // accumulator (0 * inf would turn an invisible infinite value into NaN).
        for (int j = span_lo; j < span_hi; ++j) {
            float value[kColumnsPerLane];
#pragma unroll
            for (int c = 0; c < kColumnsPerLane; ++c) {
                value[c] = v_tile[j * DIM + lane + c * kWarpSize];
            }
#pragma unroll
            for (int r = 0; r < kRowsPerWarp; ++r) {
                const float prob_j = __shfl_sync(kFullMask, score[r], j);
                if (j >= lo[r] && j < hi[r]) {
#pragma unroll
                    for (int c = 0; c < kColumnsPerLane; ++c) {
                        acc[r][c] = fmaf(prob_j, value[c], acc[r][c]);
                    }
                }
            }
        }
    }

#pragma unroll
    for (int r = 0; r < kRowsPerWarp; ++r) {
        const int64_t i = row0 + first_row + r;
        if (i >= p.n_q) {
            continue;
        }
        const bool empty = row_first[r] >= row_end[r];
        float* out_row = p.out + b * p.out_stride_b + h * p.out_stride_h + i * p.out_stride_n;
#pragma unroll
        for (int c = 0; c < kColumnsPerLane; ++c) {
            const int column = lane + c * kWarpSize;
            if (column < d_v) {
                // a plain division: a row whose visible logits are all -inf gets 0/0 = NaN, as IEEE says
                out_row[column] = empty ? 0.0f : acc[r][c] / row_sum[r];
            }
        }
        if (p.lse != nullptr && lane == 0) {
            const float shift = row_max[r] == -INFINITY ? 0.0f : row_max[r];
            p.lse[b * p.lse_stride_b + h * p.lse_stride_h + i * p.lse_stride_n] =
                empty ? -INFINITY : (shift + log2f(row_sum[r])) * kLn2;
        }
    }
}

}  // namespace panattn_dense

#endif  // PANATTN_DENSE_ATTENTION_KERNEL_CUH
