package org.panattn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.io.Npy;
import org.panattn.sae.FeatureSelection;
import org.panattn.sae.FeatureStatistics;
import org.panattn.sae.SparseAutoencoder;
import org.panattn.sae.Steering;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code panattn sae encode|steer|select}: sparse-autoencoder features of residual streams saved as .npy. */
@Command(name = "sae", mixinStandardHelpOptions = true,
        description = "Sparse-autoencoder features (JumpReLU/ReLU SAEs from SAELens .safetensors or Gemma Scope "
                + ".npz): encode, one-feature steering, feature selection.",
        subcommands = {SaeCommand.Encode.class, SaeCommand.Steer.class, SaeCommand.Select.class})
final class SaeCommand {

    /** Loads the SAE (memory-mapped) and moves it to the backend's device. */
    static SparseAutoencoder loadSae(Backend backend, Arena arena, Path file) {
        SparseAutoencoder host;
        try {
            host = SparseAutoencoder.load(file, arena);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new UsageException("--sae " + (m != null && m.startsWith(file.toString()) ? m : file + ": " + m));
        }
        return loadSaeOnto(backend, arena, host);
    }

    /** The SAE on the backend's device: itself for host backends, device copies of its tensors otherwise. */
    static SparseAutoencoder loadSaeOnto(Backend backend, Arena arena, SparseAutoencoder host) {
        if (backend.device().equals(host.device())) {
            return host;
        }
        return new SparseAutoencoder(BackendOptions.onDevice(backend, arena, host.wEnc()),
                BackendOptions.onDevice(backend, arena, host.bEnc()),
                host.threshold() == null ? null : BackendOptions.onDevice(backend, arena, host.threshold()),
                BackendOptions.onDevice(backend, arena, host.wDec()), BackendOptions.onDevice(backend, arena, host.bDec()),
                host.activation(), host.k(), host.centerInput());
    }

    /** X.npy: [T, d_in] or [B, T, d_in], float32 or float16, with d_in that of the SAE. */
    static Tensor readResidual(Arena arena, Path file, String option, SparseAutoencoder sae) {
        Tensor t = Npy.read(file, arena);
        if (t.rank() != 2 && t.rank() != 3) {
            throw new UsageException(option + " " + file + ": expected a 2-d [T, d_in] or 3-d [B, T, d_in] array, got"
                    + " shape " + Arrays.toString(t.shape()));
        }
        if (!t.dtype().isFloating()) {
            throw new UsageException(option + " " + file + ": expected float32 or float16, got " + t.dtype());
        }
        if (t.dim(t.rank() - 1) != sae.dIn()) {
            throw new UsageException(option + " " + file + ": expected last dim " + sae.dIn() + " (the SAE's d_in), "
                    + "got shape " + Arrays.toString(t.shape()));
        }
        return t;
    }

    static long[] withLast(long[] shape, long last) {
        long[] s = shape.clone();
        s[s.length - 1] = last;
        return s;
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Dense SAE features f = act(x W_enc + b_enc) of every token, as float32 [..., d_sae].")
    static final class Encode implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--sae", required = true, paramLabel = "SAE.safetensors", description = "SAE weights "
                + "(W_enc, b_enc, threshold, W_dec, b_dec) as .safetensors or .npz.")
        Path sae;

        @Option(names = "--x", required = true, paramLabel = "X.npy", description = "Residual stream [T, d_in] or "
                + "[B, T, d_in].")
        Path x;

