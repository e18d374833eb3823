package org.panattn.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The Java layouts of the DiT structs equal what the C compiler made of panattn.h (as native/probe prints it). */
class DitLayoutTest {

    private record Field(long offset, long size) {
    }

    /** struct name -> {size, align}; struct name -> field name -> (offset, size). */
    private static Map<String, long[]> structs;
    private static Map<String, Map<String, Field>> fields;

    private static synchronized void probe() throws Exception {
        if (structs != null) {
            return;
        }
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        assumeTrue(Files.isExecutable(probe), () -> "skipped: layout probe " + probe + " not built");
        Process process = new ProcessBuilder(probe.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS), "probe did not finish");
        Map<String, long[]> s = new HashMap<>();
        Map<String, Map<String, Field>> f = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("struct")) {
                s.put(w[1], new long[] {Long.parseLong(w[3]), Long.parseLong(w[5])});
            } else if (w[0].equals("field")) {
                f.computeIfAbsent(w[1], x -> new HashMap<>()).put(w[2],
                        new Field(Long.parseLong(w[4]), Long.parseLong(w[6])));
            }
        }
        structs = s;
        fields = f;
    }

    private static void check(String name, GroupLayout layout, Class<?> binding) throws Exception {
        probe();
        long[] sizeAlign = structs.get(name);
        assertFalse(sizeAlign == null, "probe printed no struct " + name);
        assertEquals(sizeAlign[0], layout.byteSize(), "sizeof(" + name + ")");
        assertEquals(sizeAlign[1], layout.byteAlignment(), "alignof(" + name + ")");
        Map<String, Field> c = fields.get(name);
        int named = 0;
        for (MemoryLayout m : layout.memberLayouts()) {
            if (m instanceof PaddingLayout) {
                continue;
            }
            String field = m.name().orElseThrow();
            Field expected = c.get(field);
            assertFalse(expected == null, "probe printed no field " + name + "." + field);
            long offset = layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
            assertEquals(expected.offset(), offset, "offsetof(" + name + ", " + field + ")");
            assertEquals(expected.offset(), (Long) binding.getMethod(field + "$offset").invoke(null),
                    "accessor offset of " + name + "." + field);
            assertEquals(expected.size(), m.byteSize(), "sizeof(" + name + "." + field + ")");
            named++;
        }
        assertEquals(c.size(), named, "fields of " + name);
    }

    @Test
    void ditParamsMatchC() throws Exception {
        check("panattn_dit_params", panattn_dit_params.layout(), panattn_dit_params.class);
    }

    @Test
    void residualAddParamsMatchC() throws Exception {
        check("panattn_dit_residual_add_params", panattn_dit_residual_add_params.layout(),
                panattn_dit_residual_add_params.class);
    }
}
