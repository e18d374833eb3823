/*
 * Runs the certified top-k CUDA kernel (kernels-cuda/topk_attention_kernel.cuh) on the host, block by block with one
 * fiber per CUDA thread (cuda_host_shim.h), on one problem that org.panattn.cuda.KernelEmulationTest wrote into a
 * directory; the test compares what this writes back with org.panattn.ref.ReferenceTopK, the Java oracle.
 *
 *   panattn_topk_emulation DIR
 *     reads   DIR/case.txt  "name value" lines: the panattn_topk_params sizes, strides (of q, k, v, value norms),
 *                           dtypes and options, plus has_norms, want_kept, want_tail, want_certificate,
 *                           want_exact_error, want_indices (0/1), out_pad and row_pad (gap elements after each output
 *                           row, so strided outputs are exercised) and max_slots (CTAs of the persistent grid)
 *             DIR/q.bin, k.bin, v.bin (raw elements of their dtype), norms.bin (f32, with has_norms)
 *     writes  DIR/out.bin [B,Hq,Nq,Dv] f32, kept.bin, tail.bin, certificate.bin, exact_error.bin [B,Hq,Nq],
 *             indices.bin [B,Hq,Nq,C] (contiguous, only the outputs asked for), status.txt (the index status word)
 *
 * Before writing, it checks what the reference cannot see: every output element was written, no gap between strided
 * rows and nothing past an output was touched, and no barrier or shuffle deadlocked. Exit 0 and a "PASS" line on
 * success, 1 and a "FAIL" line naming the problem otherwise, 2 for a malformed case directory.
 */
#include "cuda_host_shim.h"

#include "panattn.h"

#include <cinttypes>
#include <fstream>
#include <map>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>

/*
 * The CUDA built-ins the top-k kernel uses beyond those of cuda_host_shim.h. A warp's lanes are fibers that only
 * switch at barriers, so a plain read-modify-write is atomic, and a value exchange is: publish, barrier, read,
 * barrier (as the shim's float shuffle does, over a slot array of 64-bit words).
 */
namespace topk_emulation {

inline std::vector<uint64_t>& exchange_slots() {
    static std::vector<uint64_t> slots(1024);
    return slots;
}

inline cuda_host_shim::Group& warp_group() {
    cuda_host_shim::Block& b = *cuda_host_shim::active();
    return b.warp_barriers[b.current / cuda_host_shim::kWarpSize];
}

template <typename T>
T exchange(T value, int source_lane) {
    static_assert(sizeof(T) <= sizeof(uint64_t), "one 64-bit slot per lane");
    cuda_host_shim::Block& b = *cuda_host_shim::active();
    const int self = b.current;
    const int warp_base = self - self % cuda_host_shim::kWarpSize;
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(T));
    exchange_slots()[self] = bits;
    cuda_host_shim::arrive(warp_group());
    const uint64_t got = exchange_slots()[warp_base + source_lane];
    cuda_host_shim::arrive(warp_group());
    T result;
    std::memcpy(&result, &got, sizeof(T));
    return result;
}

inline int lane() {
    return static_cast<int>(threadIdx.x) % cuda_host_shim::kWarpSize;
}

}  // namespace topk_emulation

inline void __syncwarp(unsigned /*mask*/ = 0xffffffffu) {
    cuda_host_shim::arrive(topk_emulation::warp_group());
}

inline double __shfl_xor_sync(unsigned /*mask*/, double value, int lane_mask) {
    return topk_emulation::exchange(value, topk_emulation::lane() ^ lane_mask);
}

inline int __shfl_sync(unsigned /*mask*/, int value, int source_lane) {
    return topk_emulation::exchange(value, source_lane % cuda_host_shim::kWarpSize);
}

