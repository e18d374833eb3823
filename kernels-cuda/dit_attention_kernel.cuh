/*
 * The DiTFastAttn kernels (see dit_attention.cu for the design), kept in a header so that nvcc compiles them for
 * the device and kernels-cuda/emulation/ compiles the same source as host C++ to check their logic without a GPU.
 * Built on the dense kernel's tiling and helpers (dense_attention_kernel.cuh).
 *
 * The includer provides the CUDA built-ins, panattn.h and dense_attention_kernel.cuh.
 */
#ifndef PANATTN_DIT_ATTENTION_KERNEL_CUH
#define PANATTN_DIT_ATTENTION_KERNEL_CUH

#include <stddef.h>
#include <stdint.h>

namespace panattn_dit {

using panattn_dense::kBlockM;
using panattn_dense::kBlockN;
using panattn_dense::kFullMask;
using panattn_dense::kLog2e;
using panattn_dense::kRowsPerWarp;
using panattn_dense::kThreads;
using panattn_dense::kWarpSize;
using panattn_dense::kWarps;
using panattn_dense::load_as_float;
using panattn_dense::warp_max;
using panattn_dense::warp_sum;

constexpr int kAddThreads = 256;

// Correctly rounded fp32 operations that the compiler may never contract into an FMA: W + R = O exactly depends
// on the residual being O - W rounded once and the output W + R rounded once, in every kernel that forms them.
__device__ __forceinline__ float add_rn(float a, float b) {
#ifdef __CUDA_ARCH__
    return __fadd_rn(a, b);
#else
    return a + b;
#endif
}

__device__ __forceinline__ float sub_rn(float a, float b) {
#ifdef __CUDA_ARCH__
    return __fsub_rn(a, b);
#else
    return a - b;
#endif
}

__device__ __forceinline__ float div_rn(float a, float b) {
#ifdef __CUDA_ARCH__
    return __fdiv_rn(a, b);
#else
    return a / b;
#endif
}

__host__ __device__ __forceinline__ int64_t band_first(const panattn_dit_params& p, int64_t i) {
    return i - p.window > 0 ? i - p.window : 0;
}

__host__ __device__ __forceinline__ int64_t band_end(const panattn_dit_params& p, int64_t i) {
    const int64_t end = i + static_cast<int64_t>(p.window) + 1;
    return end < p.n ? end : p.n;
}

__device__ __forceinline__ int clamp_to_tile(int64_t x) {
    return x < 0 ? 0 : (x > kBlockN ? kBlockN : static_cast<int>(x));
}

constexpr size_t shared_bytes(int dim) {
    return sizeof(float) * (static_cast<size_t>(kBlockM) * dim + static_cast<size_t>(kBlockN) * (dim + 1)
                            + static_cast<size_t>(kBlockN) * dim);
}

/*
 * One online-softmax step of one row over one tile: lanes [lo, hi) of the tile are visible. Updates the running
 * maximum and sum, rescales the accumulator and returns this lane's weight (0 when invisible).
 */
template <int COLUMNS>
__device__ __forceinline__ float softmax_step(float score, int lane, int lo, int hi, float& row_max, float& row_sum,
                                              float (&acc)[COLUMNS]) {
    const bool visible = lane >= lo && lane < hi;
    const float logit = visible ? score : -INFINITY;
    const float new_max = fmaxf(row_max, warp_max(logit));
    const float shift = new_max == -INFINITY ? 0.0f : new_max;
    const float prob = visible ? exp2f(logit - shift) : 0.0f;
    const float rescale = exp2f(row_max - shift);
    row_sum = row_sum * rescale + warp_sum(prob);
#pragma unroll
    for (int c = 0; c < COLUMNS; ++c) {
        acc[c] *= rescale;
    }
    row_max = new_max;
    return prob;
}

/*
 * FUSED = false: window attention, only the key tiles of a fixed global grid (multiples of kBlockN) that meet the
 * block's band. FUSED = true: every tile once; the logits are shared by the full softmax (every key) and the
 * window softmax (band keys). The window statistics see the same tiles, in the same order, with the same
 * arithmetic in both modes, so both write the same W bit for bit.
 */
template <int DIM, bool FUSED>
__global__ void __launch_bounds__(kThreads) dit_attention_kernel(const panattn_dit_params p, int64_t m_tiles) {
    static_assert(DIM % kWarpSize == 0, "DIM must be a multiple of the warp size");
    constexpr int kColumnsPerLane = DIM / kWarpSize;
    constexpr int kKeyStride = DIM + 1;

    extern __shared__ float shared[];
    float* q_tile = shared;
    float* k_tile = q_tile + kBlockM * DIM;
    float* v_tile = k_tile + kBlockN * kKeyStride;

    const int d_qk = static_cast<int>(p.head_dim);
    const int d_v = static_cast<int>(p.head_dim_v);
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
            q_tile[r * DIM + d] = i < p.n && d < d_qk ? load_as_float(p.q, p.q_dtype, q_base + i * p.q_stride_n + d)
                                                            * q_scale
                                                      : 0.0f;
        }
    }

    const int first_row = warp * kRowsPerWarp;
    bool row_valid[kRowsPerWarp];
    int64_t row_first[kRowsPerWarp];
    int64_t row_end[kRowsPerWarp];
    float w_max[kRowsPerWarp];
    float w_sum[kRowsPerWarp];
    float w_acc[kRowsPerWarp][kColumnsPerLane];
    float f_max[kRowsPerWarp];
    float f_sum[kRowsPerWarp];
    float f_acc[kRowsPerWarp][kColumnsPerLane];
