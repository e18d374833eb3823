package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.panattn.DType;
import org.panattn.Device;
import org.panattn.Tensor;
import org.panattn.bindings.panattn_hybrid_params;
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridProblem;
import org.panattn.hybrid.HybridSpec;

/** The checks CUDA hybrid attention makes before any native call; fake device tensors, no GPU needed. */
class CudaHybridValidationTest {
    private static final Device GPU = Device.cuda(0);
    private final Arena arena = Arena.ofConfined();
    private final FakeDeviceTensors fake = new FakeDeviceTensors(arena, GPU);

    @AfterEach
    void close() {
        arena.close();
    }

    private Tensor device(DType dtype, long... shape) {
        return fake.of(dtype, shape);
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    private HybridProblem validate(Tensor q, Tensor k, Tensor v, HybridParams params, HybridOutputs outputs,
                                   HybridSpec spec) {
        return CudaHybrid.validate(q, k, v, params, outputs, spec, null, HybridProblem.Phase.PREFILL, GPU);
    }

    @Test
    void rejectsHostTensorsAndSizesAboveTheKernelLimits() {
        Tensor q = device(DType.F32, 1, 2, 10, 8);
        Tensor k = device(DType.F32, 1, 2, 10, 8);
        Tensor v = device(DType.F32, 1, 2, 10, 4);
        Tensor out = device(DType.F32, 1, 2, 10, 4);
        Tensor w = device(DType.F32, 2, 8, 6);
        HybridSpec spec = HybridSpec.of(4, FeatureMap.HEDGEHOG);
        HybridOutputs outs = HybridOutputs.of(out);
        HybridProblem ok = validate(q, k, v, HybridParams.tied(w), outs, spec);
        assertEquals(12, ok.featureDim());

        String m = message(() -> validate(q, k, v, HybridParams.tied(Tensor.allocate(arena, DType.F32, 2, 8, 6)), outs,
                spec));
        assertTrue(m.startsWith("featureQ: expected a tensor on cuda:0"), m);
        m = message(() -> validate(q, k, v, HybridParams.tied(w), outs, HybridSpec.of(5000, FeatureMap.HEDGEHOG)));
        assertEquals("window: expected window <= 4096 on the CUDA backend, got 5000", m);
        Tensor wide = device(DType.F32, 2, 8, 300);
        m = message(() -> validate(q, k, v, HybridParams.tied(wide), outs, spec));
        assertEquals("featureQ: expected projected features P <= 256 on the CUDA backend, got 300", m);
        Tensor q3 = device(DType.F32, 1, 2, 10, 300);
        m = message(() -> validate(q3, device(DType.F32, 1, 2, 10, 300), v, HybridParams.none(), outs,
                HybridSpec.of(4, FeatureMap.ELU1)));
        assertEquals("q: expected head dim D <= 256 on the CUDA backend, got 300", m);
        m = message(() -> validate(q, k, v, HybridParams.tied(w),
                outs.withDiagnostics(device(DType.F32, 1, 2, 8).slice(2, 0, 4)), spec));
        assertTrue(m.startsWith("diagnostics: expected a contiguous tensor on the CUDA backend"), m);
    }

    @Test
    void paramsLayoutCoversEveryField() {
        assertEquals(328, panattn_hybrid_params.sizeof());
        assertEquals(0, panattn_hybrid_params.q$offset());
        assertEquals(324, panattn_hybrid_params.scale$offset());
    }
}
