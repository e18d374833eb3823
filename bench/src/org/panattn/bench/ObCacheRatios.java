package org.panattn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import org.panattn.Backend;

/**
 * The ratios {@link ObCacheBench} is about, measured interleaved: every round calls each compared operation once,
 * one after another, so that they all see the same machine load. On a shared machine the load moves within one
 * JMH run, which measures the benchmarks one after another, so its ratios can be off by more than the effects
 * measured. Prints, per shape, the median and best milliseconds of each operation and the median of the
 * per-round ratios (each against the round's baseline: dense attention for the scores, the contiguous copy of
 * the kept bytes for the eviction, next to the eviction's bare row moves, its ceiling). The operations are
 * {@link ObCacheBench}'s own benchmark methods and states. With a third argument {@code cpu1} the scores run on
 * {@code Backend.cpu(1)} (the caller's thread only) and each call is timed in that thread's CPU time
 * (ThreadMXBean), which another process's load on the other core moves less than wall time; the eviction then
 * leaves out the pooled eviction.
 * <pre>java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp target/benchmarks.jar org.panattn.bench.ObCacheRatios [seconds per shape, 20] [score, joint] [cpu1]</pre>
 */
public final class ObCacheRatios {
    private static final int WARMUP_ROUNDS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static boolean cpuTime;

    private ObCacheRatios() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        String score = args.length > 1 ? args[1] : "joint";
        cpuTime = args.length > 2 && args[2].equals("cpu1");
        Environment.reportCpuBackend(Backend.cpu());
        System.out.println(cpuTime ? "# one thread, CPU time of the calling thread" : "# Backend.cpu() pool, wall time");
        ObCacheBench bench = new ObCacheBench();
        for (int length : new int[] {4096, 32768}) {
            for (int window : new int[] {16, 64}) {
                ObCacheBench.Scoring s = new ObCacheBench.Scoring();
                s.length = length;
                s.window = window;
                s.score = score;
                s.setUp();
                if (cpuTime) {
                    s.cpu = Backend.cpu(1);
                }
                try {
                    report(String.format(Locale.ROOT, "score %s L %d w %d", score, length, window), seconds,
                            new Op("dense", null, () -> bench.denseWindowCpu(s)),
                            new Op("score", null, () -> bench.scoreCpu(s)),
                            new Op("score given window", null, () -> bench.scoreGivenWindowCpu(s)));
                } finally {
                    s.tearDown();
                }
            }
        }
        ObCacheBench.Eviction e = new ObCacheBench.Eviction();
        e.setUp();
        try {
            // each call on a freshly restored cache, as in the benchmark; the restore is not timed
            if (cpuTime) {
                report("evict L 32768 to 20%", seconds,
                        new Op("copy kept bytes", e::restore, () -> bench.copyKeptBytes(e)),
                        new Op("bare row moves", e::restore, () -> bench.scatteredRowMoves(e)),
                        new Op("evict (1 thread)", e::restore, () -> bench.evictCpuOneThread(e)));
            } else {
                report("evict L 32768 to 20%", seconds,
                        new Op("copy kept bytes", e::restore, () -> bench.copyKeptBytes(e)),
                        new Op("bare row moves", e::restore, () -> bench.scatteredRowMoves(e)),
                        new Op("evict (pool)", e::restore, () -> bench.evictCpu(e)),
                        new Op("evict (1 thread)", e::restore, () -> bench.evictCpuOneThread(e)));
            }
        } finally {
            e.tearDown();
        }
    }

    /** An operation of a round: an untimed preparation (or null), then the timed call. */
    record Op(String name, Runnable prepare, Runnable timed) {
    }

    private static long now() {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Rounds of every op in turn for {@code seconds}; the first op is the baseline of the ratios. */
    private static void report(String label, double seconds, Op... ops) {
        long[][] times = new long[ops.length][16];
        int rounds = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; System.nanoTime() < end || rounds < 5; round++) {
            long[] t = new long[ops.length];
            for (int i = 0; i < ops.length; i++) {
                if (ops[i].prepare() != null) {
                    ops[i].prepare().run();
                }
                long t0 = now();
                ops[i].timed().run();
                t[i] = now() - t0;
            }
            if (round < WARMUP_ROUNDS) {
                continue;
            }
            if (rounds == times[0].length) {
                for (int i = 0; i < ops.length; i++) {
                    times[i] = Arrays.copyOf(times[i], 2 * rounds);
                }
            }
            for (int i = 0; i < ops.length; i++) {
                times[i][rounds] = t[i];
            }
            rounds++;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s %4d rounds |", label, rounds));
        for (int i = 0; i < ops.length; i++) {
            long[] own = Arrays.copyOf(times[i], rounds);
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = (double) times[i][r] / times[0][r];
            }
            Arrays.sort(own);
            Arrays.sort(ratio);
            line.append(String.format(Locale.ROOT, " %s %.2f ms (best %.2f)", ops[i].name(), own[rounds / 2] / 1e6,
                    own[0] / 1e6));
            if (i > 0) {
                line.append(String.format(Locale.ROOT, " = %.2fx", ratio[rounds / 2]));
            }
            line.append(i + 1 < ops.length ? ";" : "");
        }
        System.out.println(line);
    }
}
