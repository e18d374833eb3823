package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.panattn_dit_params;
import org.panattn.dit.DitProblem;
import org.panattn.dit.DitSpec;
import org.panattn.dit.ResidualOutputs;

/**
 * The checks CUDA DiT attention makes before any native call, and how it fills the params block. No GPU needed:
 * the "device" tensors wrap made-up addresses that nothing dereferences.
 */
class CudaDitValidationTest {
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

    private static void assertMessage(String prefix, Runnable call) {
        String m = assertThrows(IllegalArgumentException.class, call::run).getMessage();
        assertTrue(m.startsWith(prefix), "expected '" + prefix + "', got '" + m + "'");
    }

    @Test
    void fillsTheParamsBlockFromAValidatedProblem() {
        Tensor q = device(DType.F16, 0, 2, 100, 8, 72).transpose(1, 2);
        Tensor k = device(DType.F16, 0, 2, 100, 4, 72).transpose(1, 2);
        Tensor v = device(DType.BF16, 0, 2, 4, 100, 64);
        Tensor full = device(DType.F32, 0, 2, 8, 100, 64);
        Tensor residual = device(DType.F32, 0, 2, 8, 100, 64);
        DitProblem p = CudaDit.validate(DitProblem.residual(q, k, v, ResidualOutputs.of(full, residual),
                DitSpec.window(12).withScale(0.5f)), GPU, "window");
        MemorySegment params = panattn_dit_params.allocate(arena);
        CudaDit.fill(params, p);
        assertEquals(100, panattn_dit_params.n(params));
        assertEquals(8, panattn_dit_params.heads_q(params));
        assertEquals(4, panattn_dit_params.heads_kv(params));
        assertEquals(72, panattn_dit_params.head_dim(params));
        assertEquals(64, panattn_dit_params.head_dim_v(params));
        assertEquals(72, panattn_dit_params.q_stride_h(params), "flash layout view: heads 72 elements apart");
        assertEquals(8 * 72, panattn_dit_params.q_stride_n(params));
        assertEquals(12, panattn_dit_params.window(params));
        assertEquals(0.5f, panattn_dit_params.scale(params));
        assertEquals(MemorySegment.NULL, panattn_dit_params.window_out(params), "no window output asked for");
        assertEquals(full.segment().address(), panattn_dit_params.full_out(params).address());
        assertEquals(1, panattn_dit_params.q_dtype(params), "F16");
        assertEquals(2, panattn_dit_params.v_dtype(params), "BF16");
    }

    @Test
    void refusesWhatTheKernelsCannotTake() {
        Tensor q = device(DType.F32, 0, 1, 2, 40, 300);
        Tensor k = device(DType.F32, 0, 1, 2, 40, 300);
        Tensor v = device(DType.F32, 0, 1, 2, 40, 8);
        Tensor out = device(DType.F32, 0, 1, 2, 40, 8);
        assertMessage("q: expected head dim D <= 256 on the CUDA backend, got 300",
                () -> CudaDit.validate(DitProblem.window(q, k, v, out, DitSpec.window(3)), GPU, "out"));
        Tensor q8 = device(DType.F32, 0, 1, 2, 40, 8);
        Tensor odd = device(DType.F32, 2, 1, 2, 40, 8);
        assertMessage("out: expected a device address aligned to 4 bytes",
                () -> CudaDit.validate(DitProblem.window(q8, v, v, odd, DitSpec.window(3)), GPU, "out"));
        Tensor host = Tensor.allocate(arena, DType.F32, 1, 2, 40, 8);
        assertMessage("out: expected device " + GPU + " (that of q), got " + Device.CPU,
                () -> CudaDit.validate(DitProblem.window(q8, v, v, host, DitSpec.window(3)), GPU, "out"));
    }
}
