package org.panattn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.panattn.dense.DenseSpec;

/** The README's example and interop claims, run as written. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        try (Arena arena = Arena.ofConfined()) {
            int b = 1, hq = 8, hkv = 2, n = 64, d = 16;
            Tensor q = Tensor.allocate(arena, DType.F32, b, hq, n, d);
            Tensor k = Tensor.allocate(arena, DType.F32, b, hkv, n, d);
            Tensor v = Tensor.allocate(arena, DType.F32, b, hkv, n, d);
            for (long i = 0; i < v.numel(); i++) {
                v.writeFloat(i, 1f); // every value row is all ones, so every output is 1
            }
            Tensor out = Tensor.allocate(arena, DType.F32, b, hq, n, d);
            Tensor lse = Tensor.allocate(arena, DType.F32, b, hq, n);
            Backend cpu = Backend.cpu();
            cpu.dense().attention(q, k, v, out, lse, DenseSpec.causalDefaults());
            assertEquals(1f, out.getFloat(0, 0, 0, 0), 1e-6f);
            // all logits 0: row i (causal) sees i + 1 keys, lse = log(i + 1)
            assertEquals(Math.log(10), lse.getFloat(0, 3, 9), 1e-5);
        }
    }

    @Test
    void flashLayoutBufferIsUsedWithoutCopy() {
        int b = 1, n = 5, h = 3, d = 4;
        ByteBuffer buf = ByteBuffer.allocateDirect(b * n * h * d * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < b * n * h * d; i++) {
            buf.putFloat(i * 4, i);
        }
        Tensor flash = Tensor.wrap(buf, DType.F32, b, n, h, d).transpose(1, 2); // [B,H,N,D] view
        assertEquals(buf.getFloat(((2 * h + 1) * d + 3) * 4), flash.getFloat(0, 1, 2, 3));
    }
}
