/*
 * The certified top-k attention kernel (see topk_attention.cu for the launcher), kept in a header so that the same
 * source is compiled by nvcc for the device and, under kernels-cuda/emulation/, by a host C++ compiler that runs it
 * with one fiber per CUDA thread to check its logic on machines without a GPU.
 *
 * The includer provides the CUDA built-ins (threadIdx, blockIdx, __syncthreads, __syncwarp, __shfl_sync and
 * __shfl_xor_sync for float/double/int, __ballot_sync, __popc, atomicAdd on int, atomicMin on unsigned long long,
 * __float_as_int/__int_as_float, __half, __nv_bfloat16 and their float conversions) and panattn.h.
 *
 * One thread block (CTA) owns a "unit": up to kMaxRows rows (query head, query) that share one kv head, so each K
 * row is read once for all of them (the heads of a GQA group, several queries of a prefill). Per unit:
 *   pass 1   logits of every row, PANATTN_TOPK_BLOCK (64) keys at a time: the K block is staged in shared memory
 *            and scored against every row (with one or two rows, several thread groups share each row's dot
 *            products over the head dim); the scaled base-2 logits go to the CTA's workspace slot in global memory,
 *            with each row's maximum and a NaN flag.
 * Then per row, with the whole CTA on it:
 *   weights  w_j = 2^(s_j - max) in place, with per-block max, min and (fp64) sum; Z = the sum of the block sums.
 *   select   bisection of the weight threshold t on its float bits: every step is one CTA-wide scan in which each
 *            lane classifies whole blocks from their summaries and the warp only reads the weights of the blocks t
 *            cuts; it stops once at most kCandidates weights lie between the valid and the invalid threshold. Those
 *            candidates are sorted by (weight desc, index asc) and taken one by one until the budget holds, so k is
 *            the true minimum. When the bisection runs out of float values first (more than kCandidates equal
 *            weights), the equal weights are taken in index order.
 *   pass 2   only the blocks whose maximum reaches the threshold are visited for the kept V rows (every block when
 *            the exact error, or discarded-row norms without a cache, are asked for); the warps' partial outputs
 *            are summed through shared memory in a fixed order, so results do not depend on scheduling.
 * Masses (Z, the discarded mass, the bound's U) are accumulated and compared with epsilon in fp64: tau near epsilon
 * is exactly where fp32 sums would pick the wrong k.
 */
#ifndef PANATTN_TOPK_ATTENTION_KERNEL_CUH
#define PANATTN_TOPK_ATTENTION_KERNEL_CUH

#include <stddef.h>
#include <stdint.h>

namespace panattn_topk {

constexpr int kWarpSize = 32;
constexpr int kWarps = 8;
constexpr int kThreads = kWarps * kWarpSize;
constexpr int kBlock = PANATTN_TOPK_BLOCK;            // keys per block; one lane pair per key in a warp
constexpr int kMaxRows = 16;                          // rows per unit
constexpr int kRowGroups = kThreads / kBlock;         // pass 1: thread t scores key t % 64 for rows t / 64 + 4 s
constexpr int kRowsPerThread = kMaxRows / kRowGroups;
constexpr int kMaxColumnsPerLane = PANATTN_TOPK_MAX_HEAD_DIM / kWarpSize;
constexpr int kCandidates = 64;                       // weights sorted exactly after the bisection
constexpr int64_t kMaxCtas = 1024;                    // enough resident blocks for any current GPU
constexpr int64_t kStatusBytes = 256;                 // the index status word, padded so slots stay aligned
constexpr int64_t kSlotAlignment = 256;
constexpr int64_t kRecommendedWorkspaceBytes = int64_t(512) << 20;
constexpr unsigned kFullMask = 0xffffffffu;
constexpr float kLog2e = 1.4426950408889634f;
constexpr uint64_t kNoOverflow = ~uint64_t(0);

static_assert(kBlock == 2 * kWarpSize, "a warp covers one block with two keys per lane");
static_assert(kMaxRows % kRowGroups == 0, "rows split evenly over the pass-1 row groups");
static_assert(kCandidates <= 2 * kWarpSize, "the rank sort gives each lane at most two candidates");

/** How a launch splits rows into units, and the workspace each unit needs. */
struct Geometry {
    int64_t group;             // query heads per kv head
    int64_t heads_per_unit;
    int64_t queries_per_unit;
    int64_t slices;            // units per (batch, kv head, query tile): ceil(group / heads_per_unit)
    int64_t query_tiles;
    int64_t units;
    int64_t rows_per_unit;
    int64_t blocks_per_row;    // ceil(n_k / 64)
    int64_t slot_bytes;        // workspace of one CTA
};

/** Per-row, per-block workspace: 64 weights (f32) + block sum (f64) + max, min, tail max (f32) + a count (i32). */
constexpr int64_t kBytesPerBlockRow = kBlock * 4 + 8 + 3 * 4 + 4;

__host__ __device__ inline Geometry make_geometry(const panattn_topk_params& p) {
    Geometry g{};
    g.group = p.heads_kv > 0 ? p.heads_q / p.heads_kv : 0;
    g.heads_per_unit = g.group < kMaxRows ? g.group : kMaxRows;
    if (g.heads_per_unit < 1) {
        g.heads_per_unit = 1;
    }
    int64_t queries = kMaxRows / g.heads_per_unit;
    if (queries > p.n_q) {
        queries = p.n_q;
    }
    g.queries_per_unit = queries < 1 ? 1 : queries;
    g.slices = (g.group + g.heads_per_unit - 1) / g.heads_per_unit;
    g.query_tiles = (p.n_q + g.queries_per_unit - 1) / g.queries_per_unit;
    g.units = p.batch * p.heads_kv * g.slices * g.query_tiles;
    g.rows_per_unit = g.heads_per_unit * g.queries_per_unit;
    g.blocks_per_row = (p.n_k + kBlock - 1) / kBlock;
    const int64_t bytes = g.rows_per_unit * g.blocks_per_row * kBytesPerBlockRow;
    g.slot_bytes = (bytes + kSlotAlignment - 1) / kSlotAlignment * kSlotAlignment;
    return g;
}

/** Dynamic shared memory of one CTA. */
struct SharedState {
    double reduce[kWarps][4];              // CTA reductions: one value per warp and quantity
    uint64_t candidates[kCandidates];      // (weight desc, index asc) keys, in arrival order
    uint64_t sorted[kCandidates];
    double total;                          // Z of the current row (in units of 2^max)
    double head_mass;
    double tau;
    float row_max[kMaxRows];
    int row_bad[kMaxRows];                 // NaN or +inf logit, or every logit -inf
    float dot_partial[kRowGroups][kBlock];  // pass 1 with split rows: each group's part of a dot product
    float part_max[kWarps][kRowsPerThread];
    int part_bad[kWarps][kRowsPerThread];
    int warp_prefix[kWarps];
    float warp_tail_norm[kWarps];          // largest discarded value norm seen by each warp
    int warp_tail_nan[kWarps];
    float threshold;                       // kept: w > threshold, or w == threshold and index <= last_tie
    int last_tie;
    int kept;
    int candidate_count;
};

constexpr size_t kStateBytes = (sizeof(SharedState) + 15) / 16 * 16;

/** Floats of the region that holds the K block in pass 1 and the warps' partial outputs in pass 2. */
__host__ __device__ inline int64_t work_floats(int64_t head_dim, int64_t head_dim_v) {
    const int64_t keys = int64_t(kBlock) * (head_dim + 1);
    const int64_t partials = int64_t(2) * kWarps * head_dim_v;
    return keys > partials ? keys : partials;
}

__host__ __device__ inline size_t shared_bytes(const panattn_topk_params& p, const Geometry& g) {
    return kStateBytes + sizeof(float) * static_cast<size_t>(g.rows_per_unit * p.head_dim
                                                             + work_floats(p.head_dim, p.head_dim_v));
}

__device__ __forceinline__ float load_element(const void* base, int32_t dtype, int64_t index) {
    switch (dtype) {
    case PANATTN_DTYPE_F16:
        return __half2float(static_cast<const __half*>(base)[index]);
    case PANATTN_DTYPE_BF16:
        return __bfloat162float(static_cast<const __nv_bfloat16*>(base)[index]);
    default:
        return static_cast<const float*>(base)[index];
    }
}

__device__ __forceinline__ float warp_max(float x) {
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset >>= 1) {
        x = fmaxf(x, __shfl_xor_sync(kFullMask, x, offset));
    }
    return x;
}

