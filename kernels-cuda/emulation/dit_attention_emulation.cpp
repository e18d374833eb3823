/*
 * Checks the logic of the DiTFastAttn kernels (kernels-cuda/dit_attention_kernel.cuh) without a GPU: the kernel
 * source is compiled as host C++ and run block by block with one fiber per CUDA thread (cuda_host_shim.h). Per
 * case: the window kernel and the fused full + window + residual kernel against a double-precision reference
 * (as org.panattn.ref.ReferenceDit), the fused pass's W bit-equal to the window kernel's, O == W + R bit for bit,
 * the residual-add kernel reproducing O exactly, every output element written and nothing past the outputs.
 *
 * Prints one line per case and exits 0 when all pass, 1 otherwise. Run by org.panattn.cuda.DitKernelEmulationTest.
 */
#include "cuda_host_shim.h"

#include "panattn.h"

#include "../dense_attention_kernel.cuh"
#include "../dit_attention_kernel.cuh"

#include <cinttypes>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace panattn_dit {
// `extern __shared__ float shared[]` inside the kernel names this array (one block runs at a time).
float shared[(kBlockM * 256 + kBlockN * 257 + kBlockN * 256) + 64];
}  // namespace panattn_dit

namespace {

using panattn_dit::kAddThreads;
using panattn_dit::kBlockM;
using panattn_dit::kThreads;

struct Case {
    int64_t batch, heads_q, heads_kv, n, head_dim, head_dim_v;
    int32_t window;
    int32_t dtype;
    bool flash_layout;  // q, k, v and the outputs as [B,N,H,D]
};

std::string describe(const Case& c) {
    char text[200];
    std::snprintf(text, sizeof text,
                  "B%" PRId64 " Hq%" PRId64 " Hkv%" PRId64 " N%" PRId64 " D%" PRId64 " Dv%" PRId64 " w%d dtype%d%s",
                  c.batch, c.heads_q, c.heads_kv, c.n, c.head_dim, c.head_dim_v, c.window, c.dtype,
                  c.flash_layout ? " flash" : "");
    return text;
}

struct Layout {
    int64_t b, h, n;
};

Layout layout(const Case& c, int64_t heads, int64_t width) {
    if (c.flash_layout) {
        return {c.n * heads * width, width, heads * width};
    }
    return {heads * c.n * width, c.n * width, width};
}

/** Raw elements of one dtype; values are exactly representable in it. */
struct Storage {
    int32_t dtype;
    std::vector<float> f32;
    std::vector<uint16_t> bits;
    Layout at;

    const void* data() const {
        return dtype == PANATTN_DTYPE_F32 ? static_cast<const void*>(f32.data()) : bits.data();
    }

