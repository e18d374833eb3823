package org.panattn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panattn.Backend;
import org.panattn.PanattnException;
import org.panattn.internal.NativeLibraries;

/**
 * How the library is found, checked in fresh JVMs (the loader decides once per process): a -Dpanattn.native.path
 * without the library gives the "not built" reason and no exception until a CUDA backend is asked for; without the
 * property the library is extracted from the class path.
 */
class NativeLoadingTest {

    /** Run in a child JVM: prints the loader's view, one fact per line. */
    public static void main(String[] args) {
        System.out.println("path=" + NativeLibraries.panattnCudaPath().map(Path::toString).orElse("none"));
        System.out.println("library-reason=" + NativeLibraries.panattnCudaUnavailableReason());
        System.out.println("devices=" + CudaBackend.deviceCount());
        System.out.println("facade-reason=" + Backend.cudaUnavailableReason());
        try {
            Backend.cuda(0);
            System.out.println("open=ok");
        } catch (PanattnException e) {
            System.out.println("open=PanattnException: " + e.getMessage());
        }
    }

    private static List<String> runChild(String... properties) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the test's and the library's own locations: java.class.path is only the launcher's under a console runner
        String classPath = location(NativeLoadingTest.class) + File.pathSeparator + location(NativeLibraries.class);
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", classPath));
        command.addAll(List.of(properties));
        command.add(NativeLoadingTest.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + output);
        return output.lines().toList();
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + lines));
    }

    @Test
    void aDirectoryWithoutTheLibraryMeansNotBuilt(@TempDir Path empty) throws Exception {
        List<String> out = runChild("-D" + NativeLibraries.PATH_PROPERTY + "=" + empty);
        String expected = "libpanattn_cuda.so not built (no nvcc at build time): no such file in -Dpanattn.native.path="
                + empty;
        assertEquals("none", value(out, "path"));
        assertEquals(expected, value(out, "library-reason"));
        assertEquals("0", value(out, "devices"));
        assertEquals(expected, value(out, "facade-reason"));
        assertEquals("PanattnException: CUDA backend unavailable: " + expected, value(out, "open"));
    }

    @Test
    void withoutThePropertyTheLibraryIsExtractedFromTheClassPath() throws Exception {
        Path built = Path.of(System.getProperty(NativeLibraries.PATH_PROPERTY, "target/classes/native/linux-x86_64"))
                .resolve(NativeLibraries.CUDA_LIBRARY);
        assumeTrue(Files.isRegularFile(built), () -> "skipped: " + built + " not built (no nvcc at build time)");
        List<String> out = runChild();
        String path = value(out, "path");
        assertTrue(path.contains("panattn-native-") && path.endsWith(NativeLibraries.CUDA_LIBRARY),
                "expected a temporary copy, got " + path);
        assertEquals("null", value(out, "library-reason"));
        int devices = Integer.parseInt(value(out, "devices"));
        if (devices == 0) {
            assertTrue(value(out, "facade-reason").startsWith("cudaGetDeviceCount: "), value(out, "facade-reason"));
        } else {
            assertEquals("ok", value(out, "open"));
        }
    }
}