__device__ __forceinline__ float warp_min(float x) {
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset >>= 1) {
        x = fminf(x, __shfl_xor_sync(kFullMask, x, offset));
    }
    return x;
}

__device__ __forceinline__ double warp_sum(double x) {
#pragma unroll
    for (int offset = kWarpSize / 2; offset > 0; offset >>= 1) {
        x += __shfl_xor_sync(kFullMask, x, offset);
    }
    return x;
}

/** Inclusive prefix sum over the lanes of a warp. */
__device__ __forceinline__ int warp_inclusive_scan(int x, int lane) {
#pragma unroll
    for (int offset = 1; offset < kWarpSize; offset <<= 1) {
        const int y = __shfl_sync(kFullMask, x, lane >= offset ? lane - offset : lane);
        if (lane >= offset) {
            x += y;
        }
    }
    return x;
}

/** Sums four per-warp values (each uniform within its warp) over the CTA, in warp order. */
__device__ __forceinline__ void cta_sum4(SharedState& st, double (&values)[4]) {
    const int warp = threadIdx.x / kWarpSize;
    const int lane = threadIdx.x % kWarpSize;
    if (lane == 0) {
        for (int q = 0; q < 4; ++q) {
            st.reduce[warp][q] = values[q];
        }
    }
    __syncthreads();
    for (int q = 0; q < 4; ++q) {
        double total = 0.0;
        for (int w = 0; w < kWarps; ++w) {
            total += st.reduce[w][q];
        }
        values[q] = total;
    }
    __syncthreads();  // nobody overwrites reduce[] before every thread has read it
}

/** A certificate or norm narrowed to float must never come out smaller than its double value. */
__host__ __device__ __forceinline__ float round_up_to_float(double x) {
    float f = static_cast<float>(x);
    if (static_cast<double>(f) < x) {
        f = nextafterf(f, INFINITY);
    }
    return f;
}

/** Keys row i may see: [0, visible_keys). */
__host__ __device__ __forceinline__ int64_t visible_keys(const panattn_topk_params& p, int64_t i) {
    if (!p.causal) {
        return p.n_k;
    }
    const int64_t end = i + p.n_k - p.n_q + 1;
    return end < 0 ? 0 : (end > p.n_k ? p.n_k : end);
}

/** Sort key of a candidate: ascending order is weight descending, then index ascending. */
__device__ __forceinline__ uint64_t candidate_key(float weight, int index) {
    return (static_cast<uint64_t>(0x7fffffffu - static_cast<uint32_t>(__float_as_int(weight))) << 32)
           | static_cast<uint32_t>(index);
}

/** Position (0..63) of the nth (1-based) set bit of the 64-bit mask (high:low). */
__device__ __forceinline__ int nth_set_bit(uint32_t low, uint32_t high, int nth) {
    const int in_low = __popc(low);
    uint32_t word = nth <= in_low ? low : high;
    int skip = nth <= in_low ? nth - 1 : nth - 1 - in_low;
    for (int s = 0; s < skip; ++s) {
        word &= word - 1;
    }
    int position = 0;
    while ((word & 1u) == 0u) {
        word >>= 1;
        ++position;
    }
    return (nth <= in_low ? 0 : kWarpSize) + position;
}

/** Row groups that share one row's dot products in pass 1: all of them for one row, two each for two rows. */
__device__ __forceinline__ int row_split(int rows) {
    return rows == 1 ? kRowGroups : (rows == 2 ? kRowGroups / 2 : 1);
}

