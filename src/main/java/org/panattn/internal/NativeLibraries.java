package org.panattn.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds and loads panattn's native libraries, once per process.
 *
 * <p>libpanattn_cuda.so comes from {@code -Dpanattn.native.path=DIR} when that property is set (builds and tests
 * point it at target/classes/native/linux-x86_64), otherwise from the jar's {@code native/linux-x86_64/} entry,
 * extracted to a temporary directory (dlopen cannot read inside a jar). A missing or unloadable library is never an
 * exception here: {@link #panattnCuda()} is empty and {@link #panattnCudaUnavailableReason()} says why.
 */
public final class NativeLibraries {
    public static final String CUDA_LIBRARY = "libpanattn_cuda.so";
    public static final String PATH_PROPERTY = "panattn.native.path";
    static final String RESOURCE_DIR = "native/linux-x86_64/";
    private static final String NOT_BUILT = CUDA_LIBRARY + " not built (no nvcc at build time)";

    private NativeLibraries() {
    }

    private record Loaded(SymbolLookup lookup, Path path, String reason) {
        static Loaded failed(String reason) {
            return new Loaded(null, null, reason);
        }
    }

    /** Loads on first use, so that a process that never asks for CUDA never dlopens anything. */
    private static final class CudaHolder {
        static final Loaded CUDA = loadCuda();
    }

    /** The symbols of libpanattn_cuda.so, or empty if it is missing or could not be loaded. */
    public static Optional<SymbolLookup> panattnCuda() {
        return Optional.ofNullable(CudaHolder.CUDA.lookup());
    }

    /** The file libpanattn_cuda.so was loaded from, or empty. */
    public static Optional<Path> panattnCudaPath() {
        return Optional.ofNullable(CudaHolder.CUDA.path());
    }

    /** Why libpanattn_cuda.so is not loaded, or null if it is. */
    public static String panattnCudaUnavailableReason() {
        return CudaHolder.CUDA.reason();
    }

    @SuppressWarnings("restricted") // dlopen of our own library; callers run with --enable-native-access
    private static Loaded loadCuda() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Loaded.failed(CUDA_LIBRARY + " exists only for linux-x86_64, this is " + os + "/" + arch);
        }
        try {
            Path file = locate();
            if (file == null) {
                String dir = System.getProperty(PATH_PROPERTY);
                return Loaded.failed(dir != null
                        ? NOT_BUILT + ": no such file in -D" + PATH_PROPERTY + "=" + dir
                        : NOT_BUILT + ": the classpath has no " + RESOURCE_DIR + CUDA_LIBRARY);
            }
            return new Loaded(SymbolLookup.libraryLookup(file, Arena.global()), file, null);
        } catch (IOException | RuntimeException | LinkageError e) {
            return Loaded.failed("cannot load " + CUDA_LIBRARY + ": " + e);
        }
    }

    /** The library file to load, or null if there is none. */
    private static Path locate() throws IOException {
        String dir = System.getProperty(PATH_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path file = Path.of(dir).resolve(CUDA_LIBRARY).toAbsolutePath();
            return Files.isRegularFile(file) ? file : null;
        }
        ClassLoader loader = NativeLibraries.class.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(RESOURCE_DIR + CUDA_LIBRARY)
                : loader.getResourceAsStream(RESOURCE_DIR + CUDA_LIBRARY)) {
            if (in == null) {
                return null;
            }
            Path tempDir = Files.createTempDirectory("panattn-native-");
            Path file = tempDir.resolve(CUDA_LIBRARY);
            // deleteOnExit runs in reverse order of registration: the file first, then its directory
            tempDir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