inline unsigned __ballot_sync(unsigned /*mask*/, bool predicate) {
    cuda_host_shim::Block& b = *cuda_host_shim::active();
    const int self = b.current;
    const int warp_base = self - self % cuda_host_shim::kWarpSize;
    topk_emulation::exchange_slots()[self] = predicate ? 1u : 0u;
    cuda_host_shim::arrive(topk_emulation::warp_group());
    unsigned mask = 0;
    for (int l = 0; l < cuda_host_shim::kWarpSize; ++l) {
        mask |= topk_emulation::exchange_slots()[warp_base + l] != 0 ? (1u << l) : 0u;
    }
    cuda_host_shim::arrive(topk_emulation::warp_group());
    return mask;
}

inline int __popc(unsigned x) {
    return __builtin_popcount(x);
}

inline int __ffs(int x) {
    return __builtin_ffs(x);
}

inline unsigned long long atomicMin(unsigned long long* address, unsigned long long value) {
    const unsigned long long old = *address;
    *address = value < old ? value : old;
    return old;
}

inline int __float_as_int(float x) {
    int i;
    std::memcpy(&i, &x, sizeof i);
    return i;
}

inline float __int_as_float(int i) {
    float x;
    std::memcpy(&x, &i, sizeof x);
    return x;
}

#include "../topk_attention_kernel.cuh"

namespace panattn_topk {
// `extern __shared__ double topk_shared[]` inside the kernel names this array (one block runs at a time); sized for
// the largest unit: 16 rows of head dim 256 and a K block of 64 x 257 floats.
alignas(16) double topk_shared[(kStateBytes + sizeof(float) * (kMaxRows * PANATTN_TOPK_MAX_HEAD_DIM
                                                                 + kBlock * (PANATTN_TOPK_MAX_HEAD_DIM + 1)))
                               / sizeof(double) + 2];
}  // namespace panattn_topk

namespace {

using panattn_topk::Geometry;

int fail(const std::string& why) {
    std::printf("FAIL topk emulation: %s\n", why.c_str());
    return 1;
}

struct CaseFile {
    std::map<std::string, std::string> values;

    bool has(const std::string& key) const {
        return values.count(key) != 0;
    }

    int64_t integer(const std::string& key) const {
        auto it = values.find(key);
        if (it == values.end()) {
            throw std::runtime_error("case.txt: missing " + key);
        }
        return std::stoll(it->second);
    }

    double real(const std::string& key) const {
        auto it = values.find(key);
        if (it == values.end()) {
            throw std::runtime_error("case.txt: missing " + key);
        }
        return std::stod(it->second);
    }
};

std::vector<char> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const std::string& path, const void* data, size_t bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

constexpr float kUnwrittenFloat = -7777.25f;
constexpr int32_t kUnwrittenInt = -7777;
constexpr int64_t kGuard = 64;

/**
 * One output of `rows` rows of `width` elements, each followed by `pad` gap elements, then kGuard guard elements;
 * everything starts as the "unwritten" sentinel.
 */
template <typename T>
struct Output {
    std::vector<T> data;
    int64_t rows = 0, width = 0, pad = 0;

    void allocate(int64_t r, int64_t w, int64_t p, T sentinel) {
        rows = r;
        width = w;
        pad = p;
        data.assign(static_cast<size_t>(rows * (width + pad) + kGuard), sentinel);
    }

    /** "" when every element was written and no gap or guard was; else what went wrong. */
    std::string check(const char* name, T sentinel) const {
        for (int64_t r = 0; r < rows; ++r) {
            for (int64_t c = 0; c < width + pad; ++c) {
                const T x = data[r * (width + pad) + c];
                const bool untouched = std::memcmp(&x, &sentinel, sizeof(T)) == 0;
                if (c < width && untouched) {
                    return std::string(name) + ": element " + std::to_string(c) + " of row " + std::to_string(r)
                           + " was never written";
                }
                if (c >= width && !untouched) {
                    return std::string(name) + ": the gap after row " + std::to_string(r) + " was written";
                }
            }
        }
        for (int64_t g = 0; g < kGuard; ++g) {
            const T x = data[rows * (width + pad) + g];
            if (std::memcmp(&x, &sentinel, sizeof(T)) != 0) {
                return std::string(name) + ": written past its end";
            }
        }
        return "";
    }

