package org.panattn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.hybrid.FeatureMap;
import org.panattn.hybrid.HybridMode;
import org.panattn.hybrid.HybridOutputs;
import org.panattn.hybrid.HybridParams;
import org.panattn.hybrid.HybridProblem;
import org.panattn.hybrid.HybridSpec;
import org.panattn.io.Npy;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Windowed/linear hybrid attention (LoLCATs form) on .npy tensors, with the per-head component diagnostics. */
@Command(name = "hybrid", mixinStandardHelpOptions = true,
        description = "Windowed/linear hybrid attention (LoLCATs form): a softmax over the last W keys plus a linear "
                + "(feature-map) branch over all older keys under one normaliser, and per-head diagnostics of how "
                + "much each branch contributes (a linear share near 0 means the layer bypasses its linear branch).")
final class HybridCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--q", required = true, paramLabel = "Q.npy", description = "Queries [B,Hq,T,D].")
    Path q;

    @Option(names = "--k", required = true, paramLabel = "K.npy", description = "Keys [B,Hkv,T,D].")
    Path k;

    @Option(names = "--v", required = true, paramLabel = "V.npy", description = "Values [B,Hkv,T,Dv].")
    Path v;

    @Option(names = "--window", required = true, paramLabel = "W",
            description = "Softmax window: keys i-W < j <= i (LoLCATs: 64).")
    int window;

    @Option(names = "--feature-map", required = true, paramLabel = "hedgehog|elu1|relu|exp",
            description = "phi of the linear branch (hedgehog needs --fm-weights-q).")
    String featureMap;

    @Option(names = "--fm-weights-q", paramLabel = "WQ.npy",
            description = "Feature-map weights for queries [Hq,D,F/2] float32 (Hedgehog: F/2 per softmax half).")
    Path weightsQ;

    @Option(names = "--fm-weights-k", paramLabel = "WK.npy",
            description = "Feature-map weights for keys [Hq,D,F/2] float32 (default: tied to --fm-weights-q).")
    Path weightsK;

    static final class WindowFactor {
        @Option(names = "--gamma", paramLabel = "G", description = "Window factor g of every head (default 0.1).")
        Float gamma;

        @Option(names = "--window-factor", paramLabel = "GH.npy", description = "Per-head window factors [Hq] float32.")
        Path perHead;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    WindowFactor factor;

    @Option(names = "--affine", description = "Linear factor l = 1 - g (default l = 1).")
    boolean affine;

    @Option(names = "--mode", paramLabel = "hybrid|window-only|linear-only|sinks-only|zero", defaultValue = "hybrid",
            description = "The full layer (default) or a component diagnostic.")
    String mode;

    @Option(names = "--sinks", paramLabel = "S", defaultValue = "0",
            description = "Leading tokens sinks-only attends to (required >= 1 with --mode sinks-only).")
    int sinks;

    @Option(names = "--scale", paramLabel = "S", description = "Logit scale of the window branch (default 1/sqrt(D)).")
    Float scale;

    @Option(names = "--out", required = true, paramLabel = "O.npy", description = "Output [B,Hq,T,Dv] float32.")
    Path out;

    @Option(names = "--diagnostics", paramLabel = "D.json",
            description = "Per-head shares of the normaliser and of the output norm from each branch.")
    Path diagnostics;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() {
        HybridSpec hybrid = buildSpec();
        Backend backend = backendOptions.resolve();
        try (Arena arena = Arena.ofShared()) {
            Tensor qh = AttendCommand.readAttention(arena, q, "--q");
            Tensor kh = AttendCommand.readAttention(arena, k, "--k");
            Tensor vh = AttendCommand.readAttention(arena, v, "--v");
            Tensor wq = weightsQ == null ? null : Npy.read(weightsQ, arena);
            Tensor wk = weightsK == null ? null : Npy.read(weightsK, arena);
            Tensor factors = factor == null || factor.perHead == null ? null : Npy.read(factor.perHead, arena);
            HybridParams hostParams = new HybridParams(wq, wk, factors, null);
            HybridProblem p;
            try {
                p = HybridProblem.of(qh, kh, vh, hostParams, null, hybrid, null, HybridProblem.Phase.PREFILL);
            } catch (IllegalArgumentException e) {
                throw new UsageException("inputs " + inputNames() + ": " + e.getMessage());
            }
            Tensor qd = BackendOptions.onDevice(backend, arena, qh);
            Tensor kd = BackendOptions.onDevice(backend, arena, kh);
            Tensor vd = BackendOptions.onDevice(backend, arena, vh);
            HybridParams params = new HybridParams(wq == null ? null : BackendOptions.onDevice(backend, arena, wq),
                    wk == null ? null : BackendOptions.onDevice(backend, arena, wk), factors, null);
            HybridOutputs outputs = HybridOutputs.of(backend.allocate(arena, DType.F32, p.batch(), p.headsQ(),
                    p.tokens(), p.headDimV()))
                    .withDiagnostics(backend.allocate(arena, DType.F32, p.batch(), p.headsQ(),
                            HybridOutputs.DIAGNOSTICS));
            long t0 = System.nanoTime();
            backend.hybrid().prefill(qd, kd, vd, params, outputs, hybrid);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Npy.write(out, BackendOptions.onHost(arena, outputs.out()));
            Tensor diag = BackendOptions.onHost(arena, outputs.diagnostics());
            if (diagnostics != null) {
                try {
                    Files.writeString(diagnostics, json(backend.name(), p, diag, seconds));
                } catch (IOException e) {
                    throw new UncheckedIOException(diagnostics + ": " + e.getMessage(), e);
                }
            }
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "hybrid: backend %s, q %s k %s v %s, w %d, %s F=%d, mode %s, %.3f ms, mean shares of the "
                            + "normaliser: window %.4f linear %.4f -> %s%n",
                    backend.name(), Arrays.toString(qh.shape()), Arrays.toString(kh.shape()),
                    Arrays.toString(vh.shape()), hybrid.window(), hybrid.featureMap().cliName(), p.featureDim(),
                    hybrid.mode().cliName(), seconds * 1e3, meanOver(diag, HybridOutputs.WINDOW_DENOMINATOR_SHARE),
                    meanOver(diag, HybridOutputs.LINEAR_DENOMINATOR_SHARE), out);
        }
        return ExitCodes.OK;
    }

    private String inputNames() {
        StringBuilder names = new StringBuilder(q.getFileName() + ", " + k.getFileName() + ", " + v.getFileName());
        for (Path extra : new Path[] {weightsQ, weightsK, factor == null ? null : factor.perHead}) {
            if (extra != null) {
                names.append(", ").append(extra.getFileName());
            }
        }
        return names.toString();
    }

    private HybridSpec buildSpec() {
        if (window < 1) {
            throw new UsageException("--window: expected >= 1, got " + window);
        }
        FeatureMap map;
        HybridMode m;
        try {
            map = FeatureMap.parse(featureMap);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--feature-map: expected hedgehog, elu1, relu or exp, got " + featureMap);
        }
        try {
            m = HybridMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode: expected hybrid, window-only, linear-only, sinks-only or zero, got "
                    + mode);
        }
        float gamma = factor != null && factor.gamma != null ? factor.gamma : HybridSpec.DEFAULT_GAMMA;
        if (!Float.isFinite(gamma) || gamma < 0 || (affine && gamma > 1)) {
            throw new UsageException("--gamma: expected a finite window factor >= 0" + (affine ? " and <= 1 with "
                    + "--affine" : "") + ", got " + gamma);
        }
        if (sinks < 0 || (m == HybridMode.SINKS_ONLY && sinks < 1)) {
            throw new UsageException("--sinks: expected " + (m == HybridMode.SINKS_ONLY ? ">= 1 with --mode "
                    + "sinks-only" : ">= 0") + ", got " + sinks);
        }
        if (scale != null && !Float.isFinite(scale)) {
            throw new UsageException("--scale: expected a finite number, got " + scale);
        }
        if (weightsK != null && weightsQ == null) {
            throw new UsageException("--fm-weights-k: expected --fm-weights-q too (keys alone cannot be untied)");
        }
        HybridSpec s = new HybridSpec(window, map, m, gamma, affine, sinks, null);
        return scale == null ? s : s.withScale(scale);
    }

    private static double meanOver(Tensor diag, int entry) {
        double sum = 0;
        long n = 0;
        for (long b = 0; b < diag.dim(0); b++) {
            for (long h = 0; h < diag.dim(1); h++) {
                sum += diag.getFloat(b, h, entry);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The report: the call, then per (batch, head) the four shares, then their means over heads. */
    static String json(String backend, HybridProblem p, Tensor diag, double seconds) {
        StringBuilder s = new StringBuilder();
        HybridSpec h = p.spec();
        s.append("{\n");
        s.append(String.format(Locale.ROOT, "  \"backend\": \"%s\",%n  \"mode\": \"%s\",%n  \"feature_map\": \"%s\",%n"
                        + "  \"window\": %d,%n  \"features\": %d,%n  \"affine\": %b,%n  \"shape\": [%d, %d, %d, %d],%n"
                        + "  \"time_ms\": %s,%n", backend, h.mode().cliName(), h.featureMap().cliName(), h.window(),
                p.featureDim(), h.affine(), p.batch(), p.headsQ(), p.tokens(), p.headDim(), num(seconds * 1e3)));
        s.append("  \"heads\": [\n");
        for (long b = 0; b < p.batch(); b++) {
            for (long hd = 0; hd < p.headsQ(); hd++) {
                s.append(String.format(Locale.ROOT, "    {\"batch\": %d, \"head\": %d, \"window_factor\": %s, "
                                + "\"denominator_share\": {\"window\": %s, \"linear\": %s}, "
                                + "\"output_norm_share\": {\"window\": %s, \"linear\": %s}}",
                        b, hd, num(p.windowFactors()[(int) hd]),
                        num(diag.getFloat(b, hd, HybridOutputs.WINDOW_DENOMINATOR_SHARE)),
                        num(diag.getFloat(b, hd, HybridOutputs.LINEAR_DENOMINATOR_SHARE)),
                        num(diag.getFloat(b, hd, HybridOutputs.WINDOW_OUTPUT_SHARE)),
                        num(diag.getFloat(b, hd, HybridOutputs.LINEAR_OUTPUT_SHARE))));
                s.append(b == p.batch() - 1 && hd == p.headsQ() - 1 ? "\n" : ",\n");
            }
        }
        s.append("  ],\n");
        s.append(String.format(Locale.ROOT, "  \"mean\": {\"denominator_share\": {\"window\": %s, \"linear\": %s}, "
                        + "\"output_norm_share\": {\"window\": %s, \"linear\": %s}}%n",
                num(meanOver(diag, HybridOutputs.WINDOW_DENOMINATOR_SHARE)),
                num(meanOver(diag, HybridOutputs.LINEAR_DENOMINATOR_SHARE)),
                num(meanOver(diag, HybridOutputs.WINDOW_OUTPUT_SHARE)),
                num(meanOver(diag, HybridOutputs.LINEAR_OUTPUT_SHARE))));
        s.append("}\n");
        return s.toString();
    }

    private static String num(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "null";
    }
}
