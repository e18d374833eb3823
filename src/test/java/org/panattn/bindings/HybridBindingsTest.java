package org.panattn.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** panattn_hybrid_params in Java has the C layout the probe prints: size, alignment and every field's offset. */
class HybridBindingsTest {

    @Test
    void hybridParamsMatchTheCLayout() throws IOException, InterruptedException {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        assumeTrue(Files.isExecutable(probe), () -> "skipped: layout probe " + probe + " not built");
        Process process = new ProcessBuilder(probe.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "probe did not finish");
        Map<String, long[]> fields = new LinkedHashMap<>();
        long size = -1;
        long align = -1;
        for (String line : output.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("struct") && w[1].equals("panattn_hybrid_params")) {
                size = Long.parseLong(w[3]);
                align = Long.parseLong(w[5]);
            } else if (w[0].equals("field") && w[1].equals("panattn_hybrid_params")) {
                fields.put(w[2], new long[] {Long.parseLong(w[4]), Long.parseLong(w[6])});
            }
        }
        assertFalse(fields.isEmpty(), "probe printed no field of panattn_hybrid_params:\n" + output);
        assertEquals(size, panattn_hybrid_params.sizeof(), "sizeof(panattn_hybrid_params)");
        assertEquals(align, panattn_hybrid_params.layout().byteAlignment(), "alignof(panattn_hybrid_params)");
        assertEquals(fields.size(), panattn_hybrid_params.layout().memberLayouts().size(), "field count");
        for (var e : fields.entrySet()) {
            try {
                long offset = (Long) panattn_hybrid_params.class.getMethod(e.getKey() + "$offset").invoke(null);
                assertEquals(e.getValue()[0], offset, "offsetof(panattn_hybrid_params, " + e.getKey() + ")");
            } catch (ReflectiveOperationException ex) {
                throw new AssertionError("no accessor for field " + e.getKey(), ex);
            }
        }
    }
}
