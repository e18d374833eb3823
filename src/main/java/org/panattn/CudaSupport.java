package org.panattn;

import java.lang.reflect.InvocationTargetException;

/**
 * Reaches the CUDA backend (org.panattn.cuda.CudaBackend) lazily, so that a host without the native library never
 * loads it and every failure becomes one clear reason.
 */
final class CudaSupport {
    private static final String IMPL = "org.panattn.cuda.CudaBackend";

    private CudaSupport() {
    }

    static int deviceCount() {
        Object n = call("deviceCount", new Class<?>[0]);
        return n == null ? 0 : (Integer) n;
    }

    static String unavailableReason() {
        if (implementation() == null) {
            return "CUDA backend classes are missing from this build";
        }
        return (String) call("unavailableReason", new Class<?>[0]); // null: at least one device is usable
    }

    static Backend backend(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal: expected >= 0, got " + ordinal);
        }
        Object b = call("open", new Class<?>[] {int.class}, ordinal);
        if (b == null) {
            throw new PanattnException("CUDA backend unavailable: " + unavailableReason());
        }
        return (Backend) b;
    }

    private static Class<?> implementation() {
        try {
            return Class.forName(IMPL);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Object call(String method, Class<?>[] types, Object... args) {
        Class<?> c = implementation();
        if (c == null) {
            return null;
        }
        try {
            return c.getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new PanattnException("CUDA backend failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new PanattnException("CUDA backend is malformed: " + e, e);
        }
    }
}