/** Everything about the current row that the selection and pass 2 need. */
struct Row {
    const panattn_topk_params* p;
    int64_t b, h, hk, i;
    int64_t n;                 // visible keys
    int64_t blocks;            // ceil(n / 64)
    float* weights;            // [n] in the slot
    double* block_sum;         // [blocks] each
    float* block_max;
    float* block_min;
    float* tail_max;
    int* counts;               // tail counts while selecting, head counts and index prefixes in pass 2
    bool bound;                // certify BOUND: track the blockwise bound
};

/** Counts and masses on each side of a threshold t: weights >= t are the head. */
struct Split {
    double count_at_least;
    double mass_below;
    double mass_at_least;
    double bound_numerator;    // U = sum over blocks of (tail count) * (tail max)
};

/**
 * One CTA-wide scan at threshold t. Lane l of warp w classifies blocks w + 8 (32 c + l) from their summaries; the
 * blocks t cuts are then read by the whole warp, two keys per lane. With `record`, every block's tail count and
 * tail maximum are stored for the bound's later updates.
 */
__device__ inline Split scan(SharedState& st, const Row& row, float t, bool record) {
    const int warp = threadIdx.x / kWarpSize;
    const int lane = threadIdx.x % kWarpSize;
    const bool need_tail = row.bound || record;
    double count = 0.0;
    double below = 0.0;
    double above = 0.0;
    double numerator = 0.0;
    const int64_t stride = int64_t(kWarps) * kWarpSize;
    for (int64_t chunk = 0; chunk * stride < row.blocks; ++chunk) {
        const int64_t blk = warp + kWarps * (chunk * kWarpSize + lane);
        bool cut = false;
        if (blk < row.blocks) {
            const int64_t first = blk * kBlock;
            const int size = static_cast<int>(row.n - first < kBlock ? row.n - first : kBlock);
            const float bmax = row.block_max[blk];
            if (row.block_min[blk] >= t) {
                count += size;
                above += row.block_sum[blk];
                if (record) {
                    row.counts[blk] = 0;
                    row.tail_max[blk] = 0.0f;
                }
            } else if (bmax < t) {
                below += row.block_sum[blk];
                numerator += static_cast<double>(size) * bmax;
                if (record) {
                    row.counts[blk] = size;
                    row.tail_max[blk] = bmax;
                }
            } else {
                cut = true;
            }
        }
        uint32_t pending = __ballot_sync(kFullMask, cut);
        while (pending != 0u) {
            const int source = __ffs(static_cast<int>(pending)) - 1;
            pending &= pending - 1u;
            const int64_t blk_cut = warp + kWarps * (chunk * kWarpSize + source);
            int tail_count = 0;
            float tail_max = 0.0f;
            for (int half = 0; half < 2; ++half) {
                const int64_t j = blk_cut * kBlock + half * kWarpSize + lane;
                if (j < row.n) {
                    const float y = row.weights[j];
                    if (y >= t) {
                        count += 1.0;
                        above += y;
                    } else {
                        below += y;
                        ++tail_count;
                        tail_max = fmaxf(tail_max, y);
                    }
                }
            }
            if (need_tail) {
                const float block_tail_max = warp_max(tail_max);
                const int block_tail_count = __popc(__ballot_sync(kFullMask, tail_count > 0))
                                             + __popc(__ballot_sync(kFullMask, tail_count > 1));
                if (lane == 0) {
                    numerator += static_cast<double>(block_tail_count) * block_tail_max;
                    if (record) {
                        row.counts[blk_cut] = block_tail_count;
                        row.tail_max[blk_cut] = block_tail_max;
                    }
                }
            }
        }
    }
    double values[4] = {warp_sum(count), warp_sum(below), warp_sum(above), warp_sum(numerator)};
    cta_sum4(st, values);
    return Split{values[0], values[1], values[2], values[3]};
}

__device__ __forceinline__ bool meets_budget(const panattn_topk_params& p, int64_t n, double count, double below,
                                             double head, double numerator, double total) {
    if (p.k_fixed > 0) {
        return count >= static_cast<double>(p.k_fixed < n ? p.k_fixed : n);
    }
    if (p.certify == PANATTN_TOPK_CERTIFY_BOUND) {
        return numerator == 0.0 || numerator / (head + numerator) <= p.epsilon;
    }
    return below <= p.epsilon * total;
}

/**
 * Recomputes block blk's tail (count, max) once the head holds every weight above x and, at weight x, the indices
 * up to last_index; the whole warp calls it with the same arguments and gets the same answer.
 */
__device__ inline void block_tail_after(const Row& row, int64_t blk, float x, int64_t last_index, int& count,
                                        float& max) {
    const int lane = threadIdx.x % kWarpSize;
    int tail = 0;
    float tail_max = 0.0f;
    for (int half = 0; half < 2; ++half) {
        const int64_t j = blk * kBlock + half * kWarpSize + lane;
        if (j < row.n) {
            const float y = row.weights[j];
            if (y < x || (y == x && j > last_index)) {
                ++tail;
                tail_max = fmaxf(tail_max, y);
            }
        }
    }
    max = warp_max(tail_max);
    count = __popc(__ballot_sync(kFullMask, tail > 0)) + __popc(__ballot_sync(kFullMask, tail > 1));
}

/** Row state shared by the selection paths (warp 0, uniform across its lanes). */
struct Taking {
    double count;
    double below;
    double head;
    double numerator;
};

/**
 * Candidates lo <= w < hi (at most kCandidates): sorted by (weight desc, index asc) in shared memory and taken one
 * by one until the budget holds. Warp 0 only.
 */
