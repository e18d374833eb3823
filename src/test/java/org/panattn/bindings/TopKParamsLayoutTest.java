package org.panattn.bindings;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java layout of panattn_topk_params equals what the C compiler made of it (as native/probe prints it): size,
 * alignment, every field's offset and size, field order, and padding only where the compiler put it. (The
 * constants and functions of the top-k section are covered by PanattnLayoutTest and PanattnHeaderTest, which read
 * every macro and function of the header.)
 */
class TopKParamsLayoutTest {
    private static final String STRUCT = "panattn_topk_params";

    private record Field(long offset, long size) {
    }

    private static long size;
    private static long alignment;
    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    @BeforeAll
    static void runProbe() throws IOException, InterruptedException {
        Path probe = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));
        assumeTrue(Files.isExecutable(probe), () -> "skipped: layout probe " + probe
                + " not built (the native build was skipped with -DskipNative)");
        Process process = new ProcessBuilder(probe.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), "probe exit status; output:\n" + output);
        for (String line : output.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("struct") && w[1].equals(STRUCT)) {
                size = Long.parseLong(w[3]);
                alignment = Long.parseLong(w[5]);
            } else if (w[0].equals("field") && w[1].equals(STRUCT)) {
                FIELDS.put(w[2], new Field(Long.parseLong(w[4]), Long.parseLong(w[6])));
            }
        }
        assertFalse(FIELDS.isEmpty(), "the probe printed no field of " + STRUCT + ":\n" + output);
    }

    @Test
    void sizeAndAlignmentMatch() {
        GroupLayout layout = panattn_topk_params.layout();
        assertEquals(size, layout.byteSize(), "sizeof(" + STRUCT + ")");
        assertEquals(size, panattn_topk_params.sizeof());
        assertEquals(alignment, layout.byteAlignment(), "alignof(" + STRUCT + ")");
    }

    @Test
    void everyFieldHasTheCOffsetAndSize() throws Exception {
        GroupLayout layout = panattn_topk_params.layout();
        for (var e : FIELDS.entrySet()) {
            String name = e.getKey();
            long javaOffset = layout.byteOffset(groupElement(name));
            long javaSize = layout.select(groupElement(name)).byteSize();
            long accessorOffset = (Long) panattn_topk_params.class.getMethod(name + "$offset").invoke(null);
            assertEquals(e.getValue().offset(), javaOffset, "offsetof(" + STRUCT + ", " + name + ")");
            assertEquals(e.getValue().offset(), accessorOffset, name + "$offset()");
            assertEquals(e.getValue().size(), javaSize, "sizeof(" + STRUCT + "." + name + ")");
        }
        List<String> javaFields = layout.memberLayouts().stream()
                .filter(m -> !(m instanceof PaddingLayout))
                .map(m -> m.name().orElseThrow())
                .toList();
        assertEquals(List.copyOf(FIELDS.keySet()), javaFields, "fields (in order) of the C struct vs the Java layout");
    }

    @Test
    void paddingIsOnlyWhereTheCompilerPutsIt() {
        long covered = 0;
        for (MemoryLayout m : panattn_topk_params.layout().memberLayouts()) {
            if (!(m instanceof PaddingLayout)) {
                covered += m.byteSize();
            }
        }
        long fieldBytes = FIELDS.values().stream().mapToLong(Field::size).sum();
        assertEquals(fieldBytes, covered, "bytes of named fields");
    }
}
