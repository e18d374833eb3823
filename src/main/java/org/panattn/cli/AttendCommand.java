package org.panattn.cli;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;
import org.panattn.io.Npy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Dense attention on .npy tensors in [B,H,N,D] layout. */
@Command(name = "attend", mixinStandardHelpOptions = true,
        description = "Dense (flash-style) attention on .npy tensors: Q [B,Hq,Nq,D], K [B,Hkv,Nk,D], V [B,Hkv,Nk,Dv] "
                + "(float32 or float16; Hq a multiple of Hkv). Writes O [B,Hq,Nq,Dv] float32.")
final class AttendCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--q", required = true, paramLabel = "Q.npy", description = "Queries [B,Hq,Nq,D].")
    Path q;

    @Option(names = "--k", required = true, paramLabel = "K.npy", description = "Keys [B,Hkv,Nk,D].")
    Path k;

    @Option(names = "--v", required = true, paramLabel = "V.npy", description = "Values [B,Hkv,Nk,Dv].")
    Path v;

    @Option(names = "--causal", description = "Query i sees keys j <= i + Nk - Nq (bottom-right aligned).")
    boolean causal;

    @Option(names = "--scale", paramLabel = "S", description = "Logit scale (default 1/sqrt(D)).")
    Float scale;

    @Option(names = "--window", paramLabel = "WL,WR",
            description = "Band: keys in [i' - WL, i' + WR] with i' = i + Nk - Nq; -1 = unbounded on that side.")
    String window;

    @Option(names = "--out", required = true, paramLabel = "O.npy", description = "Output [B,Hq,Nq,Dv] float32.")
    Path out;

    @Option(names = "--lse", paramLabel = "LSE.npy", description = "Also write the log-sum-exp per row [B,Hq,Nq].")
    Path lse;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() {
        DenseSpec denseSpec;
        try {
            denseSpec = new DenseSpec(scale, causal, windowSide(0), windowSide(1));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        Backend backend = backendOptions.resolve();
        try (Arena arena = Arena.ofShared()) {
            Tensor qh = readAttention(arena, q, "--q");
            Tensor kh = readAttention(arena, k, "--k");
            Tensor vh = readAttention(arena, v, "--v");
            DenseProblem p;
            try {
                p = DenseProblem.of(qh, kh, vh, null, null, denseSpec);
            } catch (IllegalArgumentException e) {
                throw new UsageException("inputs " + q.getFileName() + ", " + k.getFileName() + ", "
                        + v.getFileName() + ": " + e.getMessage());
            }
            Tensor qd = BackendOptions.onDevice(backend, arena, qh);
            Tensor kd = BackendOptions.onDevice(backend, arena, kh);
            Tensor vd = BackendOptions.onDevice(backend, arena, vh);
            Tensor od = backend.allocate(arena, DType.F32, p.batch(), p.headsQ(), p.nq(), p.headDimV());
            Tensor ld = lse == null ? null : backend.allocate(arena, DType.F32, p.batch(), p.headsQ(), p.nq());
            long t0 = System.nanoTime();
            backend.dense().attention(qd, kd, vd, od, ld, denseSpec);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Npy.write(out, BackendOptions.onHost(arena, od));
            if (lse != null) {
                Npy.write(lse, BackendOptions.onHost(arena, ld));
            }
            spec.commandLine().getOut().printf("attend: backend %s, q %s k %s v %s%s, %.3f ms, %.2f GFLOP/s -> %s%n",
                    backend.name(), Arrays.toString(qh.shape()), Arrays.toString(kh.shape()),
                    Arrays.toString(vh.shape()), describe(denseSpec), seconds * 1e3, p.flops() / seconds / 1e9, out);
        }
        return ExitCodes.OK;
    }

    static Tensor readAttention(Arena arena, Path file, String option) {
        Tensor t = Npy.read(file, arena);
        if (t.rank() != 4) {
            throw new UsageException(option + " " + file + ": expected a 4-d array [B,H,N,D], got shape "
                    + Arrays.toString(t.shape()));
        }
        if (!t.dtype().isFloating()) {
            throw new UsageException(option + " " + file + ": expected float32 or float16, got " + t.dtype());
        }
        return t;
    }

    private int windowSide(int side) {
        if (window == null) {
            return DenseSpec.UNBOUNDED;
        }
        String[] parts = window.split(",", -1);
        if (parts.length > 2) {
            throw new UsageException("--window: expected WL,WR (two integers, -1 = unbounded), got " + window);
        }
        String part = parts.length == 1 ? parts[0] : parts[side];
        int w;
        try {
            w = Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--window: expected WL,WR (two integers, -1 = unbounded), got " + window);
        }
        if (w < -1) {
            throw new UsageException("--window: expected each side >= 0 or -1 (unbounded), got " + window);
        }
        return w;
    }

    private static String describe(DenseSpec s) {
        StringBuilder sb = new StringBuilder();
        if (s.causal()) {
            sb.append(", causal");
        }
        if (s.windowLeft() != DenseSpec.UNBOUNDED || s.windowRight() != DenseSpec.UNBOUNDED) {
            sb.append(", window ").append(s.windowLeft()).append(',').append(s.windowRight());
        }
        return sb.toString();
    }
}
