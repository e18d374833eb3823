package org.panattn.bench;

import org.panattn.Backend;

/** What the benchmark log should say about the machine and the backend actually measured. */
final class Environment {
    private Environment() {
    }

    /** Says loudly when Backend.cpu() is the scalar reference, so a slow figure is never mistaken for the kernel. */
    static void reportCpuBackend(Backend backend) {
        String reason = Backend.cpuFallbackReason();
        if (reason != null) {
            System.out.println("# panattn cpu backend: " + backend.name() + " (FALLBACK to the reference: " + reason
                    + ")");
        } else {
            System.out.println("# panattn cpu backend: " + backend.name() + " (" + backend.getClass().getName() + ")");
        }
    }
}