__device__ inline void take_sorted(SharedState& st, const Row& row, uint32_t hi_bits, Taking& s, double total) {
    const int lane = threadIdx.x % kWarpSize;
    const int c = st.candidate_count < kCandidates ? st.candidate_count : kCandidates;
    for (int half = 0; half < 2; ++half) {
        const int e = half * kWarpSize + lane;
        if (e < c) {
            const uint64_t key = st.candidates[e];
            int rank = 0;
            for (int f = 0; f < c; ++f) {
                rank += st.candidates[f] < key ? 1 : 0;
            }
            st.sorted[rank] = key;
        }
    }
    __syncwarp();
    float last = __int_as_float(static_cast<int>(hi_bits - 1u));  // the largest float below hi
    int last_index = -1;
    for (int t = 0; t < c; ++t) {
        if (meets_budget(*row.p, row.n, s.count, s.below, s.head, s.numerator, total)) {
            break;
        }
        const uint64_t key = st.sorted[t];
        const int j = static_cast<int>(key & 0xffffffffu);
        const float x = row.weights[j];
        s.count += 1.0;
        s.below -= x;
        s.head += x;
        last = x;
        last_index = j;
        if (row.bound) {
            const int64_t blk = j / kBlock;
            s.numerator -= static_cast<double>(row.counts[blk]) * row.tail_max[blk];
            int count;
            float max;
            block_tail_after(row, blk, x, j, count, max);
            s.numerator += static_cast<double>(count) * max;
            __syncwarp();  // every lane has read the old values before lane 0 replaces them
            if (lane == 0) {
                row.counts[blk] = count;
                row.tail_max[blk] = max;
            }
            __syncwarp();
        }
    }
    if (lane == 0) {
        st.threshold = last;
        st.last_tie = last_index;
    }
}

/**
 * More than kCandidates keys share the one weight lo left between the thresholds: they are taken in index order
 * (ties go to the lower index) until the budget holds. Warp 0 only.
 */
__device__ inline void take_ties(SharedState& st, const Row& row, float lo, Taking& s, double total) {
    const int lane = threadIdx.x % kWarpSize;
    int last_index = -1;
    bool done = false;
    for (int64_t blk = 0; blk < row.blocks && !done; ++blk) {
        if (!(row.block_min[blk] <= lo && lo <= row.block_max[blk])) {
            continue;
        }
        const int64_t j0 = blk * kBlock;
        const bool low_valid = j0 + lane < row.n;
        const bool high_valid = j0 + kWarpSize + lane < row.n;
        const float y_low = low_valid ? row.weights[j0 + lane] : -1.0f;
        const float y_high = high_valid ? row.weights[j0 + kWarpSize + lane] : -1.0f;
        const uint32_t ties_low = __ballot_sync(kFullMask, y_low == lo);
        const uint32_t ties_high = __ballot_sync(kFullMask, y_high == lo);
        const int ties = __popc(ties_low) + __popc(ties_high);
        if (ties == 0) {
            continue;
        }
        float below_max = fmaxf(y_low < lo && low_valid ? y_low : 0.0f, y_high < lo && high_valid ? y_high : 0.0f);
        below_max = warp_max(below_max);
        int tail_count = row.bound ? row.counts[blk] : 0;
        float tail_max = row.bound ? row.tail_max[blk] : 0.0f;
        int taken = 0;
        while (taken < ties) {
            if (meets_budget(*row.p, row.n, s.count, s.below, s.head, s.numerator, total)) {
                done = true;
                break;
            }
            s.count += 1.0;
            s.below -= lo;
            s.head += lo;
            ++taken;
            if (row.bound) {
                s.numerator -= static_cast<double>(tail_count) * tail_max;
                --tail_count;
                tail_max = taken < ties ? lo : below_max;
                s.numerator += static_cast<double>(tail_count) * tail_max;
            }
        }
        if (taken > 0) {
            last_index = static_cast<int>(j0 + nth_set_bit(ties_low, ties_high, taken));
        }
    }
    if (lane == 0) {
        st.threshold = lo;
        st.last_tie = last_index;
    }
}

template <typename T>
__device__ __forceinline__ T* row_output(T* base, int64_t sb, int64_t sh, int64_t sn, const Row& row) {
    return base + row.b * sb + row.h * sh + row.i * sn;
}

/** A row that keeps every key without a claim (NaN/+inf logits, or all -inf) or that sees no key at all. */
__device__ inline void write_trivial_row(const Row& row, bool bad, uint64_t* status, int64_t row_id) {
    const panattn_topk_params& p = *row.p;
    const float value = bad ? NAN : 0.0f;
    float* out = row_output(p.out, p.out_stride_b, p.out_stride_h, p.out_stride_n, row);
    for (int64_t c = threadIdx.x; c < p.head_dim_v; c += kThreads) {
        out[c] = value;
    }
    if (p.indices != nullptr) {
        int32_t* idx = row_output(p.indices, p.indices_stride_b, p.indices_stride_h, p.indices_stride_n, row);
        for (int64_t s = threadIdx.x; s < p.index_capacity; s += kThreads) {
            idx[s] = bad && s < row.n ? static_cast<int32_t>(s) : -1;
        }
    }
    if (threadIdx.x == 0) {
        const int32_t kept = bad ? static_cast<int32_t>(row.n) : 0;
        if (p.kept_count != nullptr) {
            *row_output(p.kept_count, p.kept_count_stride_b, p.kept_count_stride_h, p.kept_count_stride_n, row) = kept;
        }
        if (p.tail != nullptr) {
            *row_output(p.tail, p.tail_stride_b, p.tail_stride_h, p.tail_stride_n, row) = value;
        }
        if (p.certificate != nullptr) {
            *row_output(p.certificate, p.certificate_stride_b, p.certificate_stride_h, p.certificate_stride_n, row) =
                value;
        }
        if (p.exact_error != nullptr) {
            *row_output(p.exact_error, p.exact_error_stride_b, p.exact_error_stride_h, p.exact_error_stride_n, row) =
                value;
        }
        if (p.indices != nullptr && kept > p.index_capacity) {
            atomicMin(reinterpret_cast<unsigned long long*>(status),
                      static_cast<unsigned long long>((static_cast<uint64_t>(row_id) << 32)
                                                      | static_cast<uint32_t>(kept)));
        }
    }
}