    std::vector<T> packed() const {
        std::vector<T> out;
        out.reserve(static_cast<size_t>(rows * width));
        for (int64_t r = 0; r < rows; ++r) {
            out.insert(out.end(), data.begin() + r * (width + pad), data.begin() + r * (width + pad) + width);
        }
        return out;
    }
};

int run(const std::string& dir) {
    CaseFile c;
    {
        std::ifstream in(dir + "/case.txt");
        if (!in) {
            std::printf("FAIL topk emulation: cannot read %s/case.txt\n", dir.c_str());
            return 2;
        }
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream words(line);
            std::string key, value;
            if (words >> key >> value) {
                c.values[key] = value;
            }
        }
    }
    panattn_topk_params p{};
    p.batch = c.integer("batch");
    p.heads_q = c.integer("heads_q");
    p.heads_kv = c.integer("heads_kv");
    p.n_q = c.integer("n_q");
    p.n_k = c.integer("n_k");
    p.head_dim = c.integer("head_dim");
    p.head_dim_v = c.integer("head_dim_v");
    p.q_stride_b = c.integer("q_stride_b");
    p.q_stride_h = c.integer("q_stride_h");
    p.q_stride_n = c.integer("q_stride_n");
    p.k_stride_b = c.integer("k_stride_b");
    p.k_stride_h = c.integer("k_stride_h");
    p.k_stride_n = c.integer("k_stride_n");
    p.v_stride_b = c.integer("v_stride_b");
    p.v_stride_h = c.integer("v_stride_h");
    p.v_stride_n = c.integer("v_stride_n");
    p.q_dtype = static_cast<int32_t>(c.integer("q_dtype"));
    p.k_dtype = static_cast<int32_t>(c.integer("k_dtype"));
    p.v_dtype = static_cast<int32_t>(c.integer("v_dtype"));
    p.causal = static_cast<int32_t>(c.integer("causal"));
    p.certify = static_cast<int32_t>(c.integer("certify"));
    p.k_fixed = static_cast<int32_t>(c.integer("k_fixed"));
    p.epsilon = c.real("epsilon");
    p.scale = static_cast<float>(c.real("scale"));
    p.index_capacity = c.integer("index_capacity");
    const bool want_kept = c.integer("want_kept") != 0;
    const bool want_tail = c.integer("want_tail") != 0;
    const bool want_certificate = c.integer("want_certificate") != 0;
    const bool want_exact_error = c.integer("want_exact_error") != 0;
    const bool want_indices = c.integer("want_indices") != 0;
    const int64_t out_pad = c.integer("out_pad");
    const int64_t row_pad = c.integer("row_pad");
    const int64_t max_slots = c.integer("max_slots");

    const std::vector<char> q = read_file(dir + "/q.bin");
    const std::vector<char> k = read_file(dir + "/k.bin");
    const std::vector<char> v = read_file(dir + "/v.bin");
    std::vector<char> norms;
    p.q = q.data();
    p.k = k.data();
    p.v = v.data();
    if (c.integer("has_norms") != 0) {
        norms = read_file(dir + "/norms.bin");
        p.value_norms = reinterpret_cast<const float*>(norms.data());
        p.value_norms_stride_b = c.integer("norms_stride_b");
        p.value_norms_stride_h = c.integer("norms_stride_h");
        p.value_norms_stride_n = c.integer("norms_stride_n");
    }

