/*
 * Hybrid attention (LoLCATs form), recurrent: one block per (batch, kv head) walks the tokens in order, so the same
 * kernel is a prefill (from an empty, reset state) and a decode (from `start` tokens). Per token: the key leaving
 * the window is folded into every query head's S = sum phi(k) v^T and z = sum phi(k) (in the state's memory, which
 * only this block touches), the new key and value enter the ring (and the sinks), then each query head of the
 * group attends: a softmax over the ring's window shifted by its maximum, times g, plus l phi(q) S, under the
 * shared normaliser. Threads split the key, feature and value dimensions; block reductions use warp shuffles.
 *
 * Kept in a header so that kernels-cuda/emulation/hybrid_emulation.cpp runs the same source as host code. The
 * includer provides the CUDA built-ins and panattn.h.
 */
#ifndef PANATTN_HYBRID_KERNEL_CUH
#define PANATTN_HYBRID_KERNEL_CUH

#include <stddef.h>
#include <stdint.h>

namespace panattn_hybrid {

constexpr int kWarpSize = 32;
constexpr int kWarps = 4;
constexpr int kThreads = kWarps * kWarpSize;
constexpr unsigned kFullMask = 0xffffffffu;
constexpr int kDiagnosticSums = 6;  // window den share, linear den share, rows, window out share, linear, rows

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

/* Chunk-free sizes: the floats of dynamic shared memory one block needs. */
__host__ __device__ inline int64_t shared_floats(const panattn_hybrid_params& p) {
    const int64_t group = p.heads_kv > 0 ? p.heads_q / p.heads_kv : 1;
    const int64_t keys = p.window > p.sinks ? p.window : p.sinks;
    return 2 * p.head_dim + p.projected + 2 * p.features + keys + 2 * p.head_dim_v + kWarps
           + kDiagnosticSums * group + 8;
}

/* The sum of v over the block (every thread gets it); `red` holds kWarps floats. */
__device__ __forceinline__ float block_sum(float v, float* red) {
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset >>= 1) {
        v += __shfl_xor_sync(kFullMask, v, offset);
    }
    const int lane = threadIdx.x % kWarpSize;
    const int warp = threadIdx.x / kWarpSize;
    __syncthreads();  // nobody still reads red from a previous reduction
    if (lane == 0) {
        red[warp] = v;
    }
    __syncthreads();
    float total = 0.0f;
    for (int w = 0; w < kWarps; ++w) {
        total += red[w];
    }
    return total;
}

/* The maximum (max_of_min = false) or minimum of v over the block, ignoring NaN as fmaxf/fminf do. */
__device__ __forceinline__ float block_extreme(float v, float* red, bool maximum) {
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset >>= 1) {
        const float o = __shfl_xor_sync(kFullMask, v, offset);
        v = maximum ? fmaxf(v, o) : fminf(v, o);
    }
    const int lane = threadIdx.x % kWarpSize;
    const int warp = threadIdx.x / kWarpSize;
    __syncthreads();
    if (lane == 0) {
        red[warp] = v;
    }
    __syncthreads();
    float total = red[0];
    for (int w = 1; w < kWarps; ++w) {
        total = maximum ? fmaxf(total, red[w]) : fminf(total, red[w]);
    }
    return total;
}

/*
 * phi of the row x [D] (shared) into out [F] (shared): u = x W (W [D][P] of this head, or u = x), then the map.
 * Every thread of the block must call it.
 */
