package org.panattn.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.PaddingLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java layouts of the SAE parameter structs equal what the C compiler made of panattn.h. */
class SaeLayoutTest {

    private static List<String> probe() throws IOException, InterruptedException {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        assumeTrue(Files.isExecutable(probe), () -> "skipped: layout probe " + probe + " not built");
        Process process = new ProcessBuilder(probe.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"panattn_sae_gemm_params", "panattn_sae_steer_params", "panattn_sae_features_params"})
    void structMatchesTheProbe(String struct) throws Exception {
        Class<?> binding = Class.forName("org.panattn.bindings." + struct);
        GroupLayout layout = (GroupLayout) binding.getMethod("layout").invoke(null);
        Map<String, long[]> fields = new LinkedHashMap<>();
        long size = -1;
        long align = -1;
        for (String line : probe()) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("struct") && w[1].equals(struct)) {
                size = Long.parseLong(w[3]);
                align = Long.parseLong(w[5]);
            } else if (w[0].equals("field") && w[1].equals(struct)) {
                fields.put(w[2], new long[] {Long.parseLong(w[4]), Long.parseLong(w[6])});
            }
        }
        assertEquals(size, layout.byteSize(), "sizeof(" + struct + ")");
        assertEquals(align, layout.byteAlignment(), "alignof(" + struct + ")");
        assertTrue(!fields.isEmpty(), "probe printed no field of " + struct);
        for (var e : fields.entrySet()) {
            String name = e.getKey();
            assertEquals(e.getValue()[0], layout.byteOffset(groupElement(name)), "offsetof(" + struct + ", " + name + ")");
            assertEquals(e.getValue()[0], (Long) binding.getMethod(name + "$offset").invoke(null), name + "$offset()");
            assertEquals(e.getValue()[1], layout.select(groupElement(name)).byteSize(), "sizeof(" + name + ")");
        }
        List<String> javaFields = new ArrayList<>();
        layout.memberLayouts().stream().filter(m -> !(m instanceof PaddingLayout))
                .forEach(m -> javaFields.add(m.name().orElseThrow()));
        assertEquals(List.copyOf(fields.keySet()), javaFields, "fields in order");
    }
}
