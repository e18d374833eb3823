package org.panattn.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;

/**
 * Contiguous "device" tensors at made-up addresses, for tests of the checks a CUDA call makes before any native
 * call: nothing ever dereferences them, so they need no GPU and may be of any size.
 */
final class FakeDeviceTensors {
    private final Arena arena;
    private final Device device;
    private long nextAddress = 0x7f00_0000_0000L;

    FakeDeviceTensors(Arena arena, Device device) {
        this.arena = arena;
        this.device = device;
    }

    /** A tensor at a fresh 256-byte aligned address. */
    Tensor of(DType dtype, long... shape) {
        return misaligned(dtype, 0, shape);
    }

    /** A tensor {@code misalign} bytes past a fresh 256-byte aligned address. */
    @SuppressWarnings("restricted")
    Tensor misaligned(DType dtype, long misalign, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        long bytes = n * dtype.byteSize();
        long address = nextAddress + misalign;
        nextAddress += (bytes + 512) & ~255L;
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return Tensor.wrap(MemorySegment.ofAddress(address).reinterpret(bytes, arena, null), dtype, device, shape,
                strides, 0);
    }
}