__device__ void feature_map(const panattn_hybrid_params& p, const float* weights, const float* x, float* u,
                            float* out, float* red) {
    const int dim = static_cast<int>(p.head_dim);
    const int projected = static_cast<int>(p.projected);
    for (int a = threadIdx.x; a < projected; a += kThreads) {
        float s = 0.0f;
        if (weights != nullptr) {
            for (int d = 0; d < dim; ++d) {
                s += x[d] * weights[static_cast<int64_t>(d) * projected + a];
            }
        } else {
            s = x[a];
        }
        u[a] = s;
    }
    __syncthreads();
    switch (p.feature_map) {
    case PANATTN_HYBRID_MAP_RELU:
        for (int a = threadIdx.x; a < projected; a += kThreads) {
            out[a] = (u[a] > 0.0f || isnan(u[a])) ? u[a] : 0.0f;
        }
        break;
    case PANATTN_HYBRID_MAP_ELU1:
        for (int a = threadIdx.x; a < projected; a += kThreads) {
            out[a] = u[a] > 0.0f ? u[a] + 1.0f : expf(u[a]);
        }
        break;
    default: {  // hedgehog and exp: [exp(u - max), exp(min - u)], hedgehog normalised per half
        float local_max = -INFINITY;
        float local_min = INFINITY;
        for (int a = threadIdx.x; a < projected; a += kThreads) {
            local_max = fmaxf(local_max, u[a]);
            local_min = fminf(local_min, u[a]);
        }
        float mx = block_extreme(local_max, red, true);
        float mn = block_extreme(local_min, red, false);
        mx = isinf(mx) ? 0.0f : mx;
        mn = isinf(mn) ? 0.0f : mn;
        float sum_pos = 0.0f;
        float sum_neg = 0.0f;
        for (int a = threadIdx.x; a < projected; a += kThreads) {
            out[a] = expf(u[a] - mx);
            out[projected + a] = expf(mn - u[a]);
            sum_pos += out[a];
            sum_neg += out[projected + a];
        }
        if (p.feature_map == PANATTN_HYBRID_MAP_HEDGEHOG) {
            const float inv_pos = 1.0f / block_sum(sum_pos, red);
            const float inv_neg = 1.0f / block_sum(sum_neg, red);
            for (int a = threadIdx.x; a < projected; a += kThreads) {
                out[a] *= inv_pos;
                out[projected + a] *= inv_neg;
            }
        }
        break;
    }
    }
    __syncthreads();
}

