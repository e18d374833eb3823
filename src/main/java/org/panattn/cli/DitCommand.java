package org.panattn.cli;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dit.DitFlops;
import org.panattn.dit.DitProblem;
import org.panattn.dit.DitSpec;
import org.panattn.dit.ResidualOutputs;
import org.panattn.io.Npy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** DiTFastAttn kernels on .npy tensors: window attention, and full + window + residual in one pass. */
@Command(name = "dit", mixinStandardHelpOptions = true,
        description = "DiTFastAttn attention kernels: 'window' (non-causal band |i-j| <= W) and 'residual' "
                + "(full and window attention in one pass, with the WA-RS residual R = O - W).",
        subcommands = {DitCommand.Window.class, DitCommand.Residual.class})
final class DitCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UsageException("expected a subcommand: window or residual (see 'panattn dit --help')");
    }

    /** The inputs and options both subcommands share. */
    static final class Inputs {
        @Option(names = "--q", required = true, paramLabel = "Q.npy", description = "Queries [B,Hq,N,D].")
        Path q;

        @Option(names = "--k", required = true, paramLabel = "K.npy", description = "Keys [B,Hkv,N,D].")
        Path k;

        @Option(names = "--v", required = true, paramLabel = "V.npy", description = "Values [B,Hkv,N,Dv].")
        Path v;

        @Option(names = "--window", required = true, paramLabel = "W",
                description = "Half-width of the band: query i sees keys |i - j| <= W (W >= 0).")
        int window;

        @Option(names = "--scale", paramLabel = "S", description = "Logit scale (default 1/sqrt(D)).")
        Float scale;

        DitSpec spec() {
            if (window < 0) {
                throw new UsageException("--window: expected >= 0, got " + window);
            }
            if (scale != null && !Float.isFinite(scale)) {
                throw new UsageException("--scale: expected a finite number, got " + scale);
            }
            DitSpec s = DitSpec.window(window);
            return scale == null ? s : s.withScale(scale);
        }

        /** Reads and validates the three inputs (exit 2 naming the files on a mismatch). */
        Tensor[] read(Arena arena, DitSpec spec) {
            Tensor qh = AttendCommand.readAttention(arena, q, "--q");
            Tensor kh = AttendCommand.readAttention(arena, k, "--k");
            Tensor vh = AttendCommand.readAttention(arena, v, "--v");
            try {
                DitProblem.of(qh, kh, vh, spec);
            } catch (IllegalArgumentException e) {
                throw new UsageException("inputs " + q.getFileName() + ", " + k.getFileName() + ", "
                        + v.getFileName() + ": " + e.getMessage());
            }
            return new Tensor[] {qh, kh, vh};
        }
    }

    @Command(name = "window", mixinStandardHelpOptions = true,
            description = "Window attention: out[b,h,i] = softmax over keys |i - j| <= W, fused (cost ~ (2W+1)·N).")
    static final class Window implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Inputs inputs;

        @Option(names = "--out", required = true, paramLabel = "O.npy", description = "Output [B,Hq,N,Dv] float32.")
        Path out;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() {
            DitSpec dit = inputs.spec();
            Backend backend = backendOptions.resolve();
            try (Arena arena = Arena.ofShared()) {
                Tensor[] host = inputs.read(arena, dit);
                DitProblem p = DitProblem.of(host[0], host[1], host[2], dit);
                Tensor[] dev = onDevice(backend, arena, host);
                Tensor od = backend.allocate(arena, DType.F32, p.outputShape());
                long t0 = System.nanoTime();
                backend.dit().window(dev[0], dev[1], dev[2], od, dit);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Npy.write(out, BackendOptions.onHost(arena, od));
                spec.commandLine().getOut().printf("dit window: backend %s, q %s, window %d (%.1f%% of full attention "
                                + "FLOPs), %.3f ms, %.2f GFLOP/s -> %s%n", backend.name(),
                        Arrays.toString(host[0].shape()), dit.window(), 100 * p.windowFlops() / p.fullFlops(),
                        seconds * 1e3, p.windowFlops() / seconds / 1e9, out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "residual", mixinStandardHelpOptions = true,
            description = "Full and window attention in one pass: O (full), W (window) and the WA-RS residual "
                    + "R = O - W, with W + R = O exactly in float32.")
    static final class Residual implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Inputs inputs;

        @Option(names = "--out-full", required = true, paramLabel = "O.npy", description = "Full attention output.")
        Path outFull;

        @Option(names = "--out-window", paramLabel = "WN.npy", description = "Window attention output.")
        Path outWindow;

        @Option(names = "--out-residual", required = true, paramLabel = "R.npy", description = "Residual O - W.")
        Path outResidual;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() {
            DitSpec dit = inputs.spec();
            Backend backend = backendOptions.resolve();
            try (Arena arena = Arena.ofShared()) {
                Tensor[] host = inputs.read(arena, dit);
                DitProblem p = DitProblem.of(host[0], host[1], host[2], dit);
                Tensor[] dev = onDevice(backend, arena, host);
                ResidualOutputs outs = ResidualOutputs.of(backend.allocate(arena, DType.F32, p.outputShape()),
                        backend.allocate(arena, DType.F32, p.outputShape()));
                if (outWindow != null) {
                    outs = outs.withWindow(backend.allocate(arena, DType.F32, p.outputShape()));
                }
                long t0 = System.nanoTime();
                backend.dit().fullWithResidual(dev[0], dev[1], dev[2], outs, dit);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Npy.write(outFull, BackendOptions.onHost(arena, outs.full()));
                Npy.write(outResidual, BackendOptions.onHost(arena, outs.residual()));
                if (outWindow != null) {
                    Npy.write(outWindow, BackendOptions.onHost(arena, outs.window()));
                }
                double cost = 1 + DitFlops.windowFraction(dit.window(), Math.max(1, p.tokens()));
                spec.commandLine().getOut().printf("dit residual: backend %s, q %s, window %d (cost %.3f x full "
                                + "attention), %.3f ms -> %s, %s%s%n", backend.name(), Arrays.toString(host[0].shape()),
                        dit.window(), cost, seconds * 1e3, outFull, outResidual,
                        outWindow == null ? "" : ", " + outWindow);
            }
            return ExitCodes.OK;
        }
    }

    private static Tensor[] onDevice(Backend backend, Arena arena, Tensor[] host) {
        return new Tensor[] {BackendOptions.onDevice(backend, arena, host[0]),
            BackendOptions.onDevice(backend, arena, host[1]), BackendOptions.onDevice(backend, arena, host[2])};
    }
}
