package org.panattn.hybrid;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.panattn.hybrid.HybridConformanceTest.assertClose;
import static org.panattn.hybrid.HybridConformanceTest.outputs;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;

/**
 * The CUDA hybrid kernel on a real device against the reference: prefill for each feature map and mode, and
 * prefill continued by decode. Skipped (with the reason) where no CUDA device is usable.
 */
@Tag("gpu")
class HybridCudaGpuTest {
    private Backend cuda;

    @BeforeEach
    void requireDevice() {
        String reason = Backend.cudaUnavailableReason();
        assumeTrue(reason == null, () -> "skipped: no CUDA device: " + reason);
        cuda = Backend.cuda(0);
    }

    static List<HybridCase> cases() {
        List<HybridCase> list = new ArrayList<>();
        for (FeatureMap map : FeatureMap.values()) {
            int projected = map == FeatureMap.HEDGEHOG ? 16 : 0;
            for (HybridMode mode : HybridMode.values()) {
                list.add(new HybridCase("cuda", 2, 4, 2, 150, 32, 24, projected, DType.F32, false,
                        HybridSpec.of(64, map).withSinks(4).withMode(mode)));
            }
        }
        list.add(new HybridCase("cuda f16 flash", 1, 8, 2, 300, 64, 64, 64, DType.F16, true,
                HybridSpec.of(64, FeatureMap.HEDGEHOG).withAffine(true).withGamma(0.4f)));
        return list;
    }

    /** Device copies of the case's inputs (contiguous [B,H,N,D], whatever the host layout). */
    private Tensor[] onDevice(Arena arena, Tensor[] host) {
        Tensor[] dev = new Tensor[host.length];
        for (int i = 0; i < host.length; i++) {
            if (host[i] != null) {
                Tensor dense = Tensor.allocate(arena, host[i].dtype(), host[i].shape());
                host[i].copyTo(dense);
                dev[i] = cuda.allocate(arena, host[i].dtype(), host[i].shape());
                dense.copyTo(dev[i]);
            }
        }
        return dev;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prefillAndDecodeAgreeWithTheReference(HybridCase c) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] in = c.inputs(arena, 7);
            Tensor[] dev = onDevice(arena, in);
            HybridOutputs want = outputs(arena, c);
            Backend.reference().hybrid().prefill(in[0], in[1], in[2], c.params(in[3]), want, c.spec());
            HybridOutputs got = HybridOutputs.of(cuda.allocate(arena, DType.F32, c.b(), c.hq(), c.n(), c.dv()))
                    .withDiagnostics(cuda.allocate(arena, DType.F32, c.b(), c.hq(), HybridOutputs.DIAGNOSTICS));
            cuda.hybrid().prefill(dev[0], dev[1], dev[2], c.params(dev[3]), got, c.spec());
            Tensor out = Tensor.allocate(arena, DType.F32, c.b(), c.hq(), c.n(), c.dv());
            Tensor diag = Tensor.allocate(arena, DType.F32, c.b(), c.hq(), HybridOutputs.DIAGNOSTICS);
            got.out().copyTo(out);
            got.diagnostics().copyTo(diag);
            assertClose(want.out(), out, 3e-4, "cuda " + c + " prefill");
            assertClose(want.diagnostics(), diag, 3e-4, "cuda " + c + " diagnostics");

            int prefix = c.n() / 3;
            HybridState state = HybridState.forInputs(cuda, arena, dev[0], dev[1], dev[2], c.params(dev[3]), c.spec());
            Tensor decoded = cuda.allocate(arena, DType.F32, c.b(), c.hq(), c.n(), c.dv());
            cuda.hybrid().prefill(dev[0].slice(2, 0, prefix), dev[1].slice(2, 0, prefix), dev[2].slice(2, 0, prefix),
                    c.params(dev[3]), HybridOutputs.of(decoded.slice(2, 0, prefix)), c.spec(), state);
            for (int pos = prefix; pos < c.n(); pos++) {
                cuda.hybrid().decode(dev[0].slice(2, pos, pos + 1), dev[1].slice(2, pos, pos + 1),
                        dev[2].slice(2, pos, pos + 1), c.params(dev[3]),
                        HybridOutputs.of(decoded.slice(2, pos, pos + 1)), c.spec(), state);
            }
            decoded.copyTo(out);
            assertClose(want.out(), out, 3e-4, "cuda " + c + " prefill + decode");
        }
    }
}
