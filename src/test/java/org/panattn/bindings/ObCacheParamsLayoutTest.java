package org.panattn.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.PaddingLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** panattn_obcache_params in Java has the C compiler's size, alignment, field order, offsets and sizes. */
class ObCacheParamsLayoutTest {

    @Test
    void layoutMatchesTheProbe() throws Exception {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        assumeTrue(Files.isExecutable(probe), () -> "skipped: layout probe " + probe + " not built");
        Process process = new ProcessBuilder(probe.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "probe did not finish");
        GroupLayout layout = panattn_obcache_params.layout();
        List<String> cFields = new ArrayList<>();
        boolean sawStruct = false;
        for (String line : output.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("struct") && w[1].equals("panattn_obcache_params")) {
                sawStruct = true;
                assertEquals(Long.parseLong(w[3]), layout.byteSize(), "sizeof");
                assertEquals(Long.parseLong(w[5]), layout.byteAlignment(), "alignof");
            } else if (w[0].equals("field") && w[1].equals("panattn_obcache_params")) {
                cFields.add(w[2]);
                assertEquals(Long.parseLong(w[4]), layout.byteOffset(groupElement(w[2])), "offsetof " + w[2]);
                assertEquals(Long.parseLong(w[6]), layout.select(groupElement(w[2])).byteSize(), "sizeof " + w[2]);
                assertEquals(Long.parseLong(w[4]),
                        (Long) panattn_obcache_params.class.getMethod(w[2] + "$offset").invoke(null), w[2] + "$offset");
            }
        }
        assertTrue(sawStruct, "probe printed panattn_obcache_params:\n" + output);
        List<String> javaFields = layout.memberLayouts().stream().filter(m -> !(m instanceof PaddingLayout))
                .map(m -> m.name().orElseThrow()).toList();
        assertEquals(cFields, javaFields, "fields in order");
    }
}
