/*
 * Checks the logic of the SAE kernels (kernels-cuda/sae_kernel.cuh) without a GPU: the kernel source is compiled as
 * host C++ and run block by block with one fiber per CUDA thread (cuda_host_shim.h), then compared with a
 * double-precision reference that follows org.panattn.ref.ReferenceSae. Covers partial tiles, batched strided
 * rows, centring, every activation and storage dtype, the epilogue alone, and steering (clamp/add, several edits,
 * int32 and float masks, in place), and checks that nothing outside the outputs is written.
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
float sae_shared[kSharedFloats];
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
    if (failures == 0) {
        std::printf("PASS sae kernel emulation\n");
        return 0;
    }
    std::printf("FAIL sae kernel emulation: %d case(s)\n", failures);
    return 1;
}
