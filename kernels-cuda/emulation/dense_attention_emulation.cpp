/*
 * Checks the logic of the dense-attention kernel (kernels-cuda/dense_attention_kernel.cuh) without a GPU: the
 * kernel source is compiled as host C++ and run block by block with one fiber per CUDA thread (cuda_host_shim.h),
 * then compared with a double-precision reference that follows org.panattn.ref.ReferenceDense. Covers every
 * instantiation the launcher dispatches to, masks, GQA, strided layouts, mixed dtypes, empty rows, and checks that
 * every output element is written and nothing past the outputs is.
 *
 * Prints one line per case and exits 0 when all pass, 1 otherwise. Run by org.panattn.cuda.KernelEmulationTest.
 */
#include "cuda_host_shim.h"

#include "panattn.h"

#include "../dense_attention_kernel.cuh"

#include <cinttypes>
#include <random>
#include <string>

namespace panattn_dense {
// `extern __shared__ float4 shared[]` inside the kernel names this array (one block runs at a time).
float4 shared[shared_bytes(256) / sizeof(float4)];
}  // namespace panattn_dense

namespace {

using panattn_dense::kBlockM;
using panattn_dense::kThreads;

struct Case {
    int64_t batch, heads_q, heads_kv, n_q, n_k, head_dim, head_dim_v;
    bool causal;
    int32_t window_left, window_right;
    float scale;  // 0: 1/sqrt(head_dim)
    int32_t q_dtype, k_dtype, v_dtype;
    bool flash_layout;  // q and out as [B,N,H,D], k and v with padded rows
    bool infinite_last_value = false;  // v[..., n_k - 1, 0] = +inf: rows that do not see that key stay finite
};

std::string describe(const Case& c) {
    char text[256];
    std::snprintf(text, sizeof text,
                  "B%" PRId64 " Hq%" PRId64 " Hkv%" PRId64 " Nq%" PRId64 " Nk%" PRId64 " D%" PRId64 " Dv%" PRId64
                  "%s window[%d,%d] dtypes q%d k%d v%d%s",
                  c.batch, c.heads_q, c.heads_kv, c.n_q, c.n_k, c.head_dim, c.head_dim_v, c.causal ? " causal" : "",
                  c.window_left, c.window_right, c.q_dtype, c.k_dtype, c.v_dtype, c.flash_layout ? " flash" : "");
    return text;
}

/** A tensor's storage: raw elements of its dtype, strides in elements. */
struct Storage {
    int32_t dtype;
    std::vector<float> f32;
    std::vector<uint16_t> bits;  // f16 / bf16
    int64_t stride_b, stride_h, stride_n;

    const void* data() const {
        return dtype == PANATTN_DTYPE_F32 ? static_cast<const void*>(f32.data()) : bits.data();
    }

