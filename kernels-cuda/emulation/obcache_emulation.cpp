/*
 * Checks the logic of the OBCache kernels (kernels-cuda/obcache_kernel.cuh) without a GPU: the kernel source is
 * compiled as host C++ and run block by block with one fiber per CUDA thread (cuda_host_shim.h). The window
 * outputs and log-sum-exp that the launcher takes from the dense kernel come here from a double reference; the
 * score pass, finalisation, radix select, ordered compaction and staged gather are the kernels' own. Scores are
 * compared with a double reference that follows org.panattn.ref.ReferenceKvCache, evictions exactly with a
 * sort-based selection.
 *
 * Prints one line per case and exits 0 when all pass, 1 otherwise. Run by org.panattn.cuda.KernelEmulationTest.
 */
#include "cuda_host_shim.h"

// Block-shared arrays become function statics: every fiber of the (one) running block sees the same array.
#define PANATTN_BLOCK_SHARED static

#include "panattn.h"

#include "../obcache_kernel.cuh"

#include <cinttypes>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

namespace {

using namespace panattn_obcache;

struct ScoreCase {
    int64_t batch, heads_q, heads_kv, n_q, n_k, dim, dim_v, window;
    bool causal;
    int32_t score, aggregation, pool_radius;
    bool accumulate;
    int32_t dtype;
};

float round_to(int32_t dtype, float x) {
    if (dtype == PANATTN_DTYPE_BF16) {
        uint32_t u;
        std::memcpy(&u, &x, 4);
        u &= 0xffff0000u;
        std::memcpy(&x, &u, 4);
    }
    return x;
}

/* Stores x in the dtype's bits (bf16 by truncation of an already-rounded value, f32 as is). */
void store(std::vector<float>& f32, std::vector<uint16_t>& bits, int32_t dtype, size_t i, float x) {
    if (dtype == PANATTN_DTYPE_F32) {
        f32[i] = x;
    } else {
        uint32_t u;
        std::memcpy(&u, &x, 4);
        bits[i] = static_cast<uint16_t>(u >> 16);
    }
}

bool run_score_case(const ScoreCase& c, std::mt19937_64& rng, const char* label) {
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    const int64_t group = c.heads_q / c.heads_kv;
    // q, k, v contiguous [B,H,N,D]; f32 or bf16 (exact in both after rounding)
    std::vector<float> qf(c.batch * c.heads_q * c.n_q * c.dim), kf(c.batch * c.heads_kv * c.n_k * c.dim),
        vf(c.batch * c.heads_kv * c.n_k * c.dim_v);
    for (auto* t : {&qf, &kf, &vf}) {
        for (auto& x : *t) {
            x = round_to(c.dtype, gauss(rng) * 1.2f);
        }
    }
    std::vector<float> q32, k32, v32;
    std::vector<uint16_t> q16(qf.size()), k16(kf.size()), v16(vf.size());
    if (c.dtype == PANATTN_DTYPE_F32) {
        q32 = qf;
        k32 = kf;
        v32 = vf;
    } else {
        q32.resize(qf.size());
        k32.resize(kf.size());
        v32.resize(vf.size());
        for (size_t i = 0; i < qf.size(); ++i) store(q32, q16, c.dtype, i, qf[i]);
        for (size_t i = 0; i < kf.size(); ++i) store(k32, k16, c.dtype, i, kf[i]);
        for (size_t i = 0; i < vf.size(); ++i) store(v32, v16, c.dtype, i, vf[i]);
    }
    const float scale = 1.0f / std::sqrt(static_cast<float>(c.dim));
    const int64_t heads_out = c.aggregation == PANATTN_OBCACHE_AGG_NONE ? c.heads_q : c.heads_kv;
    std::vector<float> scores(c.batch * heads_out * c.n_k);
    for (auto& x : scores) {
        x = c.accumulate ? gauss(rng) : -7.0f;
    }
    const std::vector<float> initial = scores;

    panattn_obcache_params p;
    std::memset(&p, 0, sizeof p);
    p.q = c.dtype == PANATTN_DTYPE_F32 ? static_cast<const void*>(q32.data()) : q16.data();
    p.k = c.dtype == PANATTN_DTYPE_F32 ? static_cast<void*>(k32.data()) : k16.data();
    p.v = c.dtype == PANATTN_DTYPE_F32 ? static_cast<void*>(v32.data()) : v16.data();
    p.scores = scores.data();
    p.batch = c.batch;
    p.heads_q = c.heads_q;
    p.heads_kv = c.heads_kv;
    p.n_q = c.n_q;
    p.n_k = c.n_k;
    p.head_dim = c.dim;
    p.head_dim_v = c.dim_v;
    p.q_stride_n = c.dim;
    p.q_stride_h = c.n_q * c.dim;
    p.q_stride_b = c.heads_q * c.n_q * c.dim;
    p.k_stride_n = c.dim;
    p.k_stride_h = c.n_k * c.dim;
    p.k_stride_b = c.heads_kv * c.n_k * c.dim;
    p.v_stride_n = c.dim_v;
    p.v_stride_h = c.n_k * c.dim_v;
    p.v_stride_b = c.heads_kv * c.n_k * c.dim_v;
    p.scores_stride_n = 1;
    p.scores_stride_h = c.n_k;
    p.scores_stride_b = heads_out * c.n_k;
    p.window = c.window;
    p.q_dtype = p.k_dtype = p.v_dtype = c.dtype;
    p.score = c.score;
    p.aggregation = c.aggregation;
    p.pool_radius = c.pool_radius;
    p.causal = c.causal;
    p.accumulate = c.accumulate;
    p.scale = scale;

    // the double reference: per query head, per window row, softmax, output, terms
    const int64_t first = c.n_q - c.window;
    std::vector<double> raw_ref(c.batch * c.heads_q * c.n_k, 0.0);
    std::vector<float> outputs(c.batch * c.heads_q * c.window * c.dim_v), lse(c.batch * c.heads_q * c.window);
    for (int64_t b = 0; b < c.batch; ++b) {
        for (int64_t h = 0; h < c.heads_q; ++h) {
            const int64_t hk = h / group;
            for (int64_t t = 0; t < c.window; ++t) {
                const int64_t i = first + t;
                int64_t visible = c.n_k;
                if (c.causal) {
                    visible = std::max<int64_t>(0, std::min<int64_t>(c.n_k, i + c.n_k - c.n_q + 1));
                }
                std::vector<double> z(visible), a(visible), o(c.dim_v, 0.0);
                double m = -INFINITY;
                for (int64_t j = 0; j < visible; ++j) {
                    double dot = 0;
                    for (int64_t x = 0; x < c.dim; ++x) {
                        dot += static_cast<double>(qf[((b * c.heads_q + h) * c.n_q + i) * c.dim + x])
                            * kf[((b * c.heads_kv + hk) * c.n_k + j) * c.dim + x];
                    }
                    z[j] = dot * scale;
                    m = std::max(m, z[j]);
                }
                double sum = 0;
                for (int64_t j = 0; j < visible; ++j) {
                    a[j] = std::exp(z[j] - m);
                    sum += a[j];
                }
                for (int64_t j = 0; j < visible; ++j) {
                    a[j] /= sum;
                    for (int64_t x = 0; x < c.dim_v; ++x) {
                        o[x] += a[j] * vf[((b * c.heads_kv + hk) * c.n_k + j) * c.dim_v + x];
                    }
                }
                const int64_t row = (b * c.heads_q + h) * c.window + t;
                lse[row] = visible == 0 ? -INFINITY : static_cast<float>(m + std::log(sum));
                for (int64_t x = 0; x < c.dim_v; ++x) {
                    outputs[row * c.dim_v + x] = static_cast<float>(o[x]);
                }
                for (int64_t j = 0; j < visible; ++j) {
                    double vv = 0, dist = 0, vo = 0;
                    for (int64_t x = 0; x < c.dim_v; ++x) {
                        const double v = vf[((b * c.heads_kv + hk) * c.n_k + j) * c.dim_v + x];
                        vv += v * v;
                        dist += (v - o[x]) * (v - o[x]);
                        vo += v * o[x];
                    }
                    const double aa = a[j] * a[j];
                    double term = 0;
                    switch (c.score) {
                    case PANATTN_OBCACHE_SCORE_VALUE: term = aa * vv; break;
                    case PANATTN_OBCACHE_SCORE_KEY: term = aa * z[j] * z[j] * dist; break;
                    case PANATTN_OBCACHE_SCORE_JOINT:
                        term = aa * vv + aa * z[j] * z[j] * dist + 2 * aa * z[j] * (vv - vo);
                        break;
                    default: term = a[j];
                    }
                    raw_ref[(b * c.heads_q + h) * c.n_k + j] += term;
                }
            }
        }
    }
    std::vector<double> want(scores.size());
    for (int64_t b = 0; b < c.batch; ++b) {
        for (int64_t ho = 0; ho < heads_out; ++ho) {
            for (int64_t j = 0; j < c.n_k; ++j) {
                const int64_t count = c.aggregation == PANATTN_OBCACHE_AGG_NONE ? 1 : group;
                const int64_t h0 = c.aggregation == PANATTN_OBCACHE_AGG_NONE ? ho : ho * group;
                double result = 0;
                for (int64_t g = 0; g < count; ++g) {
                    double pooled = -INFINITY;
                    for (int64_t t = std::max<int64_t>(0, j - c.pool_radius);
                         t <= std::min<int64_t>(c.n_k - 1, j + c.pool_radius); ++t) {
                        pooled = std::max(pooled, raw_ref[(b * c.heads_q + h0 + g) * c.n_k + t]);
                    }
                    result = g == 0 ? pooled
                             : c.aggregation == PANATTN_OBCACHE_AGG_MAX ? std::max(result, pooled)
                                                                      : result + pooled;
                }
                if (c.aggregation == PANATTN_OBCACHE_AGG_MEAN) {
                    result /= group;
                }
                const size_t at = (b * heads_out + ho) * c.n_k + j;
                want[at] = (c.accumulate ? initial[at] : 0.0) + result;
            }
        }
    }

    // the kernels
    std::vector<float> raw(c.batch * c.heads_q * c.n_k, NAN);
    const int64_t key_tiles = (c.n_k + kKeysPerBlock - 1) / kKeysPerBlock;
    for (int64_t block = 0; block < key_tiles * c.batch * c.heads_kv; ++block) {
        if (!cuda_host_shim::run_block(kThreads, static_cast<unsigned>(block), [&] {
                obcache_score_kernel(p, outputs.data(), lse.data(), raw.data(), key_tiles);
            })) {
            std::printf("FAIL %s: score block %" PRId64 " deadlocked\n", label, block);
            return false;
        }
    }
    const int64_t total = c.batch * heads_out * c.n_k;
    for (int64_t block = 0; block < (total + kThreads - 1) / kThreads; ++block) {
        cuda_host_shim::run_block(kThreads, static_cast<unsigned>(block),
                                  [&] { obcache_finalize_kernel(p, raw.data(), total); });
    }
    double largest = 1e-12;
    for (double x : want) {
        largest = std::max(largest, std::fabs(x));
    }
    for (size_t i = 0; i < want.size(); ++i) {
        const double tolerance = 1e-4 * largest + 1e-4 * std::fabs(want[i]);
        if (!(std::fabs(want[i] - scores[i]) <= tolerance)) {
            std::printf("FAIL %s: score %zu expected %.8g got %.8g\n", label, i, want[i], scores[i]);
            return false;
        }
    }
    std::printf("ok   %s\n", label);
    return true;
}

struct EvictCase {
    int64_t batch, heads, n, dim, dim_v, budget, recent, sink;
    int pattern;  // 0 gaussian, 1 ties, 2 NaN, 3 signed zeros
    int32_t dtype;
};

bool run_evict_case(const EvictCase& c, std::mt19937_64& rng, const char* label) {
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    std::uniform_int_distribution<int> small(0, 3);
    const int64_t ek = c.dtype == PANATTN_DTYPE_F32 ? 4 : 2;
    std::vector<uint8_t> k(c.batch * c.heads * c.n * c.dim * ek), v(c.batch * c.heads * c.n * c.dim_v * ek);
    for (auto& x : k) x = static_cast<uint8_t>(rng());
    for (auto& x : v) x = static_cast<uint8_t>(rng());
    std::vector<float> scores(c.batch * c.heads * c.n);
    for (auto& x : scores) {
        switch (c.pattern) {
        case 1: x = static_cast<float>(small(rng)); break;
        case 2: x = small(rng) == 0 ? NAN : gauss(rng); break;
        case 3: x = small(rng) % 2 ? 0.0f : -0.0f; break;
        default: x = gauss(rng);
        }
    }
    const std::vector<uint8_t> k0 = k, v0 = v;
    const std::vector<float> s0 = scores;
    std::vector<int32_t> kept(c.batch * c.heads * c.budget, -5);
    panattn_obcache_params p;
    std::memset(&p, 0, sizeof p);
    p.k = k.data();
    p.v = v.data();
    p.scores = scores.data();
    p.kept = kept.data();
    p.batch = c.batch;
    p.heads_q = c.heads;
    p.heads_kv = c.heads;
    p.n_k = c.n;
    p.head_dim = c.dim;
    p.head_dim_v = c.dim_v;
    p.k_stride_n = c.dim;
    p.k_stride_h = c.n * c.dim;
    p.k_stride_b = c.heads * c.n * c.dim;
    p.v_stride_n = c.dim_v;
    p.v_stride_h = c.n * c.dim_v;
    p.v_stride_b = c.heads * c.n * c.dim_v;
    p.scores_stride_n = 1;
    p.scores_stride_h = c.n;
    p.scores_stride_b = c.heads * c.n;
    p.kept_stride_n = 1;
    p.kept_stride_h = c.budget;
    p.kept_stride_b = c.heads * c.budget;
    p.budget = c.budget;
    p.recent = c.recent;
    p.sink = c.sink;
    p.k_dtype = p.v_dtype = c.dtype;
    const EvictWorkspace w = evict_workspace(p);
    std::vector<uint64_t> workspace_words((w.bytes + 7) / 8 + 1);
    char* workspace = reinterpret_cast<char*>(workspace_words.data());
    const int64_t segments = c.batch * c.heads;
    for (int64_t s = 0; s < segments; ++s) {
        if (!cuda_host_shim::run_block(kSelectThreads, static_cast<unsigned>(s), [&] {
                obcache_select_kernel(p, reinterpret_cast<uint64_t*>(workspace + w.thresholds));
            })) {
            std::printf("FAIL %s: select block %" PRId64 " deadlocked\n", label, s);
            return false;
        }
    }
    const int64_t row_tiles = (c.budget + kGatherRows - 1) / kGatherRows;
    for (int to_workspace = 1; to_workspace >= 0; --to_workspace) {
        for (int64_t block = 0; block < row_tiles * segments; ++block) {
            cuda_host_shim::run_block(kThreads, static_cast<unsigned>(block),
                                      [&] { obcache_gather_kernel(p, workspace, to_workspace, row_tiles); });
        }
    }
    for (int64_t s = 0; s < segments; ++s) {
        const float* row = s0.data() + s * c.n;
        std::vector<int64_t> middle;
        for (int64_t j = c.sink; j < c.n - c.recent; ++j) middle.push_back(j);
        std::sort(middle.begin(), middle.end(), [&](int64_t x, int64_t y) {
            const bool nx = std::isnan(row[x]), ny = std::isnan(row[y]);
            if (nx != ny) return ny;
            if (!nx && row[x] != row[y]) return row[x] > row[y];
            return x < y;
        });
        std::vector<bool> keep(c.n, false);
        for (int64_t j = 0; j < c.sink; ++j) keep[j] = true;
        for (int64_t j = c.n - c.recent; j < c.n; ++j) keep[j] = true;
        for (int64_t t = 0; t < c.budget - c.sink - c.recent; ++t) keep[middle[t]] = true;
        int64_t t = 0;
        for (int64_t j = 0; j < c.n; ++j) {
            if (!keep[j]) continue;
            if (kept[s * c.budget + t] != j) {
                std::printf("FAIL %s: segment %" PRId64 " kept[%" PRId64 "] expected %" PRId64 " got %d\n", label, s,
                            t, j, kept[s * c.budget + t]);
                return false;
            }
            if (std::memcmp(&k[(s * c.n + t) * c.dim * ek], &k0[(s * c.n + j) * c.dim * ek], c.dim * ek) != 0
                || std::memcmp(&v[(s * c.n + t) * c.dim_v * ek], &v0[(s * c.n + j) * c.dim_v * ek], c.dim_v * ek) != 0
                || std::memcmp(&scores[s * c.n + t], &row[j], 4) != 0) {
                std::printf("FAIL %s: segment %" PRId64 " row %" PRId64 " is not row %" PRId64 " of the input\n", label,
                            s, t, j);
                return false;
            }
            ++t;
        }
    }
    std::printf("ok   %s\n", label);
    return true;
}

}  // namespace