#pragma unroll
    for (int r = 0; r < kRowsPerWarp; ++r) {
        const int64_t i = row0 + first_row + r;
        row_valid[r] = i < p.n;
        row_first[r] = row_valid[r] ? band_first(p, i) : 0;
        row_end[r] = row_valid[r] ? band_end(p, i) : 0;
        w_max[r] = -INFINITY;
        w_sum[r] = 0.0f;
        f_max[r] = -INFINITY;
        f_sum[r] = 0.0f;
#pragma unroll
        for (int c = 0; c < kColumnsPerLane; ++c) {
            w_acc[r][c] = 0.0f;
            f_acc[r][c] = 0.0f;
        }
    }

    const int64_t last_row = (row0 + kBlockM < p.n ? row0 + kBlockM : p.n) - 1;
    const int64_t tile_begin = FUSED ? 0 : band_first(p, row0) / kBlockN * kBlockN;
    const int64_t tile_end = FUSED ? p.n : band_end(p, last_row);

    for (int64_t tile = tile_begin; tile < tile_end; tile += kBlockN) {
        __syncthreads();
        for (int j = warp; j < kBlockN; j += kWarps) {
            const int64_t key = tile + j;
            const bool present = key < p.n;
            for (int d = lane; d < DIM; d += kWarpSize) {
                k_tile[j * kKeyStride + d] =
                    present && d < d_qk ? load_as_float(p.k, p.k_dtype, k_base + key * p.k_stride_n + d) : 0.0f;
                v_tile[j * DIM + d] =
                    present && d < d_v ? load_as_float(p.v, p.v_dtype, v_base + key * p.v_stride_n + d) : 0.0f;
            }
        }
        __syncthreads();

        const int keys = clamp_to_tile(p.n - tile);
        int lo[kRowsPerWarp];
        int hi[kRowsPerWarp];
        int span_lo = kBlockN;
        int span_hi = 0;
        bool any_row = false;
#pragma unroll
        for (int r = 0; r < kRowsPerWarp; ++r) {
            lo[r] = clamp_to_tile(row_first[r] - tile);
            hi[r] = clamp_to_tile(row_end[r] - tile);
            if (lo[r] < hi[r]) {
                span_lo = min(span_lo, lo[r]);
                span_hi = max(span_hi, hi[r]);
            }
            any_row = any_row || row_valid[r];
        }
        if (FUSED ? !any_row : span_lo >= span_hi) {
            continue;
        }

        float score[kRowsPerWarp];
#pragma unroll
        for (int r = 0; r < kRowsPerWarp; ++r) {
            score[r] = 0.0f;
        }
#pragma unroll 8
        for (int d = 0; d < d_qk; ++d) {
            const float key_d = k_tile[lane * kKeyStride + d];
#pragma unroll
            for (int r = 0; r < kRowsPerWarp; ++r) {
                score[r] = fmaf(q_tile[(first_row + r) * DIM + d], key_d, score[r]);
            }
        }

        float w_prob[kRowsPerWarp];
        float f_prob[kRowsPerWarp];
#pragma unroll
        for (int r = 0; r < kRowsPerWarp; ++r) {
            w_prob[r] = lo[r] < hi[r] ? softmax_step(score[r], lane, lo[r], hi[r], w_max[r], w_sum[r], w_acc[r])
                                      : 0.0f;
            f_prob[r] = 0.0f;
            if (FUSED && row_valid[r]) {
                f_prob[r] = softmax_step(score[r], lane, 0, keys, f_max[r], f_sum[r], f_acc[r]);
            }
        }

        for (int j = span_lo; j < span_hi; ++j) {
            float value[kColumnsPerLane];
#pragma unroll
            for (int c = 0; c < kColumnsPerLane; ++c) {
                value[c] = v_tile[j * DIM + lane + c * kWarpSize];
            }
#pragma unroll
            for (int r = 0; r < kRowsPerWarp; ++r) {
                const float prob_j = __shfl_sync(kFullMask, w_prob[r], j);
                if (j >= lo[r] && j < hi[r]) {
#pragma unroll
                    for (int c = 0; c < kColumnsPerLane; ++c) {
                        w_acc[r][c] = fmaf(prob_j, value[c], w_acc[r][c]);
                    }
                }
            }
        }
        if (FUSED) {
            for (int j = 0; j < keys; ++j) {
                float value[kColumnsPerLane];
#pragma unroll
                for (int c = 0; c < kColumnsPerLane; ++c) {
                    value[c] = v_tile[j * DIM + lane + c * kWarpSize];
                }
#pragma unroll
                for (int r = 0; r < kRowsPerWarp; ++r) {
                    const float prob_j = __shfl_sync(kFullMask, f_prob[r], j);
                    if (row_valid[r]) {
#pragma unroll
                        for (int c = 0; c < kColumnsPerLane; ++c) {
                            f_acc[r][c] = fmaf(prob_j, value[c], f_acc[r][c]);
                        }
                    }
                }
            }
        }
    }