    double at(int64_t b, int64_t h, int64_t n, int64_t d) const {
        const int64_t i = b * stride_b + h * stride_h + n * stride_n + d;
        switch (dtype) {
        case PANATTN_DTYPE_F16:
            return __half2float(__half{bits[i]});
        case PANATTN_DTYPE_BF16:
            return __bfloat162float(__nv_bfloat16{bits[i]});
        default:
            return f32[i];
        }
    }
};

/** Random values in about [-2, 2], exactly representable in the dtype. */
Storage make(std::mt19937_64& rng, int32_t dtype, int64_t b, int64_t h, int64_t n, int64_t d, bool flash,
             int64_t row_pad) {
    Storage s{dtype, {}, {}, 0, 0, 0};
    const int64_t row = d + row_pad;
    if (flash) {  // [B,N,H,D]
        s.stride_h = row;
        s.stride_n = h * row;
        s.stride_b = n * h * row;
    } else {  // [B,H,N,D]
        s.stride_n = row;
        s.stride_h = n * row;
        s.stride_b = h * n * row;
    }
    const int64_t total = std::max<int64_t>(b * s.stride_b, 1);
    std::uniform_real_distribution<float> uniform(-2.0f, 2.0f);
    std::uniform_int_distribution<int> mantissa(0, 1023);
    std::uniform_int_distribution<int> exponent(12, 16);  // 2^-3 .. 2
    std::uniform_int_distribution<int> sign(0, 1);
    if (dtype == PANATTN_DTYPE_F32) {
        s.f32.resize(total);
        for (auto& x : s.f32) {
            x = uniform(rng);
        }
    } else if (dtype == PANATTN_DTYPE_F16) {
        s.bits.resize(total);
        for (auto& x : s.bits) {
            x = static_cast<uint16_t>((sign(rng) << 15) | (exponent(rng) << 10) | mantissa(rng));
        }
    } else {
        s.bits.resize(total);
        for (auto& x : s.bits) {
            float f = uniform(rng);
            uint32_t u;
            std::memcpy(&u, &f, sizeof u);
            x = static_cast<uint16_t>(u >> 16);
        }
    }
    return s;
}

int64_t first_key(const Case& c, int64_t i) {
    const int64_t pos = i + c.n_k - c.n_q;
    return c.window_left < 0 ? 0 : std::max<int64_t>(0, pos - c.window_left);
}

int64_t end_key(const Case& c, int64_t i) {
    const int64_t pos = i + c.n_k - c.n_q;
    int64_t hi = c.n_k - 1;
    if (c.causal) {
        hi = std::min(hi, pos);
    }
    if (c.window_right >= 0) {
        hi = std::min(hi, pos + c.window_right);
    }
    return std::max<int64_t>(hi + 1, 0);
}

bool close(double expected, float actual) {
    if (std::isnan(expected) || std::isnan(actual)) {
        return std::isnan(expected) && std::isnan(actual);
    }
    if (std::isinf(expected) || std::isinf(actual)) {
        return expected == actual;
    }
    return std::fabs(expected - actual) <= 2e-5 + 2e-4 * std::fabs(expected);
}

bool run(const Case& c, std::mt19937_64& rng) {
    const int64_t pad = c.flash_layout ? 3 : 0;
    Storage q = make(rng, c.q_dtype, c.batch, c.heads_q, c.n_q, c.head_dim, c.flash_layout, 0);
    Storage k = make(rng, c.k_dtype, c.batch, c.heads_kv, c.n_k, c.head_dim, false, pad);
    Storage v = make(rng, c.v_dtype, c.batch, c.heads_kv, c.n_k, c.head_dim_v, false, pad);
    if (c.infinite_last_value && c.v_dtype == PANATTN_DTYPE_F32 && c.n_k > 0 && c.head_dim_v > 0) {
        for (int64_t b = 0; b < c.batch; ++b) {
            for (int64_t h = 0; h < c.heads_kv; ++h) {
                v.f32[b * v.stride_b + h * v.stride_h + (c.n_k - 1) * v.stride_n] = INFINITY;
            }
        }
    }
    const float scale = c.scale != 0.0f ? c.scale : static_cast<float>(1.0 / std::sqrt(std::max<int64_t>(c.head_dim, 1)));

    // out [B,H,N,Dv] or [B,N,H,Dv]; guard elements after it must stay untouched, every other one must be written
    const int64_t guard = 64;
    const int64_t out_count = c.batch * c.heads_q * c.n_q * c.head_dim_v;
    std::vector<float> out(out_count + guard, NAN);
    std::vector<float> lse(c.batch * c.heads_q * c.n_q + guard, NAN);
    const float sentinel = 12345.0f;
    std::fill(out.begin() + out_count, out.end(), sentinel);
    std::fill(lse.end() - guard, lse.end(), sentinel);

    panattn_dense_params p{};
    p.q = q.data();
    p.k = k.data();
    p.v = v.data();
    p.out = out.data();
    p.lse = lse.data();
    p.batch = c.batch;
    p.heads_q = c.heads_q;
    p.heads_kv = c.heads_kv;
    p.n_q = c.n_q;
    p.n_k = c.n_k;
    p.head_dim = c.head_dim;
    p.head_dim_v = c.head_dim_v;
    p.q_stride_b = q.stride_b;
    p.q_stride_h = q.stride_h;
    p.q_stride_n = q.stride_n;
    p.k_stride_b = k.stride_b;
    p.k_stride_h = k.stride_h;
    p.k_stride_n = k.stride_n;
    p.v_stride_b = v.stride_b;
    p.v_stride_h = v.stride_h;
    p.v_stride_n = v.stride_n;
    if (c.flash_layout) {
        p.out_stride_h = c.head_dim_v;
        p.out_stride_n = c.heads_q * c.head_dim_v;
    } else {
        p.out_stride_n = c.head_dim_v;
        p.out_stride_h = c.n_q * c.head_dim_v;
    }
    p.out_stride_b = c.heads_q * c.n_q * c.head_dim_v;
    p.lse_stride_n = 1;
    p.lse_stride_h = c.n_q;
    p.lse_stride_b = c.heads_q * c.n_q;
    p.q_dtype = c.q_dtype;
    p.k_dtype = c.k_dtype;
    p.v_dtype = c.v_dtype;
    p.causal = c.causal ? 1 : 0;
    p.window_left = c.window_left;
    p.window_right = c.window_right;
    p.scale = scale;

    // the launcher's dispatch, minus the launch
    const int64_t m_tiles = (c.n_q + kBlockM - 1) / kBlockM;
    const int64_t blocks = m_tiles * c.heads_q * c.batch;
    void (*kernel)(panattn_dense_params, int64_t);
    if (c.head_dim == c.head_dim_v && c.head_dim == 64) {
        kernel = panattn_dense::dense_attention_kernel<64, true>;
    } else if (c.head_dim == c.head_dim_v && c.head_dim == 128) {
        kernel = panattn_dense::dense_attention_kernel<128, true>;
    } else {
        const int64_t widest = std::max(c.head_dim, c.head_dim_v);
        kernel = widest <= 64    ? panattn_dense::dense_attention_kernel<64, false>
                 : widest <= 128 ? panattn_dense::dense_attention_kernel<128, false>
                                 : panattn_dense::dense_attention_kernel<256, false>;
    }
    for (int64_t block = 0; block < blocks; ++block) {
        if (!cuda_host_shim::run_block(kThreads, static_cast<unsigned>(block), [&] { kernel(p, m_tiles); })) {
            std::printf("FAIL %s: block %" PRId64 " deadlocked (a barrier or shuffle not reached by every thread)\n",
                        describe(c).c_str(), block);
            return false;
        }
    }

    std::vector<double> logits(c.n_k);
    for (int64_t b = 0; b < c.batch; ++b) {
        for (int64_t h = 0; h < c.heads_q; ++h) {
            const int64_t hk = h / (c.heads_q / c.heads_kv);
            for (int64_t i = 0; i < c.n_q; ++i) {
                const int64_t lo = first_key(c, i);
                const int64_t hi = end_key(c, i);
                std::vector<double> acc(c.head_dim_v, 0.0);
                double row_lse = -INFINITY;
                if (lo < hi) {
                    double mx = -INFINITY;
                    for (int64_t j = lo; j < hi; ++j) {
                        double dot = 0;
                        for (int64_t d = 0; d < c.head_dim; ++d) {
                            dot += q.at(b, h, i, d) * k.at(b, hk, j, d);
                        }
                        logits[j] = dot * scale;
                        mx = std::max(mx, logits[j]);
                    }
                    double sum = 0;
                    for (int64_t j = lo; j < hi; ++j) {
                        const double w = std::exp(logits[j] - mx);
                        sum += w;
                        for (int64_t d = 0; d < c.head_dim_v; ++d) {
                            acc[d] += w * v.at(b, hk, j, d);
                        }
                    }
                    for (auto& a : acc) {
                        a /= sum;
                    }
                    row_lse = mx + std::log(sum);
                }
                // a row that sees the infinite value: IEEE gives inf or NaN depending on rounding order, skip it
                const bool sees_infinity = c.infinite_last_value && hi == c.n_k && lo < hi;
                for (int64_t d = 0; d < c.head_dim_v && !sees_infinity; ++d) {
                    const float got = out[b * p.out_stride_b + h * p.out_stride_h + i * p.out_stride_n + d];
                    if (!close(acc[d], got)) {
                        std::printf("FAIL %s: out[%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 "] expected %.8g got %.8g\n",
                                    describe(c).c_str(), b, h, i, d, acc[d], got);
                        return false;
                    }
                }
                const float got_lse = lse[b * p.lse_stride_b + h * p.lse_stride_h + i];
                if (!close(row_lse, got_lse)) {
                    std::printf("FAIL %s: lse[%" PRId64 ",%" PRId64 ",%" PRId64 "] expected %.8g got %.8g\n",
                                describe(c).c_str(), b, h, i, row_lse, got_lse);
                    return false;
                }
            }
        }
    }
    for (int64_t g = 0; g < guard; ++g) {
        if (out[out_count + g] != sentinel || lse[lse.size() - guard + g] != sentinel) {
            std::printf("FAIL %s: wrote past the end of out or lse\n", describe(c).c_str());
            return false;
        }
    }
    std::printf("ok   %s\n", describe(c).c_str());
    return true;
}

}  // namespace

