package org.panattn;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import org.panattn.ref.ReferenceBackend;

/**
 * Picks the implementations at start-up, Lucene-style: the Vector API backend only when the incubator module is
 * present and vectors are wide enough to pay; otherwise the reference, with the reason logged once.
 */
final class Backends {
    private static final System.Logger LOG = System.getLogger("org.panattn");
    private static final Backend REFERENCE = new ReferenceBackend();
    private static volatile Backend cpu;
    private static volatile String cpuFallbackReason;

    private Backends() {
    }

    static Backend reference() {
        return REFERENCE;
    }

    static Backend cpu() {
        Backend b = cpu;
        if (b == null) {
            synchronized (Backends.class) {
                if (cpu == null) {
                    cpu = createCpu(0);
                }
                b = cpu;
            }
        }
        return b;
    }

    static Backend cpu(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        return createCpu(threads);
    }

    static String cpuFallbackReason() {
        cpu();
        return cpuFallbackReason;
    }

    private static Backend createCpu(int threads) {
        String reason = vectorApiUnusableReason();
        if (reason != null) {
            if (cpuFallbackReason == null) {
                cpuFallbackReason = reason;
                LOG.log(System.Logger.Level.WARNING, "panattn: Backend.cpu() falls back to the reference: " + reason);
            }
            return REFERENCE;
        }
        try {
            Class<?> c = Class.forName("org.panattn.simd.SimdBackend");
            return (Backend) c.getMethod("create", int.class).invoke(null, threads);
        } catch (InvocationTargetException e) {
            throw new PanattnException("cannot start the Vector API backend: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            cpuFallbackReason = "Vector API backend failed to load: " + e;
            LOG.log(System.Logger.Level.WARNING, "panattn: Backend.cpu() falls back to the reference: "
                    + cpuFallbackReason);
            return REFERENCE;
        }
    }

    private static String vectorApiUnusableReason() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "module jdk.incubator.vector is not resolved (run java with --add-modules=jdk.incubator.vector)";
        }
        if (Boolean.getBoolean("panattn.cpu.forceReference")) {
            return "system property panattn.cpu.forceReference=true";
        }
        return VectorSupportProbe.unusableReason();
    }

    static Backend cuda(int ordinal) {
        return CudaSupport.backend(ordinal);
    }

    static List<Backend> cudaDevices() {
        List<Backend> list = new ArrayList<>();
        int n = CudaSupport.deviceCount();
        for (int i = 0; i < n; i++) {
            list.add(CudaSupport.backend(i));
        }
        return list;
    }

    static String cudaUnavailableReason() {
        return CudaSupport.unavailableReason();
    }
}
