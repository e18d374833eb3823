package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the hybrid-attention CUDA kernel's source as host code (kernels-cuda/emulation/hybrid_emulation.cpp, built
 * by CMake next to the layout probe): feature maps, modes, GQA, dropout, f16, diagnostics and prefill continued by
 * decode, each against a double-precision naive reference, on machines without a GPU.
 */
class HybridKernelEmulationTest {

    @Test
    void hybridKernelLogicMatchesTheDoubleReference() throws Exception {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        Path emulation = probe.resolveSibling("panattn_hybrid_emulation");
        assumeTrue(Files.isExecutable(emulation), () -> "skipped: " + emulation
                + " not built (native build skipped, or no C++ compiler)");
        Process process = new ProcessBuilder(emulation.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(600, TimeUnit.SECONDS), "emulation did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("PASS hybrid attention kernel emulation"), output);
        assertTrue(output.lines().filter(l -> l.startsWith("ok ")).count() >= 15, output);
    }
}
