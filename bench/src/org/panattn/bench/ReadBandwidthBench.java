package org.panattn.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The read bandwidth a Vector API loop gets from a buffer as large as DecodeBench's K+V (2*Hkv*nk*D floats), on
 * the same thread count: the ceiling a memory-bound decode step can approach. GB/s = bytes / time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.NATIVE_ACCESS, JvmFlags.PRE_TOUCH, JvmFlags.HEAP_MIN,
        JvmFlags.HEAP_MAX})
@State(Scope.Benchmark)
public class ReadBandwidthBench {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Four independent accumulators hide the add latency, so the loop is limited by loads alone. */
    private static final int UNROLL = 4;

    /** The DecodeBench sizes this buffer matches: 2 * headsKv * nk * headDim floats. */
    @Param({"4"})
    public int headsKv;

    @Param({"4096", "16384", "32768"})
    public int nk;

    @Param({"128"})
    public int headDim;

    @Param({"1", "2"})
    public int threads;

    private Arena arena;
    private MemorySegment buffer;
    private ExecutorService helpers;
    private long[] chunkStarts;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        buffer = BenchData.random(arena, 4, 2L * headsKv * nk * headDim).segment();
        long floats = buffer.byteSize() / Float.BYTES;
        long step = (long) SPECIES.length() * UNROLL;
        chunkStarts = new long[threads + 1];
        for (int t = 0; t <= threads; t++) {
            // chunk boundaries on whole unrolled steps, so only the last chunk can have a tail
            chunkStarts[t] = t == threads ? floats : floats / threads / step * step * t;
        }
        helpers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "read-bandwidth-helper");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    @Benchmark
    public float sum() throws InterruptedException, ExecutionException {
        if (helpers == null) {
            return sum(buffer, 0, chunkStarts[1]);
        }
        List<Future<Float>> parts = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            long from = chunkStarts[t];
            long to = chunkStarts[t + 1];
            parts.add(helpers.submit(() -> sum(buffer, from, to)));
        }
        float total = sum(buffer, 0, chunkStarts[1]);
        for (Future<Float> part : parts) {
            total += part.get();
        }
        return total;
    }

    /** Sum of the floats with indices [from, to). */
    static float sum(MemorySegment segment, long from, long to) {
        int lanes = SPECIES.length();
        long step = (long) lanes * UNROLL;
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        ByteOrder order = ByteOrder.nativeOrder();
        long i = from;
        for (; i + step <= to; i += step) {
            long byteOffset = i * Float.BYTES;
            acc0 = acc0.add(FloatVector.fromMemorySegment(SPECIES, segment, byteOffset, order));
            acc1 = acc1.add(FloatVector.fromMemorySegment(SPECIES, segment, byteOffset + lanes * 4L, order));
            acc2 = acc2.add(FloatVector.fromMemorySegment(SPECIES, segment, byteOffset + lanes * 8L, order));
            acc3 = acc3.add(FloatVector.fromMemorySegment(SPECIES, segment, byteOffset + lanes * 12L, order));
        }
        float tail = 0;
        for (; i < to; i++) {
            tail += segment.getAtIndex(ValueLayout.JAVA_FLOAT, i);
        }
        return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD) + tail;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
        arena.close();
    }
}
