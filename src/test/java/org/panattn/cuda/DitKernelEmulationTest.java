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
 * Runs the DiTFastAttn CUDA kernels' source as host code (kernels-cuda/emulation/dit_attention_emulation.cpp,
 * built by CMake next to the layout probe): window and fused kernels against a double reference, the fused W
 * equal to the window kernel's bit for bit, O = W + R exactly and the residual-add kernel reproducing O.
 */
class DitKernelEmulationTest {

    @Test
    void ditKernelLogicMatchesTheReferenceAndIsExact() throws Exception {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        Path emulation = probe.resolveSibling("panattn_dit_emulation");
        assumeTrue(Files.isExecutable(emulation), () -> "skipped: " + emulation
                + " not built (native build skipped, or no C++ compiler)");
        Process process = new ProcessBuilder(emulation.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "emulation did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("PASS dit attention kernel emulation"), output);
        assertTrue(output.lines().filter(l -> l.startsWith("ok ")).count() >= 7, output);
    }
}
