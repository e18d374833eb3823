package org.panattn;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import org.panattn.dense.DenseAttention;
import org.panattn.kvcache.KvCacheOps;
import org.panattn.hybrid.HybridAttention;
import org.panattn.sae.SaeOps;
import org.panattn.topk.TopKAttention;

/**
 * A set of kernels on one device. {@link #cpu()} is the Vector API backend (or, if the JVM cannot run it, the
 * reference with a logged reason), {@link #reference()} the double-precision oracle, {@link #cuda(int)} the CUDA
 * kernels on one device.
 */
public interface Backend {

    /** "cpu", "ref" or "cuda:N". */
    String name();

    Device device();

    /** Dense (flash-style) attention: the baseline every family is compared with. */
    DenseAttention dense();

    /** Certified top-k attention: fused blockwise top-k softmax with exact tail mass and error certificates. */
    TopKAttention topk();

    /** OBCache saliency scores (value, key, joint, accumulated) and in-place KV-cache eviction. */
    KvCacheOps kvcache();
    /** Windowed/linear hybrid attention (LoLCATs form): chunked prefill, recurrent decode, component diagnostics. */
    HybridAttention hybrid();
    /** DiTFastAttn: non-causal window attention, fused full + window + residual (WA-RS), residual add. */
    org.panattn.dit.DitAttention dit();
    /** Sparse-autoencoder kernels: JumpReLU/ReLU/TopK encode and decode, one-feature steering, feature statistics. */
    SaeOps sae();

    /** A zero-filled contiguous tensor on this backend's device (CUDA memory is freed when the arena closes). */
    default Tensor allocate(Arena arena, DType dtype, long... shape) {
        return Tensor.allocate(arena, dtype, shape);
    }

    /** Copies between devices (both tensors of one dtype and contiguous); host-only backends copy on the host. */
    default void copy(Tensor src, Tensor dst) {
        src.copyTo(dst);
    }

    /** The Vector API backend on the shared pool (sized to the cores), or the reference if it cannot run. */
    static Backend cpu() {
        return Backends.cpu();
    }

    /** The Vector API backend splitting work over {@code threads} threads (1 = the caller's thread only). */
    static Backend cpu(int threads) {
        return Backends.cpu(threads);
    }

    static Backend reference() {
        return Backends.reference();
    }

    /** The CUDA backend on device {@code ordinal}; throws PanattnException naming why if none is usable. */
    static Backend cuda(int ordinal) {
        return Backends.cuda(ordinal);
    }

    /** The backend for a tensor's device: {@link #cpu()} for host tensors, {@link #cuda(int)} for device ones. */
    static Backend forTensor(Tensor tensor) {
        if (tensor == null) {
            throw new IllegalArgumentException("tensor: expected a value, got null");
        }
        return tensor.device().isCpu() ? cpu() : cuda(tensor.device().ordinal());
    }

    /** Every backend usable in this process (reference, cpu, then each CUDA device). */
    static List<Backend> available() {
        List<Backend> list = new ArrayList<>();
        list.add(reference());
        list.add(cpu());
        list.addAll(Backends.cudaDevices());
        return list;
    }

    /** Why {@link #cpu()} fell back to the reference, or null if it runs the Vector API kernels. */
    static String cpuFallbackReason() {
        return Backends.cpuFallbackReason();
    }

    /** Why no CUDA backend is usable, or null if at least one device is. */
    static String cudaUnavailableReason() {
        return Backends.cudaUnavailableReason();
    }
}