#pragma unroll
    for (int r = 0; r < kRowsPerWarp; ++r) {
        const int64_t i = row0 + first_row + r;
        if (i >= p.n) {
            continue;
        }
#pragma unroll
        for (int c = 0; c < kColumnsPerLane; ++c) {
            const int column = lane + c * kWarpSize;
            if (column >= d_v) {
                continue;
            }
            const float w = div_rn(w_acc[r][c], w_sum[r]);
            if (p.window_out != nullptr) {
                p.window_out[b * p.window_stride_b + h * p.window_stride_h + i * p.window_stride_n + column] = w;
            }
            if (FUSED) {
                const float residual = sub_rn(div_rn(f_acc[r][c], f_sum[r]), w);
                p.residual_out[b * p.residual_stride_b + h * p.residual_stride_h + i * p.residual_stride_n + column] =
                    residual;
                p.full_out[b * p.full_stride_b + h * p.full_stride_h + i * p.full_stride_n + column] =
                    add_rn(w, residual);
            }
        }
    }
}

/* out = window + residual, one element per thread, element e of [batch, heads, n, head_dim_v] in row-major order. */
__global__ void __launch_bounds__(kAddThreads) dit_residual_add_kernel(const panattn_dit_residual_add_params p) {
    const int64_t e = static_cast<int64_t>(blockIdx.x) * kAddThreads + threadIdx.x;
    const int64_t total = p.batch * p.heads * p.n * p.head_dim_v;
    if (e >= total) {
        return;
    }
    const int64_t d = e % p.head_dim_v;
    int64_t rest = e / p.head_dim_v;
    const int64_t i = rest % p.n;
    rest /= p.n;
    const int64_t h = rest % p.heads;
    const int64_t b = rest / p.heads;
    const float w = p.window[b * p.window_stride_b + h * p.window_stride_h + i * p.window_stride_n + d];
    const float r = p.residual[b * p.residual_stride_b + h * p.residual_stride_h + i * p.residual_stride_n + d];
    p.out[b * p.out_stride_b + h * p.out_stride_h + i * p.out_stride_n + d] = add_rn(w, r);
}

}  // namespace panattn_dit

#endif  // PANATTN_DIT_ATTENTION_KERNEL_CUH