        @Option(names = "--out", required = true, paramLabel = "F.npy", description = "Features [..., d_sae] float32.")
        Path out;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() {
            Backend backend = backendOptions.resolve();
            try (Arena arena = Arena.ofShared()) {
                SparseAutoencoder s = loadSae(backend, arena, sae);
                Tensor xh = readResidual(arena, x, "--x", s);
                Tensor xd = BackendOptions.onDevice(backend, arena, xh);
                Tensor f = backend.allocate(arena, DType.F32, withLast(xh.shape(), s.dSae()));
                long t0 = System.nanoTime();
                backend.sae().encode(s, xd, f);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Tensor fh = BackendOptions.onHost(arena, f);
                Npy.write(out, fh);
                long tokens = xh.numel() / s.dIn();
                long nonzero = 0;
                float[] all = fh.numel() <= Integer.MAX_VALUE - 8 ? fh.toFloatArray() : new float[0];
                for (float v : all) {
                    nonzero += v != 0 ? 1 : 0;
                }
                spec.commandLine().getOut().printf(Locale.ROOT, "sae encode: backend %s, %d tokens, d_in %d, d_sae %d,"
                        + " %s, mean L0 %.1f, %.3f ms (%.1f GFLOP/s) -> %s%n", backend.name(), tokens, s.dIn(), s.dSae(),
                        s.activation(), tokens == 0 ? 0.0 : (double) nonzero / tokens, seconds * 1e3,
                        2.0 * tokens * s.dIn() * s.dSae() / seconds / 1e9, out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "steer", mixinStandardHelpOptions = true,
            description = "Edits one SAE feature J on every (or every masked) token: --clamp C sets f_J to C "
                    + "(x' = x + (C - f_J(x)) W_dec[J]), --add A adds A W_dec[J].")
    static final class Steer implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--sae", required = true, paramLabel = "SAE.safetensors", description = "SAE weights "
                + "(.safetensors or .npz).")
        Path sae;

        @Option(names = "--x", required = true, paramLabel = "X.npy", description = "Residual stream [T, d_in] or "
                + "[B, T, d_in].")
        Path x;

        @Option(names = "--feature", required = true, paramLabel = "J", description = "Feature index in [0, d_sae).")
        int feature;

        static final class Edit {
            @Option(names = "--clamp", paramLabel = "C", description = "Set f_J to C.")
            Float clamp;

            @Option(names = "--add", paramLabel = "A", description = "Add A * W_dec[J].")
            Float add;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Edit edit;

        @Option(names = "--positions", paramLabel = "MASK.npy", description = "Token mask [T] or [B, T] (int32 or "
                + "float, nonzero = steer); default: every token.")
        Path positions;

        @Option(names = "--out", required = true, paramLabel = "X2.npy", description = "Steered residual stream, "
                + "float32.")
        Path out;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() {
            Steering steering;
            try {
                steering = edit.clamp != null ? Steering.clamp(feature, edit.clamp) : Steering.add(feature, edit.add);
            } catch (IllegalArgumentException e) {
                throw new UsageException((edit.clamp != null ? "--clamp/--feature: " : "--add/--feature: ")
                        + e.getMessage());
            }
            Backend backend = backendOptions.resolve();
            try (Arena arena = Arena.ofShared()) {
                SparseAutoencoder s = loadSae(backend, arena, sae);
                if (feature >= s.dSae()) {
                    throw new UsageException("--feature: expected in [0, " + s.dSae() + ") (d_sae of " + sae
                            + "), got " + feature);
                }
                Tensor xh = readResidual(arena, x, "--x", s);
                Tensor mask = null;
                if (positions != null) {
                    mask = Npy.read(positions, arena);
                    long[] expected = Arrays.copyOf(xh.shape(), xh.rank() - 1);
                    if (!Arrays.equals(mask.shape(), expected)) {
                        throw new UsageException("--positions " + positions + ": expected shape "
                                + Arrays.toString(expected) + " (the leading dims of --x), got "
                                + Arrays.toString(mask.shape()));
                    }
                }
                Tensor x32 = Tensor.allocate(arena, DType.F32, xh.shape());
                xh.copyTo(x32);
                Tensor xd = BackendOptions.onDevice(backend, arena, x32);
                Tensor md = mask == null ? null : BackendOptions.onDevice(backend, arena, mask);
                long t0 = System.nanoTime();
                try {
                    backend.sae().steer(s, xd, md, steering, xd);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("steer " + sae.getFileName() + " on " + x.getFileName() + ": "
                            + e.getMessage());
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Npy.write(out, BackendOptions.onHost(arena, xd));
                long tokens = xh.numel() / s.dIn();
                spec.commandLine().getOut().printf(Locale.ROOT, "sae steer: backend %s, feature %d %s %s, %d tokens%s,"
                        + " %.3f ms -> %s%n", backend.name(), feature, edit.clamp != null ? "clamp" : "add",
                        edit.clamp != null ? edit.clamp : edit.add, tokens, mask == null ? "" : " (masked)",
                        seconds * 1e3, out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "select", mixinStandardHelpOptions = true,
            description = "Per-feature mean activation over the tokens of two classes (e.g. English vs French) and "
                    + "the N features with the largest |mean_b - mean_a|, as JSON.")
    static final class Select implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--sae", required = true, paramLabel = "SAE.safetensors", description = "SAE weights "
                + "(.safetensors or .npz).")
        Path sae;

        @Option(names = "--x-a", required = true, paramLabel = "XA.npy", description = "Residuals of class a.")
        Path xa;

        @Option(names = "--x-b", required = true, paramLabel = "XB.npy", description = "Residuals of class b.")
        Path xb;

        @Option(names = "--top", required = true, paramLabel = "N", description = "How many features to report.")
        int top;

        @Option(names = "--out", required = true, paramLabel = "SEL.json", description = "Ranked features as JSON.")
        Path out;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() {
            if (top < 1) {
                throw new UsageException("--top: expected >= 1, got " + top);
            }
            Backend backend = backendOptions.resolve();
            try (Arena arena = Arena.ofShared()) {
                SparseAutoencoder s = loadSae(backend, arena, sae);
                FeatureStatistics a = new FeatureStatistics(s.dSae());
                FeatureStatistics b = new FeatureStatistics(s.dSae());
                Tensor ah = readResidual(arena, xa, "--x-a", s);
                Tensor bh = readResidual(arena, xb, "--x-b", s);
                if (ah.numel() == 0 || bh.numel() == 0) {
                    throw new UsageException((ah.numel() == 0 ? "--x-a " + xa : "--x-b " + xb)
                            + ": expected at least one token, got none");
                }
                long t0 = System.nanoTime();
                backend.sae().accumulate(s, BackendOptions.onDevice(backend, arena, ah), null, a);
                backend.sae().accumulate(s, BackendOptions.onDevice(backend, arena, bh), null, b);
                double seconds = (System.nanoTime() - t0) / 1e9;
                List<FeatureSelection.Selected> selected = FeatureSelection.topByMeanDifference(a, b, top);
                StringBuilder json = new StringBuilder();
                json.append(String.format(Locale.ROOT, "{%n  \"backend\": \"%s\",%n  \"tokens_a\": %d,%n  \"tokens_b\": %d,"
                        + "%n  \"d_sae\": %d,%n  \"ranking\": \"abs(mean_b - mean_a)\",%n  \"features\": [", backend.name(),
                        a.tokens(), b.tokens(), s.dSae()));
                for (int i = 0; i < selected.size(); i++) {
                    FeatureSelection.Selected f = selected.get(i);
                    json.append(String.format(Locale.ROOT, "%s%n    {\"feature\": %d, \"mean_a\": %s, \"mean_b\": %s, "
                            + "\"difference\": %s, \"active_fraction_a\": %s, \"active_fraction_b\": %s}",
                            i == 0 ? "" : ",", f.feature(), num(f.meanA()), num(f.meanB()), num(f.difference()),
                            num(f.activeFractionA()), num(f.activeFractionB())));
                }
                json.append(String.format("%n  ]%n}%n"));
                try {
                    Files.writeString(out, json);
                } catch (IOException e) {
                    throw new UncheckedIOException(out + ": " + e.getMessage(), e);
                }
                FeatureSelection.Selected best = selected.get(0);
                spec.commandLine().getOut().printf(Locale.ROOT, "sae select: backend %s, %d + %d tokens, top feature %d "
                        + "(mean %.4g -> %.4g), %.3f ms -> %s%n", backend.name(), a.tokens(), b.tokens(),
                        best.feature(), best.meanA(), best.meanB(), seconds * 1e3, out);
            }
            return ExitCodes.OK;
        }

        private static String num(double x) {
            return Double.isFinite(x) ? Double.toString(x) : "null";
        }
    }
}
