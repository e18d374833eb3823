/*
 * Checks the logic of the hybrid-attention kernel (kernels-cuda/hybrid_kernel.cuh) without a GPU: the kernel
 * source runs as host C++, block by block, one fiber per CUDA thread (cuda_host_shim.h), and is compared with a
 * double-precision naive reference that follows org.panattn.ref.ReferenceHybrid: every feature map and mode, GQA,
 * per-head window factors, affine, dropout flags, float16 inputs, diagnostics, and a prefill continued by decode
 * calls (which must equal the whole prefill). Every output element must be written.
 *
 * Prints one line per case and exits 0 when all pass, 1 otherwise. Run by org.panattn.hybrid.HybridKernelEmulationTest.
 */
#include "cuda_host_shim.h"

#include "panattn.h"

using std::isinf;
using std::isnan;

#include "../hybrid_kernel.cuh"

#include <cinttypes>
#include <random>
#include <string>

namespace panattn_hybrid {
// `extern __shared__ float hybrid_shared[]` inside the kernel names this array (one block runs at a time).
float hybrid_shared[1 << 16];
}  // namespace panattn_hybrid

namespace {

struct Case {
    int64_t batch, heads_q, heads_kv, n, dim, dim_v, projected;  // projected 0: no weights
    int32_t map, mode, window, sinks;
    bool affine, untied, per_head_gamma, dropout, half_inputs;
    int64_t prefix;  // tokens of the first (prefill) call; the rest is decoded in calls of up to 3 tokens
};

const char* map_name(int32_t m) {
    static const char* names[] = {"hedgehog", "elu1", "relu", "exp"};
    return names[m];
}

const char* mode_name(int32_t m) {
    static const char* names[] = {"hybrid", "window-only", "linear-only", "sinks-only", "zero"};
    return names[m];
}

std::string describe(const Case& c) {
    char text[320];
    std::snprintf(text, sizeof text,
                  "B%" PRId64 " Hq%" PRId64 " Hkv%" PRId64 " T%" PRId64 " D%" PRId64 " Dv%" PRId64 " P%" PRId64
                  " %s %s w%d sinks%d%s%s%s%s%s prefix %" PRId64,
                  c.batch, c.heads_q, c.heads_kv, c.n, c.dim, c.dim_v, c.projected, map_name(c.map), mode_name(c.mode),
                  c.window, c.sinks, c.affine ? " affine" : "", c.untied ? " untied" : "",
                  c.per_head_gamma ? " per-head-g" : "", c.dropout ? " dropout" : "", c.half_inputs ? " f16" : "",
                  c.prefix);
    return text;
}

/** [B,H,N,X] contiguous inputs: fp32 values or f16 bits, and their exact values as doubles. */
struct Input {
    std::vector<float> f32;
    std::vector<uint16_t> bits;
    std::vector<double> value;
    int32_t dtype;
    const void* data() const {
        return dtype == PANATTN_DTYPE_F32 ? static_cast<const void*>(f32.data()) : bits.data();
    }
};

Input make_input(std::mt19937_64& rng, size_t count, bool half, double sigma) {
    Input in;
    in.dtype = half ? PANATTN_DTYPE_F16 : PANATTN_DTYPE_F32;
    std::normal_distribution<double> normal(0.0, sigma);
    in.value.resize(count);
    if (half) {
        std::uniform_int_distribution<int> mantissa(0, 1023);
        std::uniform_int_distribution<int> exponent(11, 15);  // 2^-4 .. 1
        std::uniform_int_distribution<int> sign(0, 1);
        in.bits.resize(count);
        for (size_t i = 0; i < count; ++i) {
            in.bits[i] = static_cast<uint16_t>((sign(rng) << 15) | (exponent(rng) << 10) | mantissa(rng));
            in.value[i] = __half2float(__half{in.bits[i]});
        }
    } else {
        in.f32.resize(count);
        for (size_t i = 0; i < count; ++i) {
            in.f32[i] = static_cast<float>(normal(rng));
            in.value[i] = in.f32[i];
        }
    }
    return in;
}

std::vector<double> phi(const Case& c, const std::vector<float>* weights, int64_t h, const double* x) {
    const int64_t p = c.projected > 0 ? c.projected : c.dim;
    std::vector<double> u(p, 0.0);
    for (int64_t a = 0; a < p; ++a) {
        if (weights != nullptr) {
            for (int64_t d = 0; d < c.dim; ++d) {
                u[a] += x[d] * (*weights)[(h * c.dim + d) * p + a];
            }
        } else {
            u[a] = x[a];
        }
    }
    const bool doubles = c.map == PANATTN_HYBRID_MAP_HEDGEHOG || c.map == PANATTN_HYBRID_MAP_EXP;
    std::vector<double> out(doubles ? 2 * p : p);
    if (c.map == PANATTN_HYBRID_MAP_RELU) {
        for (int64_t a = 0; a < p; ++a) {
            out[a] = u[a] > 0 ? u[a] : 0.0;
        }
    } else if (c.map == PANATTN_HYBRID_MAP_ELU1) {
        for (int64_t a = 0; a < p; ++a) {
            out[a] = u[a] > 0 ? u[a] + 1.0 : std::exp(u[a]);
        }
    } else {
        double mx = -INFINITY, mn = INFINITY, sp = 0, sn = 0;
        for (double a : u) {
            mx = std::max(mx, a);
            mn = std::min(mn, a);
        }
        for (int64_t a = 0; a < p; ++a) {
            out[a] = std::exp(u[a] - mx);
            out[p + a] = std::exp(mn - u[a]);
            sp += out[a];
            sn += out[p + a];
        }
        if (c.map == PANATTN_HYBRID_MAP_HEDGEHOG) {
            for (int64_t a = 0; a < p; ++a) {
                out[a] /= sp;
                out[p + a] /= sn;
            }
        }
    }
    return out;
}

bool close(double expected, float actual, double tol) {
    if (std::isnan(expected) || std::isnan(actual)) {
        return std::isnan(expected) && std::isnan(actual);
    }
    return std::fabs(expected - actual) <= tol * (1 + std::fabs(expected));
}

bool run(const Case& c, std::mt19937_64& rng) {
    const int64_t group = c.heads_q / c.heads_kv;
    const int64_t p_dim = c.projected > 0 ? c.projected : c.dim;
    const bool doubles = c.map == PANATTN_HYBRID_MAP_HEDGEHOG || c.map == PANATTN_HYBRID_MAP_EXP;
    const int64_t features = doubles ? 2 * p_dim : p_dim;
    Input q = make_input(rng, c.batch * c.heads_q * c.n * c.dim, c.half_inputs, 0.6);
    Input k = make_input(rng, c.batch * c.heads_kv * c.n * c.dim, c.half_inputs, 0.6);
    Input v = make_input(rng, c.batch * c.heads_kv * c.n * c.dim_v, c.half_inputs, 1.0);
    std::normal_distribution<double> normal(0.0, 0.5);
    std::vector<float> wq, wk;
    if (c.projected > 0) {
        wq.resize(c.heads_q * c.dim * c.projected);
        for (auto& x : wq) {
            x = static_cast<float>(normal(rng));
        }
        wk = wq;
        if (c.untied) {
            for (auto& x : wk) {
                x = static_cast<float>(normal(rng));
            }
        }
    }
    std::vector<float> gamma(c.heads_q, 0.3f);
    if (c.per_head_gamma) {
        for (int64_t h = 0; h < c.heads_q; ++h) {
            gamma[h] = 0.1f + 0.2f * static_cast<float>(h);
        }
    }
    std::vector<int32_t> drop(c.batch * c.heads_q, 0);
    if (c.dropout) {
        for (size_t i = 0; i < drop.size(); ++i) {
            drop[i] = i % 3 == 1;
        }
    }

    // --- the kernel: a prefill of `prefix` tokens, then decode calls
    const int64_t guard = 16;
    std::vector<float> out(c.batch * c.heads_q * c.n * c.dim_v + guard, NAN);
    std::vector<float> diag(c.batch * c.heads_q * 4, NAN);
    std::vector<float> key_ring(c.batch * c.heads_kv * c.window * c.dim), value_ring(c.batch * c.heads_kv * c.window * c.dim_v);
    std::vector<float> kv(c.batch * c.heads_q * features * c.dim_v, NAN), z(c.batch * c.heads_q * features, NAN);
    std::vector<float> sink_k(c.batch * c.heads_kv * c.sinks * c.dim + 1), sink_v(c.batch * c.heads_kv * c.sinks * c.dim_v + 1);
    const size_t qe = q.dtype == PANATTN_DTYPE_F32 ? 4 : 2;
    int64_t done = 0;
    bool ok = true;
    std::vector<float> last_diag(diag.size());
    while (done < c.n) {
        const int64_t count = done == 0 ? std::max<int64_t>(c.prefix, 1) : std::min<int64_t>(3, c.n - done);
        panattn_hybrid_params p{};
        p.q = static_cast<const char*>(q.data()) + done * c.dim * qe;
        p.k = static_cast<const char*>(k.data()) + done * c.dim * qe;
        p.v = static_cast<const char*>(v.data()) + done * c.dim_v * qe;
        p.out = out.data() + done * c.dim_v;
        p.diagnostics = diag.data();
        p.weights_q = c.projected > 0 ? wq.data() : nullptr;
        p.weights_k = c.projected > 0 ? wk.data() : nullptr;
        p.window_factor = gamma.data();
        p.drop_window = c.dropout ? drop.data() : nullptr;
        p.key_ring = key_ring.data();
        p.value_ring = value_ring.data();
        p.kv_state = kv.data();
        p.z_state = z.data();
        p.sink_keys = sink_k.data();
        p.sink_values = sink_v.data();
        p.batch = c.batch;
        p.heads_q = c.heads_q;
        p.heads_kv = c.heads_kv;
        p.n = count;
        p.head_dim = c.dim;
        p.head_dim_v = c.dim_v;
        p.projected = p_dim;
        p.features = features;
        p.start = done;
        p.q_stride_n = c.dim;
        p.q_stride_h = c.n * c.dim;
        p.q_stride_b = c.heads_q * c.n * c.dim;
        p.k_stride_n = c.dim;
        p.k_stride_h = c.n * c.dim;
        p.k_stride_b = c.heads_kv * c.n * c.dim;
        p.v_stride_n = c.dim_v;
        p.v_stride_h = c.n * c.dim_v;
        p.v_stride_b = c.heads_kv * c.n * c.dim_v;
        p.out_stride_n = c.dim_v;
        p.out_stride_h = c.n * c.dim_v;
        p.out_stride_b = c.heads_q * c.n * c.dim_v;
        p.q_dtype = q.dtype;
        p.k_dtype = k.dtype;
        p.v_dtype = v.dtype;
        p.feature_map = c.map;
        p.mode = c.mode;
        p.window = c.window;
        p.sinks = c.sinks;
        p.affine = c.affine;
        p.reset = done == 0;
        p.scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(c.dim)));
        if (panattn_hybrid::shared_floats(p) > (1 << 16)) {
            std::printf("FAIL %s: shared memory of the emulation too small\n", describe(c).c_str());
            return false;
        }
        for (int64_t block = 0; block < c.batch * c.heads_kv; ++block) {
            if (!cuda_host_shim::run_block(panattn_hybrid::kThreads, static_cast<unsigned>(block),
                                           [&] { panattn_hybrid::hybrid_recurrent_kernel(p); })) {
                std::printf("FAIL %s: threads deadlocked on a barrier\n", describe(c).c_str());
                return false;
            }
        }
        if (done == 0) {
            last_diag = diag;  // the prefill call's diagnostics cover rows [0, prefix)
        }
        done += count;
    }

    // --- the reference: naive sums over every row
    double worst = 0;
    std::vector<double> want_diag(c.batch * c.heads_q * 4, 0.0);
    for (int64_t b = 0; b < c.batch; ++b) {
        for (int64_t h = 0; h < c.heads_q; ++h) {
            const int64_t hk = h / group;
            const bool dropped = c.dropout && drop[b * c.heads_q + h] != 0;
            const int32_t mode = dropped ? PANATTN_HYBRID_MODE_LINEAR_ONLY : c.mode;
            const double g = mode == PANATTN_HYBRID_MODE_HYBRID ? gamma[h] : (mode == PANATTN_HYBRID_MODE_LINEAR_ONLY ? 0 : 1);
            const double l = mode == PANATTN_HYBRID_MODE_HYBRID ? (c.affine ? 1.0 - gamma[h] : 1.0)
                             : (mode == PANATTN_HYBRID_MODE_LINEAR_ONLY ? 1 : 0);
            double sums[6] = {0, 0, 0, 0, 0, 0};
            for (int64_t i = 0; i < c.n; ++i) {
                const double* qi = &q.value[((b * c.heads_q + h) * c.n + i) * c.dim];
                std::vector<double> num_w(c.dim_v, 0.0), num_l(c.dim_v, 0.0);
                double den_w = 0, den_l = 0;
                auto softmax = [&](int64_t from, int64_t to) {
                    std::vector<double> s;
                    double m = -INFINITY;
                    for (int64_t j = from; j < to; ++j) {
                        const double* kj = &k.value[((b * c.heads_kv + hk) * c.n + j) * c.dim];
                        double dot = 0;
                        for (int64_t d = 0; d < c.dim; ++d) {
                            dot += qi[d] * kj[d];
                        }
                        s.push_back(dot / std::sqrt(static_cast<double>(c.dim)));
                        m = std::max(m, s.back());
                    }
                    for (int64_t j = from; j < to; ++j) {
                        const double e = std::exp(s[j - from] - m);
                        den_w += e;
                        for (int64_t x = 0; x < c.dim_v; ++x) {
                            num_w[x] += e * v.value[((b * c.heads_kv + hk) * c.n + j) * c.dim_v + x];
                        }
                    }
                };
                if (mode == PANATTN_HYBRID_MODE_HYBRID || mode == PANATTN_HYBRID_MODE_WINDOW_ONLY) {
                    softmax(std::max<int64_t>(0, i - c.window + 1), i + 1);
                }
                if (mode == PANATTN_HYBRID_MODE_SINKS_ONLY) {
                    softmax(0, std::min<int64_t>(c.sinks, i + 1));
                }
                if (mode == PANATTN_HYBRID_MODE_HYBRID || mode == PANATTN_HYBRID_MODE_LINEAR_ONLY) {
                    const int64_t end = mode == PANATTN_HYBRID_MODE_LINEAR_ONLY ? i + 1 : std::max<int64_t>(0, i - c.window + 1);
                    std::vector<double> pq = phi(c, c.projected > 0 ? &wq : nullptr, h, qi);
                    for (int64_t j = 0; j < end; ++j) {
                        std::vector<double> pk = phi(c, c.projected > 0 ? &wk : nullptr, h,
                                                     &k.value[((b * c.heads_kv + hk) * c.n + j) * c.dim]);
                        double a = 0;
                        for (int64_t f = 0; f < features; ++f) {
                            a += pq[f] * pk[f];
                        }
                        den_l += a;
                        for (int64_t x = 0; x < c.dim_v; ++x) {
                            num_l[x] += a * v.value[((b * c.heads_kv + hk) * c.n + j) * c.dim_v + x];
                        }
                    }
                }
                const double den = g * den_w + l * den_l;
                double nw = 0, nl = 0;
                for (int64_t x = 0; x < c.dim_v; ++x) {
                    const double want = (mode == PANATTN_HYBRID_MODE_ZERO || den == 0) ? 0.0
                                        : (g * num_w[x] + l * num_l[x]) / den;
                    const float got = out[((b * c.heads_q + h) * c.n + i) * c.dim_v + x];
                    if (!close(want, got, 2e-4)) {
                        std::printf("FAIL %s: out[%" PRId64 ",%" PRId64 ",%" PRId64 ",%" PRId64 "] want %.7g got %.7g\n",
                                    describe(c).c_str(), b, h, i, x, want, got);
                        ok = false;
                    }
                    worst = std::max(worst, std::fabs(want - got));
                    nw += g * num_w[x] * g * num_w[x];
                    nl += l * num_l[x] * l * num_l[x];
                }
                if (i < std::max<int64_t>(c.prefix, 1) && mode != PANATTN_HYBRID_MODE_ZERO && den != 0) {
                    sums[0] += g * den_w / den;
                    sums[1] += l * den_l / den;
                    sums[2] += 1;
                    const double total = std::sqrt(nw) + std::sqrt(nl);
                    if (total != 0) {
                        sums[3] += std::sqrt(nw) / total;
                        sums[4] += std::sqrt(nl) / total;
                        sums[5] += 1;
                    }
                }
            }
            const double means[4] = {sums[2] == 0 ? 0 : sums[0] / sums[2], sums[2] == 0 ? 0 : sums[1] / sums[2],
                                     sums[5] == 0 ? 0 : sums[3] / sums[5], sums[5] == 0 ? 0 : sums[4] / sums[5]};
            for (int e = 0; e < 4; ++e) {
                const float got = last_diag[(b * c.heads_q + h) * 4 + e];
                if (!close(means[e], got, 1e-4)) {
                    std::printf("FAIL %s: diagnostics[%" PRId64 ",%" PRId64 ",%d] want %.7g got %.7g\n",
                                describe(c).c_str(), b, h, e, means[e], got);
                    ok = false;
                }
            }
        }
    }
    for (int64_t i = c.batch * c.heads_q * c.n * c.dim_v; i < static_cast<int64_t>(out.size()); ++i) {
        if (!std::isnan(out[i])) {
            std::printf("FAIL %s: wrote past the output\n", describe(c).c_str());
            ok = false;
        }
    }
    if (ok) {
        std::printf("ok %s (max |diff| %.2e)\n", describe(c).c_str(), worst);
    }
    return ok;
}

}  // namespace