/** Weights, block summaries and Z of the current row; returns Z (every thread). */
__device__ inline double weights_pass(SharedState& st, const Row& row, float row_max) {
    const int warp = threadIdx.x / kWarpSize;
    const int lane = threadIdx.x % kWarpSize;
    double total = 0.0;
    for (int64_t blk = warp; blk < row.blocks; blk += kWarps) {
        float block_max = 0.0f;
        float block_min = 1.0f;
        double block_sum = 0.0;
        for (int half = 0; half < 2; ++half) {
            const int64_t j = blk * kBlock + half * kWarpSize + lane;
            if (j < row.n) {
                // clamped so that no weight reaches 1 + ulp, the bisection's first invalid threshold
                const float y = fminf(exp2f(row.weights[j] - row_max), 1.0f);
                row.weights[j] = y;
                block_max = fmaxf(block_max, y);
                block_min = fminf(block_min, y);
                block_sum += y;
            }
        }
        block_max = warp_max(block_max);
        block_min = warp_min(block_min);
        block_sum = warp_sum(block_sum);
        if (lane == 0) {
            row.block_max[blk] = block_max;
            row.block_min[blk] = block_min;
            row.block_sum[blk] = block_sum;
        }
        total += block_sum;
    }
    double values[4] = {total, 0.0, 0.0, 0.0};
    cta_sum4(st, values);
    return values[0];
}

/** Selects the kept set of the current row: threshold, last tie, kept count, head mass and tau into st. */
__device__ inline void select_row(SharedState& st, const Row& row, double total) {
    const panattn_topk_params& p = *row.p;
    const int warp = threadIdx.x / kWarpSize;
    const int lane = threadIdx.x % kWarpSize;
    if (p.k_fixed > 0 && p.k_fixed >= row.n) {
        if (threadIdx.x == 0) {
            st.threshold = -1.0f;
            st.last_tie = -1;
            st.kept = static_cast<int>(row.n);
            st.head_mass = total;
            st.tau = 0.0;
        }
        __syncthreads();
        return;
    }
    // invariant: the head {w >= lo} meets the budget, the head {w >= hi} does not
    uint32_t lo_bits = 0u;
    uint32_t hi_bits = static_cast<uint32_t>(__float_as_int(1.0f)) + 1u;
    int64_t count_lo = row.n;
    int64_t count_hi = 0;
    while (hi_bits - lo_bits > 1u && count_lo - count_hi > kCandidates) {
        const uint32_t mid = lo_bits + (hi_bits - lo_bits) / 2u;
        const Split sp = scan(st, row, __int_as_float(static_cast<int>(mid)), false);
        if (meets_budget(p, row.n, sp.count_at_least, sp.mass_below, sp.mass_at_least, sp.bound_numerator, total)) {
            lo_bits = mid;
            count_lo = static_cast<int64_t>(sp.count_at_least);
        } else {
            hi_bits = mid;
            count_hi = static_cast<int64_t>(sp.count_at_least);
        }
    }
    const float lo = __int_as_float(static_cast<int>(lo_bits));
    const float hi = __int_as_float(static_cast<int>(hi_bits));
    if (threadIdx.x == 0) {
        st.candidate_count = 0;
    }
    const Split at_hi = scan(st, row, hi, row.bound);  // its barriers also publish candidate_count = 0
    const bool sorted_path = count_lo - count_hi <= kCandidates;
    if (sorted_path) {
        for (int64_t blk = warp; blk < row.blocks; blk += kWarps) {
            if (row.block_max[blk] < lo || row.block_min[blk] >= hi) {
                continue;
            }
            for (int half = 0; half < 2; ++half) {
                const int64_t j = blk * kBlock + half * kWarpSize + lane;
                if (j < row.n) {
                    const float y = row.weights[j];
                    if (y >= lo && y < hi) {
                        const int slot = atomicAdd(&st.candidate_count, 1);
                        if (slot < kCandidates) {
                            st.candidates[slot] = candidate_key(y, static_cast<int>(j));
                        }
                    }
                }
            }
        }
    }
    __syncthreads();
    if (warp == 0) {
        Taking s{at_hi.count_at_least, at_hi.mass_below, at_hi.mass_at_least, at_hi.bound_numerator};
        if (sorted_path) {
            take_sorted(st, row, hi_bits, s, total);
        } else {
            take_ties(st, row, lo, s, total);
        }
        if (lane == 0) {
            st.kept = static_cast<int>(s.count);
            st.head_mass = s.head;
            if (p.certify == PANATTN_TOPK_CERTIFY_BOUND) {
                st.tau = s.numerator == 0.0 ? 0.0 : s.numerator / (s.head + s.numerator);
            } else {
                st.tau = (s.below > 0.0 ? s.below : 0.0) / total;
            }
        }
    }
    __syncthreads();
}

/**
 * Pass 2 of the current row: the kept V rows (and every visible one for the exact error or uncached tail norms),
 * the outputs, and the kept indices.
 */
