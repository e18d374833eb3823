package org.panattn.cli;

import java.util.ArrayList;
import java.util.List;

import org.panattn.Backend;
import org.panattn.internal.NativeLibraries;

/** The lines `panattn info` prints (also the header of `panattn demo`). */
final class SystemInfo {
    private SystemInfo() {
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        Runtime rt = Runtime.getRuntime();
        lines.add("panattn " + new Main.Version().getVersion()[0].replace("panattn ", ""));
        lines.add("JDK:        " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        lines.add("OS/arch:    " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + rt.availableProcessors() + " cores, max heap " + (rt.maxMemory() >> 20) + " MiB");
        lines.add("Vector API: " + vectorDescription());
        String fallback = Backend.cpuFallbackReason();
        lines.add("cpu:        " + (fallback == null ? "Vector API kernels (" + Backend.cpu().name() + ")"
                : "falls back to the reference: " + fallback));
        lines.add("backends:   " + InfoCommand.backends());
        lines.add("native:     " + nativeDescription());
        String cudaReason = Backend.cudaUnavailableReason();
        lines.add("CUDA:       " + (cudaReason == null ? cudaDevices() : "no devices: " + cudaReason));
        return lines;
    }

    private static String vectorDescription() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "jdk.incubator.vector not resolved (run with --add-modules=jdk.incubator.vector)";
        }
        try {
            return VectorWidth.describe();
        } catch (LinkageError e) {
            return "unavailable: " + e;
        }
    }

    private static String nativeDescription() {
        String reason = NativeLibraries.panattnCudaUnavailableReason();
        return reason == null ? NativeLibraries.CUDA_LIBRARY + " loaded from "
                + NativeLibraries.panattnCudaPath().map(Object::toString).orElse("?") : reason;
    }

    private static String cudaDevices() {
        StringBuilder sb = new StringBuilder();
        for (Backend b : Backend.available()) {
            if (b.device().isCuda()) {
                sb.append(sb.isEmpty() ? "" : "; ").append(b);
            }
        }
        return sb.toString();
    }

    /** Separate class so that a JVM without the incubator module never links FloatVector. */
    private static final class VectorWidth {
        static String describe() {
            var species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
            return species.vectorBitSize() + "-bit preferred (" + species.length() + " float lanes)";
        }
    }
}
