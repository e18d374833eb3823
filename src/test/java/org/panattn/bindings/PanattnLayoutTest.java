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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java layouts and constants equal what the C compiler made of panattn.h (as native/probe prints it). */
class PanattnLayoutTest {
    private record Field(long offset, long size) {
    }

    private static final Map<String, Long> STRUCT_SIZE = new LinkedHashMap<>();
    private static final Map<String, Long> STRUCT_ALIGN = new LinkedHashMap<>();
    private static final Map<String, Map<String, Field>> FIELDS = new LinkedHashMap<>();
    private static final Map<String, Long> CONSTANTS = new LinkedHashMap<>();

    private static final Path PROBE = Path.of(System.getProperty("panattn.probe", "target/native-build/panattn_probe"));

    @BeforeAll
    static void runProbe() throws IOException, InterruptedException {
        if (!Files.isExecutable(PROBE)) {
            return; // every test reports itself skipped
        }
        Path probe = PROBE;
        Process process = new ProcessBuilder(probe.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), "probe exit status; output:\n" + output);
        for (String line : output.split("\n")) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "struct" -> {
                    STRUCT_SIZE.put(w[1], Long.parseLong(w[3]));
                    STRUCT_ALIGN.put(w[1], Long.parseLong(w[5]));
                }
                case "field" -> FIELDS.computeIfAbsent(w[1], s -> new LinkedHashMap<>())
                        .put(w[2], new Field(Long.parseLong(w[4]), Long.parseLong(w[6])));
                case "const" -> CONSTANTS.put(w[1], Long.parseLong(w[2]));
                default -> throw new AssertionError("unexpected probe line: " + line);
            }
        }
    }

    @BeforeEach
    void requireProbe() {
        assumeTrue(Files.isExecutable(PROBE), () -> "skipped: layout probe " + PROBE
                + " not built (the native build was skipped with -DskipNative)");
    }

    @Test
    void denseParamsSizeAndAlignmentMatch() {
        GroupLayout layout = panattn_dense_params.layout();
        assertEquals(STRUCT_SIZE.get("panattn_dense_params"), layout.byteSize(), "sizeof(panattn_dense_params)");
        assertEquals(STRUCT_SIZE.get("panattn_dense_params"), panattn_dense_params.sizeof());
        assertEquals(STRUCT_ALIGN.get("panattn_dense_params"), layout.byteAlignment(), "alignof(panattn_dense_params)");
    }

    @Test
    void everyDenseParamsFieldHasTheCOffsetAndSize() throws Exception {
        GroupLayout layout = panattn_dense_params.layout();
        Map<String, Field> c = FIELDS.get("panattn_dense_params");
        assertFalse(c == null || c.isEmpty(), "probe printed no field of panattn_dense_params");
        for (var e : c.entrySet()) {
            String name = e.getKey();
            long javaOffset = layout.byteOffset(groupElement(name));
            long javaSize = layout.select(groupElement(name)).byteSize();
            long accessorOffset = (Long) panattn_dense_params.class.getMethod(name + "$offset").invoke(null);
            assertEquals(e.getValue().offset(), javaOffset, "offsetof(panattn_dense_params, " + name + ")");
            assertEquals(e.getValue().offset(), accessorOffset, name + "$offset()");
            assertEquals(e.getValue().size(), javaSize, "sizeof(panattn_dense_params." + name + ")");
        }
        List<String> javaFields = layout.memberLayouts().stream()
                .filter(m -> !(m instanceof PaddingLayout))
                .map(m -> m.name().orElseThrow())
                .toList();
        assertEquals(List.copyOf(c.keySet()), javaFields, "fields (in order) of the C struct vs the Java layout");
    }

    @Test
    void paddingIsOnlyWhereTheCompilerPutsIt() {
        long covered = 0;
        for (MemoryLayout m : panattn_dense_params.layout().memberLayouts()) {
            if (!(m instanceof PaddingLayout)) {
                covered += m.byteSize();
            }
        }
        long fieldBytes = FIELDS.get("panattn_dense_params").values().stream().mapToLong(Field::size).sum();
        assertEquals(fieldBytes, covered, "bytes of named fields");
    }

    @Test
    void constantsMatchTheHeader() throws Exception {
        assertFalse(CONSTANTS.isEmpty(), "probe printed no constant");
        for (var e : CONSTANTS.entrySet()) {
            int javaValue = (Integer) panattn_h.class.getMethod(e.getKey()).invoke(null);
            assertEquals(e.getValue().longValue(), javaValue, e.getKey());
        }
    }

    @Test
    void everyIntegerMacroOfTheHeaderIsProbed() throws IOException {
        NativeHeader header = NativeHeader.read(NativeHeader.location());
        for (var e : header.integerMacros().entrySet()) {
            assertEquals(e.getValue(), CONSTANTS.get(e.getKey()), e.getKey() + " (header text vs probe)");
        }
    }
}
