package org.panattn.topk;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.panattn.Backend;

/**
 * Run by the pom's second surefire execution under -Xbatch -XX:-TieredCompilation, like the dense check: the
 * top-k kernels (decode logits, quickselect with vector compress, in-place V accumulation) are repeated until C2
 * has compiled them, and every repetition must agree with the reference.
 */
class TopKCompiledKernelCheck {
    private static final int REPEATS = 12;

    @Test
    void compiledKernelsAgreeWithReference() {
        assertNull(Backend.cpuFallbackReason(), "the Vector API backend must load under -XX:-TieredCompilation");
        List<TopKConformanceTest.Case> cases = List.of(
                new TopKConformanceTest.Case("decode GQA 8:1", 1, 8, 1, 1, 1000, 64, 64, TopKSpec.tvBudget(0.05), 2,
                        "gauss"),
                new TopKConformanceTest.Case("decode MHA", 1, 2, 2, 1, 1501, 64, 48, TopKSpec.tvBudget(0.1), 2,
                        "gauss"),
                new TopKConformanceTest.Case("ties", 1, 2, 1, 2, 999, 4, 4, TopKSpec.tvBudget(0.2), 1, "ties"),
                new TopKConformanceTest.Case("fixed k", 1, 4, 1, 1, 777, 32, 32, TopKSpec.fixedK(100), 2, "gauss"));
        for (int i = 0; i < REPEATS; i++) {
            for (TopKConformanceTest.Case c : cases) {
                for (Backend backend : List.of(Backend.cpu(), Backend.cpu(1))) {
                    TopKConformanceTest.assertAgrees(backend, c);
                    TopKConformanceTest.assertAgreesLean(backend, c);
                }
            }
        }
    }
}
