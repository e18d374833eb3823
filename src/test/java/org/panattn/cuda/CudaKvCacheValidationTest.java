package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.kvcache.SaliencyScore;
import org.panattn.kvcache.ScoreSpec;
import org.panattn.kvcache.WindowAttention;

/**
 * The checks the CUDA OBCache score pass makes before any native call. No GPU needed: the "device" tensors wrap
 * made-up addresses that nothing dereferences.
 */
class CudaKvCacheValidationTest {
    private static final Device GPU = Device.cuda(0);
    private final Arena arena = Arena.ofConfined();
    private final FakeDeviceTensors fake = new FakeDeviceTensors(arena, GPU);

    @AfterEach
    void close() {
        arena.close();
    }

    private Tensor device(DType dtype, long misalign, long... shape) {
        return fake.misaligned(dtype, misalign, shape);
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void everyScoreArgumentIsCheckedBeforeTheLaunch() {
        Tensor q = device(DType.F32, 0, 1, 4, 8, 64);
        Tensor k = device(DType.F32, 0, 1, 2, 100, 64);
        Tensor v = device(DType.F32, 0, 1, 2, 100, 64);
        Tensor scores = device(DType.F32, 0, 1, 2, 100);
        ScoreSpec spec = ScoreSpec.of(SaliencyScore.JOINT, 4);
        CudaKvCache.validate(q, k, v, null, scores, spec, GPU);
        Tensor hostScores = Tensor.allocate(arena, DType.F32, 1, 2, 100);
        assertEquals("scores: expected a tensor on cuda:0 (the CUDA backend's device; copy host tensors over with "
                + "Tensor.copyTo or Backend.copy), got one on cpu",
                message(() -> CudaKvCache.validate(q, k, v, null, hostScores, spec, GPU)));
        Tensor wide = device(DType.F32, 0, 1, 2, 100, 300);
        assertEquals("k: expected head dim D <= 256 on the CUDA backend, got 300", message(() -> CudaKvCache.validate(
                device(DType.F32, 0, 1, 4, 8, 300), wide, v, null, scores, spec, GPU)));
        Tensor misaligned = device(DType.F32, 2, 1, 2, 100, 64);
        assertEquals("k: expected a device address aligned to 4 bytes (F32), got 0x"
                + Long.toHexString(misaligned.segment().address()),
                message(() -> CudaKvCache.validate(q, misaligned, v, null, scores, spec, GPU)));
        Tensor outputs = device(DType.F32, 0, 1, 4, 8, 64).slice(2, 4, 8);
        Tensor lse = device(DType.F32, 0, 1, 4, 4);
        assertEquals("window outputs: expected a contiguous tensor on the CUDA backend, got F32[1, 4, 4, 64] strides "
                + "[2048, 512, 64, 1] on cuda:0", message(() -> CudaKvCache.validate(q, k, v,
                new WindowAttention(outputs, lse), scores, spec, GPU)));
        assertEquals("window lse: expected shape [1, 4, 4], got [1, 4, 5]", message(() -> CudaKvCache.validate(q, k,
                v, new WindowAttention(device(DType.F32, 0, 1, 4, 4, 64), device(DType.F32, 0, 1, 4, 5)), scores,
                spec.withWindow(4), GPU)));
    }
}
