package org.panattn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.panattn.Backend;
import org.panattn.DType;
import org.panattn.Tensor;
import org.panattn.dit.AttentionMethod;
import org.panattn.dit.CompressionPlan;
import org.panattn.dit.DitExecutor;
import org.panattn.dit.DitMetrics;
import org.panattn.dit.DitSpec;
import org.panattn.dit.LayerAttention;
import org.panattn.dit.PlanSearch;
import org.panattn.dit.ResidualOutputs;
import org.panattn.dit.SyntheticDit;

/**
 * DiTFastAttn: the kernels (accuracy, W + R = O exactness, window vs full speed), then the greedy plan search on a
 * small DiT-like transformer with a 20-step CFG sampler at four loss budgets: the plan's attention FLOPs, the
 * measured speed-up of the sampler and the error of its output. With the environment variable
 * {@code PANATTN_DEMO_SVG=file.svg} it also draws the budget sweep.
 */
final class DitDemo implements DemoSection {
    static final double[] DELTAS = {0.025, 0.05, 0.1, 0.15};

    @Override
    public String title() {
        return "DiTFastAttn: window attention, residual sharing (WA-RS), AST, ASC and the greedy plan search";
    }

    @Override
    public void run(Backend backend, PrintWriter out) {
        if (!backend.device().isCpu() || backend.name().equals("ref")) {
            out.println("   (the DiT demo times and searches on the host Vector API kernels: using the cpu backend)");
            backend = Backend.cpu();
        }
        kernels(backend, out);
        sweep(backend, out);
    }

    private static void kernels(Backend backend, PrintWriter out) {
        try (Arena arena = Arena.ofShared()) {
            Tensor[] x = random(arena, 1, 2, 333, 72, 5);
            DitSpec spec = DitSpec.window(41);
            Tensor w = backend.dit().window(arena, x[0], x[1], x[2], spec);
            Tensor wRef = Backend.reference().dit().window(arena, x[0], x[1], x[2], spec);
            ResidualOutputs fused = backend.dit().fullWithResidual(arena, x[0], x[1], x[2], spec);
            Tensor sum = Tensor.allocate(arena, DType.F32, w.shape());
            backend.dit().addResidual(w, fused.residual(), sum);
            out.printf("   window attention N=333 D=72 w=41 vs reference: max |diff| %.2e; W + R = O: %d of %d "
                    + "elements differ in any bit%n", maxAbsDiff(w, wRef), bitMismatches(sum, fused.full()),
                    sum.numel());
        }
        // one thread, timed by its CPU time: ratios a busy machine does not distort much
        Backend oneThread = Backend.cpu(1);
        int n = 2048;
        int heads = 2;
        try (Arena arena = Arena.ofShared()) {
            Tensor[] x = random(arena, 1, heads, n, 64, 9);
            DitSpec spec = DitSpec.eighthOf(n);
            Tensor o = Tensor.allocate(arena, DType.F32, 1, heads, n, 64);
            ResidualOutputs outs = ResidualOutputs.of(o, Tensor.allocate(arena, DType.F32, 1, heads, n, 64));
            double full = bestCpu(4, () -> oneThread.dense().attention(x[0], x[1], x[2], o, spec.toDenseFull()));
            double window = bestCpu(4, () -> oneThread.dit().window(x[0], x[1], x[2], o, spec));
            double fused = bestCpu(4, () -> oneThread.dit().fullWithResidual(x[0], x[1], x[2], outs, spec));
            out.printf("   one-thread CPU time, H=%d N=%d D=64 w=N/8=%d: full %.1f ms, window %.1f ms (%.2fx faster), "
                    + "full+window+residual %.1f ms (%.2fx the cost of full)%n", heads, n, spec.window(), full * 1e3,
                    window * 1e3, full / window, fused * 1e3, fused / full);
        }
    }