__device__ inline void output_row(SharedState& st, const Row& row, float* work, uint64_t* status, int64_t row_id) {
    const panattn_topk_params& p = *row.p;
    const int warp = threadIdx.x / kWarpSize;
    const int lane = threadIdx.x % kWarpSize;
    const float threshold = st.threshold;
    const int64_t last_tie = st.last_tie;
    const double head_mass = st.head_mass;
    const double total = st.total;
    const double tau = st.tau;
    const int kept = st.kept;
    const int dv = static_cast<int>(p.head_dim_v);
    const bool want_full = p.exact_error != nullptr;
    const bool want_tail_norms = p.certificate != nullptr && tau != 0.0;
    const bool norms_from_v = want_tail_norms && p.value_norms == nullptr;
    const bool want_indices = p.indices != nullptr;
    const bool visit_every_block = want_full || want_tail_norms;
    const int64_t v_base = row.b * p.v_stride_b + row.hk * p.v_stride_h;
    const int64_t norm_base = row.b * p.value_norms_stride_b + row.hk * p.value_norms_stride_h;

    float acc[kMaxColumnsPerLane];
    float full[kMaxColumnsPerLane];
#pragma unroll
    for (int m = 0; m < kMaxColumnsPerLane; ++m) {
        acc[m] = 0.0f;
        full[m] = 0.0f;
    }
    float tail_norm_max = 0.0f;
    bool tail_norm_nan = false;
    for (int64_t blk = warp; blk < row.blocks; blk += kWarps) {
        const bool may_hold_head = row.block_max[blk] >= threshold;
        if (!may_hold_head && !visit_every_block) {
            if (want_indices && lane == 0) {
                row.counts[blk] = 0;
            }
            continue;
        }
        const int64_t j0 = blk * kBlock;
        float y[2];
        bool head[2];
        bool tail[2];
        for (int half = 0; half < 2; ++half) {
            const int64_t j = j0 + half * kWarpSize + lane;
            const bool valid = j < row.n;
            y[half] = valid ? row.weights[j] : 0.0f;
            head[half] = valid && (y[half] > threshold || (y[half] == threshold && j <= last_tie));
            tail[half] = valid && !head[half];
            if (tail[half] && want_tail_norms && p.value_norms != nullptr) {
                const float norm = p.value_norms[norm_base + j * p.value_norms_stride_n];
                tail_norm_nan = tail_norm_nan || norm != norm;
                tail_norm_max = fmaxf(tail_norm_max, norm);
            }
        }
        const uint32_t head_mask[2] = {__ballot_sync(kFullMask, head[0]), __ballot_sync(kFullMask, head[1])};
        const uint32_t tail_mask[2] = {__ballot_sync(kFullMask, tail[0]), __ballot_sync(kFullMask, tail[1])};
        if (want_indices && lane == 0) {
            row.counts[blk] = __popc(head_mask[0]) + __popc(head_mask[1]);
        }
        for (int half = 0; half < 2; ++half) {
            uint32_t visit = head_mask[half] | (want_full || norms_from_v ? tail_mask[half] : 0u);
            while (visit != 0u) {
                const int source = __ffs(static_cast<int>(visit)) - 1;
                visit &= visit - 1u;
                const float weight = __shfl_sync(kFullMask, y[half], source);
                const bool is_head = ((head_mask[half] >> source) & 1u) != 0u;
                const int64_t j = j0 + half * kWarpSize + source;
                const int64_t v_row = v_base + j * p.v_stride_n;
                double square_sum = 0.0;
#pragma unroll
                for (int m = 0; m < kMaxColumnsPerLane; ++m) {
                    const int c = lane + m * kWarpSize;
                    if (c < dv) {
                        const float value = load_element(p.v, p.v_dtype, v_row + c);
                        if (is_head) {
                            acc[m] = fmaf(weight, value, acc[m]);
                        }
                        if (want_full) {
                            full[m] = fmaf(weight, value, full[m]);
                        }
                        if (norms_from_v) {
                            square_sum += static_cast<double>(value) * value;
                        }
                    }
                }
                if (norms_from_v && !is_head) {
                    const float norm = round_up_to_float(sqrt(warp_sum(square_sum)));
                    tail_norm_nan = tail_norm_nan || norm != norm;
                    tail_norm_max = fmaxf(tail_norm_max, norm);
                }
            }
        }
    }

    // the warps' partial outputs, summed per column in warp order
    for (int m = 0; m < kMaxColumnsPerLane; ++m) {
        const int c = lane + m * kWarpSize;
        if (c < dv) {
            work[warp * dv + c] = acc[m];
            work[(kWarps + warp) * dv + c] = full[m];
        }
    }
    const float warp_tail_norm = warp_max(tail_norm_max);
    const bool warp_tail_nan = __ballot_sync(kFullMask, tail_norm_nan) != 0u;
    if (lane == 0) {
        st.warp_tail_norm[warp] = warp_tail_norm;
        st.warp_tail_nan[warp] = warp_tail_nan ? 1 : 0;
    }
    __syncthreads();
    double out_square = 0.0;
    double error_square = 0.0;
    float* out = row_output(p.out, p.out_stride_b, p.out_stride_h, p.out_stride_n, row);
    for (int c = threadIdx.x; c < dv; c += kThreads) {
        float head_sum = 0.0f;
        float full_sum = 0.0f;
        for (int w = 0; w < kWarps; ++w) {
            head_sum += work[w * dv + c];
            full_sum += work[(kWarps + w) * dv + c];
        }
        const float value = static_cast<float>(head_sum / head_mass);
        out[c] = value;
        out_square += static_cast<double>(value) * value;
        const double difference = full_sum / total - value;
        error_square += difference * difference;
    }
    double norms[4] = {warp_sum(out_square), warp_sum(error_square), 0.0, 0.0};
    cta_sum4(st, norms);
    if (threadIdx.x == 0) {
        float tail_norm = 0.0f;
        bool tail_norm_unknown = false;
        for (int w = 0; w < kWarps; ++w) {
            tail_norm = fmaxf(tail_norm, st.warp_tail_norm[w]);
            tail_norm_unknown = tail_norm_unknown || st.warp_tail_nan[w] != 0;
        }
        if (p.kept_count != nullptr) {
            *row_output(p.kept_count, p.kept_count_stride_b, p.kept_count_stride_h, p.kept_count_stride_n, row) = kept;
        }
        if (p.tail != nullptr) {
            *row_output(p.tail, p.tail_stride_b, p.tail_stride_h, p.tail_stride_n, row) = static_cast<float>(tau);
        }
        if (p.certificate != nullptr) {
            // a NaN value norm makes the bound unknown: NaN, never a claim
            float certificate = 0.0f;
            if (tau != 0.0) {
                certificate = tail_norm_unknown ? NAN
                                                : round_up_to_float(tau * (static_cast<double>(tail_norm)
                                                                           + sqrt(norms[0])));
            }
            *row_output(p.certificate, p.certificate_stride_b, p.certificate_stride_h, p.certificate_stride_n, row) =
                certificate;
        }
        if (p.exact_error != nullptr) {
            *row_output(p.exact_error, p.exact_error_stride_b, p.exact_error_stride_h, p.exact_error_stride_n, row) =
                static_cast<float>(sqrt(norms[1]));
        }
        if (want_indices && kept > p.index_capacity) {
            atomicMin(reinterpret_cast<unsigned long long*>(status),
                      static_cast<unsigned long long>((static_cast<uint64_t>(row_id) << 32)
                                                      | static_cast<uint32_t>(kept)));
        }
    }
    if (!want_indices) {
        return;
    }

    // exclusive prefix of the per-block head counts: thread t owns a contiguous chunk of blocks
    const int64_t chunk = (row.blocks + kThreads - 1) / kThreads;
    const int64_t first = threadIdx.x * chunk;
    const int64_t last = first + chunk < row.blocks ? first + chunk : row.blocks;
    int own = 0;
    for (int64_t blk = first; blk < last; ++blk) {
        own += row.counts[blk];
    }
    const int inclusive = warp_inclusive_scan(own, lane);
    if (lane == kWarpSize - 1) {
        st.warp_prefix[warp] = inclusive;
    }
    __syncthreads();
    int running = inclusive - own;
    for (int w = 0; w < warp; ++w) {
        running += st.warp_prefix[w];
    }
    for (int64_t blk = first; blk < last; ++blk) {
        const int count = row.counts[blk];
        row.counts[blk] = running;
        running += count;
    }
    __syncthreads();
    int32_t* idx = row_output(p.indices, p.indices_stride_b, p.indices_stride_h, p.indices_stride_n, row);
    const uint32_t lanes_below = (1u << lane) - 1u;
    for (int64_t blk = warp; blk < row.blocks; blk += kWarps) {
        if (row.block_max[blk] < threshold) {
            continue;
        }
        const int64_t j0 = blk * kBlock;
        bool head[2];
        for (int half = 0; half < 2; ++half) {
            const int64_t j = j0 + half * kWarpSize + lane;
            const float y = j < row.n ? row.weights[j] : 0.0f;
            head[half] = j < row.n && (y > threshold || (y == threshold && j <= last_tie));
        }
        const uint32_t low = __ballot_sync(kFullMask, head[0]);
        const uint32_t high = __ballot_sync(kFullMask, head[1]);
        const int base = row.counts[blk];
        for (int half = 0; half < 2; ++half) {
            if (head[half]) {
                const int64_t slot = base + (half == 0 ? __popc(low & lanes_below)
                                                       : __popc(low) + __popc(high & lanes_below));
                if (slot < p.index_capacity) {
                    idx[slot] = static_cast<int32_t>(j0 + half * kWarpSize + lane);
                }
            }
        }
    }
    for (int64_t s = kept + threadIdx.x; s < p.index_capacity; s += kThreads) {
        idx[s] = -1;
    }
}

