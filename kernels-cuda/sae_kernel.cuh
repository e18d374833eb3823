/*
 * SAE kernels (see sae.cu for the launchers), in a header so that nvcc compiles them for the device and, under
 * kernels-cuda/emulation/, a host C++ compiler runs them with one fiber per CUDA thread to check their logic
 * without a GPU. The includer provides the CUDA built-ins (threadIdx, blockIdx, __syncthreads, __shfl_xor_sync,
 * __half/__nv_bfloat16 with their float conversions both ways) and panattn.h.
 *
 * - sae_gemm_kernel: c = act(a b + bias) by 64 x 64 output tiles, 16-deep K slices staged in shared memory
 *   (widened to fp32 on load, centring subtracted there), 256 threads each owning a 4 x 4 register tile; the
 *   bias and activation are applied in the store. The fallback when cuBLAS is absent, and the only path for
 *   strided, centred or half-precision operands.
 * - sae_bias_activate_kernel: the same epilogue alone, after a cuBLAS GEMM.
 * - sae_steer_kernel: one block per token; per CLAMP edit a block-wide dot product with one W_enc column, then
 *   one pass out = x + sum_e delta_e W_dec[j_e] (x read, out written once, in place allowed).
 */
#ifndef PANATTN_SAE_KERNEL_CUH
#define PANATTN_SAE_KERNEL_CUH

#include <stddef.h>
#include <stdint.h>

namespace panattn_sae {

constexpr int kTileM = 64;
constexpr int kTileN = 64;
constexpr int kTileK = 16;
constexpr int kGemmThreads = 256;  // 16 x 16 threads, 4 x 4 outputs each
constexpr int kSteerThreads = 256;
constexpr int kActivateThreads = 256;
constexpr int kWarp = 32;
constexpr unsigned kFullMask = 0xffffffffu;
// shared floats: the GEMM's A and B slices; the steering kernel's warp partials and deltas fit in the same size
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
    bool selected = true;
    if (p.mask != nullptr) {
        const int64_t m = row_offset(token, p.mask_rows_per_batch, p.mask_stride_batch, p.mask_stride_row);
        selected = p.mask_dtype == PANATTN_SAE_MASK_I32 ? static_cast<const int32_t*>(p.mask)[m] != 0
                                                         : load_as_float(p.mask, p.mask_dtype, m) != 0.0f;
    }
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

}  // namespace panattn_sae

#endif  // PANATTN_SAE_KERNEL_CUH
