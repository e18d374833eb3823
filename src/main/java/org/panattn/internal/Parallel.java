package org.panattn.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs task indices [0, n) on an executor plus the calling thread. The caller also claims tasks, and waits only for
 * tasks that were claimed, so a saturated (or nested) executor can never deadlock a call.
 */
public final class Parallel {
    private static final ForkJoinPool SHARED = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("panattn-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);

    /** A thread that never runs: asks a segment whether threads other than its owner may touch it. */
    private static final Thread ANOTHER_THREAD = new Thread(() -> { });
    private static final Parallel CALLER_ONLY = new Parallel(Runnable::run, 1);

    private final Executor executor;
    private final int parallelism;

    public Parallel(Executor executor, int parallelism) {
        if (executor == null) {
            throw new IllegalArgumentException("executor: expected a value, got null");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: expected >= 1, got " + parallelism);
        }
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** The shared pool sized to the cores. */
    public static Parallel shared() {
        return new Parallel(SHARED, SHARED.getParallelism());
    }

    /** {@code threads} threads: the caller plus threads-1 of the shared pool. */
    public static Parallel threads(int threads) {
        return new Parallel(SHARED, threads);
    }

    /** Only the calling thread (for memory confined to it). */
    public static Parallel callerOnly() {
        return CALLER_ONLY;
    }

    /**
     * This, or {@link #callerOnly()} when some tensor's memory is confined to the calling thread (an
     * {@code Arena.ofConfined()} segment): workers could not read it.
     */
    public Parallel forTensors(org.panattn.Tensor... tensors) {
        for (org.panattn.Tensor t : tensors) {
            if (t != null && !t.segment().isAccessibleBy(ANOTHER_THREAD)) {
                return CALLER_ONLY;
            }
        }
        return this;
    }

    public int parallelism() {
        return parallelism;
    }

    public void forEach(int n, IntConsumer task) {
        if (n <= 0) {
            return;
        }
        int helpers = Math.min(parallelism, n) - 1;
        if (helpers == 0) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
                try {
                    if (failure.get() == null) {
                        task.accept(i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == n) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        };
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(worker);
            } catch (RuntimeException rejected) {
                break; // the caller does the rest
            }
        }
        worker.run();
        while (done.get() < n) {
            LockSupport.park(this);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
