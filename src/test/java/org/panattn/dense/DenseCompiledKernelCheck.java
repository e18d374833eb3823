package org.panattn.dense;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.panattn.Backend;
import org.panattn.DType;

/**
 * Run by the pom's second surefire execution under -Xbatch -XX:-TieredCompilation (like the JDK's own Vector API
 * tests), so that the C2-compiled vector code, not the interpreter's fallback, is what gets checked: each case is
 * repeated until its kernels are compiled, and every repetition must agree with the reference.
 */
class DenseCompiledKernelCheck {
    private static final int REPEATS = 20;

    @Test
    void compiledKernelsAgreeWithReference() {
        assertNull(Backend.cpuFallbackReason(), "the Vector API backend must load under -XX:-TieredCompilation");
        List<DenseCase> cases = List.of(
                DenseCase.of(1, 2, 1, 100, 130, 64, 64, DenseSpec.causalDefaults()).flash(),
                DenseCase.of(1, 2, 1, 64, 516, 64, 64, DenseSpec.defaults().withScale(2f)).magnitude(3f),
                DenseCase.of(1, 2, 2, 37, 53, 3, 5, DenseSpec.defaults().withWindow(9, 2)),
                DenseCase.of(1, 8, 1, 1, 700, 64, 64, DenseSpec.defaults()),
                DenseCase.of(1, 2, 2, 1, 301, 64, 48, DenseSpec.defaults()),
                DenseCase.of(1, 12, 1, 1, 203, 32, 32, DenseSpec.defaults()).flash(),
                DenseCase.of(1, 8, 1, 3, 301, 32, 16, DenseSpec.causalDefaults()).dtype(DType.BF16));
        for (int i = 0; i < REPEATS; i++) {
            for (DenseCase c : cases) {
                for (Backend backend : List.of(Backend.cpu(), Backend.cpu(1))) {
                    DenseConformanceTest.assertAgrees(backend, c);
                }
            }
        }
    }
}
