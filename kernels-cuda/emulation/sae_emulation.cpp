/*
 * Checks the logic of the SAE kernels (kernels-cuda/sae_kernel.cuh) without a GPU: the kernel source is compiled as
 * host C++ and run block by block with one fiber per CUDA thread (cuda_host_shim.h), then compared with a
 * double-precision reference that follows org.panattn.ref.ReferenceSae. Covers partial tiles, batched strided
 * rows, centring, every activation and storage dtype, the epilogue alone, steering (clamp/add, several edits,
 * int32 and float masks, in place), and the feature-row kernels: TopK selection, sparse output and statistics on
 * rows with ties, NaN, -0 and infinities, k and capacity below, at and above d_sae, masks with NaN entries and
 * empty masks, and the GEMM -> TopK -> sparse -> statistics chain of a CUDA encode. It checks that nothing
 * outside the outputs is written.
 *
 * Prints one line per case and exits 0 when all pass, 1 otherwise. Run by org.panattn.cuda.SaeKernelEmulationTest.
 */
#include "cuda_host_shim.h"

#include "panattn.h"

inline __half __float2half_rn(float value) {
    uint32_t x;
    std::memcpy(&x, &value, sizeof x);
    const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
    uint32_t mantissa = x & 0x7fffffu;
    const int exponent = static_cast<int>((x >> 23) & 0xffu);
    if (exponent == 255) {
        return __half{static_cast<uint16_t>(sign | 0x7c00u | (mantissa ? 0x200u : 0u))};
    }
    const int e = exponent - 127 + 15;
    if (e >= 31) {
        return __half{static_cast<uint16_t>(sign | 0x7c00u)};
    }
    if (e <= 0) {  // subnormal half (or zero)
        if (e < -10) {
            return __half{sign};
        }
        mantissa |= 0x800000u;
        const int shift = 14 - e;
        uint32_t half = mantissa >> shift;
        const uint32_t rest = mantissa & ((1u << shift) - 1);
        const uint32_t middle = 1u << (shift - 1);
        if (rest > middle || (rest == middle && (half & 1u))) {
            ++half;
        }
        return __half{static_cast<uint16_t>(sign | half)};
    }
    uint32_t half = (static_cast<uint32_t>(e) << 10) | (mantissa >> 13);
    const uint32_t rest = mantissa & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) {
        ++half;  // a carry into the exponent is the correct rounding, up to infinity
    }
    return __half{static_cast<uint16_t>(sign | half)};
}

inline __nv_bfloat16 __float2bfloat16_rn(float value) {
    uint32_t x;
    std::memcpy(&x, &value, sizeof x);
    if ((x & 0x7fffffffu) > 0x7f800000u) {
        return __nv_bfloat16{static_cast<uint16_t>((x >> 16) | 0x40u)};
    }
    return __nv_bfloat16{static_cast<uint16_t>((x + 0x7fffu + ((x >> 16) & 1u)) >> 16)};
}

#include "../sae_kernel.cuh"

#include <cinttypes>
#include <random>
#include <string>

namespace panattn_sae {
// `extern __shared__ float sae_shared[]` inside the kernels names this array (one block runs at a time).
alignas(16) float sae_shared[kSharedFloats];
}  // namespace panattn_sae

namespace {

using panattn_sae::kGemmThreads;
using panattn_sae::kSteerThreads;
using panattn_sae::kTileM;
using panattn_sae::kTileN;

/** Values of one dtype, stored raw; at(i) widens to double exactly as the kernel widens to float. */
struct Buffer {
    int32_t dtype = PANATTN_DTYPE_F32;
    std::vector<float> f32;
    std::vector<uint16_t> bits;

    void* data() {
        return dtype == PANATTN_DTYPE_F32 ? static_cast<void*>(f32.data()) : static_cast<void*>(bits.data());
    }