    const int64_t rows = p.batch * p.heads_q * p.n_q;
    Output<float> out, tail, certificate, exact_error;
    Output<int32_t> kept, indices;
    out.allocate(rows, p.head_dim_v, out_pad, kUnwrittenFloat);
    p.out = out.data.data();
    p.out_stride_n = p.head_dim_v + out_pad;
    p.out_stride_h = p.n_q * p.out_stride_n;
    p.out_stride_b = p.heads_q * p.out_stride_h;
    const int64_t row_stride = 1 + row_pad;
    auto per_row = [&](auto& output, auto sentinel, bool wanted, int64_t& sb, int64_t& sh, int64_t& sn) {
        if (!wanted) {
            return static_cast<decltype(output.data.data())>(nullptr);
        }
        output.allocate(rows, 1, row_pad, sentinel);
        sn = row_stride;
        sh = p.n_q * sn;
        sb = p.heads_q * sh;
        return output.data.data();
    };
    p.kept_count = per_row(kept, kUnwrittenInt, want_kept, p.kept_count_stride_b, p.kept_count_stride_h,
                           p.kept_count_stride_n);
    p.tail = per_row(tail, kUnwrittenFloat, want_tail, p.tail_stride_b, p.tail_stride_h, p.tail_stride_n);
    p.certificate = per_row(certificate, kUnwrittenFloat, want_certificate, p.certificate_stride_b,
                            p.certificate_stride_h, p.certificate_stride_n);
    p.exact_error = per_row(exact_error, kUnwrittenFloat, want_exact_error, p.exact_error_stride_b,
                            p.exact_error_stride_h, p.exact_error_stride_n);
    if (want_indices) {
        indices.allocate(rows, p.index_capacity, row_pad, kUnwrittenInt);
        p.indices = indices.data.data();
        p.indices_stride_n = p.index_capacity + row_pad;
        p.indices_stride_h = p.n_q * p.indices_stride_n;
        p.indices_stride_b = p.heads_q * p.indices_stride_h;
    }

    // the launcher's grid, minus the launch: a persistent grid of at most max_slots CTAs, one workspace slot each
    const Geometry g = panattn_topk::make_geometry(p);
    int64_t slots = std::min<int64_t>(g.units, std::min<int64_t>(max_slots, panattn_topk::kMaxCtas));
    std::vector<uint64_t> scratch(static_cast<size_t>((panattn_topk::kStatusBytes + slots * g.slot_bytes) / 8 + 1));
    p.scratch = scratch.data();
    p.scratch_bytes = static_cast<int64_t>(scratch.size() * 8);
    scratch[0] = panattn_topk::kNoOverflow;
    if (panattn_topk::shared_bytes(p, g) > sizeof(panattn_topk::topk_shared)) {
        return fail("the case needs more shared memory than the emulation holds");
    }
    for (int64_t block = 0; block < slots; ++block) {
        const bool finished = cuda_host_shim::run_block(panattn_topk::kThreads, static_cast<unsigned>(block), [&] {
            panattn_topk::topk_attention_kernel(p, g, slots);
        });
        if (!finished) {
            return fail("block " + std::to_string(block)
                        + " deadlocked (a barrier or shuffle not reached by every thread of its group)");
        }
    }

    const std::string problems[] = {
        out.check("out", kUnwrittenFloat),
        want_kept ? kept.check("kept_count", kUnwrittenInt) : "",
        want_tail ? tail.check("tail", kUnwrittenFloat) : "",
        want_certificate ? certificate.check("certificate", kUnwrittenFloat) : "",
        want_exact_error ? exact_error.check("exact_error", kUnwrittenFloat) : "",
        want_indices ? indices.check("indices", kUnwrittenInt) : "",
    };
    for (const std::string& problem : problems) {
        if (!problem.empty()) {
            return fail(problem);
        }
    }
    auto save = [&](const char* name, const auto& output, bool wanted) {
        if (wanted) {
            const auto packed = output.packed();
            write_file(dir + "/" + name, packed.data(), packed.size() * sizeof(packed[0]));
        }
    };
    save("out.bin", out, true);
    save("kept.bin", kept, want_kept);
    save("tail.bin", tail, want_tail);
    save("certificate.bin", certificate, want_certificate);
    save("exact_error.bin", exact_error, want_exact_error);
    save("indices.bin", indices, want_indices);
    {
        std::ofstream status(dir + "/status.txt");
        status << "status " << scratch[0] << "\n";
    }
    std::printf("PASS topk emulation: %" PRId64 " rows, %" PRId64 " units on %" PRId64 " CTAs\n", rows, g.units,
                slots);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CASE_DIR\n", argv[0]);
        return 2;
    }
    try {
        return run(argv[1]);
    } catch (const std::exception& e) {
        std::printf("FAIL topk emulation: %s\n", e.what());
        return 2;
    }
}
