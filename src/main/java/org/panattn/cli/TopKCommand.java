package org.panattn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dense.DenseProblem;
import org.panattn.dense.DenseSpec;
import org.panattn.io.Npy;
import org.panattn.topk.TopKOutputs;
import org.panattn.topk.TopKSpec;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Certified top-k attention on .npy tensors, with per-row k, tail mass, certificate and a JSON report. */
@Command(name = "topk", mixinStandardHelpOptions = true,
        description = "Certified top-k attention: per row keep the k largest logits (--k-fixed) or the fewest keys "
                + "whose discarded softmax mass (= total-variation distance) is at most EPS (--tv), and report it.")
final class TopKCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--q", required = true, paramLabel = "Q.npy", description = "Queries [B,Hq,Nq,D].")
    Path q;

    @Option(names = "--k", required = true, paramLabel = "K.npy", description = "Keys [B,Hkv,Nk,D].")
    Path k;

    @Option(names = "--v", required = true, paramLabel = "V.npy", description = "Values [B,Hkv,Nk,Dv].")
    Path v;

    static final class Mode {
        @Option(names = "--k-fixed", paramLabel = "N", description = "Keep the N largest logits per row.")
        Integer kFixed;

        @Option(names = "--tv", paramLabel = "EPS", description = "TV budget in (0,1): the fewest keys with tail <= EPS.")
        Double tv;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--causal", description = "Query i sees keys j <= i + Nk - Nq (bottom-right aligned).")
    boolean causal;

    @Option(names = "--scale", paramLabel = "S", description = "Logit scale (default 1/sqrt(D)).")
    Float scale;

    @Option(names = "--certify", paramLabel = "exact|bound", defaultValue = "exact",
            description = "exact: tau from the exact log-sum-exp (default); bound: k and tau from the blockwise bound.")
    String certify;

    @Option(names = "--out", required = true, paramLabel = "O.npy", description = "Output [B,Hq,Nq,Dv] float32.")
    Path out;

    @Option(names = "--kept-count", paramLabel = "KC.npy", description = "Keys kept per row [B,Hq,Nq] int32.")
    Path keptCount;

    @Option(names = "--tail", paramLabel = "TAU.npy", description = "Discarded tail mass tau per row [B,Hq,Nq].")
    Path tail;

    @Option(names = "--bound", paramLabel = "B.npy", description = "Certified bound on ||Attn - Attn_k|| per row.")
    Path bound;

    @Option(names = "--error", paramLabel = "ERR.npy", description = "Exact ||Attn - Attn_k|| per row (reads all V).")
    Path error;

    @Option(names = "--indices", paramLabel = "IDX.npy",
            description = "Kept key positions [B,Hq,Nq,maxKept] int32, ascending, padded with -1.")
    Path indices;

    @Option(names = "--report", paramLabel = "R.json", description = "Summary: rows, mean k/n, reduction, max tau.")
    Path report;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() {
        TopKSpec topk = buildSpec();
        Backend backend = backendOptions.resolve();
        try (Arena arena = Arena.ofShared()) {
            Tensor qh = AttendCommand.readAttention(arena, q, "--q");
            Tensor kh = AttendCommand.readAttention(arena, k, "--k");
            Tensor vh = AttendCommand.readAttention(arena, v, "--v");
            DenseProblem p;
            try {
                p = DenseProblem.of(qh, kh, vh, null, null, new DenseSpec(topk.scale(), topk.causal(), -1, -1));
            } catch (IllegalArgumentException e) {
                throw new UsageException("inputs " + q.getFileName() + ", " + k.getFileName() + ", "
                        + v.getFileName() + ": " + e.getMessage());
            }
            long[] rows = {p.batch(), p.headsQ(), p.nq()};
            long capacity = topk.isFixedK() ? Math.max(1, Math.min(topk.kFixed(), p.nk())) : Math.max(1, p.nk());
            TopKOutputs outs = TopKOutputs.of(backend.allocate(arena, DType.F32, p.batch(), p.headsQ(), p.nq(),
                    p.headDimV()))
                    .withKeptCount(backend.allocate(arena, DType.I32, rows))
                    .withTail(backend.allocate(arena, DType.F32, rows))
                    .withCertificate(backend.allocate(arena, DType.F32, rows));
            if (error != null) {
                outs = outs.withExactError(backend.allocate(arena, DType.F32, rows));
            }
            if (indices != null) {
                outs = outs.withIndices(backend.allocate(arena, DType.I32, p.batch(), p.headsQ(), p.nq(), capacity));
            }
            Tensor qd = BackendOptions.onDevice(backend, arena, qh);
            Tensor kd = BackendOptions.onDevice(backend, arena, kh);
            Tensor vd = BackendOptions.onDevice(backend, arena, vh);
            long t0 = System.nanoTime();
            backend.topk().attention(qd, kd, vd, outs, topk);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Tensor kc = BackendOptions.onHost(arena, outs.keptCount());
            Tensor tau = BackendOptions.onHost(arena, outs.tail());
            Npy.write(out, BackendOptions.onHost(arena, outs.out()));
            if (keptCount != null) {
                Npy.write(keptCount, kc);
            }
            if (tail != null) {
                Npy.write(tail, tau);
            }
            if (bound != null) {
                Npy.write(bound, BackendOptions.onHost(arena, outs.certificate()));
            }
            if (error != null) {
                Npy.write(error, BackendOptions.onHost(arena, outs.exactError()));
            }
            Summary summary = Summary.of(p, topk, kc, tau, seconds);
            if (indices != null) {
                Tensor all = BackendOptions.onHost(arena, outs.indices());
                Npy.write(indices, all.slice(3, 0, Math.max(1, Math.min(capacity, summary.maxKept))));
            }
            if (report != null) {
                try {
                    Files.writeString(report, summary.json(backend.name()));
                } catch (IOException e) {
                    throw new UncheckedIOException(report + ": " + e.getMessage(), e);
                }
            }
            spec.commandLine().getOut().println("topk: " + summary.line(backend.name()) + " -> " + out);
        }
        return ExitCodes.OK;
    }

    private TopKSpec buildSpec() {
        TopKSpec.Certify c = switch (certify.trim().toLowerCase(Locale.ROOT)) {
            case "exact" -> TopKSpec.Certify.EXACT;
            case "bound" -> TopKSpec.Certify.BOUND;
            default -> throw new UsageException("--certify: expected exact or bound, got " + certify);
        };
        if (mode.kFixed != null && mode.kFixed < 1) {
            throw new UsageException("--k-fixed: expected >= 1, got " + mode.kFixed);
        }
        if (mode.tv != null && !(mode.tv > 0 && mode.tv < 1)) {
            throw new UsageException("--tv: expected a TV budget in (0, 1), got " + mode.tv);
        }
        if (scale != null && !Float.isFinite(scale)) {
            throw new UsageException("--scale: expected a finite number, got " + scale);
        }
        TopKSpec s = mode.kFixed != null ? TopKSpec.fixedK(mode.kFixed) : TopKSpec.tvBudget(mode.tv);
        s = s.withCausal(causal).withCertify(c);
        return scale == null ? s : s.withScale(scale);
    }

    /** What the report says of one call. */
    record Summary(long rows, long nanRows, double meanKeepFraction, double reduction, double maxTau,
                   long rowsOverBudget, long maxKept, double seconds, TopKSpec spec) {

        static Summary of(DenseProblem p, TopKSpec spec, Tensor keptCount, Tensor tau, double seconds) {
            long rows = 0;
            long nanRows = 0;
            long over = 0;
            long maxKept = 0;
            double sumFraction = 0;
            double sumKept = 0;
            double sumVisible = 0;
            double maxTau = 0;
            for (long b = 0; b < p.batch(); b++) {
                for (long h = 0; h < p.headsQ(); h++) {
                    for (long i = 0; i < p.nq(); i++) {
                        long visible = spec.endKey(i, p.nq(), p.nk());
                        int kept = keptCount.getInt(b, h, i);
                        float t = tau.getFloat(b, h, i);
                        maxKept = Math.max(maxKept, kept);
                        if (visible == 0) {
                            continue;
                        }
                        rows++;
                        if (Float.isNaN(t)) {
                            nanRows++;
                            continue;
                        }
                        sumFraction += (double) kept / visible;
                        sumKept += kept;
                        sumVisible += visible;
                        maxTau = Math.max(maxTau, t);
                        if (!spec.isFixedK() && t > spec.epsilon()) {
                            over++;
                        }
                    }
                }
            }
            long counted = rows - nanRows;
            return new Summary(rows, nanRows, counted == 0 ? Double.NaN : sumFraction / counted,
                    sumKept == 0 ? Double.NaN : sumVisible / sumKept, maxTau, over, maxKept, seconds, spec);
        }

        String line(String backend) {
            return String.format(Locale.ROOT, "backend %s, %s, %d rows, mean k/n %.4f, reduction %.2fx, max tau %.3g,"
                    + " rows over budget %d%s, %.3f ms", backend, mode(), rows, meanKeepFraction, reduction, maxTau,
                    rowsOverBudget, nanRows > 0 ? ", NaN rows " + nanRows + " (no certificate)" : "", seconds * 1e3);
        }

        String json(String backend) {
            return String.format(Locale.ROOT, "{%n  \"backend\": \"%s\",%n  \"mode\": \"%s\",%n  \"certify\": \"%s\",%n"
                    + "  \"rows\": %d,%n  \"nan_rows\": %d,%n  \"mean_k_over_n\": %s,%n  \"reduction\": %s,%n"
                    + "  \"max_tau\": %s,%n  \"rows_over_budget\": %d,%n  \"max_kept\": %d,%n  \"time_ms\": %s%n}%n",
                    backend, mode(), spec.certify().name().toLowerCase(Locale.ROOT), rows, nanRows,
                    num(meanKeepFraction), num(reduction), num(maxTau), rowsOverBudget, maxKept, num(seconds * 1e3));
        }

        private String mode() {
            return spec.isFixedK() ? "k-fixed " + spec.kFixed() : "tv " + spec.epsilon();
        }

        private static String num(double x) {
            return Double.isFinite(x) ? Double.toString(x) : "null";
        }
    }
}
