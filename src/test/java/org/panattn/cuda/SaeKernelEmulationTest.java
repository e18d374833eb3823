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
 * Runs the SAE CUDA kernels' source as host code (kernels-cuda/emulation/sae_emulation.cpp, built by CMake next to
 * the layout probe): GEMM tiles, epilogues, dtypes, steering, and the feature-row kernels (TopK selection, sparse
 * output, statistics: ties, NaN, k and capacity at and beyond d_sae, NaN and empty masks) are checked against a
 * double reference that ranks and masks as org.panattn.ref.ReferenceSae does, on machines without a GPU.
 */
class SaeKernelEmulationTest {

    @Test
    void saeKernelLogicMatchesTheDoubleReference() throws Exception {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        Path emulation = probe.resolveSibling("panattn_sae_emulation");
        assumeTrue(Files.isExecutable(emulation), () -> "skipped: " + emulation
                + " not built (native build skipped, or no C++ compiler)");
        Process process = new ProcessBuilder(emulation.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "emulation did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("PASS sae kernel emulation"), output);
        assertTrue(output.lines().filter(l -> l.startsWith("ok ")).count() >= 22, output);
    }
}