    double at(int64_t i) const {
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

Buffer random_buffer(std::mt19937_64& rng, int32_t dtype, int64_t count, float scale) {
    Buffer b;
    b.dtype = dtype;
    std::normal_distribution<float> normal(0.0f, scale);
    if (dtype == PANATTN_DTYPE_F32) {
        b.f32.resize(std::max<int64_t>(count, 1));
        for (auto& v : b.f32) {
            v = normal(rng);
        }
    } else {
        b.bits.resize(std::max<int64_t>(count, 1));
        for (auto& v : b.bits) {
            const float f = normal(rng);
            v = dtype == PANATTN_DTYPE_F16 ? __float2half_rn(f).bits : __float2bfloat16_rn(f).bits;
        }
    }
    return b;
}

double activate(double h, int32_t activation, double theta) {
    if (std::isnan(h)) {
        return h;
    }
    if (activation == PANATTN_SAE_ACT_JUMP_RELU) {
        return h > theta ? h : 0.0;
    }
    if (activation == PANATTN_SAE_ACT_RELU) {
        return h > 0 ? h : 0.0;
    }
    return h;
}

bool close(double expected, float actual, double scale) {
    if (std::isnan(expected) || std::isnan(actual)) {
        return std::isnan(expected) && std::isnan(actual);
    }
    return std::fabs(expected - actual) <= 1e-5 * scale + 1e-4 * std::fabs(expected);
}

struct GemmCase {
    int64_t batch, per_batch, k, n;
    int32_t a_dtype, b_dtype, activation;
    bool center, bias, epilogue_only;
};

bool run_gemm(const GemmCase& g, std::mt19937_64& rng) {
    const int64_t rows = g.batch * g.per_batch;
    const int64_t a_row = g.k + 3;  // padded rows: a strided view
    const int64_t a_batch = g.per_batch * a_row + 5;
    Buffer a = random_buffer(rng, g.a_dtype, g.batch * a_batch, 1.0f);
    Buffer b = random_buffer(rng, g.b_dtype, g.k * (g.n + 2), 0.3f);
    Buffer bias = random_buffer(rng, PANATTN_DTYPE_F32, g.n, 0.2f);
    Buffer theta = random_buffer(rng, PANATTN_DTYPE_BF16, g.n, 0.2f);
    Buffer center = random_buffer(rng, PANATTN_DTYPE_F16, g.k, 0.5f);
    const int64_t guard = 37;
    const float sentinel = 4242.0f;
    std::vector<float> c(rows * g.n + guard, sentinel);

    panattn_sae_gemm_params p{};
    p.a = a.data();
    p.b = b.data();
    p.bias = g.bias ? bias.data() : nullptr;
    p.threshold = g.activation == PANATTN_SAE_ACT_JUMP_RELU ? theta.data() : nullptr;
    p.center = g.center ? center.data() : nullptr;
    p.c = c.data();
    p.rows = rows;
    p.k = g.k;
    p.n = g.n;
    p.a_rows_per_batch = g.per_batch;
    p.a_stride_batch = a_batch;
    p.a_stride_row = a_row;
    p.b_stride = g.n + 2;
    p.bias_stride = 1;
    p.threshold_stride = 1;
    p.center_stride = 1;
    p.c_rows_per_batch = rows > 0 ? rows : 1;
    p.c_stride_batch = 0;
    p.c_stride_row = g.n;
    p.a_dtype = g.a_dtype;
    p.b_dtype = g.b_dtype;
    p.bias_dtype = PANATTN_DTYPE_F32;
    p.threshold_dtype = PANATTN_DTYPE_BF16;
    p.center_dtype = PANATTN_DTYPE_F16;
    p.activation = g.activation;

    // the plain product, in double, before the epilogue
    std::vector<double> product(rows * g.n);
    for (int64_t r = 0; r < rows; ++r) {
        const int64_t at = (r / g.per_batch) * a_batch + (r % g.per_batch) * a_row;
        for (int64_t j = 0; j < g.n; ++j) {
            double s = 0;
            for (int64_t q = 0; q < g.k; ++q) {
                const double x = static_cast<float>(a.at(at + q) - (g.center ? center.at(q) : 0.0));
                s += x * b.at(q * (g.n + 2) + j);
            }
            product[r * g.n + j] = s;
        }
    }
    bool ok = true;
    if (g.epilogue_only) {
        for (int64_t i = 0; i < rows * g.n; ++i) {
            c[i] = static_cast<float>(product[i]);
        }
        const int64_t blocks = (rows * g.n + panattn_sae::kActivateThreads - 1) / panattn_sae::kActivateThreads;
        for (int64_t blk = 0; blk < blocks && ok; ++blk) {
            ok = cuda_host_shim::run_block(panattn_sae::kActivateThreads, static_cast<unsigned>(blk),
                                           [&] { panattn_sae::sae_bias_activate_kernel(p); });
        }
    } else {
        const int64_t col_tiles = (g.n + kTileN - 1) / kTileN;
        const int64_t blocks = ((rows + kTileM - 1) / kTileM) * col_tiles;
        for (int64_t blk = 0; blk < blocks && ok; ++blk) {
            ok = cuda_host_shim::run_block(kGemmThreads, static_cast<unsigned>(blk),
                                           [&] { panattn_sae::sae_gemm_kernel(p, col_tiles); });
        }
    }
    if (!ok) {
        std::printf("FAIL gemm: a barrier deadlocked\n");
        return false;
    }
    for (int64_t r = 0; r < rows; ++r) {
        for (int64_t j = 0; j < g.n; ++j) {
            double h = product[r * g.n + j] + (g.bias ? bias.at(j) : 0.0);
            const double expected = activate(h, g.activation, theta.at(j));
            if (!close(expected, c[r * g.n + j], std::sqrt(static_cast<double>(g.k) + 1))) {
                std::printf("FAIL gemm row %" PRId64 " col %" PRId64 ": expected %.7g, got %.7g\n", r, j, expected,
                            c[r * g.n + j]);
                return false;
            }
        }
    }
    for (int64_t i = rows * g.n; i < rows * g.n + guard; ++i) {
        if (c[i] != sentinel) {
            std::printf("FAIL gemm: wrote past the output at %" PRId64 "\n", i);
            return false;
        }
    }
    return true;
}

struct SteerCase {
    int64_t batch, per_batch, d_in, d_sae;
    int edits;
    int32_t x_dtype, activation, mask_dtype;  // mask_dtype -1: no mask
    bool in_place, center;
};

bool run_steer(const SteerCase& s, std::mt19937_64& rng) {
    const int64_t tokens = s.batch * s.per_batch;
    const int64_t row = s.d_in + 2;
    Buffer x = random_buffer(rng, s.x_dtype, tokens * row, 1.0f);
    Buffer w_enc = random_buffer(rng, PANATTN_DTYPE_F32, s.d_in * s.d_sae, 1.0f / std::sqrt(static_cast<float>(s.d_in)));
    Buffer b_enc = random_buffer(rng, PANATTN_DTYPE_F32, s.d_sae, 0.2f);
    Buffer theta = random_buffer(rng, PANATTN_DTYPE_F32, s.d_sae, 0.1f);
    Buffer w_dec = random_buffer(rng, PANATTN_DTYPE_BF16, s.d_sae * s.d_in, 0.5f);
    Buffer center = random_buffer(rng, PANATTN_DTYPE_F32, s.d_in, 0.3f);
    std::vector<int32_t> mask_i(tokens);
    std::vector<float> mask_f(tokens);
    for (int64_t t = 0; t < tokens; ++t) {
        mask_i[t] = (t % 3) != 1;
        mask_f[t] = (t % 3) != 1 ? 0.5f : 0.0f;
    }
    Buffer out;
    out.dtype = s.x_dtype;
    const float sentinel = 777.0f;
    out.f32.assign(tokens * row + 9, sentinel);
    out.bits.assign(tokens * row + 9, s.x_dtype == PANATTN_DTYPE_BF16 ? __float2bfloat16_rn(sentinel).bits
                                                                      : __float2half_rn(sentinel).bits);
    Buffer original = x;
    const double stored_sentinel = out.at(tokens * row);  // the sentinel as the dtype stores it

    panattn_sae_steer_params p{};
    p.x = x.data();
    p.out = s.in_place ? x.data() : out.data();
    p.w_enc = w_enc.data();
    p.b_enc = b_enc.data();
    p.threshold = theta.data();
    p.center = s.center ? center.data() : nullptr;
    p.w_dec = w_dec.data();
    p.mask = s.mask_dtype < 0 ? nullptr
             : s.mask_dtype == PANATTN_SAE_MASK_I32 ? static_cast<const void*>(mask_i.data())
                                                    : static_cast<const void*>(mask_f.data());
    p.tokens = tokens;
    p.d_in = s.d_in;
    p.d_sae = s.d_sae;
    p.x_rows_per_batch = s.per_batch;
    p.x_stride_batch = s.per_batch * row;
    p.x_stride_row = row;
    p.out_rows_per_batch = s.per_batch;
    p.out_stride_batch = s.per_batch * row;
    p.out_stride_row = row;
    p.mask_rows_per_batch = tokens;
    p.mask_stride_batch = 0;
    p.mask_stride_row = 1;
    p.w_enc_stride = s.d_sae;
    p.b_enc_stride = 1;
    p.threshold_stride = 1;
    p.center_stride = 1;
    p.w_dec_stride = s.d_in;
    p.x_dtype = s.x_dtype;
    p.out_dtype = s.x_dtype;
    p.w_enc_dtype = PANATTN_DTYPE_F32;
    p.b_enc_dtype = PANATTN_DTYPE_F32;
    p.threshold_dtype = PANATTN_DTYPE_F32;
    p.center_dtype = PANATTN_DTYPE_F32;
    p.w_dec_dtype = PANATTN_DTYPE_BF16;
    p.mask_dtype = s.mask_dtype < 0 ? PANATTN_SAE_MASK_I32 : s.mask_dtype;
    p.activation = s.activation;
    p.edits = s.edits;
    for (int e = 0; e < s.edits; ++e) {
        p.feature[e] = static_cast<int32_t>((e * 7 + 1) % s.d_sae);
        p.mode[e] = e % 2 == 0 ? PANATTN_SAE_CLAMP : PANATTN_SAE_ADD;
        p.value[e] = 1.5f - e;
    }
    for (int64_t t = 0; t < tokens; ++t) {
        if (!cuda_host_shim::run_block(kSteerThreads, static_cast<unsigned>(t),
                                       [&] { panattn_sae::sae_steer_kernel(p); })) {
            std::printf("FAIL steer: a barrier deadlocked\n");
            return false;
        }
    }
    const Buffer& result = s.in_place ? x : out;
    for (int64_t t = 0; t < tokens; ++t) {
        const int64_t at = t * row;
        const bool selected = s.mask_dtype < 0 || (t % 3) != 1;
        std::vector<double> expected(s.d_in);
        for (int64_t i = 0; i < s.d_in; ++i) {
            expected[i] = original.at(at + i);
        }
        if (selected) {
            for (int e = 0; e < s.edits; ++e) {
                const int64_t j = p.feature[e];
                double delta = p.value[e];
                if (p.mode[e] == PANATTN_SAE_CLAMP) {
                    double h = b_enc.at(j);
                    for (int64_t i = 0; i < s.d_in; ++i) {
                        h += (original.at(at + i) - (s.center ? center.at(i) : 0.0)) * w_enc.at(i * s.d_sae + j);
                    }
                    delta -= activate(h, s.activation, theta.at(j));
                }
                for (int64_t i = 0; i < s.d_in; ++i) {
                    expected[i] += delta * w_dec.at(j * s.d_in + i);
                }
            }
        }
        for (int64_t i = 0; i < s.d_in; ++i) {
            const double got = result.at(at + i);
            // the stored result is rounded to x's dtype: half an ulp is 2^-11 (f16) or 2^-8 (bf16) relative
            const double relative = s.x_dtype == PANATTN_DTYPE_F32 ? 1e-4 : s.x_dtype == PANATTN_DTYPE_F16 ? 2e-3 : 8e-3;
            const double tolerance = relative * (1 + std::fabs(expected[i]));
            if (!(std::fabs(got - expected[i]) <= tolerance)) {
                std::printf("FAIL steer token %" PRId64 " element %" PRId64 ": expected %.7g, got %.7g\n", t, i,
                            expected[i], got);
                return false;
            }
        }
    }
    if (!s.in_place) {
        for (int64_t i = tokens * row; i < tokens * row + 9; ++i) {
            if (out.at(i) != stored_sentinel) {
                std::printf("FAIL steer: wrote past the output\n");
                return false;
            }
        }
    }
    return true;
}

// ------------------------------------------------------------------------------------------------ feature rows

/* Java's Float.compare: NaN (every NaN) above +inf, -0 below +0; the order ReferenceSae ranks features by. */
int java_float_compare(float a, float b) {
    if (a < b) {
        return -1;
    }
    if (a > b) {
        return 1;
    }
    auto bits = [](float v) {
        int32_t i;
        std::memcpy(&i, &v, sizeof i);
        return std::isnan(v) ? 0x7fc00000 : i;  // floatToIntBits: one NaN
    };
    const int32_t ia = bits(a);
    const int32_t ib = bits(b);
    return ia == ib ? 0 : (ia < ib ? -1 : 1);
}

/* Feature indices of a row, strongest first: Float.compare descending, ties to the lower index. */
std::vector<int64_t> ranked(const float* row, int64_t n, bool nonzero_only) {
    std::vector<int64_t> order;
    for (int64_t j = 0; j < n; ++j) {
        if (!nonzero_only || row[j] != 0.0f) {
            order.push_back(j);
        }
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return java_float_compare(row[a], row[b]) > 0; });
    return order;
}

/* ReferenceSae's TopK: the k strongest pre-activations through ReLU (NaN stays NaN), every other feature 0. */
std::vector<float> reference_topk(const float* h, int64_t n, int64_t k) {
    std::vector<float> f(n, 0.0f);
    const std::vector<int64_t> order = ranked(h, n, false);
    for (int64_t r = 0; r < std::min<int64_t>(k, n); ++r) {
        const float v = h[order[r]];
        f[order[r]] = std::isnan(v) ? v : (v > 0.0f ? v : 0.0f);
    }
    return f;
}

bool same_float(float a, float b) {
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

/* Rows of values chosen to stress the ranking: ties, NaN, -0, +-inf, or plain Gaussian. */
enum class RowKind { gauss, ties, specials };

float row_value(std::mt19937_64& rng, RowKind kind) {
    std::uniform_int_distribution<int> pick(0, 9);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    switch (kind) {
    case RowKind::ties: {
        static const float levels[] = {-1.0f, 0.0f, 0.0f, 0.5f, 0.5f, 1.0f, 2.0f, 2.0f, -0.0f, 3.0f};
        return levels[pick(rng)];
    }
    case RowKind::specials: {
        const int p = pick(rng);
        return p == 0 ? NAN : p == 1 ? -0.0f : p == 2 ? INFINITY : p == 3 ? -INFINITY : p == 4 ? 1.0f : normal(rng);
    }
    default:
        return pick(rng) < 3 ? 0.0f : normal(rng);  // a third exact zeros, as after an activation
    }
}

struct RowsCase {
    int64_t batch, per_batch, d_sae, k, capacity;
    RowKind kind;
    int32_t mask_dtype;  // -1: no mask
    bool empty_mask;
};

const char* kind_name(RowKind kind) {
    return kind == RowKind::ties ? "ties" : kind == RowKind::specials ? "nan/-0/inf" : "gauss";
}

/* Token rows [batch, per_batch, width] with padding between rows and batches, guarded by a sentinel. */
template <typename T>
struct Rows {
    int64_t batch, per_batch, width, stride_row, stride_batch;
    std::vector<T> data;

    Rows(int64_t b, int64_t t, int64_t w, T sentinel)
        : batch(b), per_batch(t), width(w), stride_row(w + 3), stride_batch(t * (w + 3) + 2),
          data(b * (t * (w + 3) + 2) + 7, sentinel) {}

    int64_t at(int64_t row) const {
        return (row / per_batch) * stride_batch + (row % per_batch) * stride_row;
    }

    /* Whether element i lies inside some row's [0, width): the only places a kernel may write. */
    bool inside(int64_t i) const {
        for (int64_t r = 0; r < batch * per_batch; ++r) {
            if (i >= at(r) && i < at(r) + width) {
                return true;
            }
        }
        return false;
    }
};

/* A params block whose feature rows are `rows` (rows, d_sae and their addressing set, the rest zero). */
panattn_sae_features_params feature_rows(Rows<float>& rows) {
    panattn_sae_features_params p{};
    p.features = rows.data.data();
    p.rows = rows.batch * rows.per_batch;
    p.d_sae = rows.width;
    p.features_rows_per_batch = rows.per_batch;
    p.features_stride_batch = rows.stride_batch;
    p.features_stride_row = rows.stride_row;
    return p;
}

template <typename T>
bool guards_intact(const Rows<T>& rows, T sentinel, const char* what) {
    for (int64_t i = 0; i < static_cast<int64_t>(rows.data.size()); ++i) {
        if (!rows.inside(i) && std::memcmp(&rows.data[i], &sentinel, sizeof sentinel) != 0) {
            std::printf("FAIL %s: wrote outside the rows at element %" PRId64 "\n", what, i);
            return false;
        }
    }
    return true;
}

bool run_blocks(int64_t blocks, int threads, const std::function<void()>& body, const char* what) {
    for (int64_t b = 0; b < blocks; ++b) {
        if (!cuda_host_shim::run_block(threads, static_cast<unsigned>(b), body)) {
            std::printf("FAIL %s: a barrier deadlocked\n", what);
            return false;
        }
    }
    return true;
}

/* Runs the TopK kernel on a copy of `input`, checks it, and leaves the selected features in `features`. */
bool check_topk(const RowsCase& c, const Rows<float>& input, Rows<float>& features) {
    const int64_t rows = c.batch * c.per_batch;
    features = input;
    panattn_sae_features_params p = feature_rows(features);
    p.k = c.k;
    if (!run_blocks(rows, panattn_sae::kSelectThreads, [&] { panattn_sae::sae_topk_kernel(p); }, "topk")) {
        return false;
    }
    for (int64_t r = 0; r < rows; ++r) {
        const std::vector<float> expected = reference_topk(&input.data[input.at(r)], c.d_sae, c.k);
        int64_t nonzero = 0;
        for (int64_t j = 0; j < c.d_sae; ++j) {
            const float got = features.data[features.at(r) + j];
            nonzero += got != 0.0f;
            if (!same_float(expected[j], got)) {
                std::printf("FAIL topk row %" PRId64 " feature %" PRId64 ": expected %.7g, got %.7g\n", r, j,
                            expected[j], got);
                return false;
            }
        }
        if (nonzero > c.k) {
            std::printf("FAIL topk row %" PRId64 ": %" PRId64 " nonzero features > k %" PRId64 "\n", r, nonzero, c.k);
            return false;
        }
    }
    return guards_intact(features, 4242.0f, "topk");
}

bool check_sparse(const RowsCase& c, const Rows<float>& features) {
    const int64_t rows = c.batch * c.per_batch;
    Rows<int32_t> indices(c.batch, c.per_batch, c.capacity, 77);
    Rows<float> values(c.batch, c.per_batch, c.capacity, 4242.0f);
    Rows<int32_t> counts(c.batch, c.per_batch, 1, 77);
    Rows<float> input = features;
    panattn_sae_features_params p = feature_rows(input);
    p.indices = indices.data.data();
    p.values = values.data.data();
    p.active_count = counts.data.data();
    p.capacity = c.capacity;
    p.indices_rows_per_batch = c.per_batch;
    p.indices_stride_batch = indices.stride_batch;
    p.indices_stride_row = indices.stride_row;
    p.values_rows_per_batch = c.per_batch;
    p.values_stride_batch = values.stride_batch;
    p.values_stride_row = values.stride_row;
    p.count_rows_per_batch = c.per_batch;
    p.count_stride_batch = counts.stride_batch;
    p.count_stride_row = counts.stride_row;
    if (!run_blocks(rows, panattn_sae::kSelectThreads, [&] { panattn_sae::sae_sparse_kernel(p); }, "sparse")) {
        return false;
    }
    for (int64_t r = 0; r < rows; ++r) {
        const float* f = &features.data[features.at(r)];
        const std::vector<int64_t> order = ranked(f, c.d_sae, true);
        if (counts.data[counts.at(r)] != static_cast<int32_t>(order.size())) {
            std::printf("FAIL sparse row %" PRId64 ": active count %d, expected %zu\n", r, counts.data[counts.at(r)],
                        order.size());
            return false;
        }
        for (int64_t slot = 0; slot < c.capacity; ++slot) {
            const bool has = slot < static_cast<int64_t>(order.size());
            const int32_t want_index = has ? static_cast<int32_t>(order[slot]) : -1;
            const float want_value = has ? f[order[slot]] : 0.0f;
            const int32_t got_index = indices.data[indices.at(r) + slot];
            const float got_value = values.data[values.at(r) + slot];
            if (got_index != want_index || !same_float(want_value, got_value)) {
                std::printf("FAIL sparse row %" PRId64 " slot %" PRId64 ": expected (%d, %.7g), got (%d, %.7g)\n", r,
                            slot, want_index, want_value, got_index, got_value);
                return false;
            }
        }
    }
    return guards_intact(indices, 77, "sparse indices") && guards_intact(values, 4242.0f, "sparse values")
           && guards_intact(counts, 77, "sparse counts") && guards_intact(input, 4242.0f, "sparse input");
}

bool check_accumulate(const RowsCase& c, const Rows<float>& features, std::mt19937_64& rng) {
    const int64_t rows = c.batch * c.per_batch;
    // one mask in every storage type: I32 0 / 1 / -5, floats -0 / 0.25 / NaN (NaN selects, -0 does not)
    Rows<int32_t> mask_i(c.batch, c.per_batch, 1, 0);
    Rows<float> mask_f(c.batch, c.per_batch, 1, 0.0f);
    Rows<uint16_t> mask_h(c.batch, c.per_batch, 1, 0);
    std::vector<bool> chosen(rows);
    std::uniform_int_distribution<int> coin(0, 2);
    for (int64_t r = 0; r < rows; ++r) {
        const int pick = c.empty_mask ? 0 : coin(rng);
        const float value = pick == 0 ? -0.0f : pick == 1 ? 0.25f : NAN;
        mask_i.data[mask_i.at(r)] = pick == 0 ? 0 : pick == 1 ? 1 : -5;
        mask_f.data[mask_f.at(r)] = value;
        mask_h.data[mask_h.at(r)] = c.mask_dtype == PANATTN_DTYPE_BF16 ? __float2bfloat16_rn(value).bits
                                                                       : __float2half_rn(value).bits;
        chosen[r] = c.mask_dtype < 0 || pick != 0;
    }
    auto selected = [&](int64_t r) { return chosen[r]; };
    const void* mask = c.mask_dtype < 0                      ? nullptr
                       : c.mask_dtype == PANATTN_SAE_MASK_I32 ? static_cast<const void*>(mask_i.data.data())
                       : c.mask_dtype == PANATTN_DTYPE_F32    ? static_cast<const void*>(mask_f.data.data())
                                                              : static_cast<const void*>(mask_h.data.data());
    // two calls into the same sums, as FeatureStatistics is fed: the second adds to the first
    std::vector<double> sums(c.d_sae + 2, 0.0);
    std::vector<int64_t> active(c.d_sae + 2, 0);
    int64_t tokens[2] = {0, 0};
    Rows<float> input = features;
    panattn_sae_features_params p = feature_rows(input);
    p.mask = mask;
    p.sums = sums.data();
    p.active = active.data();
    p.tokens = tokens;
    p.mask_rows_per_batch = c.per_batch;
    p.mask_stride_batch = mask_i.stride_batch;
    p.mask_stride_row = mask_i.stride_row;
    p.mask_dtype = c.mask_dtype < 0 ? 0 : c.mask_dtype;
    const int64_t column_blocks = (c.d_sae + panattn_sae::kAccumulateThreads - 1) / panattn_sae::kAccumulateThreads;
    const int64_t blocks = column_blocks * ((rows + panattn_sae::kAccumulateRows - 1) / panattn_sae::kAccumulateRows);
    for (int call = 0; call < 2; ++call) {
        if (!run_blocks(blocks, panattn_sae::kAccumulateThreads,
                        [&] { panattn_sae::sae_accumulate_kernel(p, column_blocks); }, "accumulate")) {
            return false;
        }
    }
    int64_t want_tokens = 0;
    std::vector<double> want_sums(c.d_sae, 0.0);
    std::vector<int64_t> want_active(c.d_sae, 0);
    for (int64_t r = 0; r < rows; ++r) {
        if (!selected(r)) {
            continue;
        }
        ++want_tokens;
        for (int64_t j = 0; j < c.d_sae; ++j) {
            const float f = features.data[features.at(r) + j];
            if (f != 0.0f) {
                want_sums[j] += f;
                ++want_active[j];
            }
        }
    }
    if (tokens[0] != 2 * want_tokens || tokens[1] != 0) {
        std::printf("FAIL accumulate: %" PRId64 " tokens, expected %" PRId64 "\n", tokens[0], 2 * want_tokens);
        return false;
    }
    for (int64_t j = 0; j < c.d_sae; ++j) {
        const double want = 2 * want_sums[j];
        const bool sum_ok = std::isnan(want) ? std::isnan(sums[j])
                            : std::isinf(want) ? sums[j] == want
                                               : std::fabs(sums[j] - want) <= 1e-12 * (1 + std::fabs(want));
        if (!sum_ok || active[j] != 2 * want_active[j]) {
            std::printf("FAIL accumulate feature %" PRId64 ": sum %.17g active %" PRId64 ", expected %.17g %" PRId64
                        "\n", j, sums[j], active[j], want, 2 * want_active[j]);
            return false;
        }
    }
    if (sums[c.d_sae] != 0.0 || sums[c.d_sae + 1] != 0.0 || active[c.d_sae] != 0 || active[c.d_sae + 1] != 0) {
        std::printf("FAIL accumulate: wrote past d_sae\n");
        return false;
    }
    return guards_intact(input, 4242.0f, "accumulate input");
}

bool run_rows(const RowsCase& c, std::mt19937_64& rng) {
    Rows<float> features(c.batch, c.per_batch, c.d_sae, 4242.0f);
    for (int64_t r = 0; r < c.batch * c.per_batch; ++r) {
        for (int64_t j = 0; j < c.d_sae; ++j) {
            features.data[features.at(r) + j] = row_value(rng, c.kind);
        }
    }
    Rows<float> selected = features;
    return check_topk(c, features, selected) && check_sparse(c, features) && check_accumulate(c, features, rng);
}

/*
 * A TopK SAE's CUDA encode: the GEMM writes pre-activations h = x W_enc + b_enc (ACT_NONE), panattn_sae_topk keeps
 * k per row, then the sparse and statistics kernels read the features. The reference ranks the GEMM's own fp32 h
 * (the GEMM is checked against double above), so every selection is compared exactly.
 */
bool run_topk_chain(std::mt19937_64& rng) {
    const int64_t batch = 2, per_batch = 5, d_in = 19, d_sae = 300, k = 7, capacity = 5;
    const int64_t rows = batch * per_batch;
    Buffer x = random_buffer(rng, PANATTN_DTYPE_F32, rows * d_in, 1.0f);
    Buffer w = random_buffer(rng, PANATTN_DTYPE_BF16, d_in * d_sae, 0.3f);
    Buffer bias = random_buffer(rng, PANATTN_DTYPE_F32, d_sae, 0.2f);
    Rows<float> h(batch, per_batch, d_sae, 4242.0f);
    panattn_sae_gemm_params g{};
    g.a = x.data();
    g.b = w.data();
    g.bias = bias.data();
    g.c = h.data.data();
    g.rows = rows;
    g.k = d_in;
    g.n = d_sae;
    g.a_rows_per_batch = rows;
    g.a_stride_row = d_in;
    g.b_stride = d_sae;
    g.bias_stride = 1;
    g.c_rows_per_batch = per_batch;
    g.c_stride_batch = h.stride_batch;
    g.c_stride_row = h.stride_row;
    g.a_dtype = PANATTN_DTYPE_F32;
    g.b_dtype = PANATTN_DTYPE_BF16;
    g.bias_dtype = PANATTN_DTYPE_F32;
    g.activation = PANATTN_SAE_ACT_NONE;
    const int64_t col_tiles = (d_sae + kTileN - 1) / kTileN;
    if (!run_blocks(((rows + kTileM - 1) / kTileM) * col_tiles, kGemmThreads,
                    [&] { panattn_sae::sae_gemm_kernel(g, col_tiles); }, "chain gemm")) {
        return false;
    }
    for (int64_t r = 0; r < rows; ++r) {  // the GEMM agrees with double before its h is ranked
        for (int64_t j = 0; j < d_sae; ++j) {
            double want = bias.at(j);
            for (int64_t q = 0; q < d_in; ++q) {
                want += x.at(r * d_in + q) * w.at(q * d_sae + j);
            }
            if (!close(want, h.data[h.at(r) + j], std::sqrt(static_cast<double>(d_in)))) {
                std::printf("FAIL chain gemm row %" PRId64 " feature %" PRId64 "\n", r, j);
                return false;
            }
        }
    }
    RowsCase c{batch, per_batch, d_sae, k, capacity, RowKind::gauss, PANATTN_SAE_MASK_I32, false};
    Rows<float> f = h;  // the features of the encode, as check_topk verifies them
    return check_topk(c, h, f) && check_sparse(c, f) && check_accumulate(c, f, rng);
}

}  // namespace

int main() {
    std::mt19937_64 rng(20250717);
    int failures = 0;
    const GemmCase gemms[] = {
        {1, 1, 1, 1, PANATTN_DTYPE_F32, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_NONE, false, false, false},
        {1, 70, 37, 130, PANATTN_DTYPE_F32, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_JUMP_RELU, false, true, false},
        {2, 9, 16, 64, PANATTN_DTYPE_F16, PANATTN_DTYPE_BF16, PANATTN_SAE_ACT_RELU, true, true, false},
        {3, 5, 33, 65, PANATTN_DTYPE_BF16, PANATTN_DTYPE_F16, PANATTN_SAE_ACT_JUMP_RELU, true, true, false},
        {1, 64, 5, 3, PANATTN_DTYPE_F32, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_NONE, false, true, false},
        {2, 7, 20, 50, PANATTN_DTYPE_F32, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_JUMP_RELU, false, true, true},
        {1, 0, 8, 8, PANATTN_DTYPE_F32, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_RELU, false, true, false},
    };
    for (const GemmCase& g : gemms) {
        const bool ok = run_gemm(g, rng);
        std::printf("%s gemm rows %" PRId64 "x%" PRId64 " k %" PRId64 " n %" PRId64 " dtypes a%d b%d act %d%s%s%s\n",
                    ok ? "ok" : "FAIL", g.batch, g.per_batch, g.k, g.n, g.a_dtype, g.b_dtype, g.activation,
                    g.center ? " centred" : "", g.bias ? " bias" : "", g.epilogue_only ? " epilogue only" : "");
        failures += ok ? 0 : 1;
    }
    const SteerCase steers[] = {
        {1, 3, 1, 1, 1, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_JUMP_RELU, -1, false, false},
        {2, 3, 300, 20, 3, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_JUMP_RELU, PANATTN_SAE_MASK_I32, false, true},
        {1, 4, 64, 9, 2, PANATTN_DTYPE_F32, PANATTN_SAE_ACT_RELU, PANATTN_DTYPE_F32, true, false},
        {1, 3, 129, 8, 1, PANATTN_DTYPE_F16, PANATTN_SAE_ACT_JUMP_RELU, -1, true, false},
        {2, 2, 257, 40, 8, PANATTN_DTYPE_BF16, PANATTN_SAE_ACT_RELU, PANATTN_SAE_MASK_I32, false, true},
    };
    for (const SteerCase& s : steers) {
        const bool ok = run_steer(s, rng);
        std::printf("%s steer tokens %" PRId64 "x%" PRId64 " d_in %" PRId64 " d_sae %" PRId64
                    " edits %d x dtype %d act %d mask %d%s%s\n",
                    ok ? "ok" : "FAIL", s.batch, s.per_batch, s.d_in, s.d_sae, s.edits, s.x_dtype, s.activation,
                    s.mask_dtype, s.in_place ? " in place" : "", s.center ? " centred" : "");
        failures += ok ? 0 : 1;
    }
    const int32_t i32 = PANATTN_SAE_MASK_I32;
    const RowsCase row_cases[] = {
        {1, 1, 1, 1, 1, RowKind::gauss, -1, false},
        {1, 4, 3, 2, 1, RowKind::ties, i32, false},
        {2, 3, 37, 5, 4, RowKind::ties, PANATTN_DTYPE_F32, false},
        {1, 3, 37, 36, 37, RowKind::specials, -1, false},
        {2, 2, 300, 7, 3, RowKind::gauss, PANATTN_DTYPE_F32, false},
        {1, 3, 300, 300, 310, RowKind::specials, i32, false},
        {1, 2, 300, 305, 64, RowKind::ties, PANATTN_DTYPE_BF16, true},
        {3, 1, 1000, 33, 600, RowKind::ties, i32, false},
        {1, 2, 1000, 1, 2, RowKind::specials, PANATTN_DTYPE_F16, false},
    };
    for (const RowsCase& c : row_cases) {
        const bool ok = run_rows(c, rng);
        std::printf("%s feature rows %" PRId64 "x%" PRId64 " d_sae %" PRId64 " k %" PRId64 " capacity %" PRId64
                    " %s mask %d%s\n",
                    ok ? "ok" : "FAIL", c.batch, c.per_batch, c.d_sae, c.k, c.capacity, kind_name(c.kind),
                    c.mask_dtype, c.empty_mask ? " (empty)" : "");
        failures += ok ? 0 : 1;
    }
    const bool chain = run_topk_chain(rng);
    std::printf("%s topk encode chain: gemm -> topk -> sparse -> statistics\n", chain ? "ok" : "FAIL");
    failures += chain ? 0 : 1;
    if (failures == 0) {
        std::printf("PASS sae kernel emulation\n");
        return 0;
    }
    std::printf("FAIL sae kernel emulation: %d case(s)\n", failures);
    return 1;
}