int main() {
    const int32_t F32 = PANATTN_DTYPE_F32, F16 = PANATTN_DTYPE_F16, BF16 = PANATTN_DTYPE_BF16;
    std::vector<Case> cases = {
        // every instantiation: <64,exact> <128,exact> <64,generic> <128,generic> <256,generic>
        {1, 2, 1, 19, 45, 64, 64, false, -1, -1, 0, F32, F32, F32, false},
        {1, 1, 1, 17, 40, 128, 128, true, -1, -1, 0, BF16, BF16, BF16, true},
        {2, 2, 2, 5, 33, 1, 1, false, -1, -1, 0, F32, F32, F32, false},
        {1, 2, 2, 9, 21, 3, 3, true, -1, -1, 0, F16, F16, F16, false},
        {1, 2, 1, 18, 37, 80, 80, false, -1, -1, 0, F32, F16, BF16, true},
        {1, 1, 1, 16, 70, 200, 256, true, -1, -1, 0.08f, BF16, F32, F32, false},
        // masks: causal with Nq > Nk (rows with no key), windows, a band of width one
        {1, 1, 1, 40, 20, 16, 16, true, -1, -1, 0, F32, F32, F32, false},
        {1, 1, 1, 35, 35, 8, 8, false, 5, 0, 0, F32, F32, F32, false},
        {1, 1, 1, 35, 50, 8, 8, false, 3, 7, 2.0f, F32, F32, F32, false},
        {1, 1, 1, 33, 33, 8, 8, true, 0, -1, 0, F32, F32, F32, false},
        {1, 1, 1, 30, 12, 8, 8, false, -1, 0, 0, F32, F32, F32, false},
        // GQA, decode (one query row), no keys at all, D != Dv
        {1, 6, 2, 3, 70, 32, 32, true, -1, -1, 0, F16, F16, F16, true},
        {2, 4, 1, 1, 100, 64, 64, false, -1, -1, 0, BF16, BF16, BF16, false},
        {1, 1, 1, 4, 0, 16, 16, false, -1, -1, 0, F32, F32, F32, false},
        {1, 2, 1, 20, 45, 48, 24, false, -1, -1, 0, F32, F32, F32, true},
        {1, 1, 1, 8, 20, 0, 8, false, -1, -1, 0, F32, F32, F32, false},
    };
    Case band{1, 2, 1, 40, 40, 16, 16, false, 4, 4, 0, F32, F32, F32, false};
    band.infinite_last_value = true;  // only the last rows' band reaches the last key
    cases.push_back(band);
    Case causal_inf{1, 1, 1, 40, 40, 8, 8, true, -1, -1, 0, F32, F32, F32, false};
    causal_inf.infinite_last_value = true;  // only the last row sees the last key
    cases.push_back(causal_inf);

    // random shapes: tails everywhere, GQA, masks, dtypes and layouts mixed
    std::mt19937_64 shapes(7);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(shapes); };
    const int32_t dtypes[] = {F32, F16, BF16};
    for (int n = 0; n < 10; ++n) {
        const int kv = pick(1, 2);
        const int d = pick(1, 140);
        const bool windowed = pick(0, 1) == 1;
        cases.push_back(Case{pick(1, 2), kv * pick(1, 3), kv, pick(1, 40), pick(1, 80), d,
                             pick(0, 1) == 1 ? d : pick(1, 140), pick(0, 1) == 1,
                             windowed ? pick(0, 20) : -1, windowed ? pick(0, 20) : -1, 0,
                             dtypes[pick(0, 2)], dtypes[pick(0, 2)], dtypes[pick(0, 2)], pick(0, 1) == 1});
    }

    std::mt19937_64 rng(2026);
    bool all = true;
    for (const Case& c : cases) {
        all = run(c, rng) && all;
    }
    std::printf("%s\n", all ? "PASS dense attention kernel emulation" : "FAILED dense attention kernel emulation");
    return all ? 0 : 1;
}