    double get(int64_t b, int64_t h, int64_t i, int64_t d) const {
        const int64_t e = b * at.b + h * at.h + i * at.n + d;
        switch (dtype) {
        case PANATTN_DTYPE_F16:
            return __half2float(__half{bits[e]});
        case PANATTN_DTYPE_BF16:
            return __bfloat162float(__nv_bfloat16{bits[e]});
        default:
            return f32[e];
        }
    }
};

Storage make(std::mt19937_64& rng, const Case& c, int64_t heads, int64_t width) {
    Storage s{c.dtype, {}, {}, layout(c, heads, width)};
    const int64_t total = std::max<int64_t>(c.batch * s.at.b, 1);
    std::uniform_real_distribution<float> uniform(-2.0f, 2.0f);
    if (c.dtype == PANATTN_DTYPE_F32) {
        s.f32.resize(total);
        for (auto& x : s.f32) {
            x = uniform(rng);
        }
    } else {
        s.bits.resize(total);
        for (auto& x : s.bits) {
            const float f = uniform(rng);
            uint32_t u;
            std::memcpy(&u, &f, sizeof u);
            // bf16: the top half of an fp32; f16: a normal half in about [-2, 2]
            x = c.dtype == PANATTN_DTYPE_BF16 ? static_cast<uint16_t>(u >> 16)
                                              : static_cast<uint16_t>(((u >> 31) << 15) | ((12 + (u & 3)) << 10)
                                                                      | ((u >> 8) & 1023));
        }
    }
    return s;
}

bool close(double expected, float actual) {
    return std::fabs(expected - actual) <= 2e-5 + 2e-4 * std::fabs(expected);
}

bool same_bits(float a, float b) {
    uint32_t x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
    return x == y;
}

/** Softmax-weighted values of keys [lo, hi) for query i, in double. */
void reference_row(const Case& c, const Storage& q, const Storage& k, const Storage& v, float scale, int64_t b,
                   int64_t h, int64_t i, int64_t lo, int64_t hi, std::vector<double>& acc) {
    const int64_t hk = h / (c.heads_q / c.heads_kv);
    std::vector<double> logits(c.n);
    double mx = -INFINITY;
    for (int64_t j = lo; j < hi; ++j) {
        double dot = 0;
        for (int64_t d = 0; d < c.head_dim; ++d) {
            dot += q.get(b, h, i, d) * k.get(b, hk, j, d);
        }
        logits[j] = dot * scale;
        mx = std::max(mx, logits[j]);
    }
    std::fill(acc.begin(), acc.end(), 0.0);
    double sum = 0;
    for (int64_t j = lo; j < hi; ++j) {
        const double w = std::exp(logits[j] - mx);
        sum += w;
        for (int64_t d = 0; d < c.head_dim_v; ++d) {
            acc[d] += w * v.get(b, hk, j, d);
        }
    }
    for (auto& a : acc) {
        a /= sum;
    }
}

bool run_blocks(const Case& c, int64_t blocks, int threads, const std::function<void()>& body, const char* what) {
    for (int64_t block = 0; block < blocks; ++block) {
        if (!cuda_host_shim::run_block(threads, static_cast<unsigned>(block), body)) {
            std::printf("FAIL %s: %s block %" PRId64 " deadlocked\n", describe(c).c_str(), what, block);
            return false;
        }
    }
    return true;
}

bool run(const Case& c, std::mt19937_64& rng) {
    Storage q = make(rng, c, c.heads_q, c.head_dim);
    Storage k = make(rng, c, c.heads_kv, c.head_dim);
    Storage v = make(rng, c, c.heads_kv, c.head_dim_v);
    const float scale = static_cast<float>(1.0 / std::sqrt(std::max<int64_t>(c.head_dim, 1)));
    const Layout o = layout(c, c.heads_q, c.head_dim_v);
    const int64_t count = c.batch * c.heads_q * c.n * c.head_dim_v;
    const int64_t guard = 32;
    const float sentinel = 12345.0f;
    auto output = [&] {
        std::vector<float> t(count + guard, NAN);
        std::fill(t.begin() + count, t.end(), sentinel);
        return t;
    };
    std::vector<float> window = output(), fused_window = output(), full = output(), residual = output(),
                       added = output();

    panattn_dit_params p{};
    p.q = q.data();
    p.k = k.data();
    p.v = v.data();
    p.batch = c.batch;
    p.heads_q = c.heads_q;
    p.heads_kv = c.heads_kv;
    p.n = c.n;
    p.head_dim = c.head_dim;
    p.head_dim_v = c.head_dim_v;
    p.q_stride_b = q.at.b;
    p.q_stride_h = q.at.h;
    p.q_stride_n = q.at.n;
    p.k_stride_b = k.at.b;
    p.k_stride_h = k.at.h;
    p.k_stride_n = k.at.n;
    p.v_stride_b = v.at.b;
    p.v_stride_h = v.at.h;
    p.v_stride_n = v.at.n;
    p.window_stride_b = p.full_stride_b = p.residual_stride_b = o.b;
    p.window_stride_h = p.full_stride_h = p.residual_stride_h = o.h;
    p.window_stride_n = p.full_stride_n = p.residual_stride_n = o.n;
    p.q_dtype = p.k_dtype = p.v_dtype = c.dtype;
    p.window = c.window;
    p.scale = scale;

    // the launcher's dispatch, minus the launch
    const int64_t m_tiles = (c.n + kBlockM - 1) / kBlockM;
    const int64_t blocks = m_tiles * c.heads_q * c.batch;
    const int64_t widest = std::max(c.head_dim, c.head_dim_v);
    void (*window_kernel)(panattn_dit_params, int64_t) =
        widest <= 64 ? panattn_dit::dit_attention_kernel<64, false>
        : widest <= 128 ? panattn_dit::dit_attention_kernel<128, false>
                        : panattn_dit::dit_attention_kernel<256, false>;
    void (*fused_kernel)(panattn_dit_params, int64_t) =
        widest <= 64 ? panattn_dit::dit_attention_kernel<64, true>
        : widest <= 128 ? panattn_dit::dit_attention_kernel<128, true>
                        : panattn_dit::dit_attention_kernel<256, true>;

    panattn_dit_params pw = p;
    pw.window_out = window.data();
    if (!run_blocks(c, blocks, kThreads, [&] { window_kernel(pw, m_tiles); }, "window")) {
        return false;
    }
    panattn_dit_params pf = p;
    pf.window_out = fused_window.data();
    pf.full_out = full.data();
    pf.residual_out = residual.data();
    if (!run_blocks(c, blocks, kThreads, [&] { fused_kernel(pf, m_tiles); }, "fused")) {
        return false;
    }
    panattn_dit_residual_add_params pa{};
    pa.window = window.data();
    pa.residual = residual.data();
    pa.out = added.data();
    pa.batch = c.batch;
    pa.heads = c.heads_q;
    pa.n = c.n;
    pa.head_dim_v = c.head_dim_v;
    pa.window_stride_b = pa.residual_stride_b = pa.out_stride_b = o.b;
    pa.window_stride_h = pa.residual_stride_h = pa.out_stride_h = o.h;
    pa.window_stride_n = pa.residual_stride_n = pa.out_stride_n = o.n;
    const int64_t add_blocks = (count + kAddThreads - 1) / kAddThreads;
    if (!run_blocks(c, add_blocks, kAddThreads, [&] { panattn_dit::dit_residual_add_kernel(pa); }, "add")) {
        return false;
    }

    std::vector<double> expected_window(c.head_dim_v), expected_full(c.head_dim_v);
    for (int64_t b = 0; b < c.batch; ++b) {
        for (int64_t h = 0; h < c.heads_q; ++h) {
            for (int64_t i = 0; i < c.n; ++i) {
                const int64_t lo = std::max<int64_t>(0, i - c.window);
                const int64_t hi = std::min<int64_t>(c.n, i + int64_t{c.window} + 1);
                reference_row(c, q, k, v, scale, b, h, i, lo, hi, expected_window);
                reference_row(c, q, k, v, scale, b, h, i, 0, c.n, expected_full);
                for (int64_t d = 0; d < c.head_dim_v; ++d) {
                    const int64_t e = b * o.b + h * o.h + i * o.n + d;
                    const char* failure = nullptr;
                    if (!close(expected_window[d], window[e])) {
                        failure = "window vs reference";
                    } else if (!close(expected_full[d], full[e])) {
                        failure = "full vs reference";
                    } else if (!same_bits(window[e], fused_window[e])) {
                        failure = "fused W differs from the window kernel's";
                    } else if (!same_bits(full[e], window[e] + residual[e])) {
                        failure = "O != W + R";
                    } else if (!same_bits(full[e], added[e])) {
                        failure = "residual add does not reproduce O";
                    }
                    if (failure != nullptr) {
                        std::printf("FAIL %s: %s at [%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 "]: window %.8g "
                                    "(ref %.8g), full %.8g (ref %.8g), residual %.8g, added %.8g\n",
                                    describe(c).c_str(), failure, b, h, i, d, window[e], expected_window[d], full[e],
                                    expected_full[d], residual[e], added[e]);
                        return false;
                    }
                }
            }
        }
    }
    for (const auto* t : {&window, &fused_window, &full, &residual, &added}) {
        for (int64_t g = 0; g < guard; ++g) {
            if ((*t)[count + g] != sentinel) {
                std::printf("FAIL %s: wrote past the end of an output\n", describe(c).c_str());
                return false;
            }
        }
    }
    std::printf("ok   %s\n", describe(c).c_str());
    return true;
}

}  // namespace

int main() {
    const int32_t F32 = PANATTN_DTYPE_F32, F16 = PANATTN_DTYPE_F16, BF16 = PANATTN_DTYPE_BF16;
    std::vector<Case> cases = {
        // every capacity (64, 128, 256), w = 0, w >= N, odd N with tails, GQA, flash layout, half inputs
        {1, 1, 1, 49, 64, 64, 9, F32, false},
        {1, 1, 1, 37, 72, 72, 0, F32, true},
        {1, 2, 1, 20, 200, 136, 30, BF16, false},
        {2, 2, 1, 41, 16, 8, 7, F16, true},
        {1, 1, 1, 33, 3, 5, 31, F32, false},
        {1, 1, 1, 1, 8, 8, 4, F32, false},
        {1, 1, 1, 90, 32, 32, 20, F32, false},
    };
    std::mt19937_64 rng(2026);
    bool all = true;
    for (const Case& c : cases) {
        all = run(c, rng) && all;
    }
    std::printf("%s\n", all ? "PASS dit attention kernel emulation" : "FAILED dit attention kernel emulation");
    return all ? 0 : 1;
}