/** Pass 1 of a unit: the logits of its rows (base 2, scaled) into the slot, with each row's maximum and NaN flag. */
__device__ inline void logits_pass(SharedState& st, const panattn_topk_params& p, const Geometry& g, float* q_tile,
                                   float* k_tile, float* weights, int64_t b, int64_t hk, int64_t h0, int64_t i0,
                                   int rows, int queries) {
    const int warp = threadIdx.x / kWarpSize;
    const int lane = threadIdx.x % kWarpSize;
    const int dim = static_cast<int>(p.head_dim);
    const int64_t pitch = g.blocks_per_row * kBlock;
    const float q_scale = p.scale * kLog2e;
    for (int idx = threadIdx.x; idx < rows * dim; idx += kThreads) {
        const int r = idx / dim;
        const int d = idx % dim;
        const int64_t h = h0 + r / queries;
        const int64_t i = i0 + r % queries;
        q_tile[idx] = load_element(p.q, p.q_dtype, b * p.q_stride_b + h * p.q_stride_h + i * p.q_stride_n + d)
                      * q_scale;
    }
    const int key_in_block = threadIdx.x % kBlock;
    const int row_group = threadIdx.x / kBlock;
    // With fewer rows than row groups (decode without GQA sharing), the groups of a row split its dot products over
    // the head dim instead of idling; the first group of each row (its owner) adds the parts in a fixed order.
    const int split = row_split(rows);
    const int part = row_group % split;
    const bool owner = part == 0;
    const int first_row = split > 1 ? row_group / split : row_group;
    const int row_step = split > 1 ? kMaxRows : kRowGroups;  // split: one row per thread (slot 0)
    const int part_dims = (dim + split - 1) / split;
    const int d_begin = part * part_dims < dim ? part * part_dims : dim;
    const int d_end = d_begin + part_dims < dim ? d_begin + part_dims : dim;
    int64_t visible[kRowsPerThread];
    float row_max[kRowsPerThread];
    bool row_nan[kRowsPerThread];
#pragma unroll
    for (int s = 0; s < kRowsPerThread; ++s) {
        const int r = first_row + row_step * s;
        visible[s] = r < rows && owner ? visible_keys(p, i0 + r % queries) : 0;
        row_max[s] = -INFINITY;
        row_nan[s] = false;
    }
    // the last query of the unit sees the most keys (visible_keys never decreases with the query)
    const int64_t end = visible_keys(p, i0 + queries - 1);
    const int64_t k_base = b * p.k_stride_b + hk * p.k_stride_h;
    const int pitch_k = dim + 1;  // odd pitch: the 32 lanes of a warp read 32 different banks
    for (int64_t block_first = 0; block_first < end; block_first += kBlock) {
        __syncthreads();  // every thread is done with the previous K block (and with q_tile's writes)
        for (int idx = threadIdx.x; idx < kBlock * dim; idx += kThreads) {
            const int j = idx / dim;
            const int d = idx % dim;
            const int64_t key = block_first + j;
            k_tile[j * pitch_k + d] = key < end ? load_element(p.k, p.k_dtype, k_base + key * p.k_stride_n + d) : 0.0f;
        }
        __syncthreads();
        float dot[kRowsPerThread];
#pragma unroll
        for (int s = 0; s < kRowsPerThread; ++s) {
            dot[s] = 0.0f;
        }
        for (int d = d_begin; d < d_end; ++d) {
            const float key_d = k_tile[key_in_block * pitch_k + d];
#pragma unroll
            for (int s = 0; s < kRowsPerThread; ++s) {
                const int r = first_row + row_step * s;
                if (r < rows) {
                    dot[s] = fmaf(q_tile[r * dim + d], key_d, dot[s]);
                }
            }
        }
        if (split > 1) {
            st.dot_partial[row_group][key_in_block] = dot[0];
            __syncthreads();
            if (owner) {
                float total = 0.0f;
                for (int q = 0; q < split; ++q) {
                    total += st.dot_partial[row_group + q][key_in_block];
                }
                dot[0] = total;
            }
        }
        const int64_t key = block_first + key_in_block;
#pragma unroll
        for (int s = 0; s < kRowsPerThread; ++s) {
            const int r = first_row + row_step * s;
            if (key < visible[s]) {
                weights[r * pitch + key] = dot[s];
                row_nan[s] = row_nan[s] || dot[s] != dot[s];
                row_max[s] = fmaxf(row_max[s], dot[s]);
            }
        }
    }
#pragma unroll
    for (int s = 0; s < kRowsPerThread; ++s) {
        const float m = warp_max(row_max[s]);
        const bool nan = __ballot_sync(kFullMask, row_nan[s]) != 0u;
        if (lane == 0) {
            st.part_max[warp][s] = m;
            st.part_bad[warp][s] = nan ? 1 : 0;
        }
    }
    __syncthreads();
    if (static_cast<int>(threadIdx.x) < rows) {
        const int r = threadIdx.x;
        const int group = split > 1 ? r * split : r % kRowGroups;  // the row's owner group
        const int s = split > 1 ? 0 : r / kRowGroups;
        // the two warps of row group g are 2g and 2g + 1 (64 threads per group)
        constexpr int kWarpsPerGroup = kBlock / kWarpSize;
        float m = -INFINITY;
        int nan = 0;
        for (int w = 0; w < kWarpsPerGroup; ++w) {
            m = fmaxf(m, st.part_max[group * kWarpsPerGroup + w][s]);
            nan |= st.part_bad[group * kWarpsPerGroup + w][s];
        }
        st.row_max[r] = m;
        st.row_bad[r] = nan != 0 || m == INFINITY || m == -INFINITY;
    }
    __syncthreads();
}