int main() {
    std::mt19937_64 rng(20260);
    std::vector<Case> cases;
    for (int32_t map = PANATTN_HYBRID_MAP_HEDGEHOG; map <= PANATTN_HYBRID_MAP_EXP; ++map) {
        const int64_t projected = map == PANATTN_HYBRID_MAP_HEDGEHOG ? 4 : 0;
        // every mode with Hedgehog, the layer itself and its linear half with the other maps (keeps CI short)
        for (int32_t mode = PANATTN_HYBRID_MODE_HYBRID; mode <= PANATTN_HYBRID_MODE_ZERO; ++mode) {
            if (map == PANATTN_HYBRID_MAP_HEDGEHOG || mode == PANATTN_HYBRID_MODE_HYBRID
                || mode == PANATTN_HYBRID_MODE_LINEAR_ONLY) {
                cases.push_back({2, 4, 2, 14, 8, 5, projected, map, mode, 5, 3, false, false, false, false, false, 14});
            }
        }
        cases.push_back({1, 2, 1, 12, 6, 3, 5, map, PANATTN_HYBRID_MODE_HYBRID, 1, 0, true, true, true, false, false, 12});
    }
    cases.push_back({2, 4, 1, 25, 8, 8, 6, PANATTN_HYBRID_MAP_HEDGEHOG, PANATTN_HYBRID_MODE_HYBRID, 4, 2, false, true,
                     true, true, false, 25});
    cases.push_back({1, 2, 2, 30, 8, 6, 4, PANATTN_HYBRID_MAP_HEDGEHOG, PANATTN_HYBRID_MODE_HYBRID, 7, 0, false, false,
                     false, false, true, 30});
    // prefill then decode calls must continue the same sequence
    cases.push_back({1, 4, 2, 29, 8, 5, 4, PANATTN_HYBRID_MAP_HEDGEHOG, PANATTN_HYBRID_MODE_HYBRID, 6, 0, false, true,
                     true, false, false, 11});
    cases.push_back({2, 2, 1, 24, 4, 4, 0, PANATTN_HYBRID_MAP_ELU1, PANATTN_HYBRID_MODE_LINEAR_ONLY, 3, 0, false, false,
                     false, false, true, 4});
    cases.push_back({1, 2, 2, 20, 4, 4, 0, PANATTN_HYBRID_MAP_EXP, PANATTN_HYBRID_MODE_SINKS_ONLY, 3, 5, false, false,
                     false, false, false, 2});
    int failed = 0;
    for (const Case& c : cases) {
        if (!run(c, rng)) {
            ++failed;
        }
    }
    if (failed > 0) {
        std::printf("FAIL hybrid attention kernel emulation: %d of %zu cases\n", failed, cases.size());
        return 1;
    }
    std::printf("PASS hybrid attention kernel emulation: %zu cases\n", cases.size());
    return 0;
}