__global__ void __launch_bounds__(kThreads) hybrid_recurrent_kernel(const panattn_hybrid_params p) {
    extern __shared__ float hybrid_shared[];
    const int dim = static_cast<int>(p.head_dim);
    const int dim_v = static_cast<int>(p.head_dim_v);
    const int features = static_cast<int>(p.features);
    const int window = p.window;
    const int64_t group = p.heads_q / p.heads_kv;
    const int64_t keys_cap = p.window > p.sinks ? p.window : p.sinks;

    float* x = hybrid_shared;               // [D] the query row (or a key leaving the window)
    float* xk = x + dim;                    // [D] a window key (linear-only)
    float* u = xk + dim;                    // [P]
    float* phi_q = u + p.projected;         // [F]
    float* phi_k = phi_q + features;        // [F]
    float* weights_e = phi_k + features;    // [max(w, sinks)] window weights
    float* num_w = weights_e + keys_cap;    // [Dv]
    float* num_l = num_w + dim_v;           // [Dv]
    float* red = num_l + dim_v;             // [kWarps]
    float* diag = red + kWarps;             // [group][kDiagnosticSums]

    const int64_t b = blockIdx.x / p.heads_kv;
    const int64_t hk = blockIdx.x % p.heads_kv;
    const int64_t ring_base_k = (b * p.heads_kv + hk) * window * p.head_dim;
    const int64_t ring_base_v = (b * p.heads_kv + hk) * window * p.head_dim_v;
    const int64_t sink_base_k = (b * p.heads_kv + hk) * p.sinks * p.head_dim;
    const int64_t sink_base_v = (b * p.heads_kv + hk) * p.sinks * p.head_dim_v;
    const int64_t state_stride = static_cast<int64_t>(features) * dim_v;

    for (int64_t e = threadIdx.x; e < group * kDiagnosticSums; e += kThreads) {
        diag[e] = 0.0f;
    }
    if (p.reset) {
        for (int64_t xh = 0; xh < group; ++xh) {
            const int64_t h = hk * group + xh;
            float* kv = p.kv_state + (b * p.heads_q + h) * state_stride;
            float* z = p.z_state + (b * p.heads_q + h) * features;
            for (int64_t e = threadIdx.x; e < state_stride; e += kThreads) {
                kv[e] = 0.0f;
            }
            for (int e = threadIdx.x; e < features; e += kThreads) {
                z[e] = 0.0f;
            }
        }
    }
    __syncthreads();

    for (int64_t t = 0; t < p.n; ++t) {
        const int64_t pos = p.start + t;
        const int64_t slot = pos % window;
        if (pos >= window) {
            // key pos - w leaves the window: it joins every query head's linear state before its slot is reused
            for (int d = threadIdx.x; d < dim; d += kThreads) {
                xk[d] = p.key_ring[ring_base_k + slot * dim + d];
            }
            __syncthreads();
            for (int64_t xh = 0; xh < group; ++xh) {
                const int64_t h = hk * group + xh;
                const float* wk = p.weights_k != nullptr ? p.weights_k + h * p.head_dim * p.projected : nullptr;
                feature_map(p, wk, xk, u, phi_k, red);
                float* kv = p.kv_state + (b * p.heads_q + h) * state_stride;
                float* z = p.z_state + (b * p.heads_q + h) * features;
                const float* v_old = p.value_ring + ring_base_v + slot * dim_v;
                for (int64_t e = threadIdx.x; e < state_stride; e += kThreads) {
                    kv[e] += phi_k[e / dim_v] * v_old[e % dim_v];
                }
                for (int f = threadIdx.x; f < features; f += kThreads) {
                    z[f] += phi_k[f];
                }
                __syncthreads();
            }
        }
        for (int d = threadIdx.x; d < dim; d += kThreads) {
            const float kx = load_as_float(p.k, p.k_dtype, b * p.k_stride_b + hk * p.k_stride_h + t * p.k_stride_n + d);
            p.key_ring[ring_base_k + slot * dim + d] = kx;
            if (pos < p.sinks) {
                p.sink_keys[sink_base_k + pos * dim + d] = kx;
            }
        }
        for (int d = threadIdx.x; d < dim_v; d += kThreads) {
            const float vx = load_as_float(p.v, p.v_dtype, b * p.v_stride_b + hk * p.v_stride_h + t * p.v_stride_n + d);
            p.value_ring[ring_base_v + slot * dim_v + d] = vx;
            if (pos < p.sinks) {
                p.sink_values[sink_base_v + pos * dim_v + d] = vx;
            }
        }
        __syncthreads();

        const int64_t in_window = pos + 1 < window ? pos + 1 : window;
        for (int64_t xh = 0; xh < group; ++xh) {
            const int64_t h = hk * group + xh;
            const bool dropped = p.drop_window != nullptr && p.drop_window[b * p.heads_q + h] != 0;
            const int mode = dropped ? PANATTN_HYBRID_MODE_LINEAR_ONLY : p.mode;
            float* out_row = p.out + b * p.out_stride_b + h * p.out_stride_h + t * p.out_stride_n;
            if (mode == PANATTN_HYBRID_MODE_ZERO) {
                for (int c = threadIdx.x; c < dim_v; c += kThreads) {
                    out_row[c] = 0.0f;
                }
                continue;
            }
            const float gh = p.window_factor[h];
            const float g = mode == PANATTN_HYBRID_MODE_HYBRID ? gh
                            : (mode == PANATTN_HYBRID_MODE_LINEAR_ONLY ? 0.0f : 1.0f);
            const float l = mode == PANATTN_HYBRID_MODE_HYBRID ? (p.affine ? 1.0f - gh : 1.0f)
                            : (mode == PANATTN_HYBRID_MODE_LINEAR_ONLY ? 1.0f : 0.0f);
            for (int d = threadIdx.x; d < dim; d += kThreads) {
                x[d] = load_as_float(p.q, p.q_dtype, b * p.q_stride_b + h * p.q_stride_h + t * p.q_stride_n + d);
            }
            for (int c = threadIdx.x; c < dim_v; c += kThreads) {
                num_w[c] = 0.0f;
                num_l[c] = 0.0f;
            }
            __syncthreads();

            float den_w = 0.0f;
            const bool sinks_only = mode == PANATTN_HYBRID_MODE_SINKS_ONLY;
            if (mode == PANATTN_HYBRID_MODE_HYBRID || mode == PANATTN_HYBRID_MODE_WINDOW_ONLY || sinks_only) {
                const int64_t count = sinks_only ? (pos + 1 < p.sinks ? pos + 1 : p.sinks) : in_window;
                const float* keys = sinks_only ? p.sink_keys + sink_base_k : p.key_ring + ring_base_k;
                const float* values = sinks_only ? p.sink_values + sink_base_v : p.value_ring + ring_base_v;
                float local_max = -INFINITY;
                for (int64_t j = threadIdx.x; j < count; j += kThreads) {
                    const int64_t row = sinks_only ? j : (pos - count + 1 + j) % window;
                    float s = 0.0f;
                    for (int d = 0; d < dim; ++d) {
                        s += x[d] * keys[row * dim + d];
                    }
                    s *= p.scale;
                    weights_e[j] = s;
                    local_max = fmaxf(local_max, s);
                }
                float m = block_extreme(local_max, red, true);
                m = m == -INFINITY ? 0.0f : m;
                float local_sum = 0.0f;
                for (int64_t j = threadIdx.x; j < count; j += kThreads) {
                    const float e = expf(weights_e[j] - m);
                    weights_e[j] = e;
                    local_sum += e;
                }
                den_w = block_sum(local_sum, red);  // its barriers also publish weights_e
                for (int c = threadIdx.x; c < dim_v; c += kThreads) {
                    float acc = 0.0f;
                    for (int64_t j = 0; j < count; ++j) {
                        const int64_t row = sinks_only ? j : (pos - count + 1 + j) % window;
                        acc += weights_e[j] * values[row * dim_v + c];
                    }
                    num_w[c] = acc;
                }
            }

            float den_l = 0.0f;
            if (mode == PANATTN_HYBRID_MODE_HYBRID || mode == PANATTN_HYBRID_MODE_LINEAR_ONLY) {
                const float* wq = p.weights_q != nullptr ? p.weights_q + h * p.head_dim * p.projected : nullptr;
                const float* wk = p.weights_k != nullptr ? p.weights_k + h * p.head_dim * p.projected : nullptr;
                feature_map(p, wq, x, u, phi_q, red);
                const float* kv = p.kv_state + (b * p.heads_q + h) * state_stride;
                const float* z = p.z_state + (b * p.heads_q + h) * features;
                for (int c = threadIdx.x; c < dim_v; c += kThreads) {
                    float acc = 0.0f;
                    for (int f = 0; f < features; ++f) {
                        acc += phi_q[f] * kv[static_cast<int64_t>(f) * dim_v + c];
                    }
                    num_l[c] = acc;
                }
                float local = 0.0f;
                for (int f = threadIdx.x; f < features; f += kThreads) {
                    local += phi_q[f] * z[f];
                }
                den_l = block_sum(local, red);
                if (mode == PANATTN_HYBRID_MODE_LINEAR_ONLY) {
                    // linear over every key j <= i: the window's keys too, straight from the ring
                    for (int64_t j = 0; j < in_window; ++j) {
                        const int64_t row = (pos - in_window + 1 + j) % window;
                        for (int d = threadIdx.x; d < dim; d += kThreads) {
                            xk[d] = p.key_ring[ring_base_k + row * dim + d];
                        }
                        __syncthreads();
                        feature_map(p, wk, xk, u, phi_k, red);
                        float partial = 0.0f;
                        for (int f = threadIdx.x; f < features; f += kThreads) {
                            partial += phi_q[f] * phi_k[f];
                        }
                        const float a = block_sum(partial, red);
                        for (int c = threadIdx.x; c < dim_v; c += kThreads) {
                            num_l[c] += a * p.value_ring[ring_base_v + row * dim_v + c];
                        }
                        den_l += a;
                    }
                }
            }

            const float dw = g * den_w;
            const float dl = l * den_l;
            const float den = dw + dl;
            float norm_w = 0.0f;
            float norm_l = 0.0f;
            for (int c = threadIdx.x; c < dim_v; c += kThreads) {
                const float yw = g * num_w[c];
                const float yl = l * num_l[c];
                out_row[c] = den == 0.0f ? 0.0f : (yw + yl) / den;
                norm_w += yw * yw;
                norm_l += yl * yl;
            }
            norm_w = sqrtf(block_sum(norm_w, red));
            norm_l = sqrtf(block_sum(norm_l, red));
            if (threadIdx.x == 0 && den != 0.0f) {
                float* d = diag + xh * kDiagnosticSums;
                d[0] += dw / den;
                d[1] += dl / den;
                d[2] += 1.0f;
                const float total = norm_w + norm_l;
                if (total != 0.0f) {
                    d[3] += norm_w / total;
                    d[4] += norm_l / total;
                    d[5] += 1.0f;
                }
            }
            __syncthreads();
        }
    }

    __syncthreads();
    if (p.diagnostics != nullptr) {
        for (int64_t xh = threadIdx.x; xh < group; xh += kThreads) {
            const float* d = diag + xh * kDiagnosticSums;
            float* o = p.diagnostics + (b * p.heads_q + hk * group + xh) * 4;
            o[0] = d[2] == 0.0f ? 0.0f : d[0] / d[2];
            o[1] = d[2] == 0.0f ? 0.0f : d[1] / d[2];
            o[2] = d[5] == 0.0f ? 0.0f : d[3] / d[5];
            o[3] = d[5] == 0.0f ? 0.0f : d[4] / d[5];
        }
    }
}

}  // namespace panattn_hybrid

#endif  // PANATTN_HYBRID_KERNEL_CUH
