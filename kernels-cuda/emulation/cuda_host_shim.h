/*
 * Just enough of CUDA to compile a kernel header as host C++ and run it with one cooperative fiber per CUDA
 * thread: threadIdx/blockIdx, __syncthreads, warp shuffles, atomicAdd, fp16/bf16 storage types, device math.
 *
 * Fibers (ucontext) instead of OS threads make every barrier a cheap, deterministic context switch; a barrier that
 * not every thread of its group reaches (divergent __syncthreads or shuffle) is reported as a deadlock instead
 * of hanging. One block runs at a time, so `__shared__` memory is a plain global array.
 */
#ifndef PANATTN_CUDA_HOST_SHIM_H
#define PANATTN_CUDA_HOST_SHIM_H

#include <ucontext.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(threads)
#define __shared__

using std::max;
using std::min;

struct Dim3 {
    unsigned x = 0, y = 0, z = 0;
};

struct float4 {
    float x, y, z, w;
};

struct __half {
    uint16_t bits;
};

struct __nv_bfloat16 {
    uint16_t bits;
};

inline float __bfloat162float(__nv_bfloat16 value) {
    uint32_t u = static_cast<uint32_t>(value.bits) << 16;
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

inline float __half2float(__half value) {
    const uint32_t sign = (value.bits >> 15) & 1u;
    const int exponent = (value.bits >> 10) & 0x1f;
    const uint32_t mantissa = value.bits & 0x3ffu;
    float magnitude;
    if (exponent == 0) {
        magnitude = std::ldexp(static_cast<float>(mantissa), -24);  // subnormal (or zero)
    } else if (exponent == 31) {
        magnitude = mantissa == 0 ? INFINITY : NAN;
    } else {
        magnitude = std::ldexp(static_cast<float>(mantissa | 0x400u), exponent - 25);
    }
    return sign ? -magnitude : magnitude;
}

namespace cuda_host_shim {

constexpr int kWarpSize = 32;

struct Fiber {
    ucontext_t context;
    bool done = false;
    bool blocked = false;
};

struct Group {
    int size = 0;
    int arrived = 0;
    std::vector<int> members;
};

struct Block {
    std::vector<Fiber> fibers;
    Group block_barrier;
    std::vector<Group> warp_barriers;
    std::vector<float> exchange;  // one slot per thread, for shuffles
    ucontext_t scheduler;
    int current = -1;
    std::function<void()> body;
    bool deadlocked = false;
};

constexpr size_t kStackBytes = 128 * 1024;

/** Fiber stacks, allocated once and reused by every block (left uninitialised: zeroing them dominated run time). */
inline char* fiber_stack(int thread) {
    static std::vector<std::unique_ptr<char[]>> stacks;
    while (static_cast<int>(stacks.size()) <= thread) {
        stacks.emplace_back(new char[kStackBytes]);
    }
    return stacks[thread].get();
}

inline Block*& active() {
    static Block* block = nullptr;
    return block;
}

inline Dim3& thread_index() {
    static Dim3 index;
    return index;
}

inline Dim3& block_index() {
    static Dim3 index;
    return index;
}

inline void arrive(Group& group) {
    Block& b = *active();
    const int self = b.current;
    if (++group.arrived == group.size) {
        group.arrived = 0;
        for (int member : group.members) {
            b.fibers[member].blocked = false;
        }
        return;
    }
    b.fibers[self].blocked = true;
    swapcontext(&b.fibers[self].context, &b.scheduler);
    thread_index().x = static_cast<unsigned>(self);  // the scheduler ran other threads meanwhile
}

inline void fiber_entry(int self) {
    Block& b = *active();
    thread_index().x = static_cast<unsigned>(self);
    b.body();
    b.fibers[self].done = true;
    swapcontext(&b.fibers[self].context, &b.scheduler);
}

/** Points fiber `t` at fiber_entry on its own stack (apart, so that no loop variable lives across getcontext). */
inline void prepare_fiber(Block& b, int t) {
    Fiber& f = b.fibers[t];
    getcontext(&f.context);
    f.context.uc_stack.ss_sp = fiber_stack(t);
    f.context.uc_stack.ss_size = kStackBytes;
    f.context.uc_link = &b.scheduler;
    makecontext(&f.context, reinterpret_cast<void (*)()>(&fiber_entry), 1, t);
}

/** Runs `body` as `threads` CUDA threads of block `block_id`; false if they deadlocked on a barrier. */
inline bool run_block(int threads, unsigned block_id, const std::function<void()>& body) {
    Block b;
    b.body = body;
    b.fibers.resize(threads);
    b.exchange.assign(threads, 0.0f);
    b.block_barrier.size = threads;
    for (int t = 0; t < threads; ++t) {
        b.block_barrier.members.push_back(t);
    }
    b.warp_barriers.resize((threads + kWarpSize - 1) / kWarpSize);
    for (int t = 0; t < threads; ++t) {
        Group& g = b.warp_barriers[t / kWarpSize];
        g.size++;
        g.members.push_back(t);
    }
    active() = &b;
    block_index().x = block_id;
    for (int t = 0; t < threads; ++t) {
        prepare_fiber(b, t);
    }
    for (;;) {
        bool ran = false;
        bool all_done = true;
        for (int t = 0; t < threads; ++t) {
            Fiber& f = b.fibers[t];
            if (f.done) {
                continue;
            }
            all_done = false;
            if (f.blocked) {
                continue;
            }
            b.current = t;
            thread_index().x = static_cast<unsigned>(t);
            swapcontext(&b.scheduler, &f.context);
            ran = true;
        }
        if (all_done) {
            break;
        }
        if (!ran) {
            b.deadlocked = true;
            break;
        }
    }
    active() = nullptr;
    return !b.deadlocked;
}

inline float exchange(float value, int source_lane) {
    Block& b = *active();
    const int self = b.current;
    const int warp_base = self - self % kWarpSize;
    b.exchange[self] = value;
    arrive(b.warp_barriers[self / kWarpSize]);
    const float result = b.exchange[warp_base + source_lane];
    arrive(b.warp_barriers[self / kWarpSize]);  // nobody overwrites a slot before every lane has read
    return result;
}

}  // namespace cuda_host_shim

#define threadIdx (cuda_host_shim::thread_index())
#define blockIdx (cuda_host_shim::block_index())

inline void __syncthreads() {
    cuda_host_shim::arrive(cuda_host_shim::active()->block_barrier);
}

inline float __shfl_xor_sync(unsigned /*mask*/, float value, int lane_mask) {
    const int lane = static_cast<int>(threadIdx.x) % cuda_host_shim::kWarpSize;
    return cuda_host_shim::exchange(value, lane ^ lane_mask);
}

inline float __shfl_sync(unsigned /*mask*/, float value, int source_lane) {
    return cuda_host_shim::exchange(value, source_lane % cuda_host_shim::kWarpSize);
}

/* atomicAdd: fibers switch only at barriers, so a plain read-modify-write is atomic. Returns the old value. */
template <typename T>
inline T shim_atomic_add(T* address, T value) {
    const T old = *address;
    *address = old + value;
    return old;
}

inline int atomicAdd(int* address, int value) {
    return shim_atomic_add(address, value);
}

inline unsigned atomicAdd(unsigned* address, unsigned value) {
    return shim_atomic_add(address, value);
}

inline unsigned long long atomicAdd(unsigned long long* address, unsigned long long value) {
    return shim_atomic_add(address, value);
}

inline double atomicAdd(double* address, double value) {
    return shim_atomic_add(address, value);
}

#endif  // PANATTN_CUDA_HOST_SHIM_H