/**
 * The kernel. A persistent grid of `slots` CTAs walks the units; CTA x uses workspace slot x. The status word at
 * the start of the workspace must hold kNoOverflow when the launch starts.
 */
__global__ void __launch_bounds__(kThreads) topk_attention_kernel(const panattn_topk_params p, const Geometry g,
                                                                  int64_t slots) {
    extern __shared__ double topk_shared[];
    SharedState& st = *reinterpret_cast<SharedState*>(topk_shared);
    float* q_tile = reinterpret_cast<float*>(reinterpret_cast<char*>(topk_shared) + kStateBytes);
    float* work = q_tile + g.rows_per_unit * p.head_dim;
    uint64_t* status = static_cast<uint64_t*>(p.scratch);
    char* slot = static_cast<char*>(p.scratch) + kStatusBytes + static_cast<int64_t>(blockIdx.x) * g.slot_bytes;
    const int64_t row_blocks = g.rows_per_unit * g.blocks_per_row;
    const int64_t pitch = g.blocks_per_row * kBlock;
    float* weights = reinterpret_cast<float*>(slot);
    double* block_sum = reinterpret_cast<double*>(weights + row_blocks * kBlock);
    float* block_max = reinterpret_cast<float*>(block_sum + row_blocks);
    float* block_min = block_max + row_blocks;
    float* tail_max = block_min + row_blocks;
    int* counts = reinterpret_cast<int*>(tail_max + row_blocks);

    for (int64_t unit = blockIdx.x; unit < g.units; unit += slots) {
        int64_t rest = unit;
        const int64_t query_tile = rest % g.query_tiles;
        rest /= g.query_tiles;
        const int64_t slice = rest % g.slices;
        rest /= g.slices;
        const int64_t hk = rest % p.heads_kv;
        const int64_t b = rest / p.heads_kv;
        const int64_t h0 = hk * g.group + slice * g.heads_per_unit;
        const int64_t heads_left = g.group - slice * g.heads_per_unit;
        const int heads = static_cast<int>(heads_left < g.heads_per_unit ? heads_left : g.heads_per_unit);
        const int64_t i0 = query_tile * g.queries_per_unit;
        const int64_t queries_left = p.n_q - i0;
        const int queries = static_cast<int>(queries_left < g.queries_per_unit ? queries_left : g.queries_per_unit);
        const int rows = heads * queries;

        __syncthreads();  // the previous unit is done with shared memory
        logits_pass(st, p, g, q_tile, work, weights, b, hk, h0, i0, rows, queries);

        for (int r = 0; r < rows; ++r) {
            Row row;
            row.p = &p;
            row.b = b;
            row.h = h0 + r / queries;
            row.hk = hk;
            row.i = i0 + r % queries;
            row.n = visible_keys(p, row.i);
            row.blocks = (row.n + kBlock - 1) / kBlock;
            row.weights = weights + r * pitch;
            row.block_sum = block_sum + r * g.blocks_per_row;
            row.block_max = block_max + r * g.blocks_per_row;
            row.block_min = block_min + r * g.blocks_per_row;
            row.tail_max = tail_max + r * g.blocks_per_row;
            row.counts = counts + r * g.blocks_per_row;
            row.bound = p.certify == PANATTN_TOPK_CERTIFY_BOUND;
            const int64_t row_id = (b * p.heads_q + row.h) * p.n_q + row.i;
            if (row.n == 0 || st.row_bad[r] != 0) {
                write_trivial_row(row, row.n > 0, status, row_id);
                continue;
            }
            const double total = weights_pass(st, row, st.row_max[r]);
            if (threadIdx.x == 0) {
                st.total = total;
            }
            select_row(st, row, total);
            output_row(st, row, work, status, row_id);
            __syncthreads();  // st and work are reused by the next row
        }
    }
}

}  // namespace panattn_topk

#endif  // PANATTN_TOPK_ATTENTION_KERNEL_CUH