    /** One measured point of the budget sweep. */
    private record Point(double delta, CompressionPlan plan, double flopsKept, double seconds, double attentionSeconds,
                         double error, double searchSeconds) {
    }

    private static void sweep(Backend backend, PrintWriter out) {
        SyntheticDit model = new SyntheticDit(SyntheticDit.Config.demo());
        SyntheticDit.Config cfg = model.config();
        int tokens = cfg.tokens();
        DitSpec spec = DitSpec.eighthOf(tokens);
        out.printf("   model: DiT-like, %d blocks, %d tokens (%dx%d grid), width %d, %d heads, %d-step Euler sampler, "
                        + "CFG scale %.1f (batch = [cond, uncond]), window w = N/8 = %d%n", cfg.layers(), tokens,
                cfg.grid(), cfg.grid(), cfg.channels(), cfg.heads(), cfg.steps(), cfg.cfgScale(), spec.window());
        try (Arena arena = Arena.ofShared()) {
            Tensor initial = model.initialState(arena, 3);
            CompressionPlan fullPlan = CompressionPlan.full(cfg.steps(), cfg.layers(), spec.window());
            List<PlanSearch.Result> results = new ArrayList<>();
            double[] searchSeconds = new double[DELTAS.length];
            for (int i = 0; i < DELTAS.length; i++) {
                long t0 = System.nanoTime();
                results.add(new PlanSearch(backend, spec, model.cfgOrder()).search(model, List.of(initial), DELTAS[i],
                        null));
                searchSeconds[i] = (System.nanoTime() - t0) / 1e9;
            }
            // timed after the searches (which warm the JIT up), full and compressed runs interleaved, best of 2
            Tensor reference = Tensor.allocate(arena, DType.F32, initial.shape());
            Tensor[] outputs = new Tensor[DELTAS.length];
            double[] fullTimes = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[][] times = new double[DELTAS.length][];
            for (int round = 0; round < 2; round++) {
                fullTimes = min(fullTimes, sample(backend, model, fullPlan, spec, initial, reference));
                for (int i = 0; i < DELTAS.length; i++) {
                    outputs[i] = outputs[i] == null ? Tensor.allocate(arena, DType.F32, initial.shape()) : outputs[i];
                    double[] t = sample(backend, model, results.get(i).plan(), spec, initial, outputs[i]);
                    times[i] = times[i] == null ? t : min(times[i], t);
                }
            }
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < DELTAS.length; i++) {
                CompressionPlan plan = results.get(i).plan();
                points.add(new Point(DELTAS[i], plan, plan.relativeCost(tokens), times[i][0], times[i][1],
                        DitMetrics.relativeError(reference, outputs[i]), searchSeconds[i]));
            }
            out.printf("   full attention everywhere: sampler %.1f ms (attention %.1f ms)%n", fullTimes[0] * 1e3,
                    fullTimes[1] * 1e3);
            out.println("   delta  full asc wa-rs wa-rs+asc ast  attn FLOPs  sampler  speed-up  attn speed-up  "
                    + "output error  search");
            for (Point p : points) {
                Map<AttentionMethod, Integer> c = p.plan.counts();
                out.printf(Locale.ROOT, "   %5.3f  %4d %3d %5d %9d %3d  %9.1f%%  %5.1f ms  %7.2fx  %12.2fx  %12.4f  %5.1f s%n",
                        p.delta, c.get(AttentionMethod.FULL), c.get(AttentionMethod.ASC), c.get(AttentionMethod.WA_RS),
                        c.get(AttentionMethod.WA_RS_ASC), c.get(AttentionMethod.AST), 100 * p.flopsKept,
                        p.seconds * 1e3, fullTimes[0] / p.seconds, fullTimes[1] / p.attentionSeconds, p.error,
                        p.searchSeconds);
            }
            out.println("   (output error: the search's metric, mean clip(|(O-O')/(max(O,O')+1e-6)|, 0, 10), between "
                    + "the final latents; timings are best of 2, full and compressed runs interleaved)");
            String svg = System.getenv("PANATTN_DEMO_SVG");
            if (svg != null && !svg.isBlank()) {
                writeSvg(Path.of(svg), points, fullTimes[0]);
                out.println("   plot -> " + svg);
            }
        }
    }

    private static double[] min(double[] a, double[] b) {
        return new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1])};
    }

    /** Runs the sampler with {@code plan} once: {total seconds, attention seconds}. */
    private static double[] sample(Backend backend, SyntheticDit model, CompressionPlan plan, DitSpec spec,
                                   Tensor initial, Tensor finalState) {
        int reps = 1;
        double best = Double.MAX_VALUE;
        double bestAttention = Double.MAX_VALUE;
        try (Arena arena = Arena.ofConfined();
             DitExecutor executor = new DitExecutor(backend, model.layers(), spec, model.cfgOrder())) {
            Tensor state = Tensor.allocate(arena, DType.F32, initial.shape());
            Tensor prediction = Tensor.allocate(arena, DType.F32, initial.shape());
            long[] attention = new long[1];
            for (int r = 0; r < reps; r++) {
                initial.copyTo(state);
                executor.invalidate();
                attention[0] = 0;
                long t0 = System.nanoTime();
                for (int step = 0; step < plan.steps(); step++) {
                    LayerAttention run = executor.step(plan, step);
                    model.predict(step, state, (l, q, k, v, o) -> {
                        long a = System.nanoTime();
                        run.attend(l, q, k, v, o);
                        attention[0] += System.nanoTime() - a;
                    }, prediction);
                    model.advance(step, state, prediction);
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                bestAttention = Math.min(bestAttention, attention[0] / 1e9);
            }
            state.copyTo(finalState);
        }
        return new double[] {best, bestAttention};
    }

    /** FLOPs kept and measured sampler time (both relative to full attention) against delta. */
    private static void writeSvg(Path file, List<Point> points, double fullSeconds) {
        int width = 520;
        int height = 320;
        int left = 60;
        int bottom = 270;
        int plotW = 420;
        int plotH = 230;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\">DiTFastAttn plan search: cost vs budget delta"
                + "</text>%n", left));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, bottom, left + plotW, bottom));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, bottom, left, bottom - plotH));
        for (int t = 0; t <= 4; t++) {
            double y = bottom - plotH * t / 4.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>%n",
                    left - 6, y + 4, 25 * t));
        }
        String[] colours = {"#1f77b4", "#d62728"};
        String[] labels = {"attention FLOPs kept", "sampler time (measured)"};
        for (int series = 0; series < 2; series++) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                double value = series == 0 ? p.flopsKept : p.seconds / fullSeconds;
                double x = left + plotW * (i + 0.5) / points.size();
                double y = bottom - plotH * Math.min(1.0, value);
                path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y,
                        colours[series]));
                if (series == 0) {
                    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3f"
                            + "</text>%n", x, bottom + 16, p.delta));
                }
            }
            sb.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\"/>%n", path,
                    colours[series]));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", left + 10,
                    bottom - plotH + 14 + 16 * series, colours[series], labels[series]));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">delta</text>%n",
                left + plotW / 2, bottom + 34));
        sb.append("</svg>\n");
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Best CPU time of the calling thread over {@code reps} calls after as many warm-up calls, in seconds. */
    private static double bestCpu(int reps, Runnable call) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            call.run();
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            call.run();
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        return best;
    }

    private static Tensor[] random(Arena arena, int b, int heads, int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor[] t = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            t[i] = Tensor.allocate(arena, DType.F32, b, heads, n, d);
            for (long j = 0; j < t[i].numel(); j++) {
                t[i].writeFloat(j, (float) r.nextGaussian());
            }
        }
        return t;
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs((double) x[i] - y[i]));
        }
        return m;
    }

    private static long bitMismatches(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        long count = 0;
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                count++;
            }
        }
        return count;
    }
}
