package org.panattn.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the committed ONNX graphs of bench/onnx (built by bench/onnx/make_models.py) and names them the way
 * that script does. Looked up in order: system property {@code panattn.bench.onnx}, environment variable
 * {@code PANATTN_BENCH_ONNX}, ./bench/onnx, and bench/onnx beside the folder holding benchmarks.jar.
 */
final class OrtModels {
    private OrtModels() {
    }

    /**
     * The ONNX form behind an implementation name: "ort-graph" (plain ops), "ort-attn23" (the ONNX Attention op)
     * or "ort-mha" (com.microsoft.MultiHeadAttention, prefill only, inputs in the [B,N,H*D] layout).
     */
    static String form(String impl) {
        return switch (impl) {
            case "ort-graph" -> "graph";
            case "ort-attn23" -> "attn23";
            case "ort-mha" -> "mha";
            default -> throw new IllegalArgumentException("impl: expected ort-graph, ort-attn23 or ort-mha, got "
                    + impl);
        };
    }

    /** Whether the form takes [B,N,H*D] (token-major) tensors instead of [B,H,N,D]. */
    static boolean tokenMajor(String impl) {
        return impl.equals("ort-mha");
    }

    static Path prefill(String impl, int heads, int n, int d, boolean causal) {
        return find(form(impl) + "-prefill-h" + heads + "-n" + n + "-d" + d + "-"
                + (causal ? "causal" : "full") + ".onnx");
    }

    static Path decode(String impl, int headsQ, int headsKv, int nk, int d) {
        return find(form(impl) + "-decode-hq" + headsQ + "-hkv" + headsKv + "-nk" + nk + "-d" + d + ".onnx");
    }

    private static Path find(String fileName) {
        List<Path> tried = new ArrayList<>();
        for (Path dir : candidateDirs()) {
            Path file = dir.resolve(fileName);
            if (Files.isRegularFile(file)) {
                return file;
            }
            tried.add(file.toAbsolutePath());
        }
        throw new IllegalStateException("ONNX model " + fileName + " not found; tried " + tried
                + " (set -Dpanattn.bench.onnx=DIR or PANATTN_BENCH_ONNX=DIR, or run bench/onnx/make_models.py)");
    }

    private static List<Path> candidateDirs() {
        List<Path> dirs = new ArrayList<>();
        String property = System.getProperty("panattn.bench.onnx");
        if (property != null) {
            dirs.add(Path.of(property));
        }
        String env = System.getenv("PANATTN_BENCH_ONNX");
        if (env != null) {
            dirs.add(Path.of(env));
        }
        dirs.add(Path.of("bench", "onnx"));
        try {
            Path jar = Path.of(OrtModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = jar.getParent();
            if (target != null && target.getParent() != null) {
                dirs.add(target.getParent().resolve("bench").resolve("onnx"));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException unknownLocation) {
            // no code source (e.g. a custom class loader): the other locations still apply
        }
        return dirs;
    }
}