int main() {
    std::mt19937_64 rng(20260101);
    bool all = true;
    const ScoreCase scores[] = {
        {1, 1, 1, 6, 6, 4, 4, 2, true, PANATTN_OBCACHE_SCORE_JOINT, PANATTN_OBCACHE_AGG_MEAN, 0, false,
         PANATTN_DTYPE_F32},
        {2, 4, 2, 9, 70, 16, 8, 5, true, PANATTN_OBCACHE_SCORE_KEY, PANATTN_OBCACHE_AGG_MEAN, 3, false,
         PANATTN_DTYPE_F32},
        {1, 6, 2, 3, 45, 7, 5, 3, false, PANATTN_OBCACHE_SCORE_VALUE, PANATTN_OBCACHE_AGG_MAX, 0, true,
         PANATTN_DTYPE_BF16},
        {1, 2, 1, 12, 8, 8, 8, 12, true, PANATTN_OBCACHE_SCORE_ACCUMULATED, PANATTN_OBCACHE_AGG_NONE, 3, false,
         PANATTN_DTYPE_F32},
        {1, 2, 2, 1, 100, 64, 64, 1, true, PANATTN_OBCACHE_SCORE_JOINT, PANATTN_OBCACHE_AGG_NONE, 0, true,
         PANATTN_DTYPE_BF16},
        {1, 3, 1, 20, 33, 3, 1, 17, true, PANATTN_OBCACHE_SCORE_JOINT, PANATTN_OBCACHE_AGG_MEAN, 3, false,
         PANATTN_DTYPE_F32},
    };
    const char* score_labels[] = {"scores: the numpy-vector shape (joint, causal, w=2)",
                                  "scores: key, GQA 4:2 mean, max-pool 7, causal tails",
                                  "scores: value, GQA 6:2 max, bf16, accumulate, non-causal",
                                  "scores: accumulated, per query head, pooled, Nq > Nk causal",
                                  "scores: joint decode (w=1), D=64, per head, accumulate",
                                  "scores: joint, window of 17 rows (5 row groups), D=3, Dv=1"};
    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; ++i) {
        all &= run_score_case(scores[i], rng, score_labels[i]);
    }
    const EvictCase evictions[] = {
        {2, 3, 100, 8, 5, 40, 10, 4, 0, PANATTN_DTYPE_F32},
        {1, 2, 300, 3, 3, 77, 5, 0, 1, PANATTN_DTYPE_BF16},
        {1, 1, 513, 4, 4, 200, 3, 2, 2, PANATTN_DTYPE_F32},
        {1, 2, 33, 4, 4, 33, 0, 0, 0, PANATTN_DTYPE_F32},
        {1, 2, 33, 4, 4, 9, 5, 4, 0, PANATTN_DTYPE_F16},
        {1, 1, 40, 2, 2, 15, 0, 0, 3, PANATTN_DTYPE_F32},
    };
    const char* evict_labels[] = {"evict: gaussian, sinks and recents, 6 segments",
                                  "evict: ties everywhere, bf16, two chunks of the scan",
                                  "evict: NaN scores rank last, three chunks",
                                  "evict: keep everything", "evict: only sinks and recents, f16",
                                  "evict: signed zeros tie"};
    for (size_t i = 0; i < sizeof evictions / sizeof evictions[0]; ++i) {
        all &= run_evict_case(evictions[i], rng, evict_labels[i]);
    }
    std::printf("%s\n", all ? "PASS obcache kernel emulation" : "FAILED obcache kernel emulation");
    return all ? 0 : 1;
}
