package org.panattn;

import java.lang.management.ManagementFactory;
import java.util.List;

/** Decides, without touching incubator classes from this package, whether the Vector API backend can pay off. */
final class VectorSupportProbe {
    private VectorSupportProbe() {
    }

    static String unusableReason() {
        String vmInfo = System.getProperty("java.vm.info", "");
        if (vmInfo.contains("interpreted mode")) {
            return "the JVM runs interpreted (-Xint): vector code would be orders of magnitude slower";
        }
        try {
            List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
            for (String a : args) {
                if (a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4")) {
                    return "C2 is disabled (" + a + "): the Vector API is only intrinsified by C2";
                }
            }
        } catch (LinkageError | RuntimeException e) {
            // java.management absent (a jlinked runtime): no way to tell, assume C2 is there
        }
        try {
            Class<?> c = Class.forName("org.panattn.simd.SimdBackend");
            Object reason = c.getMethod("unusableReason").invoke(null);
            return (String) reason;
        } catch (ReflectiveOperationException | LinkageError e) {
            return "Vector API backend cannot load: " + e;
        }
    }
}
